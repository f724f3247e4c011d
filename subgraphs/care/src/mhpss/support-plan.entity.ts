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
});

export enum SupportSessionKind {
  INDIVIDUAL = "INDIVIDUAL",
  GROUP = "GROUP",
}
registerEnumType(SupportSessionKind, { name: "SupportSessionKind", description: "Individual or group support." });

/** Health data (MHPSS), reached only through Person.supportPlan and updateSupportPlan. */
@ObjectType({ description: "A person's personalised MHPSS action plan: goals, status and sessions." })
@Entity({ name: "support_plan" })
@Personal("HEALTH")
export class SupportPlan {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field({ description: "The organisation that holds the plan; only it changes it." })
  @Column({ type: "text" })
  organisation: string;

  @Field(() => [String])
  @Column({ type: "text", array: true })
  goals: string[];

  @Field(() => SupportPlanStatus)
  @Column({ type: "text" })
  status: SupportPlanStatus;

  @Field()
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
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "plan_id", type: "uuid" })
  planId: string;

  @Field(() => DateScalar)
  @Column({ type: "date" })
  date: string;

  @Field(() => SupportSessionKind)
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

  @Field()
  @Column({ type: "timestamptz" })
  at: Date;

  @Field({ description: "Who made the change (the user's subject)." })
  @Column({ name: "by_subject", type: "text" })
  by: string;

  @Field()
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
