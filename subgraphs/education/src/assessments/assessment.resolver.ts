import { assertUuid, notFound, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { authorizePupilWrite } from "../access/education-access";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { EducationAssessment } from "./assessment.entity";
import { RecordEducationAssessmentInput } from "./assessment.inputs";
import { recordAssessment, validateAssessment } from "./assessment.service";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => EducationAssessment)
export class AssessmentResolver {
  @Personal("EDUCATION")
  @Mutation(() => EducationAssessment, {
    description:
      "Records the assessment of a child's schooling on arrival (prior schooling, languages, recommended level): " +
      "school staff, for a pupil of their school or a child an open enrolment request hands over to it. " +
      "The latest assessment is the one Person.educationAssessment shows. Repeat-safe with idempotencyKey.",
  })
  @Authorized("SCHOOL_STAFF")
  async recordEducationAssessment(
    @Arg("input", () => RecordEducationAssessmentInput) input: RecordEducationAssessmentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EducationAssessment> {
    const operation = operationName(ctx, info);
    const field = "Mutation.recordEducationAssessment";
    const personId = assertUuid(input.personId, "input.personId");
    const schoolId = input.schoolId != null ? assertUuid(input.schoolId, "input.schoolId") : null;
    if (schoolId && !(await ctx.loaders.schoolById.load(schoolId))) throw notFound("School", schoolId);
    validateAssessment(input);
    await authorizePupilWrite(ctx, { personId, schoolId, field, operation });
    const id = await recordAssessment(ctx.dataSource, { ...input, personId, schoolId }, ctx.caller.sub);
    ctx.access.recordWrite("EDUCATION", personId, field, operation);
    return (await ctx.loaders.assessmentById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The child assessed." })
  person(@Root() assessment: EducationAssessment): Person {
    return { id: assessment.personId };
  }
}
