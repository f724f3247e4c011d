import { AgeBand, DateScalar, NotPersonal, Personal, Sex } from "@reception-graph/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum LegalTopic {
  TEMPORARY_PROTECTION = "TEMPORARY_PROTECTION",
  RESIDENCE = "RESIDENCE",
  EMPLOYMENT = "EMPLOYMENT",
  FAMILY = "FAMILY",
  HOUSING = "HOUSING",
  OTHER = "OTHER",
}
registerEnumType(LegalTopic, {
  name: "LegalTopic",
  description: "What the legal advice was about.",
  valuesConfig: {
    TEMPORARY_PROTECTION: { description: "Temporary protection status." },
    RESIDENCE: { description: "Residence rights and documents." },
    EMPLOYMENT: { description: "Work and employment law." },
    FAMILY: { description: "Family matters, e.g. reunification." },
    HOUSING: { description: "Housing and tenancy." },
    OTHER: { description: "Another topic." },
  },
});

/**
 * Individual legal advice. access.md has no legal row: it is treated as
 * HEALTH, the most restricted care category (the lawyer's organisation only).
 */
@ObjectType({ description: "An individual legal advice session with a pro-bono lawyer." })
@Entity({ name: "legal_session" })
@Personal("HEALTH")
export class LegalSession {
  @Field(() => ID, { description: "Identifier of the session." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field({ description: "The lawyers' organisation that gave the advice." })
  @Column({ type: "text" })
  organisation: string;

  @Field(() => LegalTopic, { description: "What the legal advice was about." })
  @Column({ type: "text" })
  topic: LegalTopic;

  @Field(() => DateScalar, { description: "Day of the session." })
  @Column({ type: "date" })
  date: string;

  @Field({ description: "What came out of the session, in a few words." })
  @Column({ type: "text" })
  outcome: string;

  @Field({ description: "Who recorded it (the user's subject)." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}

@ObjectType({ description: "How many attendees of one age band and sex; small counts are suppressed." })
@Personal("AGGREGATES")
export class AttendeeCount {
  @Field(() => AgeBand, { description: "The attendees' age band." })
  ageBand: AgeBand;

  @Field(() => Sex, { description: "The attendees' sex." })
  sex: Sex;

  @Field(() => Int, { nullable: true, description: "null when suppressed." })
  count: number | null;

  @Field({ description: "True when the count is withheld because it could identify someone (below 5)." })
  suppressed: boolean;
}

@ObjectType({ description: "A group legal information session at a site: topic, date and attendee counts, no names." })
@Entity({ name: "group_legal_session" })
export class GroupLegalSession {
  @Field(() => ID, { description: "Identifier of the session." })
  @NotPersonal("the session's own ID")
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => ID, { description: "The site (housing's) where it took place." })
  @NotPersonal("a place, not a person")
  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field({ description: "The organisation that held the session." })
  @NotPersonal("the organisation that held the session")
  @Column({ type: "text" })
  organisation: string;

  @Field(() => LegalTopic, { description: "What the session was about." })
  @NotPersonal("the subject of a session open to all residents")
  @Column({ type: "text" })
  topic: LegalTopic;

  @Field(() => DateScalar, { description: "Day of the session." })
  @NotPersonal("the day of the session")
  @Column({ type: "date" })
  date: string;

  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
