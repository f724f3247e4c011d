import { DataSource } from "typeorm";
import { createEnrolmentLoaders } from "./enrolments/enrolment.loaders";

/** All DataLoaders of the education subgraph, built per request in the context factory. */
export function createEducationLoaders(dataSource: DataSource) {
  return { ...createEnrolmentLoaders(dataSource) };
}

export type EducationLoaders = ReturnType<typeof createEducationLoaders>;
