import { AgeBand, DateScalar, NotPersonal, Personal, Sex, SuppressedCount } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum ActivityKind {
  SPORT = "SPORT",
  GAMES = "GAMES",
  CULTURE = "CULTURE",
  ART = "ART",
  LANGUAGE_CAFE = "LANGUAGE_CAFE",
  OTHER = "OTHER",
}
registerEnumType(ActivityKind, {
  name: "ActivityKind",
  description: "What kind of recreational or educational activity it was.",
  valuesConfig: {
    SPORT: { description: "Sport." },
    GAMES: { description: "Games." },
    CULTURE: { description: "A cultural outing or event." },
    ART: { description: "Art and crafts." },
    LANGUAGE_CAFE: { description: "A language café: practising Dutch in conversation." },
    OTHER: { description: "Another kind of activity." },
  },
});

/** One stored attendance group of an activity: the numbers as recorded (never shown as such, see below). */
@Entity({ name: "activity_attendance" })
export class ActivityAttendance {
  @Column({ name: "activity_id", type: "uuid", primary: true })
  activityId: string;

  @Column({ name: "age_band", type: "text", primary: true })
  ageBand: AgeBand;

  @Column({ type: "text", primary: true })
  sex: Sex;

  @Column({ type: "int" })
  count: number;
}

/**
 * An attendance group as shown: the count goes through the kit's one rule
 * (an activity's groups with their total are one distribution, so a single
 * small group takes a second one with it).
 */
@ObjectType("ActivityAttendance", {
  description: "How many people of one age band and sex took part in an activity. No one is named; 1–4 is suppressed.",
})
@Personal("AGGREGATES")
export class ActivityAttendanceCount {
  @Field(() => AgeBand, { description: "The participants' age band." })
  ageBand: AgeBand;

  @Field(() => Sex, { description: "The participants' sex, as recorded by the organiser." })
  sex: Sex;

  @Field(() => SuppressedCount, { description: "Participants of this age band and sex; suppressed when 1–4." })
  count: SuppressedCount;
}

@ObjectType({
  description:
    "A recreational or educational activity at a reception site (sport, games, culture, art, a language café…), " +
    "with attendance counted by age band and sex; no participant is named.",
})
@Entity({ name: "activity" })
@NotPersonal("an activity at a site: what, when and who organised it; attendance counts are declared on their fields")
export class Activity {
  @Field(() => ID, { description: "Identifier of the activity." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => DateScalar, { description: "Day of the activity." })
  @Column({ type: "date" })
  date: string;

  @Field(() => ActivityKind, { description: "What kind of activity it was." })
  @Column({ type: "text" })
  kind: ActivityKind;

  @Field(() => String, { nullable: true, description: 'A short title, e.g. "Football on the square".' })
  @Column({ type: "text", nullable: true })
  title: string | null;

  @Field({ description: "Who organised it (an organisation or team, not a participant)." })
  @Column({ type: "text" })
  organiser: string;

  @Column({ name: "school_id", type: "uuid", nullable: true })
  schoolId: string | null;

  @Field({ description: "When it was recorded." })
  @Column({ name: "recorded_at", type: "timestamptz" })
  recordedAt: Date;

  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;
}
