// Referrals are sent only with consent, follow the lifecycle (CONFLICT otherwise), are answered only by the receiving partner, and keep every step.
import { careSubgraph } from "@reception-graph/care";
import { randomUUID } from "node:crypto";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { careWorkerOf, CREATE, createService, move, refer, SOCIAL_WORKER, TRANSITION } from "./care-fixtures";

let sg: RunningSubgraph;
let caw: string;
const CAW_WORKER = careWorkerOf("CAW_OOST_VLAANDEREN", "cw-iryna");
beforeAll(async () => {
  sg = await startSubgraph(careSubgraph);
  caw = await createService(sg, { name: "Free psychosocial programme", organisation: "CAW_OOST_VLAANDEREN" });
});
afterAll(async () => {
  await sg?.stop();
});

async function referralCount(): Promise<number> {
  const [row] = await sg.db.dataSource.query(`SELECT count(*) AS n FROM referral`);
  return row.n;
}

test("createReferral with consent is SENT, with its creation in the history", async () => {
  const personId = randomUUID();
  const res = await sg.query(
    CREATE,
    {
      input: {
        personId,
        serviceId: caw,
        reason: "MENTAL_HEALTH",
        priority: "HIGH",
        consent: true,
        dueDate: "2999-01-31",
        note: "Prefers a Ukrainian-speaking counsellor",
      },
    },
    SOCIAL_WORKER,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data.createReferral).toMatchObject({
    status: "SENT",
    priority: "HIGH",
    consent: true,
    dueDate: "2999-01-31",
    overdue: false,
    referredBy: "sw-anna",
    referringOrganisation: "OCMW_GENT",
    person: { id: personId },
    service: { id: caw, organisation: "CAW_OOST_VLAANDEREN" },
    history: [
      {
        from: null,
        status: "SENT",
        by: "sw-anna",
        byOrganisation: "OCMW_GENT",
        note: "Prefers a Ukrainian-speaking counsellor",
      },
    ],
  });
});

test("without consent a referral can only be a DRAFT, and is sent once consent is recorded", async () => {
  const personId = randomUUID();
  const before = await referralCount();
  const refused = await sg.query(
    CREATE,
    { input: { personId, serviceId: caw, reason: "MENTAL_HEALTH", consent: false } },
    SOCIAL_WORKER,
  );
  expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
  expect(refused.errors![0].extensions!.field).toBe("input.consent");
  expect(await referralCount()).toBe(before);

  const draft = await sg.query(
    CREATE,
    { input: { personId, serviceId: caw, reason: "MENTAL_HEALTH", consent: false, send: false } },
    SOCIAL_WORKER,
  );
  expect(draft.data.createReferral.status).toBe("DRAFT");
  const id = draft.data.createReferral.id;
  const noConsent = await move(sg, id, "SENT", SOCIAL_WORKER);
  expect(errorCodes(noConsent)).toEqual(["BAD_USER_INPUT"]);
  const sent = await sg.query(
    TRANSITION,
    { input: { referralId: id, to: "SENT", consent: true } },
    SOCIAL_WORKER,
    "CARE",
  );
  expect(sent.errors).toBeUndefined();
  expect(sent.data.transitionReferral.history.map((h: any) => [h.from, h.status])).toEqual([
    [null, "DRAFT"],
    ["DRAFT", "SENT"],
  ]);
});

test.each([
  ["dueDate in the past", { dueDate: "2020-01-01" }, "input.dueDate"],
  ["person ID", { personId: "x" }, "input.personId"],
  ["service ID", { serviceId: "x" }, "input.serviceId"],
  ["note too long", { note: "n".repeat(1001) }, "input.note"],
])("createReferral refuses bad input (%s) and writes nothing", async (_label, bad, field) => {
  const before = await referralCount();
  const res = await sg.query(
    CREATE,
    { input: { personId: randomUUID(), serviceId: caw, reason: "LEGAL", consent: true, ...bad } },
    SOCIAL_WORKER,
  );
  expect(errorCodes(res)).toEqual(["BAD_USER_INPUT"]);
  expect(res.errors![0].extensions!.field).toBe(field);
  expect(await referralCount()).toBe(before);
});

test("an unknown service is NOT_FOUND", async () => {
  const res = await sg.query(
    CREATE,
    { input: { personId: randomUUID(), serviceId: randomUUID(), reason: "LEGAL", consent: true } },
    SOCIAL_WORKER,
  );
  expect(errorCodes(res)).toEqual(["NOT_FOUND"]);
});

test("the full lifecycle SENT → ACCEPTED → IN_PROGRESS → COMPLETED keeps who, when and why of every step", async () => {
  const r = await refer(sg, caw);
  expect((await move(sg, r.id, "ACCEPTED", CAW_WORKER, "Intake on Tuesday")).errors).toBeUndefined();
  expect((await move(sg, r.id, "IN_PROGRESS", CAW_WORKER)).errors).toBeUndefined();
  const done = await move(sg, r.id, "COMPLETED", CAW_WORKER, "Programme finished");
  expect(done.errors).toBeUndefined();
  expect(done.data.transitionReferral.status).toBe("COMPLETED");
  expect(done.data.transitionReferral.history).toEqual([
    { from: null, status: "SENT", by: "sw-anna", byOrganisation: "OCMW_GENT", note: null },
    {
      from: "SENT",
      status: "ACCEPTED",
      by: "cw-iryna",
      byOrganisation: "CAW_OOST_VLAANDEREN",
      note: "Intake on Tuesday",
    },
    { from: "ACCEPTED", status: "IN_PROGRESS", by: "cw-iryna", byOrganisation: "CAW_OOST_VLAANDEREN", note: null },
    {
      from: "IN_PROGRESS",
      status: "COMPLETED",
      by: "cw-iryna",
      byOrganisation: "CAW_OOST_VLAANDEREN",
      note: "Programme finished",
    },
  ]);
  const times = await sg.db.dataSource.query(`SELECT at FROM referral_transition WHERE referral_id = $1 ORDER BY id`, [
    r.id,
  ]);
  expect(times).toHaveLength(4);
});

test.each([
  ["SENT", "IN_PROGRESS"],
  ["SENT", "COMPLETED"],
  ["SENT", "DRAFT"],
  ["DECLINED", "ACCEPTED"],
  ["CANCELLED", "SENT"],
  ["COMPLETED", "CANCELLED"],
])("from %s to %s is a CONFLICT and changes nothing", async (from, to) => {
  const r = await refer(sg, caw);
  const path: Record<string, string[]> = {
    SENT: [],
    DECLINED: ["DECLINED"],
    CANCELLED: ["CANCELLED"],
    COMPLETED: ["ACCEPTED", "IN_PROGRESS", "COMPLETED"],
  };
  for (const step of path[from]) expect((await move(sg, r.id, step, CAW_WORKER)).errors).toBeUndefined();
  const res = await move(sg, r.id, to, CAW_WORKER);
  expect(errorCodes(res)).toEqual(["CONFLICT"]);
  expect(res.errors![0].message).toContain(from);
  const [row] = await sg.db.dataSource.query(`SELECT status FROM referral WHERE id = $1`, [r.id]);
  expect(row.status).toBe(from);
});

test("CANCELLED is allowed from every open status", async () => {
  for (const path of [[], ["ACCEPTED"], ["ACCEPTED", "IN_PROGRESS"]]) {
    const r = await refer(sg, caw);
    for (const step of path) await move(sg, r.id, step, CAW_WORKER);
    const res = await move(sg, r.id, "CANCELLED", SOCIAL_WORKER, "Family moved to Antwerp");
    expect(res.errors).toBeUndefined();
    expect(res.data.transitionReferral.status).toBe("CANCELLED");
  }
});

test("only the receiving partner accepts or declines: the referrer and other organisations are refused", async () => {
  const r = await refer(sg, caw);
  const bySender = await move(sg, r.id, "ACCEPTED", SOCIAL_WORKER);
  expect(errorCodes(bySender)).toEqual(["FORBIDDEN"]);
  // A VDAB worker whose organisation also received this person stays outside CAW's decision.
  const vdab = await createService(sg, { name: "Job coaching", organisation: "VDAB", type: "EMPLOYMENT" });
  await refer(sg, vdab, r.personId);
  const byOther = await move(sg, r.id, "DECLINED", careWorkerOf("VDAB"));
  expect(errorCodes(byOther)).toEqual(["FORBIDDEN"]);
  // A worker acting for several organisations may answer for any of them.
  const multi = {
    roles: ["CARE_WORKER" as const],
    org: "VDAB",
    organisations: ["CAW_OOST_VLAANDEREN"],
    sub: "cw-multi",
  };
  const ok = await move(sg, r.id, "DECLINED", multi, "No capacity this month");
  expect(ok.errors).toBeUndefined();
  expect(ok.data.transitionReferral.status).toBe("DECLINED");
});

test("two answers at the same moment: one wins, the other is a CONFLICT", async () => {
  const r = await refer(sg, caw);
  const [a, b] = await Promise.all([move(sg, r.id, "ACCEPTED", CAW_WORKER), move(sg, r.id, "DECLINED", CAW_WORKER)]);
  const codes = [a, b].map((res) => (res.errors ? res.errors[0].extensions!.code : "OK")).sort();
  expect(codes).toEqual(["CONFLICT", "OK"]);
  const history = await sg.db.dataSource.query(`SELECT count(*) AS n FROM referral_transition WHERE referral_id = $1`, [
    r.id,
  ]);
  expect(history[0].n).toBe(2);
});

test("createReferral with the same idempotencyKey returns the first referral and creates nothing", async () => {
  const input = {
    personId: randomUUID(),
    serviceId: caw,
    reason: "MENTAL_HEALTH",
    consent: true,
    idempotencyKey: "ref-1",
  };
  const first = await sg.query(CREATE, { input }, SOCIAL_WORKER);
  const before = await referralCount();
  const again = await sg.query(CREATE, { input }, SOCIAL_WORKER);
  expect(again.data.createReferral.id).toBe(first.data.createReferral.id);
  expect(await referralCount()).toBe(before);
});

test("an unknown referral is NOT_FOUND; a malformed ID is BAD_USER_INPUT", async () => {
  expect(errorCodes(await move(sg, randomUUID(), "CANCELLED", SOCIAL_WORKER))).toEqual(["NOT_FOUND"]);
  const bad = await move(sg, "nope", "CANCELLED", SOCIAL_WORKER);
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.referralId");
});
