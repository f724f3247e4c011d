import { operationName, Personal, SubgraphContext, THE_PERSON } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Ctx, FieldResolver, Info, Resolver, Root } from "type-graphql";
import { authorizeRequestRead } from "../access/education-access";
import { EducationAssessment } from "../assessments/assessment.entity";
import { Enrolment, EnrolmentStatus } from "../enrolments/enrolment.entity";
import { EducationLoaders } from "../loaders";
import { EnrolmentRequest } from "../requests/enrolment-request.entity";
import { Person } from "./person.entity";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => Person)
export class PersonEducationResolver {
  @FieldResolver(() => EducationAssessment, {
    nullable: true,
    description: "The latest assessment of the child's schooling on arrival; null when not assessed yet.",
  })
  @Personal("EDUCATION", { person: THE_PERSON })
  educationAssessment(@Root() person: Person, @Ctx() ctx: Ctx): Promise<EducationAssessment | null> {
    return ctx.loaders.latestAssessmentByPerson.load(person.id);
  }

  @FieldResolver(() => [EducationAssessment], {
    nullable: true,
    description: "Every assessment of the child, newest first (reassessments keep the earlier ones).",
  })
  @Personal("EDUCATION", { person: THE_PERSON })
  educationAssessments(@Root() person: Person, @Ctx() ctx: Ctx): Promise<EducationAssessment[]> {
    return ctx.loaders.assessmentsByPerson.load(person.id);
  }

  @FieldResolver(() => [Enrolment], {
    nullable: true,
    description: "School enrolments and waiting-list entries, newest first.",
  })
  @Personal("EDUCATION", { person: THE_PERSON })
  enrolments(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Enrolment[]> {
    return ctx.loaders.enrolmentsByPerson.load(person.id);
  }

  @FieldResolver(() => Enrolment, {
    nullable: true,
    description: "The school the child attends now, or the OKAN waiting list they are on; null when neither.",
  })
  @Personal("EDUCATION", { person: THE_PERSON })
  async currentEnrolment(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Enrolment | null> {
    const all = await ctx.loaders.enrolmentsByPerson.load(person.id);
    return all.find((e) => e.status !== EnrolmentStatus.LEFT) ?? null;
  }

  @Personal("EDUCATION", { scopedBy: "resolver" })
  @FieldResolver(() => [EnrolmentRequest], {
    nullable: true,
    description:
      "Requests that a school enrol the child (open, fulfilled, withdrawn), newest first. Education data; the " +
      "city education service reads them too.",
  })
  async enrolmentRequests(
    @Root() person: Person,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EnrolmentRequest[]> {
    await authorizeRequestRead(ctx, person.id, "Person.enrolmentRequests", operationName(ctx, info));
    return ctx.loaders.enrolmentRequestsByPerson.load(person.id);
  }
}
