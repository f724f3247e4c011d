import { badInput, once, todayInBrussels } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { RecordEducationAssessmentInput } from "./assessment.inputs";

const LANGUAGE = /^[a-z]{2}$/;

/** Validates everything before anything is written; throws BAD_USER_INPUT naming the input path. */
export function validateAssessment(input: RecordEducationAssessmentInput) {
  if (!Number.isInteger(input.priorSchoolingYears) || input.priorSchoolingYears < 0 || input.priorSchoolingYears > 15) {
    throw badInput(
      "input.priorSchoolingYears",
      `priorSchoolingYears ${input.priorSchoolingYears} must be between 0 and 15.`,
    );
  }
  const lastGrade = input.lastGrade?.trim() || null;
  if (lastGrade && lastGrade.length > 60) {
    throw badInput("input.lastGrade", `lastGrade is ${lastGrade.length} characters long; at most 60 are allowed.`);
  }
  const languages = [...new Set(input.languages.map((l) => l.trim().toLowerCase()))];
  languages.forEach((l, i) => {
    if (!LANGUAGE.test(l))
      throw badInput(`input.languages[${i}]`, `Language ${JSON.stringify(l)} is not an ISO 639-1 code such as "uk".`);
  });
  const today = todayInBrussels();
  if (input.date > today) throw badInput("input.date", `date ${input.date} is in the future (today is ${today}).`);
  return { lastGrade, languages };
}

export async function recordAssessment(
  dataSource: DataSource,
  input: RecordEducationAssessmentInput,
  by: string,
): Promise<string> {
  const { lastGrade, languages } = validateAssessment(input);
  return dataSource.transaction(async (manager) => {
    const { id } = await once(
      manager,
      { subject: by, operation: "recordEducationAssessment" },
      input.idempotencyKey,
      input,
      async () => {
        const [row] = await manager.query(
          `INSERT INTO education_assessment
           (person_id, prior_schooling_years, last_grade, languages, recommended_level, date, school_id, assessed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [
            input.personId,
            input.priorSchoolingYears,
            lastGrade,
            languages,
            input.recommendedLevel,
            input.date,
            input.schoolId ?? null,
            by,
          ],
        );
        return row.id as string;
      },
    );
    return id;
  });
}
