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
  description: "What a partner's service helps with; also the reason of a referral.",
});

@ObjectType({
  description:
    "A service a care partner offers (CAW, nurses, lawyers, VDAB…), so that a referral points at a real service.",
})
@Directive('@key(fields: "id")')
@Entity({ name: "service" })
export class Service {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Name of the service, e.g. 'Free psychosocial programme'." })
  @Column({ type: "text" })
  name: string;

  @Field({ description: "Organisation offering it, e.g. CAW Oost-Vlaanderen." })
  @Column({ type: "text" })
  organisation: string;

  @Field(() => ServiceType)
  @Column({ type: "text" })
  type: ServiceType;

  @Field(() => [String], { description: "Languages the service is given in (ISO 639-1)." })
  @Column({ type: "text", array: true, default: () => "'{}'" })
  languages: string[];
}
