import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { CaseFileStatus, CaseSource, CloseReason } from "./case-file.entity";

@InputType({ description: "Opens a case file for a household; one open case file per household." })
export class OpenCaseFileInput {
  @Field(() => ID)
  householdId: string;

  @Field(() => CaseSource)
  source: CaseSource;

  @Field(() => ID, { nullable: true, description: "The social worker to assign right away." })
  socialWorkerId?: string | null;

  @Field(() => String, { nullable: true })
  sourceNote?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Day the file was opened; today when omitted." })
  openedOn?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "Assigns (or reassigns) an open case file to a social worker." })
export class AssignSocialWorkerInput {
  @Field(() => ID)
  caseFileId: string;

  @Field(() => ID)
  socialWorkerId: string;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Hands an open case file over to a regular welfare office." })
export class TransferCaseFileInput {
  @Field(() => ID)
  caseFileId: string;

  @Field({ description: "The receiving welfare office, e.g. 'OCMW Gent, Sociaal Huis Ledeberg'." })
  welfareOffice: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of transfer; today when omitted." })
  date?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Closes an open case file." })
export class CloseCaseFileInput {
  @Field(() => ID)
  caseFileId: string;

  @Field(() => CloseReason)
  reason: CloseReason;

  @Field(() => DateScalar, { nullable: true, description: "Day of closure; today when omitted." })
  date?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: "Filters for the case file list; all given filters apply together." })
export class CaseFileFilter {
  @Field(() => CaseFileStatus, { nullable: true })
  status?: CaseFileStatus | null;

  @Field(() => ID, { nullable: true })
  socialWorkerId?: string | null;

  @Field(() => ID, { nullable: true })
  householdId?: string | null;

  @Field(() => CaseSource, { nullable: true })
  source?: CaseSource | null;

  @Field(() => Boolean, { nullable: true, description: "Only open files without a social worker." })
  unassigned?: boolean | null;
}

@InputType({ description: "Records a social inquiry; only staff holding a qualifying diploma (else UNQUALIFIED)." })
export class RecordSocialInquiryInput {
  @Field(() => ID)
  caseFileId: string;

  @Field(() => ID, { description: "The staff member who carried out the inquiry." })
  investigatorId: string;

  @Field(() => DateScalar)
  date: string;

  @Field()
  summary: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
