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
  description: "DRAFT → SENT → ACCEPTED | DECLINED → IN_PROGRESS → COMPLETED, or CANCELLED.",
});

@ObjectType({ description: "A referral of a person to a partner's service (the envelope: no clinical detail)." })
@Directive('@key(fields: "id")')
@Entity({ name: "referral" })
export class Referral {
  @Field(() => ID)
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Column({ name: "service_id", type: "uuid" })
  serviceId: string;

  @Field(() => ServiceType, { description: "Why the person is referred." })
  @Column({ type: "text" })
  reason: ServiceType;

  @Field(() => ReferralStatus)
  @Column({ type: "text" })
  status: ReferralStatus;

  @Field({ description: "When the referral was created." })
  @Column({ name: "created_at", type: "timestamptz", default: () => "now()" })
  createdAt: Date;
}
