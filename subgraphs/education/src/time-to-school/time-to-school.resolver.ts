import { badInput, DateScalar, Personal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Ctx, Query, Resolver } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { timeToSchool } from "./time-to-school.service";
import { TimeToSchool } from "./time-to-school.types";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => TimeToSchool)
export class TimeToSchoolResolver {
  @Personal("AGGREGATES")
  @Query(() => TimeToSchool, {
    description:
      "How long children waited for school: days from registration with the OCMW cell to the first school day, " +
      "for the children whose first school day fell between from and to (inclusive). Median and bands 0-7, " +
      "8-14, 15-30, over 30 days; counts of 1–4 (and one more band, when a single one is hidden) and a median " +
      "over fewer than 5 children are suppressed.",
  })
  timeToSchool(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Ctx() ctx: Ctx,
  ): Promise<TimeToSchool> {
    if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
    return timeToSchool(ctx.dataSource, from, to, null);
  }
}
