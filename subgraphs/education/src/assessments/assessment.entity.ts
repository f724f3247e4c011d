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
  @Field(() => ID)
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

  @Field(() => Programme, { description: "The programme the child is best started in." })
  @Column({ name: "recommended_level", type: "text" })
  recommendedLevel: Programme;

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
