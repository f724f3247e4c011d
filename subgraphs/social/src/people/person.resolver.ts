import {
  assertUuid,
  badInput,
  ConnectionType,
  DateScalar,
  inPageOrder,
  keysetConnection,
  KeyColumn,
  keysetPage,
  keysetPageOneScan,
  parseKeysetPage,
  Personal,
  SubgraphContext,
  THE_PERSON,
  todayInBrussels,
  ageOn,
} from "@reception-graph/kit";

import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { SocialLoaders } from "../loaders";
import { Household } from "./household.entity";
import { Person, TemporaryProtection } from "./person.entity";
import { PersonFilter } from "./person.inputs";

/** Longest search text accepted. */
const SEARCH_MAX = 100;

/** The filtered, ordered people query (not yet paged). */
function filteredPeople(ctx: Ctx, f: PersonFilter) {
  const qb = ctx.dataSource.getRepository(Person).createQueryBuilder("p");
  if (f.householdId) qb.andWhere("p.household_id = :hid", { hid: assertUuid(f.householdId, "filter.householdId") });
  const today = todayInBrussels();
  if (f.ageFrom != null || f.ageTo != null) {
    if (f.ageFrom != null && f.ageFrom < 0) throw badInput("filter.ageFrom", `ageFrom ${f.ageFrom} is negative.`);
    if (f.ageTo != null && f.ageTo < 0) throw badInput("filter.ageTo", `ageTo ${f.ageTo} is negative.`);
    if (f.ageFrom != null && f.ageTo != null && f.ageTo < f.ageFrom)
      throw badInput("filter.ageTo", `ageTo ${f.ageTo} is below ageFrom ${f.ageFrom}.`);
    qb.andWhere("(p.birth_date IS NOT NULL OR p.birth_year IS NOT NULL)");
    // Age from the birth date when known, else from the birth year (age reached this year).
    const age = `COALESCE(date_part('year', age(:today::date, p.birth_date)), date_part('year', :today::date) - p.birth_year)`;
    qb.setParameter("today", today);
    if (f.ageFrom != null) qb.andWhere(`${age} >= :ageFrom`, { ageFrom: f.ageFrom });
    if (f.ageTo != null) qb.andWhere(`${age} <= :ageTo`, { ageTo: f.ageTo });
  }
  if (f.registeredFrom && f.registeredTo && f.registeredTo < f.registeredFrom)
    throw badInput(
      "filter.registeredTo",
      `registeredTo ${f.registeredTo} is before registeredFrom ${f.registeredFrom}.`,
    );
  if (f.registeredFrom)
    qb.andWhere("p.registered_at >= (:rf::date AT TIME ZONE 'Europe/Brussels')", { rf: f.registeredFrom });
  if (f.registeredTo)
    qb.andWhere("p.registered_at < ((:rt::date + 1) AT TIME ZONE 'Europe/Brussels')", { rt: f.registeredTo });
  const search = f.search?.trim();
  if (search) {
    if (search.length > SEARCH_MAX)
      throw badInput("filter.search", `search is ${search.length} characters long; at most ${SEARCH_MAX} are allowed.`);
    if (!/\p{L}/u.test(search))
      throw badInput("filter.search", `search ${JSON.stringify(search)} contains no letters to look for.`);
    // Both sides folded (accents, case, transliteration variants), then compared by trigrams:
    // the whole name (%), or the search as a part of it (<%), ranked by the better of the two.
    qb.andWhere("(p.name_key % social_name_key(:search) OR social_name_key(:search) <% p.name_key)", { search });
  }
  return qb;
}

/** Best name match first (the better of whole-name and part-of-name similarity). */
const SEARCH_RANK =
  "greatest(similarity(p.name_key, social_name_key(:search)), word_similarity(social_name_key(:search), p.name_key))";

/** The list's order, which its keyset cursors follow: newest registration first, or best match first. */
function peopleOrder(searching: boolean): KeyColumn[] {
  const newest: KeyColumn[] = [
    { sql: "p.registered_at", cast: "timestamptz", desc: true },
    { sql: "p.id", cast: "uuid" },
  ];
  return searching ? [{ sql: SEARCH_RANK, cast: "float8", desc: true }, ...newest] : newest;
}

export const PersonConnection = ConnectionType(
  "Person",
  Person,
  "A page of people, with the total matching the filter.",
  "IDENTITY_BASIC",
);

type Ctx = SubgraphContext<SocialLoaders>;

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "One person by ID; null when unknown." })
  @Authorized()
  // A scoped caller learns nothing of people outside their scope, not even whether the ID exists.
  @Personal("IDENTITY_BASIC", { person: (_root, _ctx, args) => assertUuid(args.id, "id") })
  person(
    @Arg("id", () => ID, { description: "The person's identifier." }) id: string,
    @Ctx() ctx: Ctx,
  ): Promise<Person | null> {
    return ctx.loaders.personById.load(assertUuid(id, "id"));
  }

  @Query(() => PersonConnection, {
    description:
      "People registered with the cell, newest registration first; with a search, best name matches first. " +
      "Roles scoped to a site, school or organisation see only their own people.",
  })
  @Authorized()
  @Personal("IDENTITY_BASIC", { scopedBy: "resolver" })
  async people(
    @Ctx() ctx: Ctx,
    @Arg("first", () => Int, { description: "How many people to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last person already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => PersonFilter, {
      description: "Narrows the list; omit for everyone you may read.",
      nullable: true,
    })
    filter?: PersonFilter,
  ) {
    const f = filter ?? {};
    const searching = !!f.search?.trim();
    const order = peopleOrder(searching);
    const page = parseKeysetPage(first, after, f, order.length);
    const qb = filteredPeople(ctx, f);
    // Scoped roles: the people their site, school or organisation holds, asked once, filtered in SQL.
    if (ctx.access.level("IDENTITY_BASIC") === "OWN") {
      qb.andWhere("p.id = ANY(:own::uuid[])", { own: ctx.loaders.ownScope ? await ctx.loaders.ownScope.all() : [] });
    }
    // A search ranks every match: one reading of them gives the page and the total (keysetPageOneScan).
    const { total, rows } = await (searching ? keysetPageOneScan : keysetPage)(qb, "p.id", order, page);
    const people = await ctx.loaders.personById.loadMany(rows.map((r) => r.id));
    return keysetConnection(inPageOrder(rows, people), page, total);
  }

  @FieldResolver(() => Household, { nullable: true, description: "The household the person belongs to." })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  household(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Household | null> {
    return ctx.loaders.householdById.load(person.householdId);
  }

  @FieldResolver(() => TemporaryProtection, {
    nullable: true,
    description: "The temporary-protection certificate, if registered. Full identity.",
  })
  @Personal("IDENTITY_FULL", { person: THE_PERSON })
  temporaryProtection(@Root() person: Person): TemporaryProtection | null {
    if (!person.certificateNumber) return null;
    return { certificateNumber: person.certificateNumber, validUntil: person.certificateValidUntil };
  }

  @FieldResolver(() => String, { nullable: true, description: "Phone number. Full identity." })
  @Personal("IDENTITY_FULL", { person: THE_PERSON })
  phone(@Root() person: Person): string | null {
    return person.phone;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: "Day the person left their household, if so." })
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  leftHouseholdOn(@Root() person: Person): string | null {
    return person.leftHouseholdOn;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      "For education's school-age check: age in whole years on the given day, from the birth date, or when " +
      "only the birth year is known, the age reached in that day's year. Null when neither is known. " +
      "Basic identity (it says no more than the birth year and one day).",
  })
  @Directive("@inaccessible")
  @Personal("IDENTITY_BASIC", { person: THE_PERSON })
  ageOn(@Root() person: Person, @Arg("date", () => DateScalar) date: string): number | null {
    if (person.birthDate) return ageOn(person.birthDate, date);
    if (person.storedBirthYear != null) return Number(date.slice(0, 4)) - person.storedBirthYear;
    return null;
  }

  @FieldResolver(() => [Person], {
    nullable: true,
    description: "Warning: people in another household with the same name (spelling variants included) and birth date.",
  })
  @Personal("IDENTITY_FULL", { person: THE_PERSON })
  possibleDuplicates(@Root() person: Person, @Ctx() ctx: Ctx): Promise<Person[]> {
    return ctx.loaders.duplicatesByPerson.load(person.id);
  }
}
