import {
  assertNisCode,
  assertUuid,
  badInput,
  NotPersonal,
  operationName,
  Personal,
  suppressCount,
  SuppressedCount,
  SubgraphContext,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { mayReadRequestOf } from "../access/education-access";
import { Enrolment } from "../enrolments/enrolment.entity";
import { EducationLoaders } from "../loaders";
import { EnrolmentRequest } from "../requests/enrolment-request.entity";
import { Municipality } from "./municipality.entity";
import { School } from "./school.entity";
import { RegisterSchoolInput, SchoolFilter } from "./school.inputs";
import { registerSchool } from "./school.service";

type Ctx = SubgraphContext<EducationLoaders>;

@Resolver(() => School)
export class SchoolResolver {
  @NotPersonal("a school")
  @Query(() => School, { nullable: true, description: "One school by ID; null when unknown." })
  @Authorized()
  school(
    @Arg("id", () => ID, { description: "The school's identifier." }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<School | null> {
    return ctx.loaders.schoolById.load(assertUuid(id, "id"));
  }

  @NotPersonal("schools")
  @Query(() => [School], { description: "Schools by name, optionally filtered (OKAN, municipality, free places)." })
  @Authorized()
  async schools(
    @Ctx() ctx: Ctx,
    @Arg("filter", () => SchoolFilter, { description: "Narrows the list; omit for all schools.", nullable: true })
    filter?: SchoolFilter,
  ): Promise<School[]> {
    const f = filter ?? {};
    const qb = ctx.dataSource.getRepository(School).createQueryBuilder("s");
    if (f.offersOkan != null) qb.andWhere("s.offers_okan = :okan", { okan: f.offersOkan });
    if (f.nisCode != null) qb.andWhere("s.nis_code = :nis", { nis: assertNisCode(f.nisCode, "filter.nisCode") });
    if (f.search != null) {
      if (!f.search.trim()) throw badInput("filter.search", "search must not be empty.");
      const term = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere("s.name ILIKE :term", { term });
    }
    if (f.hasFreeOkanPlaces != null) {
      const enrolled = `(SELECT count(*) FROM enrolment e WHERE e.school_id = s.id AND e.programme = 'OKAN' AND e.status = 'ENROLLED')`;
      qb.andWhere("s.offers_okan");
      qb.andWhere(f.hasFreeOkanPlaces ? `${enrolled} < s.okan_capacity` : `${enrolled} >= s.okan_capacity`);
    }
    return qb.orderBy("s.name", "ASC").addOrderBy("s.id", "ASC").getMany();
  }

  @NotPersonal("a school")
  @Mutation(() => School, {
    description: "Adds a school to the directory (reference data). Repeat-safe with idempotencyKey.",
  })
  @Authorized("ADMIN", "SCHOOL_STAFF")
  async registerSchool(
    @Arg("input", () => RegisterSchoolInput, { description: "The school's name, municipality and OKAN places." })
    input: RegisterSchoolInput,
    @Ctx() ctx: Ctx,
  ): Promise<School> {
    const id = await registerSchool(ctx.dataSource, input, ctx.caller.sub);
    return (await ctx.loaders.schoolById.load(id))!;
  }

  @FieldResolver(() => Municipality, { nullable: true, description: "The municipality the school is in." })
  municipality(@Root() school: School): Municipality {
    return { nisCode: school.nisCode };
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => SuppressedCount, {
    description: "Children holding an OKAN place now; suppressed when 1–4 (a count of people, the kit's rule).",
  })
  async okanEnrolled(@Root() school: School, @Ctx() ctx: Ctx): Promise<SuppressedCount> {
    return suppressCount(await ctx.loaders.okanEnrolledBySchool.load(school.id));
  }

  @Personal("AGGREGATES")
  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "Free OKAN places now (capacity minus enrolled, never below 0); null when okanEnrolled is suppressed, since " +
      "capacity minus this would give it back.",
  })
  async okanAvailable(@Root() school: School, @Ctx() ctx: Ctx): Promise<number | null> {
    const enrolled = await ctx.loaders.okanEnrolledBySchool.load(school.id);
    if (suppressCount(enrolled).suppressed) return null;
    return Math.max(0, school.okanCapacity - enrolled);
  }

  @Personal("EDUCATION", { scopedBy: "resolver" })
  @FieldResolver(() => [Enrolment], {
    description:
      "Children waiting for an OKAN place, first come first served (the first gets the next free place). " +
      "Personal data: lists only the children you may see (your own school's, or all for social workers).",
  })
  async waitingList(@Root() school: School, @Ctx() ctx: Ctx, @Info() info: GraphQLResolveInfo): Promise<Enrolment[]> {
    const operation = operationName(ctx, info);
    const check = { category: "EDUCATION" as const, action: "READ" as const, field: "School.waitingList", operation };
    // Without purpose or grant this refuses (and audits) once for the whole list.
    if (!ctx.purpose || ctx.access.level("EDUCATION") === "NONE")
      await ctx.access.authorize({ ...check, personId: null });
    const entries = await ctx.loaders.waitingListBySchool.load(school.id);
    const allowed = await Promise.all(entries.map((e) => ctx.access.allows({ ...check, personId: e.personId })));
    return entries.filter((_, i) => allowed[i]);
  }

  @Personal("EDUCATION", { scopedBy: "resolver" })
  @FieldResolver(() => [EnrolmentRequest], {
    description:
      "Open enrolment requests naming this school (children handed over to it), oldest first. Personal data: " +
      "for the school's staff, the city education service and social workers; others see only the children they " +
      "may see.",
  })
  async enrolmentRequests(
    @Root() school: School,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EnrolmentRequest[]> {
    const operation = operationName(ctx, info);
    const field = "School.enrolmentRequests";
    // Without purpose or grant this refuses (and audits) once for the whole list.
    if (!ctx.purpose || ctx.access.level("EDUCATION") === "NONE")
      await ctx.access.authorize({ category: "EDUCATION", action: "READ", personId: null, field, operation });
    const open = await ctx.loaders.openEnrolmentRequestsBySchool.load(school.id);
    const allowed = await Promise.all(open.map((r) => mayReadRequestOf(ctx, r.personId, field, operation)));
    return open.filter((_, i) => allowed[i]);
  }
}
