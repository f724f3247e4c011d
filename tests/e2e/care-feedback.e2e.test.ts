// Scenario: two centres register their feedback channels; site coordinators and a care worker record feedback
// (anonymous and linked to a resident), answer it, list it as a connection and read the monthly overview,
// all through the gateway. Refusals leave nothing written and a line in care's audit log; an anonymous
// submission leaves no trace of the resident or of the coordinator who entered it, in any table or log.
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, validatedSite } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes } from "../support/graphql";
import { TokenClaims } from "../support/tokens";
import { AUDIT_LINES } from "../support/audit";

let graph: RunningGraph;
let siteA: string;
let siteB: string;
let siteC: string;
let coordA: TokenClaims;
let coordB: TokenClaims;
let coordC: TokenClaims;
let residentA: string;
let residentB: string;
let boxA: string;
let boxC: string;
const CAW: TokenClaims = { sub: "fb-caw", org: "CAW_OOST_VLAANDEREN", roles: ["CARE_WORKER"] };
const ANALYST: TokenClaims = { sub: "fb-analyst", org: "IOM", roles: ["ANALYST"] };

const REGISTER = `mutation RegisterChannel($input: RegisterFeedbackChannelInput!) {
  registerFeedbackChannel(input: $input) { id siteId kind description siteCode } }`;
const SUBMIT = `mutation Submit($input: SubmitFeedbackInput!) {
  submitFeedback(input: $input) { id category text language anonymous status receivedOn response respondedOn person { id } channel { id kind } } }`;
const RESPOND = `mutation Respond($input: RespondToFeedbackInput!) {
  respondToFeedback(input: $input) { id status response respondedOn } }`;
const LIST = `query List($first: Int, $after: String, $filter: FeedbackFilter) {
  feedback(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id siteId category status text receivedOn anonymous } } } }`;
const OVERVIEW = `query Overview($month: String!, $siteId: ID) {
  feedbackOverview(month: $month, siteId: $siteId) {
    siteId month channels received { value suppressed } closed { value suppressed } stillOpen { value suppressed }
    medianDaysToRespond { value basis suppressed } byCategory { category count { value suppressed } } } }`;

const care = () => graph.dataSources.care;
const count = async (sql: string, params: unknown[] = []) => Number((await care().query(sql, params))[0].n);

async function refusalsOf(subject: string, field: string) {
  return care().query(
    `SELECT person_id, category, action, outcome, reason FROM ${AUDIT_LINES} WHERE subject = $1 AND $2 = ANY(fields)`,
    [subject, field],
  );
}

async function submit(as: TokenClaims, input: Record<string, unknown>) {
  return ok(await graph.query(SUBMIT, { input }, as, "CARE")).submitFeedback;
}

beforeAll(async () => {
  graph = await startGraph();
  siteA = await validatedSite(graph, "Schoonmeersen", [2, 2]);
  siteB = await validatedSite(graph, "Ter Rive", [2]);
  siteC = await validatedSite(graph, "Overview centre", [1]);
  coordA = siteCoordinator(siteA);
  coordB = siteCoordinator(siteB);
  coordC = siteCoordinator(siteC);
  const a = await registerHousehold(graph, 1, "Bondarenko");
  ok(await place(graph, a.householdId, siteA));
  residentA = a.memberIds[0];
  const b = await registerHousehold(graph, 1, "Shevchenko");
  ok(await place(graph, b.householdId, siteB));
  residentB = b.memberIds[0];
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

describe("channels", () => {
  test("a site coordinator registers channels of their site; a DIGITAL one gets a public site code", async () => {
    const box = ok(
      await graph.query(
        REGISTER,
        { input: { siteId: siteA, kind: "BOX", description: "Next to the laundry" } },
        coordA,
      ),
    ).registerFeedbackChannel;
    expect(box).toMatchObject({ siteId: siteA, kind: "BOX", description: "Next to the laundry", siteCode: null });
    boxA = box.id;
    const digital = ok(
      await graph.query(
        REGISTER,
        { input: { siteId: siteA, kind: "DIGITAL", idempotencyKey: "fb-digital-a" } },
        coordA,
      ),
    ).registerFeedbackChannel;
    expect(digital.siteCode).toMatch(/^[a-z0-9]{8}$/);
    // The same key again: the same channel, not a second one.
    const again = ok(
      await graph.query(
        REGISTER,
        { input: { siteId: siteA, kind: "DIGITAL", idempotencyKey: "fb-digital-a" } },
        coordA,
      ),
    ).registerFeedbackChannel;
    expect(again).toEqual(digital);
    // The city's housing coordinator may register a channel at any site.
    ok(await graph.query(REGISTER, { input: { siteId: siteB, kind: "COMMITTEE" } }, HOUSING));
    boxC = ok(await graph.query(REGISTER, { input: { siteId: siteC, kind: "BOX" } }, coordC)).registerFeedbackChannel
      .id;

    const listed = ok(
      await graph.query(`query C($s: ID) { feedbackChannels(siteId: $s) { id kind siteCode } }`, { s: siteA }, coordB),
    ).feedbackChannels;
    expect(listed).toEqual([
      { id: box.id, kind: "BOX", siteCode: null },
      { id: digital.id, kind: "DIGITAL", siteCode: digital.siteCode },
    ]);
  });

  test("a coordinator cannot register a channel at another site; an unknown site is BAD_USER_INPUT", async () => {
    const before = await count(`SELECT count(*) AS n FROM feedback_channel`);
    const other = await graph.query(REGISTER, { input: { siteId: siteB, kind: "PHONE" } }, coordA);
    expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
    expect(await refusalsOf(coordA.sub!, "Mutation.registerFeedbackChannel")).toEqual([
      { person_id: null, category: "ROLE", action: "WRITE", outcome: "REFUSED", reason: "FORBIDDEN" },
    ]);
    const unknown = await graph.query(REGISTER, { input: { siteId: randomUUID(), kind: "PHONE" } }, HOUSING);
    expect(errorCodes(unknown)).toEqual(["BAD_USER_INPUT"]);
    expect(unknown.errors![0].extensions!.field).toBe("input.siteId");
    const careWorker = await graph.query(REGISTER, { input: { siteId: siteA, kind: "PHONE" } }, CAW);
    expect(errorCodes(careWorker)).toEqual(["FORBIDDEN"]);
    expect(await count(`SELECT count(*) AS n FROM feedback_channel`)).toBe(before);
  });
});

describe("submissions and answers", () => {
  let linked: string;
  let anonymous: string;

  test("a coordinator records anonymous feedback (no person, no audit line) and feedback linked to a resident (audited)", async () => {
    const anon = await submit(coordA, {
      siteId: siteA,
      channelId: boxA,
      category: "COMPLAINT",
      text: "  The shower on the second floor is cold.  ",
      language: "uk",
      anonymous: true,
    });
    expect(anon).toMatchObject({
      category: "COMPLAINT",
      text: "The shower on the second floor is cold.",
      anonymous: true,
      status: "OPEN",
      response: null,
      person: null,
      channel: { id: boxA, kind: "BOX" },
    });
    anonymous = anon.id;
    const link = await submit(coordA, {
      siteId: siteA,
      channelId: boxA,
      category: "QUESTION",
      text: "When does the Dutch course start?",
      language: "uk",
      anonymous: false,
      personId: residentA,
    });
    expect(link).toMatchObject({ anonymous: false, person: { id: residentA } });
    linked = link.id;
    const lines = await care().query(
      `SELECT person_id, category, action, outcome FROM ${AUDIT_LINES} WHERE subject = $1 AND 'Mutation.submitFeedback' = ANY(fields) ORDER BY action`,
      [coordA.sub],
    );
    expect(lines).toEqual([
      { person_id: residentA, category: "ANONYMOUS_FEEDBACK", action: "WRITE", outcome: "ALLOWED" },
    ]);
    expect(
      await count(`SELECT count(*) AS n FROM ${AUDIT_LINES} WHERE person_id IS NULL AND outcome = 'ALLOWED'`),
    ).toBe(0);
  });

  test("refusals: another site, a person outside one's scope, the wrong purpose, bad input; nothing written", async () => {
    const before = await count(`SELECT count(*) AS n FROM feedback`);
    const base = { siteId: siteA, channelId: boxA, category: "SUGGESTION", text: "More bikes", language: "nl" };

    const otherSite = await graph.query(SUBMIT, { input: { ...base, anonymous: true } }, coordB, "CARE");
    expect(errorCodes(otherSite)).toEqual(["FORBIDDEN"]);
    expect(await refusalsOf(coordB.sub!, "Mutation.submitFeedback")).toEqual([
      { person_id: null, category: "ANONYMOUS_FEEDBACK", action: "WRITE", outcome: "REFUSED", reason: "FORBIDDEN" },
    ]);

    // Resident B lives at Ter Rive: not coordinator A's own.
    const notOwn = await graph.query(
      SUBMIT,
      { input: { ...base, anonymous: false, personId: residentB } },
      coordA,
      "CARE",
    );
    expect(errorCodes(notOwn)).toEqual(["FORBIDDEN"]);
    expect(
      await care().query(`SELECT outcome, reason FROM ${AUDIT_LINES} WHERE subject = $1 AND person_id = $2`, [
        coordA.sub,
        residentB,
      ]),
    ).toEqual([{ outcome: "REFUSED", reason: "FORBIDDEN" }]);

    // A care worker may link feedback only to people referred to their organisation.
    const careWorker = await graph.query(
      SUBMIT,
      { input: { ...base, anonymous: false, personId: residentA } },
      CAW,
      "CARE",
    );
    expect(errorCodes(careWorker)).toEqual(["FORBIDDEN"]);
    expect(
      await care().query(`SELECT outcome, reason FROM ${AUDIT_LINES} WHERE subject = $1 AND person_id = $2`, [
        CAW.sub,
        residentA,
      ]),
    ).toEqual([{ outcome: "REFUSED", reason: "FORBIDDEN" }]);

    const purpose = await graph.query(SUBMIT, { input: { ...base, anonymous: true } }, coordA, "CASE_MANAGEMENT");
    expect(errorCodes(purpose)).toEqual(["FORBIDDEN"]);
    expect(purpose.errors![0].extensions).toMatchObject({ purpose: "CASE_MANAGEMENT", category: "ANONYMOUS_FEEDBACK" });

    const bad: [Record<string, unknown>, string][] = [
      [{ ...base, anonymous: true, text: "   " }, "input.text"],
      [{ ...base, anonymous: true, text: "x".repeat(2001) }, "input.text"],
      [{ ...base, anonymous: true, receivedOn: "2999-01-01" }, "input.receivedOn"],
      [{ ...base, anonymous: true, language: "ukrainian" }, "input.language"],
      [{ ...base, anonymous: true, channelId: boxC }, "input.channelId"],
      [{ ...base, anonymous: true, personId: residentA }, "input.personId"],
      [{ ...base, anonymous: true, idempotencyKey: "k" }, "input.idempotencyKey"],
      [{ ...base, anonymous: false }, "input.personId"],
    ];
    for (const [input, field] of bad) {
      const res = await graph.query(SUBMIT, { input }, coordA, "CARE");
      expect([errorCodes(res), res.errors![0].extensions!.field]).toEqual([["BAD_USER_INPUT"], field]);
    }
    expect(await count(`SELECT count(*) AS n FROM feedback`)).toBe(before);
  });

  test("an answer closes the submission; a second answer is CONFLICT; another site's coordinator is refused", async () => {
    const other = await graph.query(RESPOND, { input: { feedbackId: anonymous, response: "No" } }, coordB, "CARE");
    expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
    expect(await refusalsOf(coordB.sub!, "Mutation.respondToFeedback")).toEqual([
      { person_id: null, category: "ANONYMOUS_FEEDBACK", action: "WRITE", outcome: "REFUSED", reason: "FORBIDDEN" },
    ]);
    expect(await count(`SELECT count(*) AS n FROM feedback WHERE responded_on IS NOT NULL`)).toBe(0);

    const today = new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Brussels" });
    const closed = ok(
      await graph.query(
        RESPOND,
        { input: { feedbackId: anonymous, response: "The boiler was repaired on Monday." } },
        coordA,
        "CARE",
      ),
    ).respondToFeedback;
    expect(closed).toEqual({
      id: anonymous,
      status: "CLOSED",
      response: "The boiler was repaired on Monday.",
      respondedOn: today,
    });
    const again = await graph.query(RESPOND, { input: { feedbackId: anonymous, response: "Again" } }, coordA, "CARE");
    expect(errorCodes(again)).toEqual(["CONFLICT"]);
    expect((await care().query(`SELECT response FROM feedback WHERE id = $1`, [anonymous]))[0].response).toBe(
      "The boiler was repaired on Monday.",
    );

    // A care worker answers the linked one: the write is audited for the person.
    ok(await graph.query(RESPOND, { input: { feedbackId: linked, response: "On 5 September." } }, CAW, "CARE"));
    expect(
      await care().query(
        `SELECT action, outcome FROM ${AUDIT_LINES} WHERE subject = $1 AND person_id = $2 AND 'Mutation.respondToFeedback' = ANY(fields) ORDER BY action`,
        [CAW.sub, residentA],
      ),
    ).toEqual([{ action: "WRITE", outcome: "ALLOWED" }]);
    const unknown = await graph.query(RESPOND, { input: { feedbackId: randomUUID(), response: "x" } }, coordA, "CARE");
    expect(errorCodes(unknown)).toEqual(["NOT_FOUND"]);
  });

  test("the list: own sites only for coordinators, filters, keyset pages; another site's filter is refused", async () => {
    // Three more at site A, on known days.
    for (const [category, receivedOn] of [
      ["SUGGESTION", "2025-05-02"],
      ["COMPLIMENT", "2025-05-20"],
      ["SUGGESTION", "2025-06-01"],
    ]) {
      await submit(coordA, {
        siteId: siteA,
        channelId: boxA,
        category,
        text: "Thanks",
        language: "nl",
        anonymous: true,
        receivedOn,
      });
    }
    await submit(coordB, {
      siteId: siteB,
      channelId: (await care().query(`SELECT id FROM feedback_channel WHERE site_id = $1`, [siteB]))[0].id,
      category: "COMPLAINT",
      text: "Noise at night",
      language: "ru",
      anonymous: true,
    });
    const all = ok(await graph.query(LIST, { first: 50 }, coordA, "CARE")).feedback;
    expect(all.totalCount).toBe(5);
    expect(all.edges.every((e: any) => e.node.siteId === siteA)).toBe(true);
    // Newest day first.
    expect(all.edges.slice(2).map((e: any) => e.node.receivedOn)).toEqual(["2025-06-01", "2025-05-20", "2025-05-02"]);

    const may = ok(await graph.query(LIST, { filter: { month: "2025-05" } }, coordA, "CARE")).feedback;
    expect(may.edges.map((e: any) => e.node.category)).toEqual(["COMPLIMENT", "SUGGESTION"]);
    const open = ok(await graph.query(LIST, { filter: { status: "OPEN", category: "SUGGESTION" } }, coordA, "CARE"));
    expect(open.feedback.totalCount).toBe(2);
    const closed = ok(await graph.query(LIST, { filter: { status: "CLOSED" } }, coordA, "CARE")).feedback;
    expect(closed.totalCount).toBe(2);

    const first = ok(await graph.query(LIST, { first: 2 }, coordA, "CARE")).feedback;
    const second = ok(await graph.query(LIST, { first: 10, after: first.pageInfo.endCursor }, coordA, "CARE")).feedback;
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect([...first.edges, ...second.edges].map((e: any) => e.node.id)).toEqual(all.edges.map((e: any) => e.node.id));

    const careWorker = ok(await graph.query(LIST, { first: 50 }, CAW, "CARE")).feedback;
    expect(careWorker.totalCount).toBe(6);

    const otherSite = await graph.query(LIST, { filter: { siteId: siteA } }, coordB, "CARE");
    expect(errorCodes(otherSite)).toEqual(["FORBIDDEN"]);
    expect(await refusalsOf(coordB.sub!, "Query.feedback")).toEqual([
      { person_id: null, category: "ANONYMOUS_FEEDBACK", action: "READ", outcome: "REFUSED", reason: "FORBIDDEN" },
    ]);
    const analyst = await graph.query(LIST, {}, ANALYST, "CARE");
    expect(errorCodes(analyst)).toEqual(["FORBIDDEN"]);
    // The linked one's reads are audited for its person (the lists that showed it: all, closed, the first
    // page); the anonymous ones leave no line.
    expect(
      await count(
        `SELECT count(*) AS n FROM ${AUDIT_LINES} WHERE subject = $1 AND person_id = $2 AND action = 'READ'
           AND outcome = 'ALLOWED' AND operation LIKE '%/feedback'`,
        [coordA.sub, residentA],
      ),
    ).toBe(3);
    expect(
      await count(`SELECT count(*) AS n FROM ${AUDIT_LINES} WHERE person_id IS NULL AND outcome = 'ALLOWED'`),
    ).toBe(0);
  });
});

test("the monthly overview per site, hand-computed, with the kit's small-cell rule", async () => {
  // Site C, 2025: [category, received, answered]
  const rows: [string, string, string | null][] = [
    ["COMPLAINT", "2025-03-01", "2025-03-08"], // closed in March after 7 days
    ["COMPLAINT", "2025-03-03", "2025-03-05"], // 2 days
    ["COMPLAINT", "2025-03-10", "2025-03-20"], // 10 days
    ["COMPLAINT", "2025-03-04", "2025-03-07"], // 3 days
    ["COMPLAINT", "2025-03-11", "2025-03-12"], // 1 day
    ["COMPLAINT", "2025-03-20", "2025-03-26"], // 6 days
    ["QUESTION", "2025-03-15", "2025-04-02"], // open at the end of March; closed in April after 18 days
    ["SUGGESTION", "2025-03-28", null], // still open
    ["COMPLIMENT", "2025-02-25", "2025-03-01"], // received in February, closed in March after 4 days
    ["QUESTION", "2025-04-05", null], // April, open
  ];
  for (const [category, receivedOn, answeredOn] of rows) {
    const f = await submit(coordC, {
      siteId: siteC,
      channelId: boxC,
      category,
      text: `About ${category.toLowerCase()}`,
      language: "uk",
      anonymous: true,
      receivedOn,
    });
    if (answeredOn) {
      ok(
        await graph.query(
          RESPOND,
          { input: { feedbackId: f.id, response: "Answered in the residents' meeting", respondedOn: answeredOn } },
          coordC,
          "CARE",
        ),
      );
    }
  }
  const overview = async (month: string) =>
    ok(await graph.query(OVERVIEW, { month, siteId: siteC }, ANALYST, null)).feedbackOverview;
  const shown = (value: number) => ({ value, suppressed: false });
  const hidden = { value: null, suppressed: true };
  const cats = (complaint: unknown, suggestion: unknown, question: unknown, compliment: unknown) => [
    { category: "COMPLAINT", count: complaint },
    { category: "SUGGESTION", count: suggestion },
    { category: "QUESTION", count: question },
    { category: "COMPLIMENT", count: compliment },
  ];
  // March: received 8 (6 complaints, 1 question, 1 suggestion: the two 1s are suppressed, two cells hidden already);
  // closed 7 (7, 2, 10, 3, 1, 6 and the compliment's 4 days: sorted 1 2 3 4 6 7 10, median 4);
  // open on 31 March: the question (answered 2 April) and the suggestion: 2, suppressed.
  expect(await overview("2025-03")).toEqual([
    {
      siteId: siteC,
      month: "2025-03",
      channels: 1,
      received: shown(8),
      closed: shown(7),
      stillOpen: hidden,
      medianDaysToRespond: { value: 4, basis: 7, suppressed: false },
      byCategory: cats(shown(6), hidden, hidden, shown(0)),
    },
  ]);
  // April: received 1; closed 1 (18 days, a median of one person: suppressed); open on 30 April: 2. All 1–4.
  expect(await overview("2025-04")).toEqual([
    {
      siteId: siteC,
      month: "2025-04",
      channels: 1,
      received: hidden,
      closed: hidden,
      stillOpen: hidden,
      medianDaysToRespond: { value: null, basis: null, suppressed: true },
      byCategory: cats(shown(0), shown(0), hidden, shown(0)),
    },
  ]);
  // February: the compliment came in and was still open on 28 February; nothing was answered (0 is shown).
  expect(await overview("2025-02")).toEqual([
    {
      siteId: siteC,
      month: "2025-02",
      channels: 1,
      received: hidden,
      closed: shown(0),
      stillOpen: hidden,
      medianDaysToRespond: { value: null, basis: 0, suppressed: false },
      byCategory: cats(shown(0), shown(0), shown(0), hidden),
    },
  ]);
  // Without a site: every site with a channel or feedback, site C among them with the same values.
  const everySite = ok(await graph.query(OVERVIEW, { month: "2025-03" }, coordA, null)).feedbackOverview;
  expect(everySite.map((o: any) => o.siteId).sort()).toEqual([siteA, siteB, siteC].sort());
  expect(everySite.find((o: any) => o.siteId === siteC).received).toEqual(shown(8));

  const future = await graph.query(OVERVIEW, { month: "2999-01", siteId: siteC }, ANALYST, null);
  expect(errorCodes(future)).toEqual(["BAD_USER_INPUT"]);
  const badMonth = await graph.query(OVERVIEW, { month: "March", siteId: siteC }, ANALYST, null);
  expect(errorCodes(badMonth)).toEqual(["BAD_USER_INPUT"]);
});

test("an anonymous submission is untraceable: no table of any database and no log line holds the submitter or the resident", async () => {
  // A resident of site A asks the coordinator to pass on a complaint anonymously.
  const household = await registerHousehold(graph, 1, "Tkachenko");
  ok(await place(graph, household.householdId, siteA));
  const resident = household.memberIds[0];
  const submitter: TokenClaims = {
    sub: "trace-submitter-qwxz",
    org: "IOM_TRACE_UNIT",
    roles: ["SITE_COORDINATOR"],
    sites: [siteA],
  };
  const logged: string[] = [];
  const capture = (...args: unknown[]) => {
    logged.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 6 }))).join(" "));
  };
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
    jest.spyOn(console, m).mockImplementation(capture),
  );
  const writes = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, "write").mockImplementation(((chunk: unknown) => {
      logged.push(String(chunk));
      return true;
    }) as never),
  );
  let submitted: any;
  try {
    submitted = await submit(submitter, {
      siteId: siteA,
      channelId: boxA,
      category: "COMPLAINT",
      text: "A staff member shouts at residents in the kitchen.",
      language: "uk",
      anonymous: true,
    });
  } finally {
    spies.forEach((s) => s.mockRestore());
    writes.forEach((s) => s.mockRestore());
  }
  expect(submitted).toMatchObject({ anonymous: true, person: null });

  /** Every row of every table of a database, as text, that contains the needle. */
  const traces = async (db: string, needle: string) => {
    const ds = graph.dataSources[db];
    const tables: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const found: string[] = [];
    for (const { table_name } of tables) {
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(lower(t::text), lower($1)) > 0`,
        [needle],
      );
      if (n > 0) found.push(`${db}.${table_name}`);
    }
    return found;
  };
  // The search has teeth: the resident linked earlier is found where that linked feedback and its audit are.
  expect(await traces("care", residentA)).toEqual(expect.arrayContaining(["care.feedback", "care.audit_log"]));
  // The stored row exists, with its text, and says nothing about who or when beyond the day.
  expect(await traces("care", "A staff member shouts at residents")).toEqual(["care.feedback"]);
  for (const needle of [submitter.sub!, submitter.org!, resident]) {
    expect({ needle, care: await traces("care", needle) }).toEqual({ needle, care: [] });
  }
  // Nor did the other subgraphs learn anything of it (the resident exists in social and housing from registration).
  for (const db of ["social", "housing", "education"]) {
    expect({ db, found: await traces(db, submitter.sub!) }).toEqual({ db, found: [] });
  }
  expect(logged.filter((l) => [submitter.sub!, submitter.org!, resident].some((n) => l.includes(n)))).toEqual([]);
  // No column of the feedback table is finer than a day, and its ID is random, not a sequence.
  const columns = await care().query(
    `SELECT column_name, data_type, column_default FROM information_schema.columns WHERE table_name = 'feedback'`,
  );
  expect(columns.filter((c: any) => /time|interval/.test(c.data_type))).toEqual([]);
  expect(columns.find((c: any) => c.column_name === "id").column_default).toBe("gen_random_uuid()");
});
