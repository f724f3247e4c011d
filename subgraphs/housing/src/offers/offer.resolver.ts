import {
  assertUuid,
  ConnectionType,
  NotPersonal,
  parseKeysetPage,
  keysetConnection,
  inPageOrder,
  SubgraphContext,
} from "@reception-graph/kit";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Municipality } from "../municipalities/municipality.entity";
import { Site } from "../sites/site.entity";
import { HousingOffer, OfferStatusChange } from "./housing-offer.entity";
import { ImportReport, importHousingOffers } from "./import-offers";
import {
  ChangeValidationStatusInput,
  HousingOfferFilter,
  ImportHousingOffersInput,
  ImportMode,
  RegisterHousingOfferInput,
} from "./offer.inputs";
import { changeValidationStatus, listHousingOffers, OFFER_ORDER, registerHousingOffer } from "./offer.service";

type Ctx = SubgraphContext<HousingLoaders>;

export const HousingOfferConnection = ConnectionType(
  "HousingOffer",
  HousingOffer,
  "A page of housing offers, with the total matching the filter.",
  "NONE",
);

@Resolver(() => HousingOffer)
export class HousingOfferResolver {
  @NotPersonal("an offer of places")
  @Query(() => HousingOffer, { nullable: true, description: "One housing offer by ID; null when unknown." })
  @Authorized()
  housingOffer(
    @Arg("id", () => ID, { description: "The offer's identifier." }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<HousingOffer | null> {
    return ctx.loaders.offerById.load(assertUuid(id, "id"));
  }

  @NotPersonal("offers of places")
  @Query(() => HousingOfferConnection, { description: "Housing offers, newest first." })
  @Authorized()
  async housingOffers(
    @Ctx() ctx: Ctx,
    @Arg("first", () => Int, { description: "How many offers to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last offer already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => HousingOfferFilter, { description: "Narrows the list; omit for all offers.", nullable: true })
    filter?: HousingOfferFilter,
  ) {
    const page = parseKeysetPage(first, after, filter ?? {}, OFFER_ORDER.length);
    const { total, rows } = await listHousingOffers(ctx.dataSource, filter ?? {}, page);
    return keysetConnection(
      inPageOrder(rows, await ctx.loaders.offerById.loadMany(rows.map((r) => r.id))),
      page,
      total,
    );
  }

  @NotPersonal("an offer of places")
  @Mutation(() => HousingOffer, { description: "Registers a housing offer (status TO_VALIDATE)." })
  @Authorized("HOUSING_COORDINATOR")
  async registerHousingOffer(
    @Arg("input", () => RegisterHousingOfferInput, {
      description: "Who offers how many places, where, and of what kind.",
    })
    input: RegisterHousingOfferInput,
    @Ctx() ctx: Ctx,
  ): Promise<HousingOffer> {
    const id = await registerHousingOffer(ctx.dataSource, input, ctx.caller);
    return (await ctx.loaders.offerById.load(id))!;
  }

  @NotPersonal("an offer of places")
  @Mutation(() => HousingOffer, {
    description:
      "HOUSING_COORDINATOR: moves an offer to another validation status, kept in its history with who, when, the note and the day it takes effect (effectiveOn, default today; a decision can be recorded after the fact). CONFLICT on a transition the housing tool does not allow; BAD_USER_INPUT for an effectiveOn in the future or before the previous status took effect.",
  })
  @Authorized("HOUSING_COORDINATOR")
  async changeValidationStatus(
    @Arg("input", () => ChangeValidationStatusInput, { description: "The offer and its new status." })
    input: ChangeValidationStatusInput,
    @Ctx() ctx: Ctx,
  ): Promise<HousingOffer> {
    const id = await changeValidationStatus(ctx.dataSource, input, ctx.caller);
    return (await ctx.loaders.offerById.load(id))!;
  }

  @NotPersonal("offers of places")
  @Mutation(() => ImportReport, {
    description:
      "Imports offers from a CSV export of the regional housing tool. Every row is checked; the report names each refused row, column and reason. Re-importing creates no duplicates (the reference is the key); an offer already VALIDATED or REJECTED is never changed by an import.",
  })
  @Authorized("HOUSING_COORDINATOR")
  importHousingOffers(
    @Arg("input", () => ImportHousingOffersInput, {
      description: "The CSV export of the regional tool and the import mode.",
    })
    input: ImportHousingOffersInput,
    @Ctx() ctx: Ctx,
  ): Promise<ImportReport> {
    return importHousingOffers(ctx.dataSource, input.csv, input.mode ?? ImportMode.ALL_OR_NOTHING, ctx.caller);
  }

  @FieldResolver(() => Municipality, { description: "The municipality where the places are." })
  async municipality(@Root() offer: HousingOffer, @Ctx() ctx: Ctx): Promise<Municipality> {
    return (await ctx.loaders.municipalityByNis.load(offer.nisCode))!;
  }

  @FieldResolver(() => Site, { nullable: true, description: "The site, when the offer is a registered site." })
  site(@Root() offer: HousingOffer, @Ctx() ctx: Ctx): Promise<Site | null> | null {
    return offer.siteId ? ctx.loaders.siteById.load(offer.siteId) : null;
  }

  @FieldResolver(() => [OfferStatusChange], { description: "Every status the offer had, oldest first." })
  history(@Root() offer: HousingOffer, @Ctx() ctx: Ctx): Promise<OfferStatusChange[]> {
    return ctx.loaders.historyByOffer.load(offer.id);
  }
}
