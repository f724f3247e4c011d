import { assertUuid, notFound, operationName, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Int, Mutation, Resolver, Root } from "type-graphql";
import { authorizeSchoolWrite } from "../access/education-access";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { School } from "../schools/school.entity";
import { Enrolment, EnrolmentStatus } from "./enrolment.entity";
import { EnrolInput, LeaveSchoolInput } from "./enrolment.inputs";
import { enrol, leaveSchool } from "./enrolment.service";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * Enrolments are personal data (category EDUCATION): they are reached only
 * through guarded entry points (Person fields, School.waitingList, the
 * mutations, the reference resolver), so the object's own fields need no guard.
 */
@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @Mutation(() => Enrolment, {
    description:
      "Enrols a child in a school programme. When the OKAN class is full the child is WAITLISTED and gets the " +
      "next free place in arrival order. Repeat-safe with idempotencyKey.",
  })
  @Authorized("SCHOOL_STAFF")
  async enrol(
    @Arg("input", () => EnrolInput) input: EnrolInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Enrolment> {
    const operation = operationName(ctx, info);
    const personId = assertUuid(input.personId, "input.personId");
    const schoolId = assertUuid(input.schoolId, "input.schoolId");
    await authorizeSchoolWrite(ctx, { personId, schoolId, field: "Mutation.enrol", operation });
    const { id } = await enrol(ctx.dataSource, { ...input, personId, schoolId }, ctx.caller.sub);
    ctx.access.recordWrite("EDUCATION", personId, "Mutation.enrol", operation);
    return (await ctx.loaders.enrolmentById.load(id))!;
  }

  @Mutation(() => Enrolment, {
    description:
      "Records that a child left a school (or its waiting list). A freed OKAN place goes to the first child " +
      "on the waiting list. CONFLICT when the enrolment has already ended.",
  })
  @Authorized("SCHOOL_STAFF")
  async leaveSchool(
    @Arg("input", () => LeaveSchoolInput) input: LeaveSchoolInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Enrolment> {
    const operation = operationName(ctx, info);
    const id = assertUuid(input.enrolmentId, "input.enrolmentId");
    const enrolment = await ctx.loaders.enrolmentById.load(id);
    if (!enrolment) throw notFound("Enrolment", input.enrolmentId);
    const field = "Mutation.leaveSchool";
    await authorizeSchoolWrite(ctx, { personId: enrolment.personId, schoolId: enrolment.schoolId, field, operation });
    const { promoted } = await leaveSchool(ctx.dataSource, id, enrolment.schoolId, input.date);
    ctx.access.recordWrite("EDUCATION", enrolment.personId, field, operation);
    for (const p of promoted) ctx.access.recordWrite("EDUCATION", p.personId, field, operation);
    ctx.loaders.enrolmentById.clear(id);
    return (await ctx.loaders.enrolmentById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The child enrolled." })
  person(@Root() enrolment: Enrolment): Person {
    return { id: enrolment.personId };
  }

  @FieldResolver(() => School)
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
