import {
  assertUuid,
  forbidden,
  notFound,
  operationName,
  Personal,
  serviceLogger,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Resolver, Root } from "type-graphql";
import { authorizeSchoolWrite } from "../access/education-access";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { School } from "../schools/school.entity";
import { Enrolment, EnrolmentStatus } from "./enrolment.entity";
import { EnrolInput, LeaveSchoolInput } from "./enrolment.inputs";
import {
  enrol,
  hasHadSchoolPlace,
  hasOpenRequest,
  keyUsed,
  leaveSchool,
  NoOpenRequestError,
} from "./enrolment.service";
import { assertSchoolAge } from "./school-age";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * Enrolments are personal data (category EDUCATION): they are reached only
 * through guarded entry points (Person fields, School.waitingList, the
 * mutations, the reference resolver), so the object's own fields need no guard.
 */
@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @Personal("EDUCATION")
  @Mutation(() => Enrolment, {
    description:
      "Enrols a child handed over to the school by an open enrolment request (which becomes FULFILLED), within " +
      "the programme's ages on the start date (school 5–17, OKAN 12–17, kindergarten 3–5; asked of social). When " +
      "the OKAN class is full the child is WAITLISTED and gets the next free place in arrival order. Repeat-safe " +
      "with idempotencyKey.",
  })
  @Authorized("SCHOOL_STAFF")
  async enrol(
    @Arg("input", () => EnrolInput, { description: "The child, the school, the programme and the first day." })
    input: EnrolInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Enrolment> {
    const operation = operationName(ctx, info);
    const field = "Mutation.enrol";
    const personId = assertUuid(input.personId, "input.personId");
    const schoolId = assertUuid(input.schoolId, "input.schoolId");
    await authorizeSchoolWrite(ctx, { personId, schoolId, field, operation });
    if (!(await ctx.loaders.schoolById.load(schoolId))) throw notFound("School", schoolId);
    const noRequest = () => {
      ctx.audit.record({
        category: "EDUCATION",
        action: "WRITE",
        personId,
        field,
        operation,
        outcome: "REFUSED",
        reason: "FORBIDDEN",
      });
      return forbidden(
        `No open enrolment request names school ${schoolId} for this person; a social worker, their site ` +
          `coordinator or the city education service hands a child over with requestEnrolment.`,
      );
    };
    // A repeat of a done enrol answers the first result: its request is fulfilled by then.
    let waitedSince: string | null = null;
    if (!(await keyUsed(ctx.dataSource, ctx.caller.sub, "enrol", input.idempotencyKey))) {
      if (!(await hasOpenRequest(ctx.dataSource, personId, schoolId))) throw noRequest();
      await assertSchoolAge(ctx, personId, input.programme, input.startDate);
      // Time to school is measured on the first enrolment, from registration (social) or arrival at a site
      // (housing), whichever is later: only then are they asked, and neither day is kept here.
      if (!(await hasHadSchoolPlace(ctx.dataSource, personId))) {
        // Housing not answering must not keep a child out of school: the wait is then unknown (not counted),
        // never counted from registration alone.
        const [registered, arrived] = await Promise.all([
          ctx.loaders.social.registeredOn(personId),
          ctx.loaders.housing.arrivedOn(personId).catch((e: Error) => {
            serviceLogger("education").warn({ error: e.message }, "time to school not recorded");
            return undefined;
          }),
        ]);
        if (arrived !== undefined) {
          waitedSince = registered && arrived ? (registered > arrived ? registered : arrived) : (registered ?? arrived);
        }
      }
    }
    const id = await ctx.access.transaction(async (m) => {
      let enrolled: string;
      try {
        ({ id: enrolled } = await enrol(
          m,
          { ...input, personId, schoolId },
          ctx.caller.sub,
          ctx.caller.schools,
          waitedSince,
        ));
      } catch (e) {
        // Withdrawn (or fulfilled) between the check above and the locked read in the transaction.
        if (e instanceof NoOpenRequestError) throw noRequest();
        throw e;
      }
      ctx.access.recordWrite("EDUCATION", personId, field, operation);
      return enrolled;
    });
    return (await ctx.loaders.enrolmentById.load(id))!;
  }

  @Personal("EDUCATION")
  @Mutation(() => Enrolment, {
    description:
      "Records that a child left a school (or its waiting list). A freed OKAN place goes to the first child " +
      "on the waiting list. CONFLICT when the enrolment has already ended.",
  })
  @Authorized("SCHOOL_STAFF")
  async leaveSchool(
    @Arg("input", () => LeaveSchoolInput, { description: "The enrolment and the day it ends." })
    input: LeaveSchoolInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Enrolment> {
    const operation = operationName(ctx, info);
    const id = assertUuid(input.enrolmentId, "input.enrolmentId");
    const enrolment = await ctx.loaders.enrolmentById.load(id);
    if (!enrolment) throw notFound("Enrolment", input.enrolmentId);
    const field = "Mutation.leaveSchool";
    await authorizeSchoolWrite(ctx, { personId: enrolment.personId, schoolId: enrolment.schoolId, field, operation });
    await ctx.access.transaction(async (m) => {
      const { promoted } = await leaveSchool(m, id, enrolment.schoolId, input.date);
      ctx.access.recordWrite("EDUCATION", enrolment.personId, field, operation);
      for (const p of promoted) ctx.access.recordWrite("EDUCATION", p.personId, field, operation);
    });
    ctx.loaders.enrolmentById.clear(id);
    return (await ctx.loaders.enrolmentById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The child enrolled." })
  person(@Root() enrolment: Enrolment): Person {
    return { id: enrolment.personId };
  }

  @FieldResolver(() => School, { description: "The school." })
  async school(@Root() enrolment: Enrolment, @Ctx() ctx: Ctx): Promise<School> {
    return (await ctx.loaders.schoolById.load(enrolment.schoolId))!;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: "Place on the school's OKAN waiting list (1 = next to get a place); null unless WAITLISTED.",
  })
  async waitingListPosition(@Root() enrolment: Enrolment, @Ctx() ctx: Ctx): Promise<number | null> {
    if (enrolment.status !== EnrolmentStatus.WAITLISTED) return null;
    const list = await ctx.loaders.waitingListBySchool.load(enrolment.schoolId);
    const index = list.findIndex((e) => e.id === enrolment.id);
    return index < 0 ? null : index + 1;
  }
}
