import { Field, ID, InputType, Int } from "type-graphql";

@InputType({ description: "A school to add to the directory." })
export class RegisterSchoolInput {
  @Field({ description: "Name of the school." })
  name: string;

  @Field(() => ID, { description: "NIS code of the school's municipality, five digits (44021 = Gent)." })
  nisCode: string;

  @Field({ description: "Whether the school has an OKAN reception class." })
  offersOkan: boolean;

  @Field(() => Int, { description: "Places in the OKAN class; 0 (or omitted) when the school offers no OKAN." })
  okanCapacity: number;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second school.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters for the school list; all given filters apply together." })
export class SchoolFilter {
  @Field(() => Boolean, { nullable: true, description: "Only schools that do (true) or do not (false) offer OKAN." })
  offersOkan?: boolean | null;

  @Field(() => ID, { nullable: true, description: "Only schools in this municipality (NIS code)." })
  nisCode?: string | null;

  @Field(() => String, { nullable: true, description: "Part of the school's name." })
  search?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only OKAN schools with a free place today (true), or only full ones (false).",
  })
  hasFreeOkanPlaces?: boolean | null;
}
