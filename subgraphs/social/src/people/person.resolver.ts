import {
  assertUuid,
  ConnectionType,
  operationName,
  parsePage,
  PersonalData,
  SubgraphContext,
  forbidden,
  toConnection,
  todayInBrussels,
  badInput,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root, UseMiddleware } from "type-graphql";
import { Brackets } from "typeorm";
import { SocialLoaders } from "../loaders";
import { Household } from "./household.entity";
import { Person, TemporaryProtection } from "./person.entity";
import { PersonFilter } from "./person.inputs";

export const PersonConnection = ConnectionType(
  "Person",
  Person,
  "A page of people, with the total matching the filter.",
);

type Ctx = SubgraphContext<SocialLoaders>;

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "One person by ID; null when unknown." })
  @Authorized()
  async person(@Arg("id", () => ID) id: string, @Ctx() ctx: Ctx): Promise<Person | null> {
    return ctx.loaders.personById.load(assertUuid(id, "id"));
  }

  @Query(() => PersonConnection, { description: "People registered with the cell, newest registration first." })
  @Authorized()
  async people(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { nullable: true }) first?: number,
    @Arg("after", () => String, { nullable: true }) after?: string,
    @Arg("filter", () => PersonFilter, { nullable: true }) filter?: PersonFilter,
  ) {
    const page = parsePage(first, after);
    if (ctx.access.level("IDENTITY_BASIC") !== "ALL") {
      await ctx.access.authorize({
        category: "IDENTITY_BASIC",
        action: "READ",
        personId: null,
        field: "Query.people",
        operation: operationName(ctx, info),
      });
      throw forbidden("Listing people is for roles that may read everyone's identity; ask for a person by ID instead.");
    }
    const qb = ctx.dataSource.getRepository(Person).createQueryBuilder("p");
    const f = filter ?? {};
    if (f.householdId) qb.andWhere("p.household_id = :hid", { hid: assertUuid(f.householdId, "filter.householdId") });
    if (f.search?.trim()) {
      const term = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere(
        new Brackets((w) =>
          w.where("p.given_name ILIKE :term", { term }).orWhere("p.family_name ILIKE :term", { term }),
        ),
      );
    }
    const today = todayInBrussels();
    if (f.ageFrom != null || f.ageTo != null) {
      if (f.ageFrom != null && f.ageFrom < 0) throw badInput("filter.ageFrom", `ageFrom ${f.ageFrom} is negative.`);
      if (f.ageTo != null && f.ageTo < 0) throw badInput("filter.ageTo", `ageTo ${f.ageTo} is negative.`);
      qb.andWhere("(p.birth_date IS NOT NULL OR p.birth_year IS NOT NULL)");
      // Age from the birth date when known, else from the birth year (age reached this year).
      const age = `COALESCE(date_part('year', age(:today::date, p.birth_date)), date_part('year', :today::date) - p.birth_year)`;
      qb.setParameter("today", today);
      if (f.ageFrom != null) qb.andWhere(`${age} >= :ageFrom`, { ageFrom: f.ageFrom });
      if (f.ageTo != null) qb.andWhere(`${age} <= :ageTo`, { ageTo: f.ageTo });
    }
    if (f.registeredFrom)
      qb.andWhere("p.registered_at >= (:rf::date AT TIME ZONE 'Europe/Brussels')", { rf: f.registeredFrom });
    if (f.registeredTo)
      qb.andWhere("p.registered_at < ((:rt::date + 1) AT TIME ZONE 'Europe/Brussels')", { rt: f.registeredTo });
    const [items, total] = await qb
      .orderBy("p.registered_at", "DESC")
      .addOrderBy("p.id", "ASC")
      .skip(page.offset)
      .take(page.limit)
      .getManyAndCount();
    return toConnection(items, total, page);
  }

  @FieldResolver(() => Household, { nullable: true, description: "The household the person belongs to." })
  @UseMiddleware(PersonalData("IDENTITY_BASIC"))
  household(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Household | null> {
    return ctx.loaders.householdById.load(person.householdId);
  }

  @FieldResolver(() => TemporaryProtection, {
    nullable: true,
    description: "The temporary-protection certificate, if registered. Full identity.",
  })
  @UseMiddleware(PersonalData("IDENTITY_FULL"))
  temporaryProtection(@Root() person: Person): TemporaryProtection | null {
    if (!person.certificateNumber) return null;
    return { certificateNumber: person.certificateNumber, validUntil: person.certificateValidUntil };
  }

  @FieldResolver(() => String, { nullable: true, description: "Phone number. Full identity." })
  @UseMiddleware(PersonalData("IDENTITY_FULL"))
  phone(@Root() person: Person): string | null {
    return person.phone;
  }
}
