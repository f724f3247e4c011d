// Staff and workload (caseload, ceiling, workers over it, cell size) and social inquiries only by holders of a qualifying diploma.
import { socialSubgraph } from "@reception-graph/social";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { OCMW_ADMIN, ok, openCaseFile, registerHousehold, registerStaff, SOCIAL_WORKER } from "./social-fixtures";
import { letters } from "../../support/names";

let sg: RunningSubgraph;
let socialWork: string;
let nursing: string;
let psychologist: string;
let clerk: string;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  socialWork = await registerStaff(sg, "Hanne", "Verhoeven", "SOCIAL_WORKER", ["SOCIAL_WORK"]);
  nursing = await registerStaff(sg, "Sofie", "Peeters", "SOCIAL_WORKER", ["SOCIAL_NURSING"]);
  psychologist = await registerStaff(sg, "Lotte", "Janssens", "SOCIAL_WORKER", ["PSYCHOLOGY_BACHELOR"]);
  clerk = await registerStaff(sg, "Marc", "Wouters", "ADMINISTRATIVE", []);
});
afterAll(async () => {
  await sg?.stop();
});

const INQUIRY = `mutation I($input: RecordSocialInquiryInput!) {
  recordSocialInquiry(input: $input) { id date summary qualifyingDiploma investigator { id } caseFile { id } } }`;

async function caseFileFor(name: string, socialWorkerId?: string): Promise<string> {
  const { householdId } = await registerHousehold(sg, [{ givenName: name, familyName: "Hrytsenko", sex: "FEMALE" }]);
  // Opened before the inquiry dates below (an inquiry cannot predate its case file), and not "today".
  return openCaseFile(sg, householdId, { openedOn: "2026-11-02", ...(socialWorkerId ? { socialWorkerId } : {}) });
}

test("social inquiry by a social work or social nursing graduate is recorded with the qualifying diploma", async () => {
  const caseFileId = await caseFileFor("Alla");
  const a = ok(
    await sg.query(INQUIRY, {
      input: { caseFileId, investigatorId: socialWork, date: "2026-11-20", summary: "Family of three, no income yet." },
    }),
  ).recordSocialInquiry;
  expect(a).toMatchObject({
    qualifyingDiploma: "SOCIAL_WORK",
    investigator: { id: socialWork },
    caseFile: { id: caseFileId },
  });
  const b = ok(
    await sg.query(INQUIRY, {
      input: { caseFileId, investigatorId: nursing, date: "2026-11-21", summary: "Follow-up visit." },
    }),
  ).recordSocialInquiry;
  expect(b.qualifyingDiploma).toBe("SOCIAL_NURSING");
  const c = ok(await sg.query(`query C($id: ID!) { caseFile(id: $id) { inquiries { id } } }`, { id: caseFileId }));
  expect(c.caseFile.inquiries.map((i: any) => i.id)).toEqual([a.id, b.id]);
});

test("unqualified inquiry refused: a psychology bachelor or administrative staff gets UNQUALIFIED and nothing is written", async () => {
  const caseFileId = await caseFileFor("Bohdana");
  for (const investigatorId of [psychologist, clerk]) {
    const res = await sg.query(INQUIRY, {
      input: { caseFileId, investigatorId, date: "2026-11-20", summary: "Attempted inquiry." },
    });
    expect(errorCodes(res)).toEqual(["UNQUALIFIED"]);
    expect(res.errors![0].message).toContain(investigatorId);
  }
  const [{ n }] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM social_inquiry WHERE case_file_id = $1`, [
    caseFileId,
  ]);
  expect(n).toBe(0);
});

test("widening the qualifying diplomas is a data change: after adding PSYCHOLOGY_BACHELOR the psychologist may inquire", async () => {
  const forbidden = await sg.query(
    `mutation { addQualifyingDiploma(input: { code: "PSYCHOLOGY_BACHELOR", label: "Bachelor in psychology" }) { code } }`,
    {},
    SOCIAL_WORKER,
  );
  expect(errorCodes(forbidden)).toEqual(["FORBIDDEN"]);
  const added = ok(
    await sg.query(
      `mutation { addQualifyingDiploma(input: { code: "PSYCHOLOGY_BACHELOR", label: "Bachelor in psychology" }) { code label } }`,
      {},
      OCMW_ADMIN,
    ),
  );
  expect(added.addQualifyingDiploma.code).toBe("PSYCHOLOGY_BACHELOR");
  const twice = await sg.query(
    `mutation { addQualifyingDiploma(input: { code: "PSYCHOLOGY_BACHELOR", label: "again" }) { code } }`,
    {},
    OCMW_ADMIN,
  );
  expect(errorCodes(twice)).toEqual(["CONFLICT"]);
  const staff = ok(await sg.query(`query { staffMembers { id qualifiedForSocialInquiry } }`)).staffMembers;
  expect(staff.find((s: any) => s.id === psychologist).qualifiedForSocialInquiry).toBe(true);
  expect(staff.find((s: any) => s.id === clerk).qualifiedForSocialInquiry).toBe(false);
  const caseFileId = await caseFileFor("Vira");
  const res = ok(
    await sg.query(INQUIRY, {
      input: { caseFileId, investigatorId: psychologist, date: "2026-11-22", summary: "Inquiry by the psychologist." },
    }),
  );
  expect(res.recordSocialInquiry.qualifyingDiploma).toBe("PSYCHOLOGY_BACHELOR");
  // Back to the default list for the other tests of this file.
  await sg.db.dataSource.query(`DELETE FROM social_inquiry WHERE qualifying_diploma = 'PSYCHOLOGY_BACHELOR'`);
  await sg.db.dataSource.query(`DELETE FROM qualifying_diploma WHERE code = 'PSYCHOLOGY_BACHELOR'`);
});

test("caseload per worker, the configurable ceiling and the workers over it", async () => {
  for (const name of ["Ca", "Cb", "Cc"]) await caseFileFor(name, socialWork);
  await caseFileFor("Cd", nursing);
  await caseFileFor("Ce");
  const setCeiling = ok(
    await sg.query(
      `mutation { setCaseloadCeiling(input: { ceiling: 2 }) { caseloadCeiling workersOverCeiling { id caseload } } }`,
      {},
      OCMW_ADMIN,
    ),
  ).setCaseloadCeiling;
  expect(setCeiling.caseloadCeiling).toBe(2);
  const w = ok(
    await sg.query(`query { cellWorkload { socialWorkers administrativeStaff totalStaff maxCellSize caseloadCeiling
    openCaseFiles unassignedCaseFiles maxCaseload averageCaseload workersOverCeiling { id caseload } } }`),
  ).cellWorkload;
  const [{ open, unassigned, sw }] = await sg.db.dataSource.query(
    `SELECT count(*) FILTER (WHERE status = 'OPEN') AS open,
            count(*) FILTER (WHERE status = 'OPEN' AND social_worker_id IS NULL) AS unassigned,
            count(*) FILTER (WHERE status = 'OPEN' AND social_worker_id = $1) AS sw FROM case_file`,
    [socialWork],
  );
  expect(w).toMatchObject({
    socialWorkers: 3,
    administrativeStaff: 1,
    totalStaff: 4,
    maxCellSize: 12,
    caseloadCeiling: 2,
  });
  expect(w.openCaseFiles).toBe(open);
  expect(w.unassignedCaseFiles).toBe(unassigned);
  expect(w.maxCaseload).toBe(sw);
  expect(w.workersOverCeiling).toEqual([{ id: socialWork, caseload: sw }]);
  const bad = await sg.query(
    `mutation { setCaseloadCeiling(input: { ceiling: 0 }) { caseloadCeiling } }`,
    {},
    OCMW_ADMIN,
  );
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.ceiling");
  const staff = ok(await sg.query(`query { staffMembers { id name role qualifications caseload } }`)).staffMembers;
  expect(staff.map((s: any) => s.role)).toEqual(["SOCIAL_WORKER", "SOCIAL_WORKER", "SOCIAL_WORKER", "ADMINISTRATIVE"]);
  expect(staff.find((s: any) => s.id === nursing)).toMatchObject({
    name: "Sofie Peeters",
    qualifications: ["SOCIAL_NURSING"],
    caseload: 1,
  });
});

test("the cell holds at most 12 staff: the 13th is CAPACITY_EXCEEDED", async () => {
  const [{ n }] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM staff_member WHERE active`);
  for (let i = n; i < 12; i++) await registerStaff(sg, `Extra${letters(i)}`, "Staff", "ADMINISTRATIVE", []);
  const res = await sg.query(
    `mutation { registerStaffMember(input: { givenName: "One", familyName: "Toomany", role: SOCIAL_WORKER }) { id } }`,
    {},
    OCMW_ADMIN,
  );
  expect(errorCodes(res)).toEqual(["CAPACITY_EXCEEDED"]);
  expect(res.errors![0].message).toContain("12");

  // Bringing back someone who left is no way around the maximum: one leaves, another may return, a second may not.
  const UPDATE = `mutation U($input: UpdateStaffMemberInput!) { updateStaffMember(input: $input) { id active } }`;
  const [a, b] = (await sg.db.dataSource.query(`SELECT id FROM staff_member WHERE active ORDER BY id LIMIT 2`)) as {
    id: string;
  }[];
  ok(await sg.query(UPDATE, { input: { staffMemberId: a.id, active: false } }, OCMW_ADMIN));
  ok(await sg.query(UPDATE, { input: { staffMemberId: b.id, active: false } }, OCMW_ADMIN));
  ok(await sg.query(UPDATE, { input: { staffMemberId: a.id, active: true } }, OCMW_ADMIN));
  await registerStaff(sg, "Twelfth", "Again", "ADMINISTRATIVE", []);
  const back = await sg.query(UPDATE, { input: { staffMemberId: b.id, active: true } }, OCMW_ADMIN);
  expect(errorCodes(back)).toEqual(["CAPACITY_EXCEEDED"]);
  const [{ active }] = await sg.db.dataSource.query(`SELECT count(*)::int AS active FROM staff_member WHERE active`);
  expect(active).toBe(12);
});

test("staff lists are not for roles outside the cell", async () => {
  const res = await sg.query(`query { staffMembers { id } }`, {}, { roles: ["SCHOOL_STAFF"], schools: ["s"] });
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
});
