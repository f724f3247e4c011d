import { NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum SiteKind {
  RECEPTION_CENTRE = "RECEPTION_CENTRE",
  COLLECTIVE_HOUSING = "COLLECTIVE_HOUSING",
  EMERGENCY_VILLAGE = "EMERGENCY_VILLAGE",
  HOST_FAMILY = "HOST_FAMILY",
  SOCIAL_HOUSING = "SOCIAL_HOUSING",
}
registerEnumType(SiteKind, {
  name: "SiteKind",
  description:
    "Kind of reception site: RECEPTION_CENTRE (IOM-run opvangcentrum), COLLECTIVE_HOUSING, EMERGENCY_VILLAGE (nooddorp), HOST_FAMILY (gastgezin), SOCIAL_HOUSING.",
  valuesConfig: {
    RECEPTION_CENTRE: { description: "A reception centre run by IOM (opvangcentrum)." },
    COLLECTIVE_HOUSING: { description: "Collective housing." },
    EMERGENCY_VILLAGE: { description: "An emergency village of modular units (nooddorp)." },
    HOST_FAMILY: { description: "A host family's home (gastgezin)." },
    SOCIAL_HOUSING: { description: "Social housing." },
  },
});

@ObjectType({
  description:
    "A place where displaced people are housed: a reception centre, collective housing, a host family… Its capacity is the sum of its rooms' beds, and it only counts once its offer is VALIDATED.",
})
@Directive('@key(fields: "id")')
@Entity({ name: "site" })
@NotPersonal("a reception site; its residents and committee are declared field by field")
export class Site {
  @Field(() => ID, { description: "Identifier of the site, the same in every subgraph." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Name of the site, e.g. Schoonmeersen." })
  @Column({ type: "text" })
  name: string;

  @Field(() => SiteKind, { description: "What kind of site it is." })
  @Column({ type: "text" })
  kind: SiteKind;

  @Field({ description: "Organisation running the site, e.g. IOM." })
  @Column({ type: "text" })
  operator: string;

  @Column({ name: "nis_code", type: "text" })
  nisCode: string;

  @Field({ description: "Street address." })
  @Column({ type: "text" })
  address: string;

  @Field({ description: "Sustainable housing: a stay of at least 3 months with privacy and family life guaranteed." })
  @Column({ type: "boolean" })
  sustainable: boolean;

  @Field({ description: "Accessible for people with a disability (site level; see also each room)." })
  @Column({ type: "boolean", default: false })
  accessible: boolean;

  @Column({ type: "int", default: 0 })
  capacity: number;

  /** Beds held by open placements, kept by a database trigger. */
  @Column({ type: "int", default: 0 })
  occupied: number;

  /** Mirror of the offer's status = VALIDATED, kept by a database trigger. */
  @Column({ type: "boolean", default: false })
  validated: boolean;

  @Field({ description: "When the site was registered." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
