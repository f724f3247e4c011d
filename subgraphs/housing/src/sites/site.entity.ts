import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum SiteKind {
  RECEPTION_CENTRE = "RECEPTION_CENTRE",
  COLLECTIVE_HOUSING = "COLLECTIVE_HOUSING",
  EMERGENCY_VILLAGE = "EMERGENCY_VILLAGE",
  HOST_FAMILY = "HOST_FAMILY",
  SOCIAL_HOUSING = "SOCIAL_HOUSING",
}
registerEnumType(SiteKind, { name: "SiteKind", description: "Kind of reception site (opvangplaats)." });

@ObjectType({
  description: "A place where displaced people are housed: a reception centre, collective housing, a host family…",
})
@Directive('@key(fields: "id")')
@Entity({ name: "site" })
export class Site {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Name of the site, e.g. Schoonmeersen." })
  @Column({ type: "text" })
  name: string;

  @Field(() => SiteKind)
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

  @Field({ description: "When the site was registered." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
