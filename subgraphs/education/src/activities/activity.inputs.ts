import { AgeBand, DateScalar, Sex } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { ActivityKind } from "./activity.entity";

@InputType({ description: "Participants of one age band and sex (a count, never names)." })
export class AttendanceInput {
  @Field(() => AgeBand, { description: "The participants' age band." })
  ageBand: AgeBand;

  @Field(() => Sex, { description: "The participants' sex." })
  sex: Sex;

  @Field(() => Int, { description: "Number of participants; 0 or more." })
  count: number;
}

@InputType({ description: "An activity held at a site, with its attendance by age band and sex." })
export class RecordActivityInput {
  @Field(() => ID, { description: "The site (housing's ID) where it took place." })
  siteId: string;

  @Field(() => DateScalar, { description: "Day of the activity; not in the future." })
  date: string;

  @Field(() => ActivityKind, { description: "What kind of activity it was." })
  kind: ActivityKind;

  @Field(() => String, { nullable: true, description: "A short title, at most 200 characters." })
  title?: string | null;

  @Field({ description: "Who organised it (an organisation or team), at most 200 characters." })
  organiser: string;

  @Field(() => ID, { nullable: true, description: "The school that organised it, if one did." })
  schoolId?: string | null;

  @Field(() => [AttendanceInput], {
    description: "Participants by age band and sex, each pair at most once; at least one participant in all.",
  })
  attendance: AttendanceInput[];

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second activity.",
  })
  idempotencyKey?: string | null;
}
