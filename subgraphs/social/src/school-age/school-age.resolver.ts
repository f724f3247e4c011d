import {
  assertUuid,
  cachedFigures,
  cacheKey,
  reportDataVersion,
  badInput,
  DateScalar,
  isIsoDate,
  isSmallCount,
  isUuid,
  Personal,
  SubgraphContext,
  todayInBrussels,
} from "@reception-graph/kit";
import { Arg, Authorized, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import { schoolAgeFigures } from "../indicators/indicators.service";
import { SocialLoaders } from "../loaders";

type Ctx = SubgraphContext<SocialLoaders>;

/** Most rows one call returns: education pages through the candidates, it never takes them all at once. */
export const SCHOOL_AGE_PAGE_MAX = 1000;

/**
 * One school-age person and the day they registered with the cell: what
 * education needs for its compulsory-schooling alert, and nothing else (no
 * name, no birth date). Basic identity about that person: each row is checked
 * against the caller's own scope and audited here.
 */
@ObjectType({ description: "Internal: a person of school age and their registration (for education's alert)." })
@Personal("IDENTITY_BASIC", { person: (r: { personId: string }) => r.personId })
export class SchoolAgeRegistration {
  @Field(() => ID, { description: "The school-age person." })
  personId: string;

  @Field(() => DateScalar, { description: "Day of registration with the cell (Europe/Brussels)." })
  registeredOn: string;

  @Field({ description: "Opaque position of this row, to ask for the rows after it." })
  cursor: string;
}

/** One or more UUIDs, comma-separated. */
const PACKED_IDS =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(,[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*$/i;

function parseCursor(after: string): { at: string; id: string } {
  const [at, id] = after.split("|");
  if (!at || !id || !isUuid(id) || !/^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(at))
    throw badInput("after", `after ${JSON.stringify(after)} is not a cursor this query gave.`);
  return { at, id };
}

/**
 * Internal (education's indicators): how many persons served are of school
 * age on a day, and how many of them education counts as enrolled. Two
 * numbers, no ID: the raw counts go to education, which suppresses them
 * before any caller sees them. A set of 1–4 IDs is answered with null: any
 * count over it is suppressed anyway, and a holder of an internal token must
 * not learn one named child's age by asking about a set of one.
 */
@ObjectType({ description: "Internal: school-age persons served, and how many of them are among the given IDs." })
@Personal("AGGREGATES")
export class SchoolAgeCounts {
  @Field(() => Int, {
    nullable: true,
    description: "Persons served (registered on or before `to`) aged 5–17 on `to`; null when `among` holds 1–4 IDs.",
  })
  schoolAge: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Of those, the ones among the given IDs; null when `given` or `among` holds 1–4 IDs.",
  })
  schoolAgeAmongGiven: number | null;
}

function packedIds(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (value !== "" && !PACKED_IDS.test(value)) throw badInput(field, `${field} is not a comma-separated list of IDs.`);
  return value;
}

@Resolver()
export class SchoolAgeResolver {
  @Query(() => SchoolAgeCounts, {
    description:
      "Internal (education's indicators): persons served on `to` aged 5–17 then, and how many of them are in " +
      "`given`; only among `among` when given (a site's residents). Counts only.",
  })
  @Directive("@inaccessible")
  @Authorized()
  @Personal("AGGREGATES")
  async _schoolAgeCounts(
    @Ctx() ctx: Ctx,
    @Arg("to", () => DateScalar) to: string,
    @Arg("among", () => String, {
      nullable: true,
      description: "Person IDs to count among, comma-separated (a site's residents); null for everyone.",
    })
    among?: string | null,
    @Arg("given", () => String, {
      nullable: true,
      description: "Person IDs comma-separated in one string (every enrolled child: tens of thousands).",
    })
    given?: string | null,
  ): Promise<SchoolAgeCounts> {
    if (!isIsoDate(to)) throw badInput("to", `to ${JSON.stringify(to)} is not a day.`);
    const amongIds = packedIds(among, "among");
    const amongList = amongIds == null ? null : amongIds === "" ? [] : amongIds.split(",");
    const givenIds = packedIds(given, "given");
    // Everyone (no site): read every person served, so kept until social's data changes.
    const counts =
      amongList == null
        ? await cachedFigures(ctx.dataSource, "schoolAge", cacheKey(to, givenIds), () =>
            schoolAgeFigures(ctx.dataSource, to, null, givenIds),
          )
        : await schoolAgeFigures(ctx.dataSource, to, amongList, givenIds);
    const givenSize = givenIds ? givenIds.split(",").length : 0;
    if (isSmallCount(amongList?.length)) return { schoolAge: null, schoolAgeAmongGiven: null };
    return isSmallCount(givenSize) ? { schoolAge: counts.schoolAge, schoolAgeAmongGiven: null } : counts;
  }

  @Query(() => String, {
    description:
      "Internal (education's indicators): social's report data version, raised by every change to the people, " +
      "households, insurance and case files; education keeps its school-age figures while it is unchanged.",
  })
  @Directive("@inaccessible")
  @Authorized()
  @Personal("AGGREGATES")
  async _reportDataVersion(@Ctx() ctx: Ctx): Promise<string> {
    return String(await reportDataVersion(ctx.dataSource));
  }

  @Query(() => [SchoolAgeRegistration], {
    description:
      "Internal (education's compulsory-schooling alert): people aged ageFrom–ageTo on `on` (from the birth date, " +
      "else the age reached that year) registered on or before registeredOnOrBefore, oldest registration first, " +
      "at most `first`, after the cursor `after`. Only among personIds when given; never those in excludeIds. " +
      "Scoped callers get only their own people.",
  })
  @Directive("@inaccessible")
  @Authorized()
  @Personal("IDENTITY_BASIC", { scopedBy: "resolver" })
  async _schoolAgeRegistrations(
    @Ctx() ctx: Ctx,
    @Arg("ageFrom", () => Int) ageFrom: number,
    @Arg("ageTo", () => Int) ageTo: number,
    @Arg("registeredOnOrBefore", () => DateScalar) registeredOnOrBefore: string,
    @Arg("first", () => Int) first: number,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
    @Arg("personIds", () => [ID], { nullable: true }) personIds?: string[] | null,
    @Arg("excludeIds", () => String, {
      nullable: true,
      description:
        "Person IDs to leave out, comma-separated in one string: it may hold tens of thousands (every enrolled " +
        "child), which as a list would cost more to send and check than the query itself.",
    })
    excludeIds?: string | null,
  ): Promise<SchoolAgeRegistration[]> {
    if (ageFrom < 0) throw badInput("ageFrom", `ageFrom ${ageFrom} is negative.`);
    if (ageTo < ageFrom) throw badInput("ageTo", `ageTo ${ageTo} is below ageFrom ${ageFrom}.`);
    if (!isIsoDate(registeredOnOrBefore))
      throw badInput("registeredOnOrBefore", `${registeredOnOrBefore} is not a date.`);
    if (first < 1 || first > SCHOOL_AGE_PAGE_MAX)
      throw badInput("first", `first ${first} is outside 1–${SCHOOL_AGE_PAGE_MAX}.`);
    let among = personIds ? personIds.map((id, i) => assertUuid(id, `personIds[${i}]`)) : null;
    if (excludeIds && !PACKED_IDS.test(excludeIds))
      throw badInput("excludeIds", "excludeIds is not a comma-separated list of IDs.");
    const exclude = excludeIds || null;
    // Scoped callers: only their own people, decided here by social's own scope (one batched question).
    if (ctx.access.level("IDENTITY_BASIC") === "OWN") {
      const scope = ctx.loaders.ownScope;
      if (!scope) return [];
      if (among) {
        const own = await scope.isOwn.loadMany(among);
        among = among.filter((_, i) => own[i] === true);
      } else among = await scope.all();
      if (among.length === 0) return [];
    }
    const cursor = after ? parseCursor(after) : null;
    // Walks person_registered_idx in registration order and stops after `first` matches: the work is bounded by
    // the page, not by the number of people. The age is a range of birth dates (same answer as age(), from the
    // birth date, else the age reached this year from the birth year) so that the planner can estimate it from
    // the column's statistics and choose that walk. The exclusion list is hashed by PostgreSQL (<> ALL).
    const rows: { id: string; registered_on: string; registered_at: string }[] = await ctx.dataSource.query(
      `SELECT p.id, to_char(p.registered_at AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD') AS registered_on,
              p.registered_at::text AS registered_at
       FROM person p
       WHERE p.registered_at < (($3::date + 1) AT TIME ZONE 'Europe/Brussels')
         AND (p.birth_date > $4::date - make_interval(years => $2 + 1) AND p.birth_date <= $4::date - make_interval(years => $1)
              OR p.birth_date IS NULL
                 AND p.birth_year BETWEEN date_part('year', $4::date) - $2 AND date_part('year', $4::date) - $1)
         AND ($5::uuid[] IS NULL OR p.id = ANY($5::uuid[]))
         AND ($6::text IS NULL OR p.id <> ALL(string_to_array($6::text, ',')::uuid[]))
         AND ($7::timestamptz IS NULL OR (p.registered_at, p.id) > ($7::timestamptz, $8::uuid))
       ORDER BY p.registered_at, p.id
       LIMIT $9`,
      [
        ageFrom,
        ageTo,
        registeredOnOrBefore,
        todayInBrussels(),
        among,
        exclude,
        cursor?.at ?? null,
        cursor?.id ?? null,
        first,
      ],
    );
    return rows.map((r) => ({
      personId: r.id,
      registeredOn: r.registered_on,
      // Microseconds kept (the column's precision), so that the next page starts exactly after this row.
      cursor: `${r.registered_at}|${r.id}`,
    }));
  }
}
