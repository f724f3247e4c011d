// Schools are registered with a valid NIS code and OKAN capacity, listed by filter, and resolved by key.
import { errorCodes } from "../../support/graphql";
import {
  ADMIN,
  createSchool,
  EducationWorld,
  enrolChild,
  SOCIAL_WORKER,
  startEducation,
  staffOf,
} from "./education-fixtures";

let sg: EducationWorld;
beforeAll(async () => {
  sg = await startEducation();
});
afterAll(async () => {
  await sg?.stop();
});

const REGISTER = `mutation S($input: RegisterSchoolInput!) {
  registerSchool(input: $input) { id name offersOkan okanCapacity municipality { nisCode } }
}`;

async function schoolCount(): Promise<number> {
  const [row] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM school`);
  return row.n;
}

test("registerSchool stores an OKAN school in Gent and school(id) reads it back", async () => {
  const res = await sg.query(
    REGISTER,
    { input: { name: "Sint-Lievenscollege OKAN", nisCode: "44021", offersOkan: true, okanCapacity: 24 } },
    ADMIN,
    null,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.registerSchool).toMatchObject({
    name: "Sint-Lievenscollege OKAN",
    offersOkan: true,
    okanCapacity: 24,
    municipality: { nisCode: "44021" },
  });
  const read = await sg.query(
    `query Q($id: ID!) { school(id: $id) { name okanEnrolled { value suppressed } okanAvailable municipality { nisCode } } }`,
    { id: res.data.registerSchool.id },
  );
  expect(read.data.school).toEqual({
    name: "Sint-Lievenscollege OKAN",
    okanEnrolled: { value: 0, suppressed: false },
    okanAvailable: 24,
    municipality: { nisCode: "44021" },
  });
  // ADMIN follows access.md's column exactly: reference data, no aggregates.
  const admin = await sg.query(
    `query Q($id: ID!) { school(id: $id) { okanEnrolled { value } } }`,
    { id: read.data && res.data.registerSchool.id },
    ADMIN,
    null,
  );
  expect(errorCodes(admin)).toEqual(["FORBIDDEN"]);
});

test.each([
  ["nisCode", { nisCode: "4402" }, "input.nisCode"],
  ["nisCode letters", { nisCode: "GENT1" }, "input.nisCode"],
  ["negative capacity", { okanCapacity: -1 }, "input.okanCapacity"],
  ["capacity without OKAN", { offersOkan: false, okanCapacity: 5 }, "input.okanCapacity"],
  ["empty name", { name: "  " }, "input.name"],
])("registerSchool refuses bad input (%s) with BAD_USER_INPUT and writes nothing", async (_label, bad, field) => {
  const before = await schoolCount();
  const res = await sg.query(
    REGISTER,
    { input: { name: "Bad school", nisCode: "44021", offersOkan: true, okanCapacity: 10, ...bad } },
    ADMIN,
    null,
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe(field);
  expect(await schoolCount()).toBe(before);
});

test("registerSchool with the same idempotencyKey returns the first school and creates nothing", async () => {
  const input = { name: "Basisschool De Vlieger", nisCode: "44021", offersOkan: false, okanCapacity: 0 };
  const first = await sg.query(REGISTER, { input: { ...input, idempotencyKey: "school-1" } }, ADMIN, null);
  const before = await schoolCount();
  const again = await sg.query(REGISTER, { input: { ...input, idempotencyKey: "school-1" } }, ADMIN, null);
  expect(again.data.registerSchool.id).toBe(first.data.registerSchool.id);
  expect(await schoolCount()).toBe(before);
});

test("registerSchool is for administrators and school staff", async () => {
  const input = { name: "X", nisCode: "44021", offersOkan: false, okanCapacity: 0 };
  const res = await sg.query(REGISTER, { input }, SOCIAL_WORKER, null);
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
});

test("schools(filter) filters by OKAN, municipality, name and free OKAN places", async () => {
  const full = await createSchool(sg, { name: "Full OKAN Aalst", nisCode: "41002", okanCapacity: 1 });
  await enrolChild(sg, full);
  const free = await createSchool(sg, { name: "Free OKAN Aalst", nisCode: "41002", okanCapacity: 3 });
  await createSchool(sg, { name: "Primary Aalst", nisCode: "41002", offersOkan: false });
  const q = `query L($f: SchoolFilter) { schools(filter: $f) { id name } }`;
  const inAalst = await sg.query(q, { f: { nisCode: "41002" } }, staffOf(full));
  expect(inAalst.data.schools.map((s: any) => s.name)).toEqual(["Free OKAN Aalst", "Full OKAN Aalst", "Primary Aalst"]);
  const okan = await sg.query(q, { f: { nisCode: "41002", offersOkan: true } });
  expect(okan.data.schools.map((s: any) => s.name)).toEqual(["Free OKAN Aalst", "Full OKAN Aalst"]);
  const withPlaces = await sg.query(q, { f: { nisCode: "41002", hasFreeOkanPlaces: true } });
  expect(withPlaces.data.schools.map((s: any) => s.id)).toEqual([free]);
  const fullOnes = await sg.query(q, { f: { nisCode: "41002", hasFreeOkanPlaces: false } });
  expect(fullOnes.data.schools.map((s: any) => s.id)).toEqual([full]);
  const byName = await sg.query(q, { f: { search: "primary aal" } });
  expect(byName.data.schools.map((s: any) => s.name)).toEqual(["Primary Aalst"]);
  const bad = await sg.query(q, { f: { nisCode: "1" } });
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("filter.nisCode");
});

test("School resolves by key through _entities, unknown keys as null", async () => {
  const id = await createSchool(sg, { name: "Entity School", okanCapacity: 4 });
  const res = await sg.query(
    `query E($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { id name okanCapacity okanEnrolled { value } } } }`,
    {
      reps: [
        { __typename: "School", id },
        { __typename: "School", id: "00000000-0000-4000-8000-000000000000" },
      ],
    },
  );
  expect(res.errors).toBeUndefined();
  expect(res.data._entities).toEqual([
    { id, name: "Entity School", okanCapacity: 4, okanEnrolled: { value: 0 } },
    null,
  ]);
});
