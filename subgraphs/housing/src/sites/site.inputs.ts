import { Field, Float, ID, InputType, Int } from "type-graphql";
import { Province } from "../municipalities/municipality.entity";
import { ValidationStatus } from "../offers/housing-offer.entity";
import { SiteKind } from "./site.entity";

@InputType({ description: "A new site; it enters the graph as a housing offer with status TO_VALIDATE." })
export class RegisterSiteInput {
  @Field({ description: "The site's name." })
  name: string;

  @Field(() => SiteKind, { description: "What kind of site it is." })
  kind: SiteKind;

  @Field({ description: "Organisation running the site, e.g. IOM." })
  operator: string;

  @Field(() => ID, { description: "NIS code of the municipality." })
  nisCode: string;

  @Field({ description: "The site's street address." })
  address: string;

  @Field({ description: "Sustainable housing: a stay of at least 3 months with privacy and family life guaranteed." })
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
  @Field(() => ID, { description: "The site the room belongs to." })
  siteId: string;

  @Field({ description: 'The room\'s name or number at the site, e.g. "1.04".' })
  label: string;

  @Field(() => Int, { description: "Number of beds; at most one per 4 m² of floor area." })
  beds: number;

  @Field(() => Float, { description: "Floor area in square metres (m²)." })
  floorAreaM2: number;

  @Field(() => Boolean, { description: "Accessible for people with a disability; default false.", nullable: true })
  accessible?: boolean | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters for the sites list; all given filters apply together." })
export class SiteFilter {
  @Field(() => SiteKind, { description: "Only sites of this kind.", nullable: true })
  kind?: SiteKind | null;

  @Field(() => ID, { nullable: true, description: "NIS code of the municipality." })
  nisCode?: string | null;

  @Field(() => Province, { description: "Only sites in this province.", nullable: true })
  province?: Province | null;

  @Field(() => ValidationStatus, { description: "Only sites whose housing offer has this status.", nullable: true })
  validationStatus?: ValidationStatus | null;

  @Field(() => Boolean, { description: "true: only sustainable housing; false: only crisis housing.", nullable: true })
  sustainable?: boolean | null;
}
