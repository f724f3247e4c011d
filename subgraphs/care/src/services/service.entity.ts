import { NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum ServiceType {
  HEALTH = "HEALTH",
  MENTAL_HEALTH = "MENTAL_HEALTH",
  LEGAL = "LEGAL",
  EMPLOYMENT = "EMPLOYMENT",
  INTEGRATION = "INTEGRATION",
  HOUSING = "HOUSING",
  PROTECTION = "PROTECTION",
  EDUCATION = "EDUCATION",
}
registerEnumType(ServiceType, {
  name: "ServiceType",
  description:
    "What a partner's service helps with (health, mental health and psychosocial support, legal aid, employment, " +
    "integration, housing, protection, education); also the reason of a referral.",
  valuesConfig: {
    HEALTH: { description: "Health care." },
    MENTAL_HEALTH: { description: "Mental health and psychosocial support." },
    LEGAL: { description: "Legal aid." },
    EMPLOYMENT: { description: "Finding work." },
    INTEGRATION: { description: "Integration in Belgian society." },
    HOUSING: { description: "Housing." },
    PROTECTION: { description: "Protection of people at risk." },
    EDUCATION: { description: "Education." },
  },
});

@ObjectType({
  description:
    "A service a care partner offers (CAW, nurses, pro-bono lawyers, VDAB, Agentschap Integratie & Inburgering…), " +
    "so that a referral points at a real service.",
})
@Directive('@key(fields: "id")')
@Entity({ name: "service" })
@NotPersonal("a partner's service in the directory")
export class Service {
  @Field(() => ID, { description: "Identifier of the service." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Name of the service, e.g. 'Free psychosocial programme'." })
  @Column({ type: "text" })
  name: string;

  @Field({
    description:
      "Code of the organisation offering it, as in its staff's tokens (e.g. CAW_OOST_VLAANDEREN): that " +
      "organisation's staff accept or decline the referrals to this service.",
  })
  @Column({ type: "text" })
  organisation: string;

  @Field(() => String, { nullable: true, description: "The organisation's name as people know it." })
  @Column({ name: "organisation_name", type: "text", nullable: true })
  organisationName: string | null;

  @Field(() => ServiceType, { description: "What the service helps with." })
  @Column({ type: "text" })
  type: ServiceType;

  @Field(() => [String], { description: 'Languages the service is given in (ISO 639-1, e.g. "uk", "nl").' })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  languages: string[];

  @Field({ description: "How to reach the service: phone, e-mail, address." })
  @Column({ type: "text" })
  contact: string;

  @Field({ description: "When the service is open or present, e.g. 'Mon and Thu 9:00-12:00 at Schoonmeersen'." })
  @Column({ name: "opening_hours", type: "text" })
  openingHours: string;
}
