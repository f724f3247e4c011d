import { Field, Float, ID, InputType, Int } from "type-graphql";
import { Province } from "../municipalities/municipality.entity";
import { ValidationStatus } from "../offers/housing-offer.entity";
import { SiteKind } from "./site.entity";

@InputType({ description: "A new site; it enters the graph as a housing offer with status TO_VALIDATE." })
export class RegisterSiteInput {
  @Field()
  name: string;

  @Field(() => SiteKind)
  kind: SiteKind;

  @Field({ description: "Organisation running the site, e.g. IOM." })
  operator: string;

  @Field(() => ID, { description: "NIS code of the municipality." })
  nisCode: string;

  @Field()
  address: string;

  @Field()
  sustainable: boolean;

  @Field(() => Boolean, { nullable: true, description: "Accessible for people with a disability; default false." })
  accessible?: boolean | null;

  @Field(() => String, { nullable: true, description: "Who offers the site (offer provider); default the operator." })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: "Reference in the regional housing tool; generated if absent." })
  offerReference?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "A room of a site: beds at most one per 4 m² of floor area." })
export class AddRoomInput {
  @Field(() => ID)
  siteId: string;

  @Field()
  label: string;

  @Field(() => Int)
  beds: number;

  @Field(() => Float)
  floorAreaM2: number;

  @Field(() => Boolean, { nullable: true })
  accessible?: boolean | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters for the sites list; all given filters apply together." })
export class SiteFilter {
  @Field(() => SiteKind, { nullable: true })
  kind?: SiteKind | null;

  @Field(() => ID, { nullable: true, description: "NIS code of the municipality." })
  nisCode?: string | null;

  @Field(() => Province, { nullable: true })
  province?: Province | null;

  @Field(() => ValidationStatus, { nullable: true })
  validationStatus?: ValidationStatus | null;

  @Field(() => Boolean, { nullable: true })
  sustainable?: boolean | null;
}
