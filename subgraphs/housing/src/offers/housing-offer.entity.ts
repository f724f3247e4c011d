import { DateScalar, NotPersonal, ValidationStatus } from "@reception-graph/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { SiteKind } from "../sites/site.entity";

export { ValidationStatus } from "@reception-graph/kit";

@ObjectType({
  description:
    "A housing offer (woonaanbod) registered by a local authority, company or organisation; the municipal housing coordinator validates it. Every site enters the graph as an offer.",
})
@Entity({ name: "housing_offer" })
@NotPersonal("an offer of places by a provider (a municipality or organisation)")
export class HousingOffer {
  @Field(() => ID, { description: "Identifier of the offer." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "The offer's reference in the regional housing tool; unique, the key of bulk imports." })
  @Column({ type: "text" })
  reference: string;

  @Field({ description: "Who offers the places: a municipality, company, organisation or private person." })
  @Column({ type: "text" })
  provider: string;

  @Column({ name: "nis_code", type: "text" })
  nisCode: string;

  @Field(() => Int, { description: "Places offered (for a site: its beds)." })
  @Column({ type: "int" })
  places: number;

  @Field(() => SiteKind, { description: "What kind of site the places are in." })
  @Column({ type: "text" })
  kind: SiteKind;

  @Field({
    description: "Sustainable housing (at least 3 months, privacy and family life) rather than crisis housing.",
  })
  @Column({ type: "boolean" })
  sustainable: boolean;

  @Field(() => DateScalar, { nullable: true, description: "First day the places can be used." })
  @Column({ name: "available_from", type: "date", nullable: true })
  availableFrom: string | null;

  @Field(() => ValidationStatus, {
    description: "The offer's current status in the Flemish housing tool; only VALIDATED places count as available.",
  })
  @Column({ type: "text" })
  status: ValidationStatus;

  @Column({ name: "site_id", type: "uuid", nullable: true })
  siteId: string | null;

  @Field({ description: "When the offer was registered." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;

  @Field({ description: "Last change to the offer." })
  @Column({ name: "updated_at", type: "timestamptz", default: () => "now()" })
  updatedAt: Date;
}

@ObjectType({ description: "One step in an offer's validation: the status it got, when, by whom, and why." })
@Entity({ name: "offer_status_change" })
@NotPersonal("the status history of an offer")
export class OfferStatusChange {
  @Field(() => ID, { description: "Identifier of the status change." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "offer_id", type: "uuid" })
  offerId: string;

  @Field(() => ValidationStatus, { nullable: true, description: "Status before the change; null at registration." })
  @Column({ name: "from_status", type: "text", nullable: true })
  fromStatus: ValidationStatus | null;

  @Field(() => ValidationStatus, { description: "Status the offer got." })
  @Column({ type: "text" })
  status: ValidationStatus;

  @Field({ description: "When the change was recorded in the graph." })
  @Column({ type: "timestamptz" })
  at: Date;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Day the status took effect (a decision can be recorded after the fact). A site's beds count as validated capacity from the day its VALIDATED status took effect. Null for the registration line: an offer starts as TO_VALIDATE.",
  })
  @Column({ name: "effective_on", type: "date", nullable: true })
  effectiveOn: string | null;

  @Field({ description: "Who made the change (the caller's subject)." })
  @Column({ name: "by_subject", type: "text" })
  by: string;

  @Field({ description: "Organisation of who made the change." })
  @Column({ name: "by_organisation", type: "text" })
  byOrganisation: string;

  @Field(() => String, { nullable: true, description: "The coordinator's note." })
  @Column({ type: "text", nullable: true })
  note: string | null;
}
