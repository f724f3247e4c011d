import { SubgraphContext } from "@reception-graph/kit";
import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { CareLoaders } from "../loaders";
import { Service } from "./service.entity";

type Ctx = SubgraphContext<CareLoaders>;

@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => [Service], { description: "The partner directory: services by organisation and name." })
  @Authorized()
  services(@Ctx() ctx: Ctx): Promise<Service[]> {
    return ctx.dataSource.getRepository(Service).find({ order: { organisation: "ASC", name: "ASC" } });
  }
}
