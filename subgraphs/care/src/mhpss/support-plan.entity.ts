import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum SupportPlanStatus {
  ACTIVE = "ACTIVE",
  PAUSED = "PAUSED",
  CLOSED = "CLOSED",
}
registerEnumType(SupportPlanStatus, {
  name: "SupportPlanStatus",
  description: "ACTIVE and PAUSED move freely; CLOSED is final.",
  valuesConfig: {
    ACTIVE: { description: "Support is going on." },
    PAUSED: { description: "Support is paused; it can become active again." },
    CLOSED: { description: "Support has ended; final." },
  },
});

export enum SupportSessionKind {
  INDIVIDUAL = "INDIVIDUAL",
  GROUP = "GROUP",
}
registerEnumType(SupportSessionKind, {
  name: "SupportSessionKind",
  description: "Individual or group support.",
  valuesConfig: {
    INDIVIDUAL: { description: "Individual support, one person." },
    GROUP: { description: "Support in a group." },
  },
});

/** Health data (MHPSS), reached only through Person.supportPlan and updateSupportPlan. */
@ObjectType({ description: "A person's personalised MHPSS action plan: goals, status and sessions." })
@Entity({ name: "support_plan" })
@Personal("HEALTH")
export class SupportPlan {
  @Field(() => ID, { description: "Identifier of the plan." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field({ description: "The organisation that holds the plan; only it changes it." })
  @Column({ type: "text" })
  organisation: string;

  @Field(() => [String], { description: "The plan's goals, in the order set." })
  @Column({ type: "text", array: true })
  goals: string[];

  @Field(() => SupportPlanStatus, { description: "Whether the plan is active, paused or closed." })
  @Column({ type: "text" })
  status: SupportPlanStatus;

  @Field({ description: "When the plan was created." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field({ description: "When the plan last changed." })
  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}

@ObjectType({ description: "One support session of the plan." })
@Entity({ name: "support_session" })
@Personal("HEALTH")
export class SupportSession {
  @Field(() => ID, { description: "Identifier of the session." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "plan_id", type: "uuid" })
  planId: string;

  @Field(() => DateScalar, { description: "Day of the session." })
  @Column({ type: "date" })
  date: string;

  @Field(() => SupportSessionKind, { description: "Individual or group session." })
  @Column({ type: "text" })
  kind: SupportSessionKind;

  @Field({ description: "Whether the person came." })
  @Column({ type: "boolean" })
  attended: boolean;

  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}

@ObjectType({ description: "The plan as it stood after one change, with who made it and when (append-only)." })
@Entity({ name: "support_plan_change" })
@Personal("HEALTH")
export class SupportPlanChange {
  @Column({ type: "bigint", primary: true, insert: false })
  id: number;

  @Column({ name: "plan_id", type: "uuid" })
  planId: string;

  @Field({ description: "When the change was made." })
  @Column({ type: "timestamptz" })
  at: Date;

  @Field({ description: "Who made the change (the user's subject)." })
  @Column({ name: "by_subject", type: "text" })
  by: string;

  @Field({ description: "The organisation of the person who made the change." })
  @Column({ name: "by_organisation", type: "text" })
  byOrganisation: string;

  @Field(() => [String], { description: "Goals after the change." })
  @Column({ type: "text", array: true })
  goals: string[];

  @Field(() => SupportPlanStatus, { description: "Status after the change." })
  @Column({ type: "text" })
  status: SupportPlanStatus;

  @Field(() => Int, { description: "Sessions added by this change." })
  @Column({ name: "sessions_added", type: "integer" })
  sessionsAdded: number;
}
