import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { ReferralPriority } from "../referrals/referral.entity";
import { ServiceType } from "../services/service.entity";
import { CareContactKind } from "./care-contact.entity";

@InputType({ description: "An onward referral made with the contact (hospital, GP, specialised service…)." })
export class OnwardReferralInput {
  @Field(() => ID, { description: "The partner's service the person is referred to." })
  serviceId: string;

  @Field(() => ServiceType, { description: "What the person needs help with." })
  reason: ServiceType;

  @Field(() => ReferralPriority, { nullable: true, description: "Default NORMAL." })
  priority?: ReferralPriority | null;

  @Field({ description: "The person agreed to the referral (it is sent at once)." })
  consent: boolean;

  @Field(() => DateScalar, {
    description: "Day by which the person should be seen; omit when there is no deadline.",
    nullable: true,
  })
  dueDate?: string | null;

  @Field(() => String, { nullable: true, description: "Short practical note (no clinical detail)." })
  note?: string | null;
}

@InputType({ description: "A health contact with a person referred to the caller's organisation." })
export class RecordCareContactInput {
  @Field(() => ID, { description: "The person seen." })
  personId: string;

  @Field(() => ID, { description: "Site where the contact took place (a site housing knows)." })
  siteId: string;

  @Field(() => DateScalar, { description: "Day of the contact; not in the future." })
  date: string;

  @Field(() => CareContactKind, { description: "What the contact was." })
  kind: CareContactKind;

  @Field({ description: "What came of it (at most 2000 characters)." })
  outcome: string;

  @Field(() => ID, { nullable: true, description: "An existing referral of the same person this contact led to." })
  referralId?: string | null;

  @Field(() => OnwardReferralInput, { nullable: true, description: "Or: a new referral, created in the same call." })
  referral?: OnwardReferralInput | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second contact.",
  })
  idempotencyKey?: string | null;
}
