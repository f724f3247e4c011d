import { badInput, once, todayInBrussels } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { Programme } from "../enrolments/enrolment.entity";
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
  const overrideReason = input.overrideReason?.trim() || null;
  if (input.overrideReason != null && !overrideReason) {
    throw badInput("input.overrideReason", "overrideReason is empty; say why the level differs, or leave it out.");
  }
  if (overrideReason && overrideReason.length > 500) {
    throw badInput(
      "input.overrideReason",
      `overrideReason is ${overrideReason.length} characters long; at most 500 are allowed.`,
    );
  }
  return { lastGrade, languages, overrideReason };
}

/**
 * The level a child is proposed from their age on the assessment day and
 * whether they speak Dutch: under 6 kindergarten, 6–11 primary, 12–17 OKAN
 * (the reception class for non-Dutch-speaking newcomers) or, with Dutch,
 * regular secondary. Null from 18: adults follow Dutch courses instead.
 */
export function proposeLevel(age: number, speaksDutch: boolean): Programme | null {
  if (age < 6) return Programme.KINDERGARTEN;
  if (age <= 11) return Programme.PRIMARY;
  if (age <= 17) return speaksDutch ? Programme.SECONDARY : Programme.OKAN;
  return null;
}

/**
 * The final level: the proposal, or the assessor's override, which needs a
 * reason (BAD_USER_INPUT on input.overrideReason without one). A reason with
 * the proposal itself is refused too: nothing was overridden.
 */
export function decideLevel(
  proposed: Programme,
  asked: Programme | null | undefined,
  reason: string | null,
): { level: Programme; overrideReason: string | null } {
  if (!asked || asked === proposed) {
    if (reason) {
      throw badInput(
        "input.overrideReason",
        `overrideReason is only for a level other than the proposal (${proposed}); leave it out or choose another level.`,
      );
    }
    return { level: proposed, overrideReason: null };
  }
  if (!reason) {
    throw badInput(
      "input.overrideReason",
      `The proposed level is ${proposed}; recommending ${asked} instead needs overrideReason.`,
    );
  }
  return { level: asked, overrideReason: reason };
}

export async function recordAssessment(
  db: EntityManager,
  input: RecordEducationAssessmentInput,
  decided: { proposedLevel: Programme; level: Programme; overrideReason: string | null },
  by: string,
): Promise<string> {
  const { lastGrade, languages } = validateAssessment(input);
  return db.transaction(async (manager) => {
    const { id } = await once(
      manager,
      { subject: by, operation: "recordEducationAssessment" },
      input.idempotencyKey,
      input,
      async () => {
        const [row] = await manager.query(
          `INSERT INTO education_assessment
           (person_id, prior_schooling_years, last_grade, languages, recommended_level, date, school_id, assessed_by,
            speaks_dutch, proposed_level, override_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
          [
            input.personId,
            input.priorSchoolingYears,
            lastGrade,
            languages,
            decided.level,
            input.date,
            input.schoolId ?? null,
            by,
            input.speaksDutch ?? false,
            decided.proposedLevel,
            decided.overrideReason,
          ],
        );
        return row.id as string;
      },
    );
    return id;
  });
}
