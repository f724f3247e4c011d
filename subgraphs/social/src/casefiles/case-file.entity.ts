import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum CaseSource {
  WELFARE_OFFICE = "WELFARE_OFFICE",
  IOM_CENTRE = "IOM_CENTRE",
  OWN_REQUEST = "OWN_REQUEST",
  OTHER = "OTHER",
}
registerEnumType(CaseSource, {
  name: "CaseSource",
  description:
    "Who referred the household: WELFARE_OFFICE (welzijnsonthaal desk), IOM_CENTRE, OWN_REQUEST of the person, OTHER.",
  valuesConfig: {
    WELFARE_OFFICE: { description: "Referred by the welfare office's reception desk (welzijnsonthaal)." },
    IOM_CENTRE: { description: "Referred by an IOM centre." },
    OWN_REQUEST: { description: "The person came on their own." },
    OTHER: { description: "Another referrer; see sourceNote." },
  },
});

export enum CaseFileStatus {
  OPEN = "OPEN",
  TRANSFERRED = "TRANSFERRED",
  CLOSED = "CLOSED",
}
registerEnumType(CaseFileStatus, {
  name: "CaseFileStatus",
  description:
    "OPEN, TRANSFERRED to a regular welfare office (people settling for longer), or CLOSED (return, departure).",
  valuesConfig: {
    OPEN: { description: "Followed by the cell." },
    TRANSFERRED: { description: "Handed over to a regular welfare office (people settling for longer)." },
    CLOSED: { description: "Closed (return, departure or other reason)." },
  },
});

export enum CloseReason {
  RETURN_TO_UKRAINE = "RETURN_TO_UKRAINE",
  MOVED_AWAY = "MOVED_AWAY",
  OTHER = "OTHER",
}
registerEnumType(CloseReason, {
  name: "CloseReason",
  description: "Why a case file was closed.",
  valuesConfig: {
    RETURN_TO_UKRAINE: { description: "The household returned to Ukraine." },
    MOVED_AWAY: { description: "The household moved out of the cell's area." },
    OTHER: { description: "Another reason; see the end note." },
  },
});

export enum CaseFileEventKind {
  OPENED = "OPENED",
  ASSIGNED = "ASSIGNED",
  TRANSFERRED = "TRANSFERRED",
  CLOSED = "CLOSED",
}
registerEnumType(CaseFileEventKind, {
  name: "CaseFileEventKind",
  description: "What happened to a case file.",
  valuesConfig: {
    OPENED: { description: "The case file was opened." },
    ASSIGNED: { description: "A social worker was assigned (or reassigned)." },
    TRANSFERRED: { description: "The file went to a regular welfare office." },
    CLOSED: { description: "The file was closed." },
  },
});

@ObjectType({
  description:
    "A household's case file (dossier) with the cell: opened on referral, assigned to one social worker, then transferred or closed.",
})
@Entity({ name: "case_file" })
@Personal("SOCIAL_FINANCIAL")
export class CaseFile {
  @Field(() => ID, { description: "Identifier of the case file." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Field(() => CaseSource, { description: "Who referred the household to the cell." })
  @Column({ type: "text" })
  source: CaseSource;

  @Field(() => String, { nullable: true, description: "Who exactly referred, when useful (e.g. which desk)." })
  @Column({ name: "source_note", type: "text", nullable: true })
  sourceNote: string | null;

  @Field(() => CaseFileStatus, { description: "Whether the file is open, transferred or closed." })
  @Column({ type: "text" })
  status: CaseFileStatus;

  @Column({ name: "social_worker_id", type: "uuid", nullable: true })
  socialWorkerId: string | null;

  @Field(() => DateScalar, { description: "Day the case file was opened." })
  @Column({ name: "opened_on", type: "date" })
  openedOn: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of transfer or closure." })
  @Column({ name: "ended_on", type: "date", nullable: true })
  endedOn: string | null;

  @Field(() => String, { nullable: true, description: "The regular welfare office the file went to (TRANSFERRED)." })
  @Column({ name: "transferred_to", type: "text", nullable: true })
  transferredTo: string | null;

  @Field(() => CloseReason, { description: "Why the file was closed; null unless CLOSED.", nullable: true })
  @Column({ name: "close_reason", type: "text", nullable: true })
  closeReason: CloseReason | null;

  @Field(() => String, { description: "Free text recorded at transfer or closure.", nullable: true })
  @Column({ name: "end_note", type: "text", nullable: true })
  endNote: string | null;
}

@ObjectType({ description: "One step in a case file's history: who did what, when." })
@Entity({ name: "case_file_event" })
@Personal("SOCIAL_FINANCIAL")
export class CaseFileEvent {
  @Field(() => ID, { description: "Identifier of the event." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Order of recording (steps of one transaction share their time). */
  @Column({ type: "bigint", insert: false, update: false, select: false })
  seq?: number;

  @Column({ name: "case_file_id", type: "uuid" })
  caseFileId: string;

  @Field(() => CaseFileEventKind, { description: "What happened: opened, assigned, transferred or closed." })
  @Column({ type: "text" })
  kind: CaseFileEventKind;

  @Field(() => CaseFileStatus, { description: "Status after this step." })
  @Column({ type: "text" })
  status: CaseFileStatus;

  @Column({ name: "social_worker_id", type: "uuid", nullable: true })
  socialWorkerId: string | null;

  @Field(() => DateScalar, { description: "Day it happened." })
  @Column({ type: "date" })
  date: string;

  @Field(() => String, { description: "Free text recorded with the event.", nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field({ description: "Login subject of who recorded it." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Field({ description: "When the event was recorded in the system." })
  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;
}

@ObjectType({
  description: "A social inquiry (sociaal onderzoek) on a case file, by a staff member holding a qualifying diploma.",
})
@Entity({ name: "social_inquiry" })
@Personal("SOCIAL_FINANCIAL")
export class SocialInquiry {
  @Field(() => ID, { description: "Identifier of the inquiry." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "case_file_id", type: "uuid" })
  caseFileId: string;

  @Column({ name: "investigator_id", type: "uuid" })
  investigatorId: string;

  @Field(() => DateScalar, { description: "Day of the inquiry." })
  @Column({ type: "date" })
  date: string;

  @Field({ description: "What the inquiry found." })
  @Column({ type: "text" })
  summary: string;

  @Field({ description: "The qualifying diploma the investigator holds." })
  @Column({ name: "qualifying_diploma", type: "text" })
  qualifyingDiploma: string;

  @Field({ description: "When the inquiry was recorded." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
