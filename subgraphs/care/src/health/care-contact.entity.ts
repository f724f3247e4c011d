import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

export enum CareContactKind {
  CHECK_UP = "CHECK_UP",
  FIRST_AID = "FIRST_AID",
  VACCINATION = "VACCINATION",
  MEDICAL_INTAKE = "MEDICAL_INTAKE",
  MENTAL_HEALTH = "MENTAL_HEALTH",
  OTHER = "OTHER",
}
registerEnumType(CareContactKind, {
  name: "CareContactKind",
  description: "What the contact was; a MEDICAL_INTAKE also tells social that the intake was done (the date only).",
  valuesConfig: {
    CHECK_UP: { description: "A general health check-up." },
    FIRST_AID: { description: "First aid." },
    VACCINATION: { description: "A vaccination." },
    MEDICAL_INTAKE: {
      description: "The medical intake on arrival; social learns only that it was done, and the date.",
    },
    MENTAL_HEALTH: { description: "A mental health contact." },
    OTHER: { description: "Another kind of contact." },
  },
});

/**
 * Health data (special category). Reached only through guarded entry points
 * (Person.careContacts, recordCareContact), which apply the health rule per
 * person; each field still binds purpose and role.
 */
@ObjectType({ description: "A contact with the nurse or another care worker at a centre, and what came of it." })
@Entity({ name: "care_contact" })
@Personal("HEALTH")
export class CareContact {
  @Field(() => ID, { description: "Identifier of the care contact." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => ID, { description: "The site (housing's) where the contact took place." })
  @Column({ name: "site_id", type: "uuid" })
  siteId: string;

  @Field(() => DateScalar, { description: "Day of the contact." })
  @Column({ type: "date" })
  date: string;

  @Field(() => CareContactKind, { description: "What the contact was, e.g. a check-up or a vaccination." })
  @Column({ type: "text" })
  kind: CareContactKind;

  @Field({ description: "What came of the contact (clinical; stays in care)." })
  @Column({ type: "text" })
  outcome: string;

  @Field({ description: "Who recorded it (the user's subject)." })
  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;

  @Field({ description: "The organisation that recorded it; it may read it back." })
  @Column({ type: "text" })
  organisation: string;

  @Column({ name: "referral_id", type: "uuid", nullable: true })
  referralId: string | null;

  @Field({ description: "When it was recorded." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
