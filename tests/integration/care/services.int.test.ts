// The partner directory: services are registered with valid organisation codes and languages, filtered, and resolved by key.
import { careSubgraph } from "@reception-graph/care";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { ADMIN, careWorkerOf, createService, SOCIAL_WORKER } from "./care-fixtures";

let sg: RunningSubgraph;
beforeAll(async () => {
  sg = await startSubgraph(careSubgraph);
});
afterAll(async () => {
  await sg?.stop();
});

const REGISTER = `mutation S($input: RegisterServiceInput!) {
  registerService(input: $input) { id name organisation organisationName type languages contact openingHours }
}`;

const CAW = {
  name: "Free psychosocial programme",
  organisation: "CAW_OOST_VLAANDEREN",
  organisationName: "CAW Oost-Vlaanderen",
  type: "MENTAL_HEALTH",
  languages: ["uk", "RU", "nl"],
  contact: "09 265 04 60 · onthaal@cawoostvlaanderen.be",
  openingHours: "Mon-Fri 9:00-12:00 and 13:00-17:00",
};

async function serviceCount(): Promise<number> {
  const [row] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM service`);
  return row.n;
}

test("registerService stores a service with normalised languages", async () => {
  const res = await sg.query(REGISTER, { input: CAW }, ADMIN, null);
  expect(res.errors).toBeUndefined();
  expect(res.data.registerService).toMatchObject({ ...CAW, languages: ["uk", "ru", "nl"] });
});

test.each([
  ["organisation not a code", { organisation: "CAW Oost-Vlaanderen" }, "input.organisation"],
  ["language", { languages: ["uk", "ukrainian"] }, "input.languages[1]"],
  ["empty name", { name: " " }, "input.name"],
  ["empty contact", { contact: "" }, "input.contact"],
  ["empty opening hours", { openingHours: "  " }, "input.openingHours"],
])("registerService refuses bad input (%s) and writes nothing", async (_label, bad, field) => {
  const before = await serviceCount();
  const res = await sg.query(REGISTER, { input: { ...CAW, name: "Other", ...bad } }, ADMIN, null);
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe(field);
  expect(await serviceCount()).toBe(before);
});

test("a second service with the same name at the same organisation is a CONFLICT naming the first", async () => {
  const first = await createService(sg, { name: "Legal clinic", organisation: "PRO_BONO_GENT" });
  const res = await sg.query(
    REGISTER,
    { input: { ...CAW, name: "legal clinic", organisation: "PRO_BONO_GENT" } },
    ADMIN,
    null,
  );
  expect(errorCodes(res)).toEqual(["CONFLICT"]);
  expect(res.errors![0].extensions!.existingId).toBe(first);
});

test("registerService with the same idempotencyKey returns the first service and creates nothing", async () => {
  const input = { ...CAW, name: "Group sessions", idempotencyKey: "svc-1" };
  const first = await sg.query(REGISTER, { input }, ADMIN, null);
  const before = await serviceCount();
  const again = await sg.query(REGISTER, { input }, ADMIN, null);
  expect(again.data.registerService.id).toBe(first.data.registerService.id);
  expect(await serviceCount()).toBe(before);
});

test("care workers register services of their own organisation only; other roles are refused", async () => {
  const own = await sg.query(
    REGISTER,
    { input: { ...CAW, name: "Nurse consultation", organisation: "WGC_GENT", type: "HEALTH" } },
    careWorkerOf("WGC_GENT"),
    null,
  );
  expect(own.errors).toBeUndefined();
  const other = await sg.query(
    REGISTER,
    { input: { ...CAW, name: "Nurse at Ter Rive", organisation: "WGC_GENT", type: "HEALTH" } },
    careWorkerOf("VDAB"),
    null,
  );
  expect(errorCodes(other)).toEqual(["FORBIDDEN"]);
  const school = await sg.query(REGISTER, { input: { ...CAW, name: "X" } }, { roles: ["SCHOOL_STAFF"] }, null);
  expect(errorCodes(school)).toEqual(["FORBIDDEN"]);
});

test("services(filter) filters by type, organisation and language", async () => {
  await createService(sg, { name: "Job coaching", organisation: "VDAB", type: "EMPLOYMENT", languages: ["nl", "en"] });
  await createService(sg, { name: "Interpreters", organisation: "AGII", type: "INTEGRATION", languages: ["uk", "ru"] });
  await createService(sg, { name: "Inburgering", organisation: "AGII", type: "INTEGRATION", languages: ["nl"] });
  const q = `query L($f: ServiceFilter) { services(filter: $f) { name organisation } }`;
  const agii = await sg.query(q, { f: { organisation: "AGII" } }, SOCIAL_WORKER, null);
  expect(agii.data.services.map((s: any) => s.name)).toEqual(["Inburgering", "Interpreters"]);
  const ukrainian = await sg.query(q, { f: { type: "INTEGRATION", language: "UK" } }, SOCIAL_WORKER, null);
  expect(ukrainian.data.services.map((s: any) => s.name)).toEqual(["Interpreters"]);
  const jobs = await sg.query(q, { f: { type: "EMPLOYMENT" } }, SOCIAL_WORKER, null);
  expect(jobs.data.services).toEqual([{ name: "Job coaching", organisation: "VDAB" }]);
  const bad = await sg.query(q, { f: { language: "ukr" } }, SOCIAL_WORKER, null);
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("filter.language");
});

test("Service resolves by key through _entities, unknown keys as null", async () => {
  const id = await createService(sg, { name: "Entity service", organisation: "CAW_OOST_VLAANDEREN" });
  const res = await sg.query(
    `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on Service { id name organisation } } }`,
    {
      reps: [
        { __typename: "Service", id },
        { __typename: "Service", id: "00000000-0000-4000-8000-000000000000" },
      ],
    },
    SOCIAL_WORKER,
    null,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toEqual([{ id, name: "Entity service", organisation: "CAW_OOST_VLAANDEREN" }, null]);
});
