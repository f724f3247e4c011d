import { PersonalData, SubgraphContext } from "@reception-graph/kit";
import { Ctx, FieldResolver, Resolver, Root, UseMiddleware } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { Site } from "../sites/site.entity";
import { Placement } from "./placement.entity";

type Ctx = SubgraphContext<HousingLoaders>;

@Resolver(() => Placement)
export class PlacementResolver {
  @FieldResolver(() => Person, { description: "The person placed." })
  person(@Root() placement: Placement): Person {
    return { id: placement.personId };
  }

  @FieldResolver(() => Site, { description: "The site the person is placed at." })
  async site(@Root() placement: Placement, @Ctx() ctx: Ctx): Promise<Site> {
    return (await ctx.loaders.siteById.load(placement.siteId))!;
  }
}

@Resolver(() => Person)
export class PersonHousingResolver {
  @FieldResolver(() => Placement, { nullable: true, description: "Where the person lives now (no move-out yet)." })
  @UseMiddleware(PersonalData("HOUSING"))
  async placement(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Placement | null> {
    const all = await ctx.loaders.placementsByPerson.load(person.id);
    return all.find((p) => p.moveOutDate === null) ?? null;
  }

  @FieldResolver(() => [Placement], { description: "Every placement of the person, latest first." })
  @UseMiddleware(PersonalData("HOUSING"))
  placements(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Placement[]> {
    return ctx.loaders.placementsByPerson.load(person.id);
  }
}
