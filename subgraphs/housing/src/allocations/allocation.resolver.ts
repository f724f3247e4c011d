import { CoordinationFilter, DateScalar, NotPersonal, Personal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Municipality } from "../municipalities/municipality.entity";
import { Allocation, AllocationTable } from "./allocation.entity";
import { RecordAllocationInput } from "./allocation.inputs";
import { allocationsByProvince, recordAllocation } from "./allocation.service";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => Allocation)
export class AllocationResolver {
  @NotPersonal("a number of persons allocated to a municipality; no one is named")
  @Mutation(() => Allocation, {
    description: "HOUSING_COORDINATOR: records persons allocated to a municipality on a day.",
  })
  @Authorized("HOUSING_COORDINATOR")
  recordAllocation(
    @Arg("input", () => RecordAllocationInput, { description: "The day, the municipality and how many people." })
    input: RecordAllocationInput,
    @Ctx() ctx: Ctx,
  ): Promise<Allocation> {
    return recordAllocation(ctx.dataSource, input, ctx.caller);
  }

  @Personal("AGGREGATES")
  @Query(() => AllocationTable, {
    description:
      "Persons allocated to Flemish municipalities between two days (inclusive): one row per province, one column per day with allocations, row and column totals, and each province's cumulative total since its first allocation (the 'Totaal' of the coordinators' table).",
  })
  @Authorized()
  allocationsByProvince(
    @Arg("from", () => DateScalar, { description: "First day of the period (included)." }) from: string,
    @Arg("to", () => DateScalar, { description: "Last day of the period (included)." }) to: string,
    @Ctx() ctx: Ctx,
    @Arg("filter", () => CoordinationFilter, {
      nullable: true,
      description: "Province and municipality narrow the table; allocations go to municipalities, not sites.",
    })
    filter?: CoordinationFilter | null,
  ): Promise<AllocationTable> {
    return allocationsByProvince(ctx.dataSource, from, to, filter);
  }

  @FieldResolver(() => Municipality, { description: "The municipality the people were allocated to." })
  async municipality(@Root() a: Allocation, @Ctx() ctx: Ctx): Promise<Municipality> {
    return (await ctx.loaders.municipalityByNis.load(a.nisCode))!;
  }
}
