import { NotPersonal, Province } from "@reception-graph/kit";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export { Province, PROVINCES } from "@reception-graph/kit";

@ObjectType({
  description:
    "A Flemish municipality (gemeente), keyed by its NIS code; reference data with its 2022 population (Statbel).",
})
@Directive('@key(fields: "nisCode")')
@Entity({ name: "municipality" })
@NotPersonal("a municipality and its reception figures")
export class Municipality {
  @Field(() => ID, { description: "NIS code (5 digits), e.g. 44021 for Gent." })
  @PrimaryColumn({ name: "nis_code", type: "text" })
  nisCode: string;

  @Field({ description: "Name of the municipality, e.g. Gent." })
  @Column({ type: "text" })
  name: string;

  @Field(() => Province, { description: "The province the municipality is in." })
  @Column({ type: "text" })
  province: Province;

  @Field(() => Int, { description: "Legal population (inwoners) on 1 January 2022." })
  @Column({ type: "int" })
  inhabitants: number;
}
