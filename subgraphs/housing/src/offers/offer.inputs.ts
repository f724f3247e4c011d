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
});

@InputType({ description: "A housing offer as registered in the regional housing tool; status starts at TO_VALIDATE." })
export class RegisterHousingOfferInput {
  @Field(() => String, { nullable: true, description: "Reference in the regional tool; unique. Generated if absent." })
  reference?: string | null;

  @Field()
  provider: string;

  @Field(() => ID)
  nisCode: string;

  @Field(() => Int)
  places: number;

  @Field(() => SiteKind)
  kind: SiteKind;

  @Field()
  sustainable: boolean;

  @Field(() => DateScalar, { nullable: true })
  availableFrom?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Move an offer to another validation status, with a note for the history." })
export class ChangeValidationStatusInput {
  @Field(() => ID)
  offerId: string;

  @Field(() => ValidationStatus)
  status: ValidationStatus;

  @Field(() => String, { nullable: true })
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
  @Field(() => ValidationStatus, { nullable: true })
  status?: ValidationStatus | null;

  @Field(() => ID, { nullable: true })
  nisCode?: string | null;

  @Field(() => Province, { nullable: true })
  province?: Province | null;

  @Field(() => SiteKind, { nullable: true })
  kind?: SiteKind | null;

  @Field(() => Boolean, { nullable: true })
  sustainable?: boolean | null;
}
