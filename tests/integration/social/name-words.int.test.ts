// Name search reads the dictionary of name words (name_word, with how many people carry each) and the index of who
// carries them (person_name_word): a one-word search is paged word by word from that index, anything else through
// the ranked join, and both give the same ranking and total. Registrations, renames and deletions keep the tables
// and the count of everyone (person_total, the unfiltered list's total) in step, and a word is never pruned from
// under a registration committing at the same time.
import { socialSubgraph } from "@reception-graph/social";
import { Client } from "pg";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { ok, registerHousehold } from "./social-fixtures";

let sg: RunningSubgraph;
let householdId: string;

beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  // Nine Khrystynas, a Khrystyna who is also a Khrystenko (two matching words, one match), spelling variants,
  // and people the search must leave out.
  const members: [string, string][] = [
    ["Khrystyna", "Melnyk"],
    ["Khrystyna", "Shevchenko"],
    ["Khrystyna", "Khrystenko"],
    ["Christina", "Bondarenko"],
    ["Krystyna", "Tkachenko"],
    ["Khrystyna", "Kovalenko"],
    ["Khrystyna", "Boiko"],
    ["Khrystyna", "Tkachuk"],
    ["Oksana", "Khrystenko"],
    ["Khrystyna", "Kravchenko"],
    ["Khrystyna", "Oliinyk"],
    ["Olena", "Melnyk"],
    ["Taras", "Bondar"],
  ];
  for (const [givenName, familyName] of members) {
    const h = await registerHousehold(sg, [{ givenName, familyName, birthDate: "1990-01-01", sex: "FEMALE" }]);
    householdId = h.householdId;
  }
});
afterAll(async () => {
  await sg?.stop();
});

const PAGE = `query S($f: PersonFilter, $first: Int, $after: String) { people(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id givenName familyName } } } }`;

/** Every page of a search, `first` at a time: the IDs in order, and the total each page gave. */
async function walk(filter: Record<string, unknown>, first: number): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const page: any = ok(await sg.query(PAGE, { f: filter, first, after })).people;
    ids.push(...page.edges.map((e: any) => e.node.id));
    totals.push(page.totalCount);
    if (!page.pageInfo.hasNextPage) return { ids, totals };
    after = page.pageInfo.endCursor;
  }
  throw new Error("the pages never ended");
}

/** The SQL statements social ran while `run` ran (the subgraph serves from this test's data source). */
async function statementsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const spy = jest.spyOn(sg.db.dataSource, "query");
  try {
    await run();
    return spy.mock.calls.map((c) => String(c[0]));
  } finally {
    spy.mockRestore();
  }
}

/** Marks of each way a search runs, in the SQL it sends. */
const BY_ONE_WORD = "CROSS JOIN LATERAL";
const BY_WORDS = "GROUP BY x.person_id, x.registered_at";
const JOINED = '"person" "p" INNER JOIN (SELECT x.person_id';

test.each([
  ["Khrystyna", BY_ONE_WORD],
  ["khrystenko", BY_ONE_WORD],
  ["Kris", BY_ONE_WORD],
  ["Bondarenko", BY_ONE_WORD],
  ["Khrystyna Melnyk", BY_WORDS],
  ["Oksana Khrystenko", BY_WORDS],
  ["Christina Bondar Tkachenko", BY_WORDS],
])(
  "a search %p read from the word index (each match once, same total) pages exactly as the ranked join ranks",
  async (search, path) => {
    // registeredFrom far in the past narrows nothing, but sends the search through the ranked join.
    let joined: any;
    const joinedSql = await statementsDuring(async () => {
      joined = ok(await sg.query(PAGE, { f: { search, registeredFrom: "2000-01-01" }, first: 100 })).people;
    });
    expect(joinedSql.some((q) => q.includes(JOINED))).toBe(true);
    const joinedIds = joined.edges.map((e: any) => e.node.id);
    let oneAtATime: { ids: string[]; totals: number[] } = { ids: [], totals: [] };
    const sql = await statementsDuring(async () => {
      oneAtATime = await walk({ search }, 1);
    });
    expect(sql.some((q) => q.includes(path))).toBe(true);
    expect(sql.some((q) => q.includes(JOINED))).toBe(false);
    const inThrees = await walk({ search }, 3);
    expect(joined.totalCount).toBeGreaterThanOrEqual(1);
    expect(joinedIds).toHaveLength(joined.totalCount);
    expect(new Set(joinedIds).size).toBe(joinedIds.length);
    expect(oneAtATime.ids).toEqual(joinedIds);
    expect(inThrees.ids).toEqual(joinedIds);
    expect(new Set([...oneAtATime.totals, ...inThrees.totals])).toEqual(new Set([joined.totalCount]));
    // Past the last match: an empty page that still says how many there are.
    const all = ok(await sg.query(PAGE, { f: { search }, first: 100 })).people;
    const last = all.edges.at(-1).cursor;
    const past = ok(await sg.query(PAGE, { f: { search }, first: 5, after: last })).people;
    expect(past).toMatchObject({ totalCount: joined.totalCount, edges: [] });
  },
);

test("the Khrystyna who is also a Khrystenko is one match, ranked with the other exact Khrystynas", async () => {
  const page = ok(await sg.query(PAGE, { f: { search: "Khrystyna" }, first: 100 })).people;
  const names = page.edges.map((e: any) => `${e.node.givenName} ${e.node.familyName}`);
  // Eight exact Khrystynas first (score 1), then the spelling variants and Oksana Khrystenko; Olena and Taras never.
  expect(names.slice(0, 8).every((n: string) => n.startsWith("Khrystyna "))).toBe(true);
  expect(names.filter((n: string) => n === "Khrystyna Khrystenko")).toHaveLength(1);
  expect(names).toEqual(expect.arrayContaining(["Christina Bondarenko", "Krystyna Tkachenko", "Oksana Khrystenko"]));
  expect(names).not.toEqual(expect.arrayContaining(["Olena Melnyk"]));
  expect(names).not.toContain("Taras Bondar");
  expect(page.totalCount).toBe(names.length);
  expect(page.totalCount).toBeGreaterThanOrEqual(11);
});

test("a two-word search ranks people matching both words first", async () => {
  const page = ok(await sg.query(PAGE, { f: { search: "Khrystyna Melnyk" }, first: 100 })).people;
  const names = page.edges.map((e: any) => `${e.node.givenName} ${e.node.familyName}`);
  expect(names[0]).toBe("Khrystyna Melnyk");
  // Every Khrystyna and both Melnyks match one word at least.
  expect(names).toEqual(expect.arrayContaining(["Olena Melnyk", "Khrystyna Boiko"]));
  expect(page.totalCount).toBe(names.length);
});

/** The dictionary's words among these. */
async function inDictionary(words: string[]): Promise<string[]> {
  const rows = await sg.db.queryAs("owner", `SELECT word FROM name_word WHERE word = ANY($1) ORDER BY word`, [words]);
  return rows.map((r: { word: string }) => r.word);
}

async function searchIds(search: string): Promise<string[]> {
  const page = ok(await sg.query(PAGE, { f: { search }, first: 100 })).people;
  return page.edges.map((e: any) => e.node.id);
}

test("a registration is found at once; a rename and a deletion take the old words out of the dictionary", async () => {
  const {
    memberIds: [id],
  } = await registerHousehold(sg, [
    { givenName: "Zinovia", familyName: "Quarterman", birthDate: "1970-02-02", sex: "FEMALE" },
  ]);
  expect(await inDictionary(["zinovia", "quarterman"])).toEqual(["quarterman", "zinovia"]);
  expect(await searchIds("Zinovia")).toEqual([id]);

  await sg.db.queryAs("app", `UPDATE person SET given_name = 'Yaroslava' WHERE id = $1`, [id]);
  expect(await inDictionary(["zinovia", "iaroslava", "quarterman"])).toEqual(["iaroslava", "quarterman"]);
  expect(await searchIds("Zinovia")).toEqual([]);
  expect(await searchIds("Yaroslava")).toEqual([id]);
  // A departure changes no name: the person's words stay as they were.
  await sg.db.queryAs("app", `UPDATE person SET left_household_on = '2026-01-01' WHERE id = $1`, [id]);
  expect(
    await sg.db.queryAs("owner", `SELECT word FROM person_name_word WHERE person_id = $1 ORDER BY word`, [id]),
  ).toEqual([{ word: "iaroslava" }, { word: "quarterman" }]);

  // Melnyk is carried by others too: it stays.
  const {
    memberIds: [melnyk],
  } = await registerHousehold(sg, [{ givenName: "Yaroslava", familyName: "Melnyk", sex: "FEMALE" }]);
  await sg.db.queryAs("app", `DELETE FROM household_membership_event WHERE person_id = ANY($1)`, [[id, melnyk]]);
  await sg.db.queryAs("app", `DELETE FROM person WHERE id = ANY($1)`, [[id, melnyk]]);
  expect(await inDictionary(["iaroslava", "quarterman", "melnik"])).toEqual(["melnik"]);
  expect(
    await sg.db.queryAs("owner", `SELECT * FROM person_name_word WHERE person_id = ANY($1)`, [[id, melnyk]]),
  ).toEqual([]);
  expect(await searchIds("Yaroslava")).toEqual([]);
});

/** A connection of the application role with a transaction open. */
async function openTransaction(): Promise<Client> {
  const c = new Client({ connectionString: sg.db.url });
  await c.connect();
  await c.query("BEGIN");
  return c;
}

/** Waits until some other session of this database waits on a lock (the race is then really on). */
async function someoneWaitsOnALock(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [{ n }] = await sg.db.queryAs(
      "superuser",
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("no session ever waited on a lock");
}

const INSERT_PERSON = `INSERT INTO person (household_id, given_name, family_name, sex) VALUES ($1, $2, 'Vasylenko', 'FEMALE') RETURNING id`;

test.each(["registration first", "deletion first"])(
  "a word's last carrier deleted while another registers with it (%s): the word stays, the newcomer is found",
  async (order) => {
    const word = order === "registration first" ? "Ustyma" : "Fevroniia";
    const [{ id: last }] = await sg.db.queryAs("app", INSERT_PERSON, [householdId, word]);
    const registering = await openTransaction();
    const deleting = await openTransaction();
    try {
      let newcomer: string;
      if (order === "registration first") {
        [{ id: newcomer }] = (await registering.query(INSERT_PERSON, [householdId, word])).rows;
        // The deletion's count of the word waits for the registration's, then leaves it at one.
        const deleted = deleting.query(`DELETE FROM person WHERE id = $1`, [last]);
        await someoneWaitsOnALock();
        await registering.query("COMMIT");
        await deleted;
        await deleting.query("COMMIT");
      } else {
        await deleting.query(`DELETE FROM person WHERE id = $1`, [last]);
        // The registration's count of the word waits for the deletion's prune, then puts the word back.
        const registered = registering.query(INSERT_PERSON, [householdId, word]);
        await someoneWaitsOnALock();
        await deleting.query("COMMIT");
        [{ id: newcomer }] = (await registered).rows;
        await registering.query("COMMIT");
      }
      const folded = word === "Ustyma" ? "ustima" : "fevronia";
      expect(await inDictionary([folded])).toEqual([folded]);
      expect(await searchIds(word)).toEqual([newcomer]);
    } finally {
      await registering.end();
      await deleting.end();
    }
  },
);

test("the counts kept equal a recount: each word's people, and everyone for the unfiltered list's total", async () => {
  const words = await sg.db.queryAs(
    "owner",
    `SELECT coalesce(n.word, c.word) AS word, n.persons, c.carriers
     FROM name_word n FULL JOIN (SELECT word, count(*)::int AS carriers FROM person_name_word GROUP BY word) c
       ON c.word = n.word
     WHERE n.persons IS DISTINCT FROM c.carriers`,
  );
  expect(words).toEqual([]);
  const [{ words: known }] = await sg.db.queryAs("owner", `SELECT count(*)::int AS words FROM name_word`);
  expect(known).toBeGreaterThanOrEqual(20);
  const [{ n }] = await sg.db.queryAs("owner", `SELECT count(*)::int AS n FROM person`);
  expect(n).toBeGreaterThanOrEqual(13);
  let total = 0;
  const sql = await statementsDuring(async () => {
    total = ok(await sg.query(`{ people(first: 5) { totalCount } }`)).people.totalCount;
  });
  expect(total).toBe(n);
  expect(sql.some((s) => s.includes("person_total"))).toBe(true);
  expect(sql.some((s) => /COUNT\(/i.test(s))).toBe(false);
  // A filter narrows the list: then the people under it are counted.
  const [{ young }] = await sg.db.queryAs(
    "owner",
    `SELECT count(*)::int AS young FROM person WHERE registered_at >= now() - interval '1 day'`,
  );
  expect(young).toBeGreaterThanOrEqual(13);
});
