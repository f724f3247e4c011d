// The known data of the gateway's indicator exports and dashboard tests, built through the gateway as
// partner apps would enter it: two IOM reception centres and three households placed in them.
import { HOUSING, ok, PLACE, SOCIAL, validatedSite } from "./fixtures";
import { RunningGraph } from "./graph";
import { TokenClaims } from "./tokens";

export const ANALYST: TokenClaims = { sub: "reporting-officer", org: "IOM", roles: ["ANALYST"] };
export const DPO: TokenClaims = { sub: "dpo-ghent", org: "CITY_GHENT", roles: ["DPO"] };

export interface IndicatorsScenario {
  /** The current calendar month: people are registered today, and counted when registered by `to`. */
  from: string;
  to: string;
  /** DHIS2's identifier of that month, e.g. 202612. */
  dhis2Period: string;
  terRive: string;
  schoonmeersen: string;
}

/** The current calendar month (UTC), so that today's registrations fall inside it. */
export function currentMonth(now = new Date()): { from: string; to: string; dhis2Period: string } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const from = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
  return { from, to, dhis2Period: `${y}${String(m + 1).padStart(2, "0")}` };
}

type Member = { givenName: string; sex: "FEMALE" | "MALE"; age: "adult" | "toddler" };

/**
 * Birth dates relative to the period's last day, so the age bands hold whenever the test runs:
 * an adult is 30 (18–59) on `to`, a toddler 2 (0–4). January 15th is on or before any month's last day.
 */
function birthDate(to: string, age: Member["age"]): string {
  const year = Number(to.slice(0, 4)) - (age === "adult" ? 30 : 2);
  return `${year}-01-15`;
}

async function household(graph: RunningGraph, family: string, members: Member[], to: string): Promise<string> {
  return ok(
    await graph.query(
      `mutation H($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }`,
      {
        input: {
          members: members.map((m) => ({
            givenName: m.givenName,
            familyName: family,
            birthDate: birthDate(to, m.age),
            sex: m.sex,
          })),
        },
      },
      SOCIAL,
      "CASE_MANAGEMENT",
    ),
  ).registerHousehold.id;
}

/**
 * Ter Rive (rooms of 4 and 4 beds = 8 places) and Schoonmeersen (5 + 2 = 7 places), both IOM
 * reception centres validated since 2022. Three households registered today and placed on the
 * period's first day:
 *   Kovalenko at Ter Rive: 2 women, 2 girls aged 2        (adults with children)
 *   Shevchenko at Ter Rive: 2 women, 2 men                (adults only)
 *   Bondarenko at Schoonmeersen: 2 women, 3 men           (adults only)
 * All sites: 13 people in 15 places; women 18–59: 2 + 2 + 2 = 6, men 18–59: 2 + 3 = 5, girls 0–4: 2.
 * At Ter Rive: 8 people in 8 places; women 18–59: 4, men 18–59: 2, girls 0–4: 2.
 */
export async function buildIndicatorsScenario(graph: RunningGraph): Promise<IndicatorsScenario> {
  const month = currentMonth();
  const terRive = await validatedSite(graph, "Ter Rive", [4, 4]);
  const schoonmeersen = await validatedSite(graph, "Schoonmeersen", [5, 2]);
  const woman = (givenName: string): Member => ({ givenName, sex: "FEMALE", age: "adult" });
  const man = (givenName: string): Member => ({ givenName, sex: "MALE", age: "adult" });
  const girl = (givenName: string): Member => ({ givenName, sex: "FEMALE", age: "toddler" });
  const kovalenko = await household(
    graph,
    "Kovalenko",
    [woman("Olena"), woman("Iryna"), girl("Sofia"), girl("Anna")],
    month.to,
  );
  const shevchenko = await household(
    graph,
    "Shevchenko",
    [woman("Oksana"), woman("Tetiana"), man("Andriy"), man("Taras")],
    month.to,
  );
  const bondarenko = await household(
    graph,
    "Bondarenko",
    [woman("Natalia"), woman("Yulia"), man("Serhiy"), man("Oleh"), man("Petro")],
    month.to,
  );
  for (const [householdId, siteId] of [
    [kovalenko, terRive],
    [shevchenko, terRive],
    [bondarenko, schoonmeersen],
  ]) {
    ok(await graph.query(PLACE, { input: { householdId, siteId, moveInDate: month.from } }, HOUSING, "PLACEMENT"));
  }
  return { ...month, terRive, schoonmeersen };
}
