import { badInput, SubgraphContext } from "@reception-graph/kit";
import { EducationLoaders } from "../loaders";
import { Programme } from "./enrolment.entity";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * Ages (whole years on the first school day) each programme takes. School
 * age is 5–17 (compulsory schooling in Belgium, 5 to 18); OKAN, the reception
 * class of secondary age, 12–17. Kindergarten opens at two and a half, but
 * a school may only take a child handed over to it within school age, so
 * its last year (5) is what a request can lead to.
 */
export const PROGRAMME_AGES: Record<Programme, { from: number; to: number; label: string }> = {
  [Programme.KINDERGARTEN]: { from: 5, to: 5, label: "Kindergarten enrolment through a request is for age 5" },
  [Programme.PRIMARY]: { from: 5, to: 17, label: "School enrolment is for ages 5–17" },
  [Programme.SECONDARY]: { from: 5, to: 17, label: "School enrolment is for ages 5–17" },
  [Programme.OKAN]: { from: 12, to: 17, label: "OKAN is for ages 12–17" },
};

/**
 * Refuses (BAD_USER_INPUT on input.personId, before anything is written) a
 * child outside the programme's ages on the start date. Education stores no
 * birth date: it asks social (Person.ageOn), as the caller. Social not
 * answering is an error naming it (UNAVAILABLE), never a pass.
 */
export async function assertSchoolAge(
  ctx: Ctx,
  personId: string,
  programme: Programme,
  startDate: string,
): Promise<void> {
  const age = await ctx.loaders.social.ageOn(personId, startDate);
  const rule = PROGRAMME_AGES[programme];
  if (age == null) {
    throw badInput(
      "input.personId",
      `${rule.label}, and OCMW's social subgraph knows no birth date or year for this person, so the age on ` +
        `${startDate} cannot be checked; ask their social worker to record it.`,
    );
  }
  if (age < rule.from || age > rule.to) {
    throw badInput("input.personId", `${rule.label}; this person is ${age} on ${startDate}.`);
  }
}
