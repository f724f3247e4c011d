import { AgeBand, DateScalar, Sex } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { LegalTopic } from "./legal-session.entity";

@InputType({ description: "An individual legal advice session given to a person referred to your organisation." })
export class RecordLegalSessionInput {
  @Field(() => ID)
  personId: string;

  @Field(() => LegalTopic)
  topic: LegalTopic;

  @Field(() => DateScalar, { description: "Day of the session; not in the future." })
  date: string;

  @Field({ description: "What came of it (at most 2000 characters)." })
  outcome: string;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "How many attendees of one age band and sex." })
export class AttendeeCountInput {
  @Field(() => AgeBand)
  ageBand: AgeBand;

  @Field(() => Sex)
  sex: Sex;

  @Field(() => Int, { description: "Zero or more." })
  count: number;
}

@InputType({ description: "A group legal information session at a site; attendees are counted, never named." })
export class RecordGroupLegalSessionInput {
  @Field(() => ID)
  siteId: string;

  @Field(() => LegalTopic)
  topic: LegalTopic;

  @Field(() => DateScalar, { description: "Day of the session; not in the future." })
  date: string;

  @Field(() => [AttendeeCountInput], { description: "One line per age band and sex; at least one attendee in all." })
  attendees: AttendeeCountInput[];

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters for group legal sessions; all given filters apply together." })
export class GroupLegalSessionFilter {
  @Field(() => ID, { nullable: true })
  siteId?: string | null;

  @Field(() => LegalTopic, { nullable: true })
  topic?: LegalTopic | null;

  @Field(() => DateScalar, { nullable: true, description: "From this day on." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Up to and including this day." })
  to?: string | null;
}
