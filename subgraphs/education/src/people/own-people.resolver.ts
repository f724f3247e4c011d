import { assertUuid, NotPersonal, SubgraphContext } from "@reception-graph/kit";
import { childrenOfCallerSchools } from "../access/education-access";
import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { EducationLoaders } from "../loaders";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver()
export class OwnPeopleResolver {
  /**
   * Peers ask this (directly, with an internal token) whether people are the
   * caller's own school's children. Every scoped subgraph answers the same
   * root field, hence @shareable; @inaccessible keeps it out of the public graph.
   */
  @Query(() => [ID], {
    description:
      "Internal: the IDs among personIds (all, when omitted) enrolled at or waiting for one of the caller's schools, " +
      "or handed over to one of them by an open enrolment request.",
  })
  @Directive("@shareable")
  @Directive("@inaccessible")
  @NotPersonal("answers a peer about the caller's own scope with IDs it already holds; no data leaves")
  async _ownPeople(
    @Ctx() ctx: Ctx,
    @Arg("personIds", () => [ID], { nullable: true }) personIds?: string[] | null,
  ): Promise<string[]> {
    const ids = personIds ? personIds.map((id, i) => assertUuid(id, `personIds[${i}]`)) : null;
    return childrenOfCallerSchools(ctx.dataSource, ctx.caller, ids);
  }
}
