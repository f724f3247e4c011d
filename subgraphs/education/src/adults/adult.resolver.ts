import {
  assertUuid,
  badInput,
  notFound,
  operationName,
  Personal,
  SubgraphContext,
  THE_PERSON,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { authorizeAdultWrite } from "./adult.access";
import { DutchCourse, IntegrationProgramme, IntegrationProgrammeEvent } from "./adult.entity";
import { EnrolInDutchCourseInput, RecordIntegrationStepInput, UpdateDutchCourseInput } from "./adult.inputs";
import { createCourse, recordIntegrationStep, updateCourse, validateCourse } from "./adult.service";

type Ctx = SubgraphContext<EducationLoaders>;

/** Adults' courses are for people of 18 or more on the day; social knows the age (education keeps no birth date). */
async function assertAdult(ctx: Ctx, personId: string, date: string): Promise<void> {
  const { known, age } = await ctx.loaders.social.personAgeOn(personId, date);
  if (!known) throw notFound("Person", personId);
  if (age != null && age < 18) {
    throw badInput(
      "input.personId",
      `Dutch courses and the integration programme are for adults; this person is ${age} on ${date} ` +
        `(children are assessed and enrolled in school).`,
    );
  }
}

const WRITERS =
  "An OCMW social worker (a referral to a course provider or to the Agentschap Integratie & Inburgering), or " +
  "school staff for their own people; purpose CASE_MANAGEMENT or ENROLMENT.";

@Resolver(() => DutchCourse)
export class DutchCourseResolver {
  @Personal("REFERRAL", { scopedBy: "resolver" })
  @Mutation(() => DutchCourse, {
    description: `Enrols an adult in a Dutch course (NT2), PLANNED or ONGOING. ${WRITERS} Repeat-safe with idempotencyKey.`,
  })
  async enrolInDutchCourse(
    @Arg("input", () => EnrolInDutchCourseInput, { description: "The adult, the level, the provider and the dates." })
    input: EnrolInDutchCourseInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DutchCourse> {
    const operation = operationName(ctx, info);
    const field = "Mutation.enrolInDutchCourse";
    const personId = assertUuid(input.personId, "input.personId");
    validateCourse(input);
    await authorizeAdultWrite(ctx, { personId, field, operation });
    await assertAdult(ctx, personId, input.startDate);
    const { id } = await ctx.access.transaction(async (m) => {
      const created = await createCourse(m, { ...input, personId }, ctx.caller.sub);
      ctx.access.recordWrite("EDUCATION", personId, field, operation);
      return created;
    });
    return (await ctx.loaders.dutchCourseById.load(id))!;
  }

  @Personal("REFERRAL", { scopedBy: "resolver" })
  @Mutation(() => DutchCourse, {
    description:
      "Changes a Dutch course: status (PLANNED → ONGOING → COMPLETED; PLANNED or ONGOING → DROPPED; others " +
      `CONFLICT), end date or provider. ${WRITERS}`,
  })
  async updateDutchCourse(
    @Arg("input", () => UpdateDutchCourseInput, { description: "The course and what changes." })
    input: UpdateDutchCourseInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<DutchCourse> {
    const operation = operationName(ctx, info);
    const field = "Mutation.updateDutchCourse";
    const id = assertUuid(input.courseId, "input.courseId");
    const course = await ctx.loaders.dutchCourseById.load(id);
    if (!course) throw notFound("DutchCourse", input.courseId);
    await authorizeAdultWrite(ctx, { personId: course.personId, field, operation });
    await ctx.access.transaction(async (m) => {
      await updateCourse(m, { ...input, courseId: id });
      ctx.access.recordWrite("EDUCATION", course.personId, field, operation);
    });
    ctx.loaders.dutchCourseById.clear(id);
    return (await ctx.loaders.dutchCourseById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The adult following the course." })
  person(@Root() course: DutchCourse): Person {
    return { id: course.personId };
  }
}

@Resolver(() => IntegrationProgramme)
export class IntegrationProgrammeResolver {
  @Personal("REFERRAL", { scopedBy: "resolver" })
  @Mutation(() => IntegrationProgramme, {
    description:
      "Records a step of an adult's integration programme (inburgering): REFERRED or EXEMPT first, then " +
      `STARTED and COMPLETED; another step is CONFLICT. Every step is kept in its history. ${WRITERS}`,
  })
  async recordIntegrationStep(
    @Arg("input", () => RecordIntegrationStepInput, { description: "The adult, the new status and the day." })
    input: RecordIntegrationStepInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<IntegrationProgramme> {
    const operation = operationName(ctx, info);
    const field = "Mutation.recordIntegrationStep";
    const personId = assertUuid(input.personId, "input.personId");
    await authorizeAdultWrite(ctx, { personId, field, operation });
    await assertAdult(ctx, personId, input.date);
    await ctx.access.transaction(async (m) => {
      await recordIntegrationStep(m, { ...input, personId }, ctx.caller.sub);
      ctx.access.recordWrite("EDUCATION", personId, field, operation);
    });
    ctx.loaders.integrationProgrammeByPerson.clear(personId);
    return (await ctx.loaders.integrationProgrammeByPerson.load(personId))!;
  }

  @FieldResolver(() => Person, { description: "The adult in the programme." })
  person(@Root() programme: IntegrationProgramme): Person {
    return { id: programme.personId };
  }

  @FieldResolver(() => [IntegrationProgrammeEvent], { description: "Every step, oldest first." })
  history(@Root() programme: IntegrationProgramme, @Ctx() ctx: Ctx): Promise<IntegrationProgrammeEvent[]> {
    return ctx.loaders.integrationHistoryByProgramme.load(programme.id);
  }
}

@Resolver(() => Person)
export class PersonAdultEducationResolver {
  @FieldResolver(() => [DutchCourse], { nullable: true, description: "The adult's Dutch courses, latest start first." })
  @Personal("EDUCATION", { person: THE_PERSON })
  dutchCourses(@Root() person: Person, @Ctx() ctx: Ctx): Promise<DutchCourse[]> {
    return ctx.loaders.dutchCoursesByPerson.load(person.id);
  }

  @FieldResolver(() => IntegrationProgramme, {
    nullable: true,
    description: "The adult's integration programme (inburgering); null when none is recorded.",
  })
  @Personal("EDUCATION", { person: THE_PERSON })
  integrationProgramme(@Root() person: Person, @Ctx() ctx: Ctx): Promise<IntegrationProgramme | null> {
    return ctx.loaders.integrationProgrammeByPerson.load(person.id);
  }
}
