import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Programme } from "../enrolments/enrolment.entity";

@ObjectType({
  description: "A child's schooling as assessed soon after arrival: schooling in Ukraine and the level to start at.",
})
@Entity({ name: "education_assessment" })
@Personal("EDUCATION", { person: (a: { personId: string }) => a.personId })
export class EducationAssessment {
  @Field(() => ID, { description: "Identifier of the assessment." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column({ name: "person_id", type: "uuid" })
  personId: string;

  @Field(() => Int, { description: "Years of school completed before arrival." })
  @Column({ name: "prior_schooling_years", type: "int" })
  priorSchoolingYears: number;

  @Field(() => String, { nullable: true, description: "Last grade attended, as the family described it." })
  @Column({ name: "last_grade", type: "text", nullable: true })
  lastGrade: string | null;

  @Field(() => [String], { description: "Languages the child speaks or was taught in (ISO 639-1)." })
  @Column({ type: "text", array: true })
  languages: string[];

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the child speaks Dutch well enough for regular secondary (null on older assessments).",
  })
  @Column({ name: "speaks_dutch", type: "boolean", nullable: true })
  speaksDutch: boolean | null;

  @Field(() => Programme, {
    nullable: true,
    description:
      "The level proposed from the age on the assessment day and prior schooling: under 6 KINDERGARTEN, 6–11 " +
      "PRIMARY, 12–17 OKAN without Dutch, SECONDARY with Dutch (null on older assessments).",
  })
  @Column({ name: "proposed_level", type: "text", nullable: true })
  proposedLevel: Programme | null;

  @Field(() => Programme, { description: "The programme the child is best started in: the proposal or the override." })
  @Column({ name: "recommended_level", type: "text" })
  recommendedLevel: Programme;

  @Field(() => String, {
    nullable: true,
    description: "Why the assessor chose another level than the proposal; null when the proposal was kept.",
  })
  @Column({ name: "override_reason", type: "text", nullable: true })
  overrideReason: string | null;

  @Field({ description: "True when the assessor overrode the proposed level (with a reason)." })
  get overridden(): boolean {
    return this.overrideReason !== null;
  }

  @Field(() => DateScalar, { description: "Day of the assessment." })
  @Column({ type: "date" })
  date: string;

  @Column({ name: "school_id", type: "uuid", nullable: true })
  schoolId: string | null;

  @Column({ name: "assessed_by", type: "text" })
  assessedBy: string;

  @Field({ description: "When the assessment was recorded." })
  @Column({ name: "created_at", type: "timestamptz" })
  createdAt: Date;
}
