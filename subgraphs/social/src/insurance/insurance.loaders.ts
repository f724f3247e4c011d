import { indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { HealthInsurance, MedicalIntake } from "./insurance.entity";

/** Health insurance loaders of one request (per request). */
export function createInsuranceLoaders(dataSource: DataSource) {
  return {
    healthInsuranceByPerson: new DataLoader<string, HealthInsurance | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, HealthInsurance, "personId", ids.filter(isUuid)), (h) => h.personId),
    ),
    medicalIntakeByPerson: new DataLoader<string, MedicalIntake | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, MedicalIntake, "personId", ids.filter(isUuid)), (m) => m.personId),
    ),
  };
}
