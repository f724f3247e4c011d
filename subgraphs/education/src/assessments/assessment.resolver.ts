import { assertUuid, badInput, notFound, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { authorizePupilWrite } from "../access/education-access";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { EducationAssessment } from "./assessment.entity";
import { RecordEducationAssessmentInput } from "./assessment.inputs";
import { decideLevel, proposeLevel, recordAssessment, validateAssessment } from "./assessment.service";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => EducationAssessment)
export class AssessmentResolver {
  @Personal("EDUCATION")
  @Mutation(() => EducationAssessment, {
    description:
      "Records the assessment of a child's schooling on arrival (prior schooling, languages, Dutch): the level is " +
      "proposed from the age on the day (asked of social) and Dutch; the assessor may override it with a reason. " +
      "Every assessment is kept (Person.educationAssessments). " +
      "School staff, for a pupil of their school or a child an open enrolment request hands over to it. " +
      "The latest assessment is the one Person.educationAssessment shows. Repeat-safe with idempotencyKey.",
  })
  @Authorized("SCHOOL_STAFF")
  async recordEducationAssessment(
    @Arg("input", () => RecordEducationAssessmentInput, { description: "The child and what the assessment found." })
    input: RecordEducationAssessmentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EducationAssessment> {
    const operation = operationName(ctx, info);
    const field = "Mutation.recordEducationAssessment";
    const personId = assertUuid(input.personId, "input.personId");
    const schoolId = input.schoolId != null ? assertUuid(input.schoolId, "input.schoolId") : null;
    if (schoolId && !(await ctx.loaders.schoolById.load(schoolId))) throw notFound("School", schoolId);
    const { overrideReason } = validateAssessment(input);
    await authorizePupilWrite(ctx, { personId, schoolId, field, operation });
    // Education stores no birth date: the age on the assessment day is asked of social, as the caller.
    const age = await ctx.loaders.social.ageOn(personId, input.date);
    if (age == null) {
      throw badInput(
        "input.personId",
        `OCMW's social subgraph knows no birth date or year for this person, so no level can be proposed for ` +
          `${input.date}; ask their social worker to record it.`,
      );
    }
    const proposedLevel = proposeLevel(age, input.speaksDutch ?? false);
    if (!proposedLevel) {
      throw badInput(
        "input.personId",
        `This person is ${age} on ${input.date}: school levels are for children under 18; adults follow Dutch ` +
          `courses (enrolInDutchCourse).`,
      );
    }
    const decided = { proposedLevel, ...decideLevel(proposedLevel, input.recommendedLevel, overrideReason) };
    const id = await ctx.access.transaction(async (m) => {
      const recorded = await recordAssessment(m, { ...input, personId, schoolId }, decided, ctx.caller.sub);
      ctx.access.recordWrite("EDUCATION", personId, field, operation);
      return recorded;
    });
    return (await ctx.loaders.assessmentById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The child assessed." })
  person(@Root() assessment: EducationAssessment): Person {
    return { id: assessment.personId };
  }
}
