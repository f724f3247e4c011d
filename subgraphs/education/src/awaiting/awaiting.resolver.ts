import { Personal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, Int, Query, Resolver } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { ChildAwaitingSchool } from "./awaiting.entity";
import { AWAITING_MAX, childrenAwaitingSchool, DAYS_MAX, DEFAULT_FIRST } from "./awaiting.service";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => ChildAwaitingSchool)
export class AwaitingSchoolResolver {
  @Query(() => [ChildAwaitingSchool], {
    description:
      "Compulsory schooling alert: children aged 5–17 today, with no school place (a waiting-list entry is no " +
      "place), whose wait (from registration, or from moving in at their current site when later) is at least " +
      `daysSinceArrival days (0–${DAYS_MAX}), longest waiting first, at most \`first\` (default ${DEFAULT_FIRST}, ` +
      `at most ${AWAITING_MAX}). Education data: social workers see every child, site coordinators their ` +
      "residents, school staff only children waiting for or handed over to their schools.",
  })
  @Authorized()
  // Purpose and role here; the resolver narrows to the caller's own children, and each row is checked again.
  @Personal("EDUCATION", { scopedBy: "resolver" })
  childrenAwaitingSchool(
    @Ctx() ctx: Ctx,
    @Arg("daysSinceArrival", () => Int) daysSinceArrival: number,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_FIRST }) first: number,
  ): Promise<ChildAwaitingSchool[]> {
    return childrenAwaitingSchool(ctx, daysSinceArrival, first);
  }
}
