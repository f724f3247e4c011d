import {
  DateScalar,
  NotPersonal,
  Personal,
  SubgraphContext,
  SuppressedCount,
  SuppressedStatistic,
} from "@reception-graph/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

export enum FeedbackChannelKind {
  BOX = "BOX",
  IN_PERSON = "IN_PERSON",
  PHONE = "PHONE",
  COMMITTEE = "COMMITTEE",
  DIGITAL = "DIGITAL",
}
registerEnumType(FeedbackChannelKind, {
  name: "FeedbackChannelKind",
  description:
    "How residents reach the centre: a letter box, in person, by phone, through the residents' committee, or " +
    "digitally (the gateway's page /feedback/{siteCode}, from the resident's own phone).",
  valuesConfig: {
    BOX: { description: "A letter box at the site." },
    IN_PERSON: { description: "Talking to staff in person." },
    PHONE: { description: "By phone." },
    COMMITTEE: { description: "Through the residents' committee." },
    DIGITAL: { description: "The gateway's page /feedback/{siteCode}, from the resident's own phone." },
  },
});

export enum FeedbackCategory {
  COMPLAINT = "COMPLAINT",
  SUGGESTION = "SUGGESTION",
  QUESTION = "QUESTION",
  COMPLIMENT = "COMPLIMENT",
}
registerEnumType(FeedbackCategory, {
  name: "FeedbackCategory",
  description: "What kind of feedback it is.",
  valuesConfig: {
    COMPLAINT: { description: "A complaint." },
    SUGGESTION: { description: "A suggestion." },
    QUESTION: { description: "A question." },
    COMPLIMENT: { description: "A compliment." },
  },
});

export enum FeedbackStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}
registerEnumType(FeedbackStatus, {
  name: "FeedbackStatus",
  description: "OPEN until answered; the answer closes it.",
  valuesConfig: { OPEN: { description: "Not answered yet." }, CLOSED: { description: "Answered." } },
});

@ObjectType({ description: "A way residents of one site can give feedback. Every centre needs at least one." })
@Entity({ name: "feedback_channel" })
@NotPersonal("a site's feedback channel (a box, a phone line, a public page code): about the site, not a person")
export class FeedbackChannel {
  @Field(() => ID, { description: "Identifier of the channel." })
  @PrimaryColumn({ type: "uuid", insert: false })
  id: string;

  @Field(() => ID, { description: "The site (housing's ID)." })
  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => FeedbackChannelKind, { description: "How residents reach the centre through this channel." })
  @Column({ type: "text" })
  kind: FeedbackChannelKind;

  @Field(() => String, { nullable: true, description: 'Where or when, e.g. "Box next to the laundry room".' })
  @Column({ type: "text", nullable: true })
  description: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "DIGITAL channels only: the public code of the resident page, /feedback/{siteCode} on the gateway " +
      "(posted in the centre, e.g. as a QR code).",
  })
  @Column({ name: "site_code", type: "text", nullable: true })
  siteCode: string | null;
}

/**
 * One submission. Anonymous ones name no one: no person, no author, only the
 * day it came in. A linked one names the person it is about, and every read
 * of it is checked and audited for that person.
 */
@ObjectType({
  description:
    "A complaint, suggestion, question or compliment from a resident, anonymous or linked to a person, and the answer.",
})
@Entity({ name: "feedback" })
@Personal("ANONYMOUS_FEEDBACK", {
  person: (f: { personId: string | null }) => f.personId,
  // A site coordinator's own feedback is that of their sites, anonymous or not.
  ownRecord: (f: { siteId: string }, ctx: SubgraphContext) => ctx.caller.sites.includes(f.siteId),
})
export class Feedback {
  @Field(() => ID, { description: "Identifier of the feedback." })
  @PrimaryColumn({ type: "uuid", insert: false })
  id: string;

  @Field(() => ID, { description: "The site (housing's ID) the feedback is about." })
  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Column({ name: "channel_id", type: "uuid" })
  channelId: string;

  @Field(() => FeedbackCategory, { description: "What kind of feedback it is." })
  @Column({ type: "text" })
  category: FeedbackCategory;

  @Field({ description: "What the resident said." })
  @Column({ type: "text" })
  text: string;

  @Field({ description: "Language of the text (ISO 639-1, e.g. uk)." })
  @Column({ type: "text" })
  language: string;

  @Field({ description: "True when nothing links the submission to a person." })
  @Column({ type: "boolean" })
  anonymous: boolean;

  @Column({ name: "person_id", type: "uuid", nullable: true })
  personId: string | null;

  @Field(() => DateScalar, { description: "The day it came in (never a finer time)." })
  @Column({ name: "received_on", type: "date" })
  receivedOn: string;

  @Field(() => String, { nullable: true, description: "The centre's answer; null while open." })
  @Column({ type: "text", nullable: true })
  response: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The day it was answered (and closed)." })
  @Column({ name: "responded_on", type: "date", nullable: true })
  respondedOn: string | null;
}

@ObjectType({ description: "How many submissions of one category came in during the month." })
@Personal("AGGREGATES")
export class FeedbackCategoryCount {
  @Field(() => FeedbackCategory, { description: "The category counted." })
  category: FeedbackCategory;

  @Field(() => SuppressedCount, {
    description:
      "Submissions of this category; 1–4 suppressed, and a second category with them when only one would be " +
      "(received is their total).",
  })
  count: SuppressedCount;
}

@ObjectType({
  description:
    "The complaints and feedback mechanism of one site over one calendar month. Counts of submissions come from " +
    "residents and are suppressed when 1–4 (access.md); channels are not people and are shown.",
})
@Personal("AGGREGATES")
export class FeedbackMonthlyOverview {
  @Field(() => ID, { description: "The site (housing's ID)." })
  siteId: string;

  @Field({ description: 'The month, "YYYY-MM".' })
  month: string;

  @Field(() => Int, { description: "Feedback channels the site has now." })
  channels: number;

  @Field(() => SuppressedCount, { description: "Submissions received during the month." })
  received: SuppressedCount;

  @Field(() => SuppressedCount, {
    description: "Submissions answered (closed) during the month, whenever they came in.",
  })
  closed: SuppressedCount;

  @Field(() => SuppressedCount, {
    description: "Submissions still open at the end of the month: received by then and not answered by then.",
  })
  stillOpen: SuppressedCount;

  @Field(() => SuppressedStatistic, {
    description:
      "Median days from receipt to answer of the submissions closed during the month (basis: those closed); " +
      "null if none, suppressed when 1–4.",
  })
  medianDaysToRespond: SuppressedStatistic;

  @Field(() => [FeedbackCategoryCount], {
    description: "Submissions received during the month by category (every category, zeros included).",
  })
  byCategory: FeedbackCategoryCount[];
}
