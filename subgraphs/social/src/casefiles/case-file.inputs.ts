import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { CaseFileStatus, CaseSource, CloseReason } from "./case-file.entity";

@InputType({ description: "Opens a case file for a household; one open case file per household." })
export class OpenCaseFileInput {
  @Field(() => ID, { description: "The household the case file is for." })
  householdId: string;

  @Field(() => CaseSource, { description: "Who referred the household." })
  source: CaseSource;

  @Field(() => ID, { nullable: true, description: "The social worker to assign right away." })
  socialWorkerId?: string | null;

  @Field(() => String, { description: "Who exactly referred, when useful (e.g. which desk).", nullable: true })
  sourceNote?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Day the file was opened; today when omitted." })
  openedOn?: string | null;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Assigns (or reassigns) an open case file to a social worker." })
export class AssignSocialWorkerInput {
  @Field(() => ID, { description: "The case file to assign." })
  caseFileId: string;

  @Field(() => ID, { description: "The staff member (role SOCIAL_WORKER) who takes the case file." })
  socialWorkerId: string;

  @Field(() => String, {
    description: "Free text kept with the assignment event, e.g. why this worker.",
    nullable: true,
  })
  note?: string | null;
}

@InputType({ description: "Hands an open case file over to a regular welfare office." })
export class TransferCaseFileInput {
  @Field(() => ID, { description: "The case file to transfer." })
  caseFileId: string;

  @Field({ description: "The receiving welfare office, e.g. 'OCMW Gent, Sociaal Huis Ledeberg'." })
  welfareOffice: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of transfer; today when omitted." })
  date?: string | null;

  @Field(() => String, { description: "Free text kept with the transfer.", nullable: true })
  note?: string | null;
}

@InputType({ description: "Closes an open case file." })
export class CloseCaseFileInput {
  @Field(() => ID, { description: "The case file to close." })
  caseFileId: string;

  @Field(() => CloseReason, { description: "Why the file is closed." })
  reason: CloseReason;

  @Field(() => DateScalar, { nullable: true, description: "Day of closure; today when omitted." })
  date?: string | null;

  @Field(() => String, { description: "Free text kept with the closure.", nullable: true })
  note?: string | null;
}

@InputType({ description: "Filters for the case file list; all given filters apply together." })
export class CaseFileFilter {
  @Field(() => CaseFileStatus, { description: "Only case files with this status.", nullable: true })
  status?: CaseFileStatus | null;

  @Field(() => ID, { description: "Only case files assigned to this social worker.", nullable: true })
  socialWorkerId?: string | null;

  @Field(() => ID, { description: "Only the case files of this household.", nullable: true })
  householdId?: string | null;

  @Field(() => CaseSource, { description: "Only case files referred by this source.", nullable: true })
  source?: CaseSource | null;

  @Field(() => Boolean, { nullable: true, description: "Only open files without a social worker." })
  unassigned?: boolean | null;
}

@InputType({ description: "Records a social inquiry; only staff holding a qualifying diploma (else UNQUALIFIED)." })
export class RecordSocialInquiryInput {
  @Field(() => ID, { description: "The case file the inquiry belongs to." })
  caseFileId: string;

  @Field(() => ID, { description: "The staff member who carried out the inquiry." })
  investigatorId: string;

  @Field(() => DateScalar, { description: "Day of the inquiry." })
  date: string;

  @Field({ description: "What the inquiry found, in a few sentences." })
  summary: string;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}
