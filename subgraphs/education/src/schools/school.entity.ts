import { NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@ObjectType({
  description:
    "A school in or near Ghent. Secondary schools may offer OKAN (onthaalklas voor anderstalige nieuwkomers), " +
    "the reception class for non-Dutch-speaking newcomers, with a limited number of places.",
})
@Directive('@key(fields: "id")')
@Entity({ name: "school" })
@NotPersonal("a school; its pupils and requests are declared field by field")
export class School {
  @Field(() => ID, { description: "Identifier of the school." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "Name of the school." })
  @Column({ type: "text" })
  name: string;

  @Column({ name: "nis_code", type: "text" })
  nisCode: string;

  @Field({ description: "Whether the school has an OKAN reception class." })
  @Column({ name: "offers_okan", type: "boolean" })
  offersOkan: boolean;

  @Field(() => Int, { description: "Places in the OKAN class; 0 when the school offers no OKAN." })
  @Column({ name: "okan_capacity", type: "int", default: 0 })
  okanCapacity: number;

  @Field({ description: "When the school was entered in the graph." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
