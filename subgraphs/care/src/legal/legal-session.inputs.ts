import { AgeBand, DateScalar, Sex } from "@reception-graph/kit";
import { Field, ID, InputType, Int } from "type-graphql";
import { LegalTopic } from "./legal-session.entity";

@InputType({ description: "An individual legal advice session given to a person referred to your organisation." })
export class RecordLegalSessionInput {
  @Field(() => ID, { description: "The person advised." })
  personId: string;

  @Field(() => LegalTopic, { description: "What the advice was about." })
  topic: LegalTopic;

  @Field(() => DateScalar, { description: "Day of the session; not in the future." })
  date: string;

  @Field({ description: "What came of it (at most 2000 characters)." })
  outcome: string;

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "How many attendees of one age band and sex." })
export class AttendeeCountInput {
  @Field(() => AgeBand, { description: "The attendees' age band." })
  ageBand: AgeBand;

  @Field(() => Sex, { description: "The attendees' sex." })
  sex: Sex;

  @Field(() => Int, { description: "Zero or more." })
  count: number;
}

@InputType({ description: "A group legal information session at a site; attendees are counted, never named." })
export class RecordGroupLegalSessionInput {
  @Field(() => ID, { description: "The site where the session was held." })
  siteId: string;

  @Field(() => LegalTopic, { description: "What the session was about." })
  topic: LegalTopic;

  @Field(() => DateScalar, { description: "Day of the session; not in the future." })
  date: string;

  @Field(() => [AttendeeCountInput], { description: "One line per age band and sex; at least one attendee in all." })
  attendees: AttendeeCountInput[];

  @Field(() => String, {
    description:
      "A key of your choosing (at most 200 characters) that makes a retry safe: the same input sent again with the same key returns the first result instead of creating a second; the same key with a different input is refused.",
    nullable: true,
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "Filters for group legal sessions; all given filters apply together." })
export class GroupLegalSessionFilter {
  @Field(() => ID, { description: "Only sessions held at this site.", nullable: true })
  siteId?: string | null;

  @Field(() => LegalTopic, { description: "Only sessions on this topic.", nullable: true })
  topic?: LegalTopic | null;

  @Field(() => DateScalar, { nullable: true, description: "From this day on." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Up to and including this day." })
  to?: string | null;
}
