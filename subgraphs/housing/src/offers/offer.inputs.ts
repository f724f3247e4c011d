import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { Province } from "../municipalities/municipality.entity";
import { SiteKind } from "../sites/site.entity";
import { ValidationStatus } from "./housing-offer.entity";

export enum ImportMode {
  ALL_OR_NOTHING = "ALL_OR_NOTHING",
  ACCEPTED_ROWS_ONLY = "ACCEPTED_ROWS_ONLY",
}
registerEnumType(ImportMode, {
  name: "ImportMode",
  description:
    "ALL_OR_NOTHING (default): one invalid row and nothing is written. ACCEPTED_ROWS_ONLY: valid rows are written, invalid ones reported.",
  valuesConfig: {
    ALL_OR_NOTHING: { description: "One invalid row and nothing is written (the default)." },
    ACCEPTED_ROWS_ONLY: { description: "Valid rows are written; invalid ones are reported." },
  },
});

@InputType({ description: "A housing offer as registered in the regional housing tool; status starts at TO_VALIDATE." })
export class RegisterHousingOfferInput {
  @Field(() => String, { nullable: true, description: "Reference in the regional tool; unique. Generated if absent." })
  reference?: string | null;

  @Field({ description: "Who offers the places (a person, organisation or municipality)." })
  provider: string;

  @Field(() => ID, { description: "NIS code of the municipality where the places are." })
  nisCode: string;

  @Field(() => Int, { description: "Number of places (beds) offered." })
  places: number;

  @Field(() => SiteKind, { description: "What kind of site the places are in." })
  kind: SiteKind;

  @Field({
    description: "Sustainable housing (at least 3 months, privacy and family life) rather than crisis housing.",
  })
  sustainable: boolean;

  @Field(() => DateScalar, { description: "First day the places can be used; omit when not known.", nullable: true })
  availableFrom?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Move an offer to another validation status, with a note for the history." })
export class ChangeValidationStatusInput {
  @Field(() => ID, { description: "The housing offer whose status changes." })
  offerId: string;

  @Field(() => ValidationStatus, { description: "The offer's new status in the Flemish housing tool." })
  status: ValidationStatus;

  @Field(() => String, {
    description: "Free text kept with the change, e.g. which extra steps are needed.",
    nullable: true,
  })
  note?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Day the status takes effect, for a decision recorded after the fact; default today (Brussels). Not in the future, and not before the day the offer's previous status took effect. A site's beds count as validated capacity, and can be placed on, from the day its VALIDATED status takes effect.",
  })
  effectiveOn?: string | null;
}

@InputType({
  description:
    "A CSV export of the regional housing tool: header reference,provider,nis_code,places,kind,sustainable,available_from (comma or semicolon separated).",
})
export class ImportHousingOffersInput {
  @Field({ description: "The file's content." })
  csv: string;

  @Field(() => ImportMode, { nullable: true, description: "Default ALL_OR_NOTHING." })
  mode?: ImportMode | null;
}

@InputType({ description: "Filters for the offers list; all given filters apply together." })
export class HousingOfferFilter {
  @Field(() => ValidationStatus, { description: "Only offers with this status.", nullable: true })
  status?: ValidationStatus | null;

  @Field(() => ID, { description: "Only offers in the municipality with this NIS code.", nullable: true })
  nisCode?: string | null;

  @Field(() => Province, { description: "Only offers in this province.", nullable: true })
  province?: Province | null;

  @Field(() => SiteKind, { description: "Only offers of this kind of site.", nullable: true })
  kind?: SiteKind | null;

  @Field(() => Boolean, { description: "true: only sustainable housing; false: only crisis housing.", nullable: true })
  sustainable?: boolean | null;
}
