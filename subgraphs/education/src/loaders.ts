import { Caller } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { createAssessmentLoaders } from "./assessments/assessment.loaders";
import { createEnrolmentLoaders } from "./enrolments/enrolment.loaders";
import { createSchoolLoaders } from "./schools/school.loaders";

/** All DataLoaders of the education subgraph, built per request in the context factory. */
export function createEducationLoaders(dataSource: DataSource, _caller: Caller) {
  return {
    ...createSchoolLoaders(dataSource),
    ...createEnrolmentLoaders(dataSource),
    ...createAssessmentLoaders(dataSource),
  };
}

export type EducationLoaders = ReturnType<typeof createEducationLoaders>;
