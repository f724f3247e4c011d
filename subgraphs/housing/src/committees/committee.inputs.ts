import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "A committee member and their role." })
export class CommitteeMemberInput {
  @Field(() => ID, { description: "The resident elected to the committee." })
  personId: string;

  @Field(() => String, { nullable: true, description: "e.g. chair, secretary, member." })
  role?: string | null;
}

@InputType({ description: "The result of a residents' election: members (residents of the site) and term." })
export class ElectCommitteeInput {
  @Field(() => ID, { description: "The site whose residents elected the committee." })
  siteId: string;

  @Field(() => [CommitteeMemberInput], { description: "The elected members." })
  members: CommitteeMemberInput[];

  @Field(() => DateScalar, { description: "First day of the committee's term." })
  termStart: string;

  @Field(() => DateScalar, { description: "Last day of the committee's term." })
  termEnd: string;

  @Field(() => DateScalar, { nullable: true, description: "Day of the election; default today." })
  electedOn?: string | null;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}
