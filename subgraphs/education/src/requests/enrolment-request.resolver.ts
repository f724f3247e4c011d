import { assertUuid, notFound, operationName, Personal, SubgraphContext } from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from "type-graphql";
import { authorizeHandOver } from "../access/education-access";
import { Enrolment } from "../enrolments/enrolment.entity";
import { EducationLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { School } from "../schools/school.entity";
import { EnrolmentRequest } from "./enrolment-request.entity";
import { RequestEnrolmentInput, WithdrawEnrolmentRequestInput } from "./enrolment-request.inputs";
import { requestEnrolment, validateRequest, withdrawEnrolmentRequest } from "./enrolment-request.service";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * Enrolment requests are the hand-over of a child to a school (category
 * EDUCATION). They are reached only through guarded entry points (the
 * mutations, Person.enrolmentRequests, School.enrolmentRequests), so the
 * object's own fields need no guard.
 */
@Resolver(() => EnrolmentRequest)
export class EnrolmentRequestResolver {
  // Handing a child over to a school is a referral (access.md: referral envelope), not a write of schooling data.
  @Personal("REFERRAL")
  @Mutation(() => EnrolmentRequest, {
    description:
      "Hands a child over to a school: asks it to enrol them. For a social worker, the site coordinator of the " +
      "child's site, or the city's education service; a school's own staff cannot. While the request is OPEN the " +
      "school's staff may see the child, assess and enrol them. Repeat-safe with idempotencyKey; a second open " +
      "request for the same child and school is CONFLICT.",
  })
  @Authorized("SOCIAL_WORKER", "SITE_COORDINATOR", "SCHOOL_STAFF")
  async requestEnrolment(
    @Arg("input", () => RequestEnrolmentInput, {
      description: "The child, the school and optionally a programme and a note.",
    })
    input: RequestEnrolmentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EnrolmentRequest> {
    const operation = operationName(ctx, info);
    const field = "Mutation.requestEnrolment";
    const personId = assertUuid(input.personId, "input.personId");
    const schoolId = assertUuid(input.schoolId, "input.schoolId");
    validateRequest(input);
    const role = await authorizeHandOver(ctx, { personId, field, operation });
    if (!(await ctx.loaders.schoolById.load(schoolId))) throw notFound("School", schoolId);
    const id = await ctx.access.transaction(async (m) => {
      const requested = await requestEnrolment(m, { ...input, personId, schoolId }, { sub: ctx.caller.sub, role });
      ctx.access.recordWrite("EDUCATION", personId, field, operation);
      return requested;
    });
    return (await ctx.loaders.enrolmentRequestById.load(id))!;
  }

  // Handing a child over to a school is a referral (access.md: referral envelope), not a write of schooling data.
  @Personal("REFERRAL")
  @Mutation(() => EnrolmentRequest, {
    description:
      "Withdraws an open enrolment request (same callers as requestEnrolment); the school no longer sees the child " +
      "through it. CONFLICT when it is already fulfilled or withdrawn.",
  })
  @Authorized("SOCIAL_WORKER", "SITE_COORDINATOR", "SCHOOL_STAFF")
  async withdrawEnrolmentRequest(
    @Arg("input", () => WithdrawEnrolmentRequestInput, { description: "The request to withdraw." })
    input: WithdrawEnrolmentRequestInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EnrolmentRequest> {
    const operation = operationName(ctx, info);
    const field = "Mutation.withdrawEnrolmentRequest";
    const id = assertUuid(input.requestId, "input.requestId");
    const request = await ctx.loaders.enrolmentRequestById.load(id);
    if (!request) throw notFound("EnrolmentRequest", input.requestId);
    await authorizeHandOver(ctx, { personId: request.personId, field, operation });
    await ctx.access.transaction(async (m) => {
      await withdrawEnrolmentRequest(m, id, ctx.caller.sub);
      ctx.access.recordWrite("EDUCATION", request.personId, field, operation);
    });
    ctx.loaders.enrolmentRequestById.clear(id);
    return (await ctx.loaders.enrolmentRequestById.load(id))!;
  }

  @FieldResolver(() => Person, { description: "The child handed over." })
  person(@Root() request: EnrolmentRequest): Person {
    return { id: request.personId };
  }

  @FieldResolver(() => School, { description: "The school asked to enrol the child." })
  async school(@Root() request: EnrolmentRequest, @Ctx() ctx: Ctx): Promise<School> {
    return (await ctx.loaders.schoolById.load(request.schoolId))!;
  }

  @FieldResolver(() => Enrolment, { nullable: true, description: "The enrolment that fulfilled the request." })
  async enrolment(
    @Root() request: EnrolmentRequest,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Enrolment | null> {
    if (!request.enrolmentId) return null;
    // The enrolment is read like any other (the city service reads requests, not enrolments).
    await ctx.access.authorize({
      category: "EDUCATION",
      action: "READ",
      personId: request.personId,
      field: "EnrolmentRequest.enrolment",
      operation: operationName(ctx, info),
    });
    return ctx.loaders.enrolmentById.load(request.enrolmentId);
  }
}
