import { DateScalar, NotPersonal, SuppressedCount } from "@reception-graph/kit";
import { Field, ObjectType } from "type-graphql";
import { ReferralStatus } from "./referral.entity";

@ObjectType({ description: "How many referrals are (or entered) one status; a count of 1–4 is suppressed." })
@NotPersonal("a count of referrals in one status, suppressed when small enough to identify someone")
export class ReferralStatusCount {
  @Field(() => ReferralStatus, { description: "The status counted." })
  status: ReferralStatus;

  @Field(() => SuppressedCount, { description: "Referrals with this status; suppressed when 1–4." })
  count: SuppressedCount;
}

@ObjectType({ description: "Referrals of one ISO week (Monday to Sunday): made, and per status those entering it." })
@NotPersonal("counts of referrals in one week, each suppressed when small enough to identify someone")
export class WeeklyReferrals {
  @Field({ description: 'ISO 8601 week, e.g. "2026-W48".' })
  isoWeek: string;

  @Field(() => DateScalar, { description: "Monday of the week." })
  weekStart: string;

  @Field(() => SuppressedCount, {
    description: "Referrals made (sent to the partner) that week, within the period asked for.",
  })
  made: SuppressedCount;

  @Field(() => [ReferralStatusCount], {
    description: "Every status in lifecycle order: referrals that entered it that week, within the period.",
  })
  byStatus: ReferralStatusCount[];
}
