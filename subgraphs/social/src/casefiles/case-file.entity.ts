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
});

export enum CloseReason {
  RETURN_TO_UKRAINE = "RETURN_TO_UKRAINE",
  MOVED_AWAY = "MOVED_AWAY",
  OTHER = "OTHER",
}
registerEnumType(CloseReason, { name: "CloseReason", description: "Why a case file was closed." });

export enum CaseFileEventKind {
  OPENED = "OPENED",
  ASSIGNED = "ASSIGNED",
  TRANSFERRED = "TRANSFERRED",
  CLOSED = "CLOSED",
}
registerEnumType(CaseFileEventKind, { name: "CaseFileEventKind", description: "What happened to a case file." });

@ObjectType({
  description:
    "A household's case file (dossier) with the cell: opened on referral, assigned to one social worker, then transferred or closed.",
})
@Entity({ name: "case_file" })
@Personal("SOCIAL_FINANCIAL")
export class CaseFile {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "household_id", type: "uuid" })
  householdId: string;

  @Field(() => CaseSource)
  @Column({ type: "text" })
  source: CaseSource;

  @Field(() => String, { nullable: true, description: "Who exactly referred, when useful (e.g. which desk)." })
  @Column({ name: "source_note", type: "text", nullable: true })
  sourceNote: string | null;

  @Field(() => CaseFileStatus)
  @Column({ type: "text" })
  status: CaseFileStatus;

  @Column({ name: "social_worker_id", type: "uuid", nullable: true })
  socialWorkerId: string | null;

  @Field(() => DateScalar)
  @Column({ name: "opened_on", type: "date" })
  openedOn: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of transfer or closure." })
  @Column({ name: "ended_on", type: "date", nullable: true })
  endedOn: string | null;

  @Field(() => String, { nullable: true, description: "The regular welfare office the file went to (TRANSFERRED)." })
  @Column({ name: "transferred_to", type: "text", nullable: true })
  transferredTo: string | null;

  @Field(() => CloseReason, { nullable: true })
  @Column({ name: "close_reason", type: "text", nullable: true })
  closeReason: CloseReason | null;

  @Field(() => String, { nullable: true })
  @Column({ name: "end_note", type: "text", nullable: true })
  endNote: string | null;
}

@ObjectType({ description: "One step in a case file's history: who did what, when." })
@Entity({ name: "case_file_event" })
@Personal("SOCIAL_FINANCIAL")
export class CaseFileEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** Order of recording (steps of one transaction share their time). */
  @Column({ type: "bigint", insert: false, update: false, select: false })
  seq?: number;

  @Column({ name: "case_file_id", type: "uuid" })
  caseFileId: string;

  @Field(() => CaseFileEventKind)
  @Column({ type: "text" })
  kind: CaseFileEventKind;

  @Field(() => CaseFileStatus, { description: "Status after this step." })
  @Column({ type: "text" })
  status: CaseFileStatus;

  @Column({ name: "social_worker_id", type: "uuid", nullable: true })
  socialWorkerId: string | null;

  @Field(() => DateScalar)
  @Column({ type: "date" })
  date: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field({ description: "Login subject of who recorded it." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Field()
  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;
}

@ObjectType({
  description: "A social inquiry (sociaal onderzoek) on a case file, by a staff member holding a qualifying diploma.",
})
@Entity({ name: "social_inquiry" })
@Personal("SOCIAL_FINANCIAL")
export class SocialInquiry {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "case_file_id", type: "uuid" })
  caseFileId: string;

  @Column({ name: "investigator_id", type: "uuid" })
  investigatorId: string;

  @Field(() => DateScalar)
  @Column({ type: "date" })
  date: string;

  @Field()
  @Column({ type: "text" })
  summary: string;

  @Field({ description: "The qualifying diploma the investigator holds." })
  @Column({ name: "qualifying_diploma", type: "text" })
  qualifyingDiploma: string;

  @Field()
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
