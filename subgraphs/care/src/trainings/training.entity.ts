import { DateScalar, NotPersonal, Personal } from "@reception-graph/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum TrainingTopic {
  PSEA = "PSEA",
  MHPSS_PFA = "MHPSS_PFA",
}
registerEnumType(TrainingTopic, {
  name: "TrainingTopic",
  description: "PSEA: prevention of sexual exploitation and abuse; MHPSS_PFA: MHPSS / psychological first aid.",
  valuesConfig: {
    PSEA: { description: "Prevention of sexual exploitation and abuse." },
    MHPSS_PFA: { description: "Mental health and psychosocial support / psychological first aid." },
  },
});

const STAFF = "a member of a partner's staff acting in their role, not a person served";

@ObjectType({ description: "A staff member's training on a topic, on a day, at a site." })
@Entity({ name: "training" })
@NotPersonal(STAFF)
export class Training {
  @Field(() => ID, { description: "Identifier of the training record." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field({ description: "The staff member's name." })
  @Column({ name: "staff_name", type: "text" })
  staffName: string;

  /** The name as compared to count each person once: lower case, single spaces, no accents. */
  @Column({ name: "staff_key", type: "text" })
  staffKey: string;

  @Field({ description: "The staff member's organisation (code as in staff tokens)." })
  @Column({ type: "text" })
  organisation: string;

  @Field(() => TrainingTopic, { description: "What the training was about." })
  @Column({ type: "text" })
  topic: TrainingTopic;

  @Field(() => DateScalar, { description: "Day of the training." })
  @Column({ name: "trained_on", type: "date" })
  trainedOn: string;

  @Field(() => ID, { description: "The site (housing's ID) the staff member works at." })
  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field({ description: "Who recorded it (the user's subject)." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Column({ name: "recorded_by_organisation", type: "text" })
  recordedByOrganisation: string;

  @Field({ description: "When it was recorded." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}

@ObjectType({ description: "Trained staff at one site for one topic, each person counted once." })
@Personal("AGGREGATES")
export class TrainedStaffAtSite {
  @Field(() => ID, { description: "The site counted." })
  siteId: string;

  @Field(() => Int, { description: "Distinct staff members trained on the topic at this site." })
  staff: number;
}

@ObjectType({
  description:
    "Trained staff for one topic (results matrix, output 1.2): each person counted once, however many sessions " +
    "or sites. Staff counts are not suppressed: they describe partners' staff in their role, not people served.",
})
@Personal("AGGREGATES")
export class TrainedStaff {
  @Field(() => TrainingTopic, { description: "The training topic counted." })
  topic: TrainingTopic;

  @Field(() => Int, { description: "Distinct staff members trained on the topic at the sites asked for." })
  staff: number;

  @Field(() => [TrainedStaffAtSite], { description: "Per site, by site ID." })
  sites: TrainedStaffAtSite[];
}
