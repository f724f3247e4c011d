import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";

export enum InsuranceStatus {
  REQUESTED = "REQUESTED",
  REGISTERED = "REGISTERED",
  REFUSED = "REFUSED",
}
registerEnumType(InsuranceStatus, {
  name: "InsuranceStatus",
  description: "Registration with a health insurance fund: REQUESTED, REGISTERED or REFUSED.",
  valuesConfig: {
    REQUESTED: { description: "Registration asked of the fund, no answer yet." },
    REGISTERED: { description: "Registered with the fund." },
    REFUSED: { description: "The fund refused the registration." },
  },
});

@ObjectType({
  description: "A person's registration with a health insurance fund (ziekenfonds); the funds take turns in the cell.",
})
@Entity({ name: "health_insurance" })
@Personal("SOCIAL_FINANCIAL")
export class HealthInsurance {
  @Field(() => ID, { description: "Identifier of the registration." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field({ description: "The fund, e.g. 'CM', 'Solidaris', 'Helan', 'Liberale Mutualiteit', 'HZIV'." })
  @Column({ type: "text" })
  fund: string;

  @Field(() => InsuranceStatus, { description: "Where the registration with the fund stands." })
  @Column({ type: "text" })
  status: InsuranceStatus;

  @Field(() => DateScalar, { description: "Day of the current status." })
  @Column({ name: "status_date", type: "date" })
  statusDate: string;

  @Field(() => String, { nullable: true, description: "Membership number at the fund, once registered." })
  @Column({ name: "membership_number", type: "text", nullable: true })
  membershipNumber: string | null;
}

@ObjectType({
  description:
    "Whether the medical intake (by the primary-care zone in the cell) was done, and when. The clinical result stays with care.",
})
@Entity({ name: "medical_intake" })
@Personal("SOCIAL_FINANCIAL")
export class MedicalIntake {
  @PrimaryColumn({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => DateScalar)
  @Column({ name: "done_on", type: "date" })
  doneOn: string;

  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;
}
