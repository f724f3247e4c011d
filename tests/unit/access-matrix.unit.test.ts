// Scenario: a DPO reviews the design against access.md. The kit's matrix and purpose table are exactly the
// tables of access.md (read from shared/spec, or the copy kept with the tests, which must equal it), and the
// kit's per-request access control decides every role × category × purpose as both tables say together,
// including the categories no field carries yet (health, protection, anonymous feedback, audit trail).
import {
  ACCESS_MATRIX,
  AccessControl,
  accessLevel,
  AuditTrail,
  Caller,
  DataCategory,
  PersonScope,
  Purpose,
  PURPOSE_CATEGORIES,
  PURPOSES,
  Role,
  ROLES,
} from "@reception-graph/kit";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { KEPT_ACCESS_MD, parseMatrix, parsePurposes, SHARED_ACCESS_MD } from "../support/access-spec";

const matrix = parseMatrix();
const purposes = parsePurposes();
const CATEGORIES = Object.keys(matrix) as DataCategory[];

test("the copy of access.md kept with the tests is the shared spec (when the spec is beside the checkout)", () => {
  if (!existsSync(SHARED_ACCESS_MD)) return;
  expect(readFileSync(KEPT_ACCESS_MD, "utf8")).toBe(readFileSync(SHARED_ACCESS_MD, "utf8"));
});

test("docs/access.md, the repository's own copy of the rules, has the same matrix and purpose table", () => {
  const docs = readFileSync(join(__dirname, "..", "..", "docs", "access.md"), "utf8");
  expect(parseMatrix(docs)).toEqual(matrix);
  expect(parsePurposes(docs)).toEqual(purposes);
});

test("access.md's matrix has all eleven categories and every role column", () => {
  expect(CATEGORIES.sort()).toEqual(Object.keys(ACCESS_MATRIX).sort());
  expect(CATEGORIES).toHaveLength(11);
  for (const c of CATEGORIES) expect(Object.keys(matrix[c]).sort()).toEqual([...ROLES].sort());
});

describe.each(CATEGORIES)("%s", (category) => {
  test.each([...ROLES])("%s: the kit grants exactly what access.md says", (role) => {
    const cell = matrix[category][role as Role];
    const expected = (action: "READ" | "WRITE") =>
      (action === "READ" ? cell.read : cell.write) ? (cell.own ? "OWN" : "ALL") : "NONE";
    expect(accessLevel([role as Role], category, "READ")).toBe(expected("READ"));
    expect(accessLevel([role as Role], category, "WRITE")).toBe(expected("WRITE"));
  });
});

test("the kit's purpose table is access.md's; ADMINISTRATION (reference data) reads no personal category", () => {
  for (const [purpose, categories] of Object.entries(purposes)) {
    expect([...PURPOSE_CATEGORIES[purpose as Purpose]].sort()).toEqual(categories);
  }
  expect(Object.keys(purposes).sort()).toEqual(PURPOSES.filter((p) => p !== "ADMINISTRATION").sort());
  expect(PURPOSE_CATEGORIES.ADMINISTRATION).toEqual([]);
});

/** A request's access control with an audit that only collects, and a scope that holds `own`. */
function control(role: Role, purpose: Purpose | null, own: string[]) {
  const caller: Caller = { sub: "u", org: "o", roles: [role], sites: [], schools: [], organisations: [] };
  const recorded: { outcome: string; reason?: string; category: string }[] = [];
  const audit = { record: (r: any) => recorded.push(r) } as unknown as AuditTrail;
  const scope = new PersonScope([{ ownAmong: async (ids) => (ids ?? own).filter((id) => own.includes(id)) }]);
  return { access: new AccessControl(caller, purpose, audit, scope), recorded };
}

const OWN = "11111111-1111-4111-8111-111111111111";
const STRANGER = "22222222-2222-4222-8222-222222222222";

describe("every role × category × purpose, decided as both tables say", () => {
  const cases = ROLES.flatMap((role) =>
    CATEGORIES.flatMap((category) => [...PURPOSES, null].map((purpose) => [role, category, purpose] as const)),
  );
  test.each(cases)("%s reads %s with purpose %s", async (role, category, purpose) => {
    const cell = matrix[category][role];
    const personal = category !== "AGGREGATES";
    const purposeCovers = !personal || (purpose !== null && (purposes[purpose as Purpose] ?? []).includes(category));
    for (const person of [OWN, STRANGER]) {
      const { access, recorded } = control(role, purpose, [OWN]);
      const check = { category, action: "READ" as const, personId: person, field: "T.f", operation: "op" };
      const allowed = purposeCovers && cell.read && (!cell.own || person === OWN);
      const outcome = await access.authorize(check).then(
        () => "ALLOWED",
        (e) => e.extensions.code,
      );
      if (allowed) {
        expect(outcome).toBe("ALLOWED");
      } else {
        expect(outcome).toBe(personal && purpose === null ? "PURPOSE_REQUIRED" : "FORBIDDEN");
        // Every refusal of personal data is recorded; a refusal for the purpose names purpose and category.
        if (personal) expect(recorded).toContainEqual(expect.objectContaining({ outcome: "REFUSED", category }));
      }
    }
  });
});

test("a refusal for the purpose names the purpose and the category", async () => {
  const { access } = control("SOCIAL_WORKER", "REPORTING", []);
  await expect(
    access.authorize({
      category: "IDENTITY_FULL",
      action: "READ",
      personId: OWN,
      field: "Person.birthDate",
      operation: "o",
    }),
  ).rejects.toMatchObject({
    extensions: { code: "FORBIDDEN", purpose: "REPORTING", category: "IDENTITY_FULL" },
    message: expect.stringMatching(/REPORTING.*identity full/),
  });
});

test("a scope that cannot be asked fails the check loudly instead of answering 'not own'", async () => {
  const caller: Caller = { sub: "u", org: "o", roles: ["SITE_COORDINATOR"], sites: [], schools: [], organisations: [] };
  const audit = { record: () => undefined } as unknown as AuditTrail;
  const scope = new PersonScope([
    {
      ownAmong: async () => {
        throw Object.assign(new Error("housing is not answering"), { extensions: { code: "UNAVAILABLE" } });
      },
    },
  ]);
  const access = new AccessControl(caller, "PLACEMENT", audit, scope);
  await expect(
    access.authorize({ category: "HOUSING", action: "READ", personId: OWN, field: "f", operation: "o" }),
  ).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
  await expect(
    access.allows({ category: "HOUSING", action: "READ", personId: OWN, field: "f", operation: "o" }),
  ).rejects.toMatchObject({ extensions: { code: "UNAVAILABLE" } });
});
