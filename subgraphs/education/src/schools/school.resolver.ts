import { assertUuid, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { School } from "./school.entity";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => School)
export class SchoolResolver {
  @Query(() => School, { nullable: true, description: "One school by ID; null when unknown." })
  @Authorized()
  school(@Arg("id", () => ID) id: string, @Ctx() ctx: Ctx): Promise<School | null> {
    return ctx.loaders.schoolById.load(assertUuid(id, "id"));
  }

  @Query(() => [School], { description: "Schools by name." })
  @Authorized()
  schools(@Ctx() ctx: Ctx): Promise<School[]> {
    return ctx.dataSource.getRepository(School).find({ order: { name: "ASC" } });
  }
}
