import { indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { EducationAssessment } from "./assessment.entity";

/** Assessment loaders of one request (per request). */
export function createAssessmentLoaders(dataSource: DataSource) {
  return {
    /** The most recent assessment of each person (by date, then by recording time). */
    latestAssessmentByPerson: new DataLoader<string, EducationAssessment | null>(async (ids) => {
      const rows = await findIn(dataSource, EducationAssessment, "personId", ids.filter(isUuid), {
        order: { date: "DESC", createdAt: "DESC" },
      });
      const latest = new Map<string, EducationAssessment>();
      for (const a of rows) if (!latest.has(a.personId)) latest.set(a.personId, a);
      return ids.map((id) => latest.get(id) ?? null);
    }),
    /** Every assessment of each person, newest first: reassessments keep the history. */
    assessmentsByPerson: new DataLoader<string, EducationAssessment[]>(async (ids) => {
      const rows = await findIn(dataSource, EducationAssessment, "personId", ids.filter(isUuid), {
        order: { date: "DESC", createdAt: "DESC" },
      });
      return ids.map((id) => rows.filter((a) => a.personId === id));
    }),
    assessmentById: new DataLoader<string, EducationAssessment | null>(async (ids) => {
      const rows = await findIn(dataSource, EducationAssessment, "id", ids.filter(isUuid));
      return indexBy(ids, rows, (a) => a.id);
    }),
  };
}
