import { NotPersonal, SuppressedCount, SuppressedStatistic } from "@reception-graph/kit";
import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "Children whose first school day fell in one band of days waited." })
@NotPersonal("a count of children, with counts of 1–4 suppressed (access.md)")
export class TimeToSchoolBucket {
  @Field({ description: 'The band: "0-7", "8-14", "15-30" or "over 30" days.' })
  label: string;

  @Field(() => Int, { nullable: true, description: "Children in the band; null when suppressed." })
  count: number | null;

  @Field({ description: "True when the count is hidden (1–4, or the complement of a hidden band)." })
  suppressed: boolean;
}

@ObjectType({
  description:
    "Days from a child's registration with the OCMW cell to their first school day, for children whose first " +
    "school day fell in the period. Counts of 1–4 and a median over fewer than 5 children are suppressed.",
})
@NotPersonal("aggregates over at least 5 children; smaller counts are suppressed (access.md)")
export class TimeToSchool {
  @Field(() => SuppressedCount, { description: "Children counted (first school day in the period, with a place)." })
  children: SuppressedCount;

  @Field(() => Float, { nullable: true, description: "Median days to school; null when suppressed or no child." })
  median: number | null;

  @Field({ description: "True when the median is hidden because fewer than 5 children make it." })
  medianSuppressed: boolean;

  @Field(() => [TimeToSchoolBucket], { description: "0-7, 8-14, 15-30 and over 30 days, in that order." })
  buckets: TimeToSchoolBucket[];
}

@ObjectType({
  description: "Children whose first school day (with a place) fell in one calendar month, and their wait.",
})
@NotPersonal("a count of children and a median over them, suppressed when small (access.md)")
export class MonthlyTimeToSchool {
  @Field({ description: 'The month, "YYYY-MM".' })
  month: string;

  @Field(() => SuppressedCount, { description: "Children whose first school day with a place fell in the month." })
  enrolled: SuppressedCount;

  @Field(() => SuppressedStatistic, { description: "Their median days to school; basis = those children." })
  medianDays: SuppressedStatistic;
}
