// Scenario: a reporting tool pulls the indicators of the current month from the gateway, as CSV
// (HXL-tagged) and as a DHIS2 dataValueSet, with an ANALYST token and no stated purpose (the
// exports state REPORTING). The data: two IOM centres (8 + 7 places) and three households placed
// on the month's first day (see tests/support/indicators-scenario.ts). The exports carry the
// numbers the graph itself answers to `indicators` (one data path), the hand-computed housing and
// demographic figures, a suppressed cell and its complementary one (empty, "suppressed", never 0;
// left out of DHIS2), and a 0 shown as 0. They are authenticated like the graph: no token 401, a
// DPO (no aggregates) 403 FORBIDDEN, an unknown x-purpose 400 (a known one is used, as the graph
// does; aggregates are open under any purpose); bad parameters
// 400 BAD_USER_INPUT naming the parameter and its value; an unknown site 404. The ANALYST who reads
// the indicators is refused a personal field.
import { parse } from "csv-parse/sync";
import { DHIS2_MAPPING } from "../../gateway/src/reports/dhis2";
import { ok } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";
import { errorCodes, postGraphql } from "../support/graphql";
import { ANALYST, buildIndicatorsScenario, DPO, IndicatorsScenario } from "../support/indicators-scenario";
import { callerToken, TokenClaims } from "../support/tokens";

let graph: RunningGraph;
let s: IndicatorsScenario;

beforeAll(async () => {
  graph = await startGraph();
  s = await buildIndicatorsScenario(graph);
}, 180_000);
afterAll(async () => {
  await graph?.stop();
});

async function get(path: string, as: TokenClaims | null = ANALYST, headers: Record<string, string> = {}) {
  const auth: Record<string, string> = as ? { authorization: `Bearer ${await callerToken(as)}` } : {};
  return fetch(`${graph.url}${path}`, { headers: { ...auth, ...headers } });
}

const CSV = (q: string) => `/reports/indicators.csv?${q}`;
const JSON_ = (q: string) => `/reports/indicators.json?${q}`;

/** The CSV as records: header, HXL row, data rows; and a lookup of one row's cell. */
function readCsv(text: string) {
  const [header, hxl, ...rows] = parse(text, { bom: true, record_delimiter: "\r\n" }) as string[][];
  const col = (name: string) => header.indexOf(name);
  const row = (code: string, measure: string, breakdown = "") => {
    const found = rows.filter(
      (r) =>
        r[col("Indicator code")] === code && r[col("Measure")] === measure && r[col("Breakdown code")] === breakdown,
    );
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { header, hxl, rows, col, row };
}

const REPORT = `query Report($from: Date!, $to: Date!, $siteId: ID) {
  indicators(from: $from, to: $to, siteId: $siteId) {
    centresOperational { value met }
    placesTotal
    placesOccupied { value suppressed }
    occupancyRate { value numerator denominator suppressed }
    personsServed { value suppressed }
    personsByAgeAndSex { ageBand sex count { value suppressed } }
    feedbackReceived { value suppressed }
  }
}`;

describe("GET /reports/indicators.csv", () => {
  test("all sites: the graph's numbers, hand-computed housing and demographics, suppression as empty cells", async () => {
    const res = await get(CSV(`from=${s.from}&to=${s.to}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="indicators-${s.from}-${s.to}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const { hxl, rows, col, row } = readCsv(text);
    expect(hxl[col("Value")]).toBe("#indicator+num");
    expect(hxl[col("Female")]).toBe("#reached+f");
    const value = (r: string[]) => r[col("Value")];

    // Places: Ter Rive 4 + 4 = 8, Schoonmeersen 5 + 2 = 7, both validated: 15. Placed: 4 + 4 + 5 = 13.
    expect(value(row("placesTotal", "places"))).toBe("15");
    expect(value(row("placesOccupied", "people"))).toBe("13");
    // 13 / 15 × 100 = 86.67 → 86.7.
    expect(value(row("occupancyRate", "percent"))).toBe("86.7");
    expect(value(row("occupancyRate", "numerator"))).toBe("13");
    expect(value(row("occupancyRate", "denominator"))).toBe("15");
    // Two IOM reception centres validated on the last day: 2, target 2, met.
    const centres = row("OUTPUT_1_1", "count");
    expect([value(centres), centres[col("Target met")], centres[col("Location")]]).toEqual([
      "2",
      "met",
      "Ghent (all sites)",
    ]);
    expect(value(row("OUTPUT_1_1", "target"))).toBe("2");
    // Persons served: 13, registered today, within the month.
    expect(value(row("personsServed", "people"))).toBe("13");
    // Women 18–59: 2 + 2 + 2 = 6 shown. Girls 0–4: 2, suppressed; then the smallest other non-zero
    // cell, men 18–59 (2 + 3 = 5), is suppressed too (complementary): 13 − 6 would otherwise give 7 = 5 + 2.
    const women = row("personsByAgeAndSex", "people", "FEMALE_AGE_18_59");
    expect([value(women), women[col("Female")], women[col("Adults 18-59")], women[col("Suppressed")]]).toEqual([
      "6",
      "6",
      "6",
      "false",
    ]);
    for (const cell of ["FEMALE_AGE_0_4", "MALE_AGE_18_59"]) {
      const r = row("personsByAgeAndSex", "people", cell);
      expect({ cell, value: value(r), suppressed: r[col("Suppressed")], female: r[col("Female")] }).toEqual({
        cell,
        value: "",
        suppressed: "true",
        female: "",
      });
    }
    // Every other of the 24 cells is 0, written as 0.
    const zeros = rows.filter((r) => r[col("Indicator code")] === "personsByAgeAndSex" && value(r) === "0");
    expect(zeros).toHaveLength(21);
    // No one gave feedback: 0, shown.
    expect(value(row("feedbackReceived", "count"))).toBe("0");
    // Nothing suppressed is ever written as a number.
    for (const r of rows.filter((r) => r[col("Suppressed")] === "true")) expect(value(r)).toBe("");

    // The same numbers as the graph's own answer (one data path).
    const graphAnswer = ok(await graph.query(REPORT, { from: s.from, to: s.to }, ANALYST, "REPORTING")).indicators;
    expect(value(row("placesTotal", "places"))).toBe(String(graphAnswer.placesTotal));
    for (const cell of graphAnswer.personsByAgeAndSex) {
      const code = `${cell.sex}_${cell.ageBand ?? "AGE_UNKNOWN"}`;
      expect({ code, csv: value(row("personsByAgeAndSex", "people", code)) }).toEqual({
        code,
        csv: cell.count.suppressed ? "" : String(cell.count.value),
      });
    }
  });

  test("one site: its name, its places and people; its small cells all suppressed", async () => {
    const res = await get(CSV(`from=${s.from}&to=${s.to}&siteId=${s.terRive}`));
    expect(res.status).toBe(200);
    const { row, col } = readCsv(await res.text());
    const places = row("placesTotal", "places");
    expect([places[col("Location")], places[col("Site ID")], places[col("Value")]]).toEqual([
      "Ter Rive",
      s.terRive,
      "8",
    ]);
    // Ter Rive: 4 + 4 = 8 people in 8 places: 100.0 %.
    expect(row("placesOccupied", "people")[col("Value")]).toBe("8");
    expect(row("occupancyRate", "percent")[col("Value")]).toBe("100");
    // One centre operational at this site: 1 of target 2, not met.
    expect(row("OUTPUT_1_1", "count")[col("Target met")]).toBe("not met");
    // Women 18–59: 4, men 18–59: 2, girls 0–4: 2: all 1–4, all suppressed; the total 8 is shown.
    expect(row("personsServed", "people")[col("Value")]).toBe("8");
    for (const cell of ["FEMALE_AGE_18_59", "MALE_AGE_18_59", "FEMALE_AGE_0_4"])
      expect(row("personsByAgeAndSex", "people", cell)[col("Suppressed")]).toBe("true");
  });
});

describe("GET /reports/indicators.json", () => {
  test("a DHIS2 dataValueSet for the month, the city's org unit, suppressed cells left out", async () => {
    const res = await get(JSON_(`from=${s.from}&to=${s.to}`));
    expect(res.status).toBe(200);
    const set = await res.json();
    expect(set.dataSet).toBe(DHIS2_MAPPING.dataSet.uid);
    expect(set.period).toBe(s.dhis2Period);
    expect(set.orgUnit).toBe(DHIS2_MAPPING.orgUnits.city.uid);
    const find = (element: string, combo = "default") =>
      set.dataValues
        .filter(
          (v: any) =>
            v.dataElement === DHIS2_MAPPING.dataElements[element].uid &&
            v.categoryOptionCombo === DHIS2_MAPPING.categoryOptionCombos[combo].uid,
        )
        .map((v: any) => v.value);
    expect(find("placesTotal")).toEqual(["15"]);
    expect(find("placesOccupied")).toEqual(["13"]);
    expect(find("occupancyRate")).toEqual(["86.7"]);
    expect(find("OUTPUT_1_1")).toEqual(["2"]);
    expect(find("personsByAgeAndSex", "FEMALE_AGE_18_59")).toEqual(["6"]);
    expect(find("personsByAgeAndSex", "MALE_AGE_5_11")).toEqual(["0"]);
    // Suppressed: not sent at all (DHIS2 would read 0 as a count).
    expect(find("personsByAgeAndSex", "FEMALE_AGE_0_4")).toEqual([]);
    expect(find("personsByAgeAndSex", "MALE_AGE_18_59")).toEqual([]);
    const elements = new Set(Object.values(DHIS2_MAPPING.dataElements).map((d) => d.uid));
    const combos = new Set(Object.values(DHIS2_MAPPING.categoryOptionCombos).map((c) => c.uid));
    for (const v of set.dataValues) {
      expect(elements.has(v.dataElement) && combos.has(v.categoryOptionCombo)).toBe(true);
      expect([v.period, v.orgUnit, typeof v.value]).toEqual([s.dhis2Period, set.orgUnit, "string"]);
    }
  });

  test("a site's org unit by its name; codes with idScheme=CODE", async () => {
    const res = await get(JSON_(`from=${s.from}&to=${s.to}&siteId=${s.schoonmeersen}&idScheme=CODE`));
    expect(res.status).toBe(200);
    const set = await res.json();
    expect([set.dataSet, set.orgUnit]).toEqual(["RG_INDICATORS", "RG_GENT_SCHOONMEERSEN"]);
    expect(set.dataValues).toContainEqual({
      dataElement: "RG_PLACES_TOTAL",
      period: s.dhis2Period,
      orgUnit: "RG_GENT_SCHOONMEERSEN",
      categoryOptionCombo: "default",
      value: "7",
    });
  });

  test("a range that is not one DHIS2 period is refused naming to", async () => {
    const res = await get(JSON_(`from=${s.from}&to=${s.from.slice(0, 8)}20`));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "to" });
    expect(body.errors[0].message).toContain("not one DHIS2 period");
  });
});

describe("authentication and purpose, like the graph", () => {
  test.each([CSV, JSON_])("no token: 401 UNAUTHENTICATED (%#)", async (path) => {
    const res = await get(path(`from=${s.from}&to=${s.to}`), null);
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  test("a forged token: 401", async () => {
    const res = await fetch(`${graph.url}${CSV(`from=${s.from}&to=${s.to}`)}`, {
      headers: {
        authorization: `Bearer ${await callerToken(ANALYST, "another-secret-that-is-long-enough-0123456789")}`,
      },
    });
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].extensions.code).toBe("UNAUTHENTICATED");
  });

  test.each([CSV, JSON_])("a DPO may not read aggregates: 403 FORBIDDEN, as the graph answers (%#)", async (path) => {
    const res = await get(path(`from=${s.from}&to=${s.to}`), DPO);
    expect(res.status).toBe(403);
    expect((await res.json()).errors[0].extensions.code).toBe("FORBIDDEN");
    const direct = await graph.query(REPORT, { from: s.from, to: s.to }, DPO, "REPORTING");
    expect(errorCodes(direct)).toContain("FORBIDDEN");
  });

  test("the caller's x-purpose is read like the graph reads it: checked, and aggregates open under any purpose", async () => {
    // The graph's rule: aggregates carry no personal data, so every purpose may read them (access-matrix.ts).
    const stated = await get(CSV(`from=${s.from}&to=${s.to}`), ANALYST, { "x-purpose": "CASE_MANAGEMENT" });
    expect(stated.status).toBe(200);
    const direct = await graph.query(REPORT, { from: s.from, to: s.to }, ANALYST, "CASE_MANAGEMENT");
    expect(ok(direct).indicators.placesTotal).toBe(15);
    const unknown = await get(CSV(`from=${s.from}&to=${s.to}`), ANALYST, { "x-purpose": "CURIOSITY" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "x-purpose" });
  });

  test("the ANALYST who reads the indicators is refused a personal field", async () => {
    const res = await postGraphql(
      graph.graphqlUrl,
      `query { people(first: 5) { edges { node { id givenName } } } }`,
      {},
      { authorization: `Bearer ${await callerToken(ANALYST)}`, "x-purpose": "REPORTING" },
    );
    expect(errorCodes(res)).toContain("FORBIDDEN");
  });
});

describe("bad parameters: 400 BAD_USER_INPUT naming the parameter and its value", () => {
  test.each([
    ["from=2022-13-01&to=2022-05-31", "from", "2022-13-01"],
    ["from=yesterday&to=2022-05-31", "from", "yesterday"],
    ["from=2022-05-31&to=2022-05-01", "to", "2022-05-01"],
    ["from=2022-01-01&to=2023-06-30", "to", "2023-06-30"],
    ["from=2022-05-01&to=2022-05-31&siteId=ter-rive", "siteId", "ter-rive"],
    ["to=2022-05-31", "from", "from"],
    ["from=2022-05-01&from=2022-05-02&to=2022-05-31", "from", "from"],
  ])("%s", async (query, field, named) => {
    for (const path of [CSV, JSON_]) {
      const res = await get(path(query));
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.errors[0].extensions).toEqual({ code: "BAD_USER_INPUT", field });
      expect(body.errors[0].message).toContain(named);
    }
  });

  test("an unknown idScheme", async () => {
    const res = await get(JSON_(`from=${s.from}&to=${s.to}&idScheme=NAME`));
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toEqual({
      message: 'idScheme "NAME" is not known; use UID or CODE.',
      extensions: { code: "BAD_USER_INPUT", field: "idScheme" },
    });
  });

  test("an unknown site: refused, naming the site", async () => {
    const unknown = "5b0e6a4c-8f0d-4d3e-9a57-1c2b3d4e5f60";
    const res = await get(CSV(`from=${s.from}&to=${s.to}&siteId=${unknown}`));
    expect([400, 404]).toContain(res.status);
    const body = await res.json();
    expect(["NOT_FOUND", "BAD_USER_INPUT"]).toContain(body.errors[0].extensions.code);
    expect(body.errors[0].message).toContain(unknown);
  });
});
