import { assertNisCode, badInput, NotPersonal, Personal, SubgraphContext } from "@reception-graph/kit";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Site } from "../sites/site.entity";
import { Municipality, Province } from "./municipality.entity";
import { MunicipalityInput } from "./municipality.inputs";
import { listMunicipalities, upsertMunicipality } from "./municipality.service";
import { regionPopulation, targetPlaces } from "./spreading-key";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @NotPersonal("a municipality")
  @Query(() => Municipality, { nullable: true, description: "One municipality by NIS code; null when unknown." })
  @Authorized()
  municipality(
    @Arg("nisCode", () => ID, { description: "The municipality's NIS code." }) nisCode: string,
    @Ctx() ctx: Ctx,
  ): Promise<Municipality | null> {
    return ctx.loaders.municipalityByNis.load(assertNisCode(nisCode, "nisCode"));
  }

  @NotPersonal("municipalities")
  @Query(() => [Municipality], { description: "Flemish municipalities by name, optionally of one province." })
  @Authorized()
  municipalities(
    @Ctx() ctx: Ctx,
    @Arg("province", () => Province, {
      description: "Only the municipalities of this province; omit for all.",
      nullable: true,
    })
    province?: Province | null,
  ): Promise<Municipality[]> {
    return listMunicipalities(ctx.dataSource, province);
  }

  @NotPersonal("a municipality")
  @Mutation(() => Municipality, {
    description: "ADMIN: adds or corrects a municipality's reference data (the CSV is loaded at first start).",
  })
  @Authorized("ADMIN")
  async upsertMunicipality(
    @Arg("input", () => MunicipalityInput, {
      description: "The municipality's NIS code, name, province and inhabitants.",
    })
    input: MunicipalityInput,
    @Ctx() ctx: Ctx,
  ): Promise<Municipality> {
    const nisCode = await upsertMunicipality(ctx.dataSource, input);
    ctx.loaders.municipalityByNis.clear(nisCode);
    return (await ctx.loaders.municipalityByNis.load(nisCode))!;
  }

  @FieldResolver(() => Int, {
    description:
      "Spreading key (richtcijfer): this municipality's share of a regional target number of places, in proportion to its inhabitants over the region's population (default Flanders 6,500,000), rounded down.",
  })
  targetPlaces(
    @Root() m: Municipality,
    @Arg("regionalTarget", () => Int, {
      description: "The regional target number of places to share out (0 to 10,000,000).",
    })
    regionalTarget: number,
  ): number {
    if (!Number.isInteger(regionalTarget) || regionalTarget < 0 || regionalTarget > 10_000_000)
      throw badInput("regionalTarget", `regionalTarget ${regionalTarget} must be a whole number from 0 to 10,000,000.`);
    return targetPlaces(regionalTarget, m.inhabitants, regionPopulation());
  }

  @FieldResolver(() => Int, { description: "Places of VALIDATED offers (sites included) in the municipality." })
  async validatedPlaces(@Root() m: Municipality, @Ctx() ctx: Ctx): Promise<number> {
    return (await ctx.loaders.municipalityStats.load(m.nisCode)).validatedPlaces;
  }

  @FieldResolver(() => Int, {
    description: "Places of all offers not rejected, validated or not (for follow-up only).",
  })
  async offeredPlaces(@Root() m: Municipality, @Ctx() ctx: Ctx): Promise<number> {
    return (await ctx.loaders.municipalityStats.load(m.nisCode)).offeredPlaces;
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Int, { description: "Persons Fedasil allocated to the municipality, all days." })
  async allocatedPersons(@Root() m: Municipality, @Ctx() ctx: Ctx): Promise<number> {
    return (await ctx.loaders.municipalityStats.load(m.nisCode)).allocatedPersons;
  }

  @FieldResolver(() => Int, { description: "Number of reception sites registered in the municipality." })
  async siteCount(@Root() m: Municipality, @Ctx() ctx: Ctx): Promise<number> {
    return (await ctx.loaders.municipalityStats.load(m.nisCode)).siteCount;
  }

  @FieldResolver(() => [Site], { description: "Reception sites in the municipality, by name." })
  sites(@Root() m: Municipality, @Ctx() ctx: Ctx): Promise<Site[]> {
    return ctx.loaders.sitesByNis.load(m.nisCode);
  }
}
