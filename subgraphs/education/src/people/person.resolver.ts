import { Personal, SubgraphContext, THE_PERSON } from "@reception-graph/kit";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { EducationAssessment } from "../assessments/assessment.entity";
import { Enrolment, EnrolmentStatus } from "../enrolments/enrolment.entity";
import { EducationLoaders } from "../loaders";
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

  @FieldResolver(() => [Enrolment], { description: "School enrolments and waiting-list entries, newest first." })
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
}
