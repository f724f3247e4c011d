import { DateScalar, Personal, THE_PERSON, SubgraphContext } from "@reception-graph/kit";
import { Ctx, Directive, FieldResolver, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Placement } from "../placements/placement.entity";
import { RentCharge } from "../rent/rent-charge.entity";
import { Person } from "./person.entity";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => Person)
export class PersonHousingResolver {
  @FieldResolver(() => Placement, { nullable: true, description: "Where the person lives now (no move-out yet)." })
  @Personal("HOUSING", { person: THE_PERSON })
  async placement(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Placement | null> {
    const all = await ctx.loaders.placementsByPerson.load(person.id);
    return all.find((p) => p.moveOutDate === null) ?? null;
  }

  @FieldResolver(() => [Placement], { nullable: true, description: "Every placement of the person, latest first." })
  @Personal("HOUSING", { person: THE_PERSON })
  placements(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Placement[]> {
    return ctx.loaders.placementsByPerson.load(person.id);
  }

  @FieldResolver(() => [RentCharge], {
    nullable: true,
    description: "Rent charged to the households the person was placed with, latest month first.",
  })
  @Personal("HOUSING", { person: THE_PERSON })
  async rentCharges(@Root() person: Person, @Ctx() ctx: Ctx): Promise<RentCharge[]> {
    const placements = await ctx.loaders.placementsByPerson.load(person.id);
    const households = [...new Set(placements.map((p) => p.householdId))];
    const lists = await ctx.loaders.rentChargesByHousehold.loadMany(households);
    return lists.flatMap((l) => (l instanceof Error ? [] : l)).sort((a, b) => b.month.localeCompare(a.month));
  }

  /**
   * For education's time to school (days from arrival to the first school
   * day): only a day, never the site, room or household. Declared basic
   * identity like social's registration day, so the school a child is handed
   * over to may ask it (housing asks education's _ownPeople whose child that
   * is); hidden from the public graph.
   */
  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: "The first day the person moved in at a reception site (earliest placement); null when never placed.",
  })
  @Directive("@inaccessible")
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  async arrivedOn(@Root() person: Person, @Ctx() ctx: Ctx): Promise<string | null> {
    const all = await ctx.loaders.placementsByPerson.load(person.id);
    return all.reduce<string | null>(
      (first, p) => (first === null || p.moveInDate < first ? p.moveInDate : first),
      null,
    );
  }
}
