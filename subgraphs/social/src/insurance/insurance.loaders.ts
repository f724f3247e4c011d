import { indexBy, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { HealthInsurance, MedicalIntake } from "./insurance.entity";

/** Health insurance loaders of one request (per request). */
export function createInsuranceLoaders(dataSource: DataSource) {
  return {
    healthInsuranceByPerson: new DataLoader<string, HealthInsurance | null>(async (ids) =>
      indexBy(
        ids,
        await dataSource.getRepository(HealthInsurance).findBy({ personId: In(ids.filter(isUuid)) }),
        (h) => h.personId,
      ),
    ),
    medicalIntakeByPerson: new DataLoader<string, MedicalIntake | null>(async (ids) =>
      indexBy(
        ids,
        await dataSource.getRepository(MedicalIntake).findBy({ personId: In(ids.filter(isUuid)) }),
        (m) => m.personId,
      ),
    ),
  };
}
