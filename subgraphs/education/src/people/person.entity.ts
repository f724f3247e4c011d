import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Person is owned by `social`; education adds assessments and enrolments by key and stores no identity. */
@ObjectType({ description: "A person displaced from Ukraine (identity is owned by OCMW's social subgraph)." })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID)
  id: string;
}
