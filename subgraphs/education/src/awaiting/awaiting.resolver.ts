import { Personal, SubgraphContext, THE_PERSON } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { ChildAwaitingSchool, PersonAwaitingSchool } from "./awaiting.entity";
import { AWAITING_MAX, childrenAwaitingSchool, DAYS_MAX, DEFAULT_FIRST } from "./awaiting.service";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => Person)
export class AwaitingSchoolResolver {
  @Query(() => [Person], {
    description:
      "Compulsory schooling alert: children aged 5–17 today, with no school place (a waiting-list entry is no " +
      "place), whose wait (from registration, or from moving in at their current site when later) is at least " +
      `daysSinceArrival days (0–${DAYS_MAX}), longest waiting first (equal waits: earliest registered first), ` +
      `at most \`first\` (default ${DEFAULT_FIRST}, at most ${AWAITING_MAX}). Education data: social workers see every child, site coordinators their ` +
      "residents, school staff only children waiting for or handed over to their schools. Each child's " +
      "`awaitingSchool` says since when and for how many days.",
  })
  @Authorized()
  // Purpose and role here; the resolver narrows to the caller's own children, and each row is checked again.
  @Personal("EDUCATION", { scopedBy: "resolver" })
  async childrenAwaitingSchool(
    @Ctx() ctx: Ctx,
    @Arg("daysSinceArrival", () => Int, {
      description:
        "Only children who have waited at least this many days (from registration, or from moving in at their current site when later); 0 to 3650.",
    })
    daysSinceArrival: number,
    @Arg("first", () => Int, {
      description: "How many children to return (default 50, at most 200).",
      nullable: true,
      defaultValue: DEFAULT_FIRST,
    })
    first: number,
  ): Promise<PersonAwaitingSchool[]> {
    const rows = await childrenAwaitingSchool(ctx, daysSinceArrival, first);
    return rows.map((awaitingSchool) => ({ id: awaitingSchool.personId, awaitingSchool }));
  }

  @FieldResolver(() => ChildAwaitingSchool, {
    nullable: true,
    description:
      "For a child listed by childrenAwaitingSchool: since when and for how many days they wait for a school, " +
      "and their site where you may read it; null elsewhere.",
  })
  @Personal("EDUCATION", { person: THE_PERSON })
  awaitingSchool(@Root() person: Person & { awaitingSchool?: ChildAwaitingSchool }): ChildAwaitingSchool | null {
    return person.awaitingSchool ?? null;
  }
}
