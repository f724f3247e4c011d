import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { ServiceType } from "../services/service.entity";
import { ReferralPriority, ReferralStatus } from "./referral.entity";

@InputType({ description: "A referral of a person to a partner's service." })
export class CreateReferralInput {
  @Field(() => ID, { description: "The person referred." })
  personId: string;

  @Field(() => ID, { description: "The partner's service the person is referred to." })
  serviceId: string;

  @Field(() => ServiceType, { description: "Why the person is referred." })
  reason: ServiceType;

  @Field(() => ReferralPriority, { nullable: true, description: "Default NORMAL." })
  priority?: ReferralPriority | null;

  @Field({ description: "The person agreed to the referral. Needed to send it." })
  consent: boolean;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Day by which the service should take it up; not in the past.",
  })
  dueDate?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Short practical note for the receiving partner (no clinical detail).",
  })
  note?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Send it at once (default true; needs consent). false keeps it as a DRAFT.",
  })
  send?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second referral.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Moves a referral to its next status." })
export class TransitionReferralInput {
  @Field(() => ID, { description: "The referral to move on." })
  referralId: string;

  @Field(() => ReferralStatus, { description: "The new status." })
  to: ReferralStatus;

  @Field(() => String, { nullable: true, description: "Why (kept in the referral's history)." })
  note?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "For sending a DRAFT made without consent: true records that the person has now agreed.",
  })
  consent?: boolean | null;
}

@InputType({ description: "Filters for the referral list; all given filters apply together." })
export class ReferralFilter {
  @Field(() => ReferralStatus, { description: "Only referrals with this status.", nullable: true })
  status?: ReferralStatus | null;

  @Field(() => String, { nullable: true, description: "Receiving organisation code, e.g. CAW_OOST_VLAANDEREN." })
  organisation?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "true: only overdue referrals (due date passed, not completed, declined or cancelled); false: none of those.",
  })
  overdue?: boolean | null;

  @Field(() => ID, { description: "Only the referrals of this person.", nullable: true })
  personId?: string | null;
}
