import { NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Person is owned by `social`; education adds assessments and enrolments by key and stores no identity. */
@ObjectType({ description: "A person displaced from Ukraine (identity is owned by OCMW's social subgraph)." })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID, { description: "Identifier of the person, the same in every subgraph." })
  @NotPersonal("the key the subgraphs join on; an opaque ID says nothing by itself")
  id: string;
}
