import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { FeedbackCategory, FeedbackChannelKind, FeedbackStatus } from "./feedback.entity";

@InputType({ description: "A new feedback channel of a site." })
export class RegisterFeedbackChannelInput {
  @Field(() => ID, { description: "The site (housing's ID)." })
  siteId: string;

  @Field(() => FeedbackChannelKind, { description: "The kind of channel." })
  kind: FeedbackChannelKind;

  @Field(() => String, { nullable: true, description: "Where or when, at most 200 characters." })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second channel.",
  })
  idempotencyKey?: string | null;
}

@InputType({
  description:
    "Feedback entered by staff for a resident. Anonymous: give no personId, and nothing will link it to anyone " +
    "(not to you either: no idempotency key is kept). Linked: give the personId of one of your own people.",
})
export class SubmitFeedbackInput {
  @Field(() => ID, { description: "The site (housing's ID)." })
  siteId: string;

  @Field(() => ID, { description: "One of the site's feedback channels, the one it came through." })
  channelId: string;

  @Field(() => FeedbackCategory, { description: "What kind of feedback it is." })
  category: FeedbackCategory;

  @Field({ description: "What the resident said, at most 2000 characters." })
  text: string;

  @Field({ description: "Language of the text (ISO 639-1, e.g. uk)." })
  language: string;

  @Field({ description: "True: linked to no one. False: give personId." })
  anonymous: boolean;

  @Field(() => ID, { nullable: true, description: "The person it is about (linked submissions only)." })
  personId?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day it came in (a box emptied later, a committee meeting); not in the future. Default today.",
  })
  receivedOn?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Linked submissions only: repeat a call with the same key to get the first result.",
  })
  idempotencyKey?: string | null;
}

@InputType({ description: "The centre's answer to a submission; it closes it." })
export class RespondToFeedbackInput {
  @Field(() => ID, { description: "The feedback answered." })
  feedbackId: string;

  @Field({ description: "The answer, at most 2000 characters." })
  response: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day it was answered (in person or in a meeting); not before receipt, not in the future.",
  })
  respondedOn?: string | null;
}

@InputType({ description: "Filters for the feedback list; all given filters apply together." })
export class FeedbackFilter {
  @Field(() => ID, { description: "Only feedback about this site.", nullable: true })
  siteId?: string | null;

  @Field(() => FeedbackStatus, { description: "Only open or only closed feedback.", nullable: true })
  status?: FeedbackStatus | null;

  @Field(() => FeedbackCategory, { description: "Only feedback of this category.", nullable: true })
  category?: FeedbackCategory | null;

  @Field(() => String, { nullable: true, description: 'Received in this month, "YYYY-MM".' })
  month?: string | null;
}
