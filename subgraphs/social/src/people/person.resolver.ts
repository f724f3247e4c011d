import {
  assertUuid,
  badInput,
  ConnectionType,
  DateScalar,
  inPageOrder,
  keysetConnection,
  KeyColumn,
  keysetCondition,
  KeysetPage,
  keysetPage,
  keysetPageOneScan,
  positionalBinder,
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

/**
 * The filtered people query (not yet paged), and whether any filter narrowed it: the search's own match is joined
 * by people(), so a search alone leaves it unnarrowed.
 */
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
    // The match itself is joined by people(): its words against the dictionary of name words.
  }
  // Read from the conditions added above, so a filter added there can never be missed here.
  return { qb, narrowed: qb.expressionMap.wheres.length > 0 };
}

/** One of the dictionary's name words a search word matches, how well, and how many people carry it. */
interface WordHit {
  searchWord: string;
  word: string;
  /** The better of whole-word and part-of-word similarity, to 6 decimals so a rank computes the same on every page. */
  score: string;
  persons: number;
}

/**
 * A search's words as folded names (accents, case, transliteration variants), and the dictionary's name words
 * each matches by trigrams, as a whole word (%) or as a part of one (<%).
 */
async function matchSearchWords(ctx: Ctx, search: string): Promise<{ searchWords: number; hits: WordHit[] }> {
  const rows: { searchWord: string; word: string | null; score: string | null; persons: number | null }[] =
    await ctx.dataSource.query(
      `SELECT s.w AS "searchWord", n.word,
              round(greatest(similarity(s.w, n.word), word_similarity(s.w, n.word))::numeric, 6)::text AS score,
              n.persons
       FROM (SELECT DISTINCT w FROM unnest(string_to_array(social_name_key($1), ' ')) w WHERE w <> '') s
       LEFT JOIN name_word n ON n.word % s.w OR s.w <% n.word
       ORDER BY 1, 2`,
      [search],
    );
  return {
    searchWords: new Set(rows.map((r) => r.searchWord)).size,
    hits: rows.filter((r): r is WordHit => r.word !== null),
  };
}

/**
 * The searched people, with their registration and rank: for each search word the best score among the person's
 * name words, averaged over the search's words (a person matching every word comes first). In numeric, so the sum
 * is the same in any order. Read from person_name_word alone; its parameters are TypeORM's named ones (rankParameters).
 */
const RANKED_PEOPLE = `(SELECT x.person_id, x.registered_at, round(sum(x.best) / :searchWords, 6) AS rank
  FROM (SELECT pw.person_id, pw.registered_at, d.search_word, max(d.score) AS best
        FROM unnest(:matchedSearchWords::text[], :matchedWords::text[], :matchedScores::numeric[]) AS d(search_word, word, score)
        JOIN person_name_word pw ON pw.word = d.word
        GROUP BY pw.person_id, pw.registered_at, d.search_word) x
  GROUP BY x.person_id, x.registered_at)`;

function rankParameters(searchWords: number, hits: readonly WordHit[]) {
  return {
    searchWords: Math.max(searchWords, 1),
    matchedSearchWords: hits.map((h) => h.searchWord),
    matchedWords: hits.map((h) => h.word),
    matchedScores: hits.map((h) => h.score),
  };
}

/**
 * One search word, nothing else to filter by: a person's rank is their best word's score, so the page is read
 * word by word from person_name_word's index, best-scoring word first, newest first within a word, limit + 1
 * rows from each, and the total is a count of that index. A person carrying two matching words is taken under the
 * better one only (the ties broken by the word), and counted once. The same page, keys and total as RANKED_PEOPLE gives.
 */
async function searchOneWord(
  ctx: Ctx,
  hits: readonly WordHit[],
  order: readonly KeyColumn[],
  page: KeysetPage,
): Promise<{ total: number; rows: { id: string; key: string[] }[] }> {
  const values: unknown[] = [hits.map((h) => h.word), hits.map((h) => h.score), page.limit + 1];
  const bind = positionalBinder(values);
  const keys = ["d.score", "pw.registered_at", "pw.person_id"];
  const after = page.after
    ? `AND ${keysetCondition(
        order.map((c, i) => ({ ...c, sql: keys[i] })),
        page.after,
        bind,
      )}`
    : "";
  const raw: { total: string; id: string | null; k0: string; k1: string; k2: string }[] = await ctx.dataSource.query(
    `WITH d AS (SELECT * FROM unnest($1::text[], $2::numeric[]) AS d(word, score)),
     page AS (
       SELECT r.* FROM d CROSS JOIN LATERAL (
         SELECT pw.person_id AS id, d.score::text AS k0, pw.registered_at::text AS k1, pw.person_id::text AS k2,
                d.score, pw.registered_at
         FROM person_name_word pw
         WHERE pw.word = d.word ${after}
           AND NOT EXISTS (SELECT 1 FROM person_name_word o JOIN d b ON b.word = o.word
                           WHERE o.person_id = pw.person_id
                             AND (b.score > d.score OR (b.score = d.score AND b.word < d.word)))
         ORDER BY pw.registered_at DESC, pw.person_id
         LIMIT $3) r
       ORDER BY r.score DESC, r.registered_at DESC, r.id
       LIMIT $3)
     SELECT (${
       // One word's people are counted in the dictionary; several words may share a person.
       hits.length === 1
         ? `${bind(hits[0].persons)}::bigint`
         : "SELECT count(DISTINCT pw.person_id) FROM person_name_word pw JOIN d ON d.word = pw.word"
     })::text AS total,
            page.id, page.k0, page.k1, page.k2
     FROM (SELECT 1) one LEFT JOIN page ON true`,
    values,
  );
  return {
    total: Number(raw[0].total),
    rows: raw.filter((r) => r.id !== null).map((r) => ({ id: r.id!, key: [r.k0, r.k1, r.k2] })),
  };
}

/** The list's order, which its keyset cursors follow: newest registration first, or best match first. */
function peopleOrder(searching: boolean): KeyColumn[] {
  const newest: KeyColumn[] = [
    { sql: "p.registered_at", cast: "timestamptz", desc: true },
    { sql: "p.id", cast: "uuid" },
  ];
  return searching ? [{ sql: "m.rank", cast: "numeric", desc: true }, ...newest] : newest;
}

/** The search's order on RANKED_PEOPLE's own columns, the same keys as on the people it is joined to. */
function rankedOrder(order: readonly KeyColumn[]): KeyColumn[] {
  const columns = ["m.rank", "m.registered_at", "m.person_id"];
  return order.map((c, i) => ({ ...c, sql: columns[i] }));
}

/** Everyone registered, as person_total counts them. */
async function countedPeople(ctx: Ctx): Promise<number> {
  const [row] = await ctx.dataSource.query(`SELECT persons::text AS persons FROM person_total`);
  return Number(row.persons);
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
    const { qb, narrowed } = filteredPeople(ctx, f);
    const scoped = ctx.access.level("IDENTITY_BASIC") === "OWN";
    // Scoped roles: the people their site, school or organisation holds, asked once, filtered in SQL.
    if (scoped) {
      qb.andWhere("p.id = ANY(:own::uuid[])", { own: ctx.loaders.ownScope ? await ctx.loaders.ownScope.all() : [] });
    }
    // Nothing but a search (if any) narrows the list: no other filter, no scoped caller, who need each person's row.
    const unfiltered = !narrowed && !scoped;
    let result: { total: number; rows: { id: string; key: string[] }[] };
    if (!searching) {
      // Everyone, unfiltered: the total is kept counted (person_total), where counting meant reading every row.
      const countAll = unfiltered ? () => countedPeople(ctx) : undefined;
      result = await keysetPage(qb, "p.id", order, page, countAll);
    } else {
      const { searchWords, hits } = await matchSearchWords(ctx, f.search!.trim());
      if (searchWords === 1 && unfiltered) {
        result = await searchOneWord(ctx, hits, order, page);
      } else if (unfiltered) {
        // Several words: ranked from person_name_word alone, no person row read (a full name matches everyone
        // carrying either word: 12,000 people for "Oleksandr Shevchenko" among 80,000 persons).
        const ranked = ctx.dataSource
          .createQueryBuilder()
          .from(RANKED_PEOPLE, "m")
          .setParameters(rankParameters(searchWords, hits));
        result = await keysetPageOneScan(ranked, "m.person_id", rankedOrder(order), page);
      } else {
        qb.innerJoin(RANKED_PEOPLE, "m", "m.person_id = p.id", rankParameters(searchWords, hits));
        // A search ranks every match: one reading of them gives the page and the total (keysetPageOneScan).
        result = await keysetPageOneScan(qb, "p.id", order, page);
      }
    }
    const { total, rows } = result;
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
