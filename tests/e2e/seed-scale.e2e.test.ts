// Scenario: `npm run seed:scale` at a small size (2,000 persons, seed 7, two years up to 30 November 2026) into the
// four fresh, migrated databases of a running graph. The data has the spring-2022 profile (about persons / 2.67
// households, 93% of people in families, 55% adults, 43% minors, within two points), every table the brief names
// is filled (counts with lower bounds), every person, household and site another subgraph names exists where it is
// owned, no room or site is over capacity and no audit record was written. The graph answers over it through the
// gateway: a page of people, one person across the four subgraphs, and a month of indicators. Seeding again without
// --reset is refused (CONFLICT, naming the database) and writes nothing; with reset, the same seed gives identical
// rows and another seed different ones.
import { SubgraphName, SUBGRAPH_NAMES } from "@reception-graph/kit";
import { SeedRefusedError, seedScale, SeedProgress } from "../../scripts/seed-scale/index";
import { ok } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { TokenClaims } from "../support/tokens";

const PERSONS = 2_000;
const UNTIL = "2026-11-30";
const ANALYST: TokenClaims = { sub: "analyst-seed", org: "IOM", roles: ["ANALYST"] };

let graph: RunningGraph;
const progress: SeedProgress[] = [];

const urls = () =>
  Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, { migration: graph.databases[n].ownerUrl }])) as Record<
    SubgraphName,
    { migration: string }
  >;

const rows = <T = any>(name: SubgraphName, sql: string, params: unknown[] = []) =>
  graph.databases[name].queryAs<T>("owner", sql, params);

const count = async (name: SubgraphName, table: string) =>
  Number((await rows<{ n: string }>(name, `SELECT count(*) AS n FROM ${table}`))[0].n);

/** A fingerprint of a few tables of each subgraph: every column of every row, in ID order. */
async function fingerprint(): Promise<string> {
  const tables: [SubgraphName, string][] = [
    ["social", "person"],
    ["social", "case_file"],
    ["social", "support_payment"],
    ["housing", "site"],
    ["housing", "placement"],
    ["housing", "allocation"],
    ["care", "referral"],
    ["care", "referral_transition"],
    ["education", "enrolment"],
    ["education", "activity"],
  ];
  const parts = await Promise.all(
    tables.map(([n, t]) =>
      rows<{ h: string }>(n, `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) AS h FROM ${t} x`).then(
        (r) => `${n}.${t}:${r[0].h}`,
      ),
    ),
  );
  return parts.join(",");
}

async function auditRecords(): Promise<number[]> {
  return Promise.all(SUBGRAPH_NAMES.map((n) => count(n, "audit_log")));
}

beforeAll(async () => {
  graph = await startGraph();
  const before = await auditRecords();
  await seedScale({ urls: urls(), persons: PERSONS, seed: 7, until: UNTIL, onProgress: (p) => progress.push(p) });
  expect(await auditRecords()).toEqual(before);
}, 240_000);

afterAll(async () => {
  await graph?.stop();
});

describe("seed:scale", () => {
  it("reports each stage of each subgraph with its row counts", () => {
    for (const name of SUBGRAPH_NAMES) {
      const stages = progress.filter((p) => p.subgraph === name && Object.keys(p.rows).length > 0);
      expect(stages.length).toBeGreaterThanOrEqual(3);
      for (const s of stages) expect(s.seconds).toBeGreaterThanOrEqual(0);
    }
    expect(progress.find((p) => p.subgraph === "social")?.rows.person).toBe(PERSONS);
  });

  it("has the spring-2022 profile: households, families, adults and minors", async () => {
    const [p] = await rows(
      "social",
      `WITH sized AS (SELECT p.*, count(*) OVER (PARTITION BY household_id) AS size FROM person p)
       SELECT count(*)::int AS persons, count(DISTINCT household_id)::int AS households,
              count(*) FILTER (WHERE size >= 2)::int AS in_families,
              count(*) FILTER (WHERE date_part('year', age(registered_at::date, birth_date)) >= 18)::int AS adults,
              count(*) FILTER (WHERE date_part('year', age(registered_at::date, birth_date)) < 18)::int AS minors,
              count(*) FILTER (WHERE size = 1 AND sex = 'FEMALE')::int AS single_women
       FROM sized`,
    );
    expect(p.persons).toBe(PERSONS);
    expect(p.households).toBeGreaterThan((PERSONS / 2.67) * 0.93);
    expect(p.households).toBeLessThan((PERSONS / 2.67) * 1.07);
    expect(Math.abs(p.in_families / PERSONS - 0.93)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(p.adults / PERSONS - 0.55)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(p.minors / PERSONS - 0.43)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(p.single_women / PERSONS - 0.04)).toBeLessThanOrEqual(0.01);
    // Every family has an adult.
    const [orphans] = await rows(
      "social",
      `SELECT count(*)::int AS n FROM household h WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id
         AND date_part('year', age(p.registered_at::date, p.birth_date)) >= 18)`,
    );
    expect(orphans.n).toBe(0);
  });

  it("fills every table the data set names, over two years", async () => {
    const households = await count("social", "household");
    expect(await count("social", "case_file")).toBe(households);
    expect(await count("social", "case_file_event")).toBeGreaterThanOrEqual(2 * households);
    expect(await count("social", "support_decision")).toBeGreaterThan(households / 2);
    expect(await count("social", "support_payment")).toBeGreaterThan(await count("social", "support_decision"));
    expect(await count("social", "health_insurance")).toBeGreaterThan(PERSONS * 0.7);
    const [sites] = await rows(
      "housing",
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE validated)::int AS validated, sum(capacity)::int AS beds FROM site`,
    );
    expect(sites.n).toBeGreaterThanOrEqual(PERSONS / 80);
    expect(sites.validated).toBe(sites.n);
    expect(sites.beds).toBeGreaterThan(0);
    expect(await count("housing", "placement")).toBeGreaterThan(PERSONS * 0.4);
    expect(await count("housing", "move_out")).toBeGreaterThan(0);
    const [allocations] = await rows(
      "housing",
      `SELECT count(*)::int AS n, (max(date) - min(date))::int AS days, count(DISTINCT nis_code)::int AS municipalities FROM allocation`,
    );
    expect(allocations.days).toBeGreaterThanOrEqual(700);
    expect(allocations.municipalities).toBeGreaterThan(50);
    expect(await count("care", "referral")).toBe(PERSONS * 1.25);
    expect(await count("care", "referral_transition")).toBeGreaterThan(PERSONS * 1.25);
    expect(await count("care", "feedback")).toBeGreaterThan(0);
    expect(await count("care", "care_contact")).toBeGreaterThan(0);
    expect(await count("education", "enrolment")).toBe(PERSONS / 4);
    expect(await count("education", "education_assessment")).toBeGreaterThanOrEqual(PERSONS / 4);
    expect(await count("education", "activity_attendance")).toBeGreaterThan(0);
    const [okan] = await rows("education", `SELECT count(*)::int AS n FROM enrolment WHERE programme = 'OKAN'`);
    expect(okan.n).toBeGreaterThan(0);
  });

  it("points every cross-subgraph reference at a real person, household or site", async () => {
    const persons = new Set((await rows<{ id: string }>("social", `SELECT id FROM person`)).map((r) => r.id));
    const households = new Set((await rows<{ id: string }>("social", `SELECT id FROM household`)).map((r) => r.id));
    const sites = new Set((await rows<{ id: string }>("housing", `SELECT id FROM site`)).map((r) => r.id));
    const ids = async (name: SubgraphName, sql: string) => (await rows<{ id: string }>(name, sql)).map((r) => r.id);
    const personRefs: [SubgraphName, string][] = [
      [
        "housing",
        `SELECT person_id AS id FROM placement UNION SELECT person_id FROM move_out UNION SELECT unnest(person_ids) FROM site_assignment`,
      ],
      [
        "care",
        `SELECT person_id AS id FROM referral UNION SELECT person_id FROM care_contact UNION SELECT person_id FROM support_plan
                UNION SELECT person_id FROM legal_session UNION SELECT person_id FROM living_conditions_survey
                UNION SELECT person_id FROM feedback WHERE person_id IS NOT NULL`,
      ],
      [
        "education",
        `SELECT person_id AS id FROM enrolment UNION SELECT person_id FROM enrolment_request
                     UNION SELECT person_id FROM education_assessment UNION SELECT person_id FROM dutch_course
                     UNION SELECT person_id FROM integration_programme`,
      ],
    ];
    for (const [name, sql] of personRefs) {
      const refs = await ids(name, sql);
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.filter((id) => !persons.has(id))).toEqual([]);
    }
    const householdRefs = await ids(
      "housing",
      `SELECT household_id AS id FROM placement UNION SELECT household_id FROM site_assignment`,
    );
    expect(householdRefs.filter((id) => !households.has(id))).toEqual([]);
    // A placement's household is the person's own household in social.
    const own = new Map(
      (await rows<{ id: string; household_id: string }>("social", `SELECT id, household_id FROM person`)).map((r) => [
        r.id,
        r.household_id,
      ]),
    );
    const placed = await rows<{ person_id: string; household_id: string }>(
      "housing",
      `SELECT person_id, household_id FROM placement`,
    );
    expect(placed.filter((p) => own.get(p.person_id) !== p.household_id)).toEqual([]);
    const siteRefs: [SubgraphName, string][] = [
      [
        "care",
        `SELECT site_id AS id FROM care_contact UNION SELECT site_id FROM feedback UNION SELECT site_id FROM feedback_channel
                UNION SELECT site_id FROM training UNION SELECT site_id FROM living_conditions_survey`,
      ],
      ["education", `SELECT site_id AS id FROM activity`],
    ];
    for (const [name, sql] of siteRefs) expect((await ids(name, sql)).filter((id) => !sites.has(id))).toEqual([]);
  });

  it("keeps occupancy within capacity, one household per room, and OKAN classes within their places", async () => {
    const [sites] = await rows(
      "housing",
      `SELECT count(*)::int AS n FROM site s
       WHERE s.occupied <> (SELECT count(*) FROM placement p WHERE p.site_id = s.id AND p.move_out_date IS NULL)
          OR s.occupied > s.capacity`,
    );
    expect(sites.n).toBe(0);
    const [shared] = await rows(
      "housing",
      `SELECT count(*)::int AS n FROM placement a JOIN placement b ON a.room_id = b.room_id AND a.household_id <> b.household_id
       WHERE daterange(a.move_in_date, a.move_out_date, '[)') && daterange(b.move_in_date, b.move_out_date, '[)')`,
    );
    expect(shared.n).toBe(0);
    const [okan] = await rows(
      "education",
      `SELECT count(*)::int AS n FROM school s
       WHERE s.okan_enrolled <> (SELECT count(*) FROM enrolment e WHERE e.school_id = s.id AND e.programme = 'OKAN' AND e.status = 'ENROLLED')`,
    );
    expect(okan.n).toBe(0);
  });

  it("answers through the gateway: a page of people, one person across four subgraphs, a month of indicators", async () => {
    const page = ok(
      await graph.query(`query { people(first: 20) { totalCount edges { node { id givenName household { id } } } } }`),
    ).people;
    expect(page.totalCount).toBe(PERSONS);
    expect(page.edges).toHaveLength(20);
    const [resident] = await rows<{ person_id: string }>(
      "housing",
      `SELECT p.person_id FROM placement p WHERE p.move_out_date IS NULL ORDER BY p.id LIMIT 1`,
    );
    const person = ok(
      await graph.query(
        `query P($id: ID!) { person(id: $id) { id givenName household { id } placement { site { id name } } referrals { status } enrolments { status } } }`,
        { id: resident.person_id },
      ),
    ).person;
    expect(person.id).toBe(resident.person_id);
    expect(person.placement.site.id).toEqual(expect.any(String));
    expect(Array.isArray(person.referrals)).toBe(true);
    const report = ok(
      await graph.query(
        `query R($from: Date!, $to: Date!) { indicators(from: $from, to: $to) { personsServed { value } placesTotal referralsByStatus { status count { value } } childrenEnrolledPct { numerator } } }`,
        { from: "2026-10-01", to: "2026-10-31" },
        ANALYST,
        "REPORTING",
      ),
    ).indicators;
    expect(report.personsServed.value).toBeGreaterThan(0);
    expect(report.placesTotal).toBeGreaterThan(0);
  });

  it("refuses to seed on top of data without --reset, naming the database, and writes nothing", async () => {
    const before = await fingerprint();
    const persons = await count("social", "person");
    const error = await seedScale({ urls: urls(), persons: PERSONS, seed: 8, until: UNTIL }).catch((e) => e);
    expect(error).toBeInstanceOf(SeedRefusedError);
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain(graph.databases.social.name);
    expect(error.message).toContain("--reset");
    expect(await count("social", "person")).toBe(persons);
    expect(await fingerprint()).toBe(before);
  });

  it("gives identical data for the same seed and different data for another (with --reset)", async () => {
    const first = await fingerprint();
    await seedScale({ urls: urls(), persons: PERSONS, seed: 7, until: UNTIL, reset: true });
    expect(await fingerprint()).toBe(first);
    await seedScale({ urls: urls(), persons: PERSONS, seed: 8, until: UNTIL, reset: true });
    const other = await fingerprint();
    expect(other).not.toBe(first);
    // Every table differs, not only some.
    const a = first.split(",");
    const b = other.split(",");
    expect(a.filter((x, i) => x === b[i])).toEqual([]);
    // The counts person's triggers keep came through the reset and the bulk load: the same as a recount.
    const [kept] = await rows<{ total: boolean; words: boolean }>(
      "social",
      `SELECT (SELECT persons FROM person_total) = (SELECT count(*) FROM person) AS total,
              NOT EXISTS (SELECT 1 FROM name_word n FULL JOIN (SELECT word, count(*)::int AS c FROM person_name_word GROUP BY word) r
                          ON r.word = n.word WHERE n.persons IS DISTINCT FROM r.c) AS words`,
    );
    expect(kept).toEqual({ total: true, words: true });
  }, 240_000);
});
