import { DateScalar, Personal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { ServiceType } from "../services/service.entity";

export enum ReferralStatus {
  DRAFT = "DRAFT",
  SENT = "SENT",
  ACCEPTED = "ACCEPTED",
  DECLINED = "DECLINED",
  IN_PROGRESS = "IN_PROGRESS",
  COMPLETED = "COMPLETED",
  CANCELLED = "CANCELLED",
}
registerEnumType(ReferralStatus, {
  name: "ReferralStatus",
  description:
    "DRAFT → SENT → ACCEPTED or DECLINED (by the receiving partner); ACCEPTED → IN_PROGRESS → COMPLETED; " +
    "CANCELLED from DRAFT, SENT, ACCEPTED or IN_PROGRESS.",
  valuesConfig: {
    DRAFT: { description: "Prepared, not yet sent." },
    SENT: { description: "Sent to the receiving partner." },
    ACCEPTED: { description: "Accepted by the receiving partner." },
    DECLINED: { description: "Declined by the receiving partner." },
    IN_PROGRESS: { description: "The partner is helping the person." },
    COMPLETED: { description: "The help was given." },
    CANCELLED: { description: "Cancelled before completion." },
  },
});

export enum ReferralPriority {
  LOW = "LOW",
  NORMAL = "NORMAL",
  HIGH = "HIGH",
  URGENT = "URGENT",
}
registerEnumType(ReferralPriority, {
  name: "ReferralPriority",
  description: "How soon the person needs the service.",
  valuesConfig: {
    LOW: { description: "Low priority." },
    NORMAL: { description: "Normal priority (the default)." },
    HIGH: { description: "High priority." },
    URGENT: { description: "Urgent: needed as soon as possible." },
  },
});

@ObjectType({
  description:
    "A referral of a person to a partner's service: the envelope only (who, to which service, why, status, dates), " +
    "never clinical detail.",
})
@Directive('@key(fields: "id")')
@Entity({ name: "referral" })
@Personal("REFERRAL", { person: (r: { personId: string }) => r.personId })
export class Referral {
  @Field(() => ID, { description: "Identifier of the referral." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "service_id", type: "uuid" })
  serviceId: string;

  @Field(() => ServiceType, { description: "Why the person is referred." })
  @Column({ type: "text" })
  reason: ServiceType;

  @Field(() => ReferralPriority, { description: "How soon the person needs the service." })
  @Column({ type: "text" })
  priority: ReferralPriority;

  @Field({ description: "Whether the person agreed to be referred; a referral is only sent with consent." })
  @Column({ type: "boolean" })
  consent: boolean;

  @Field(() => DateScalar, { nullable: true, description: "Day by which the service should have taken it up." })
  @Column({ name: "due_date", type: "date", nullable: true })
  dueDate: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Short practical note for the receiving partner (no clinical detail).",
  })
  @Column({ type: "text", nullable: true })
  note: string | null;

  @Field(() => ReferralStatus, { description: "Where the referral stands." })
  @Column({ type: "text" })
  status: ReferralStatus;

  @Field({ description: "Who made the referral (the user's subject)." })
  @Column({ name: "referred_by", type: "text" })
  referredBy: string;

  @Field({ description: "Organisation that made the referral, e.g. OCMW_GENT." })
  @Column({ name: "referring_organisation", type: "text" })
  referringOrganisation: string;

  @Field({ description: "When the referral was created." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;

  @Field({ description: "When its status last changed." })
  @Column({ name: "updated_at", type: "timestamptz" })
  updatedAt: Date;
}

@ObjectType({ description: "One step in a referral's life: its new status, who made the change, when and why." })
@Entity({ name: "referral_transition" })
@Personal("REFERRAL")
export class ReferralTransition {
  @Column({ type: "bigint", primary: true, insert: false })
  id: number;

  @Column({ name: "referral_id", type: "uuid" })
  referralId: string;

  @Field(() => ReferralStatus, { nullable: true, description: "Status before; null for the creation." })
  @Column({ name: "from_status", type: "text", nullable: true })
  from: ReferralStatus | null;

  @Field(() => ReferralStatus, { description: "Status after the change." })
  @Column({ name: "to_status", type: "text" })
  status: ReferralStatus;

  @Field({ description: "When the change was made." })
  @Column({ type: "timestamptz" })
  at: Date;

  @Field({ description: "Who made the change (the user's subject)." })
  @Column({ name: "by_subject", type: "text" })
  by: string;

  @Field({ description: "The organisation of who made the change." })
  @Column({ name: "by_organisation", type: "text" })
  byOrganisation: string;

  @Field(() => String, { description: "Free text recorded with the change.", nullable: true })
  @Column({ type: "text", nullable: true })
  note: string | null;
}
