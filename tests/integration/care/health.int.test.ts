// Scenario: care runs without social (its peer does not answer) while a stand-in housing knows the site. A nurse's
// medical intake cannot be told to social, so the whole recordCareContact fails UNAVAILABLE and nothing (neither the
// contact nor its new onward referral) is kept in care; a check-up, which social need not hear of, is kept. The
// health migration goes down and up again.
import { careSubgraph } from "@reception-graph/care";
import { createModuleServer, createSubgraphDataSource, openDatabase } from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { createServer, Server } from "node:http";
import { AddressInfo } from "node:net";
import { createDatabase, migratedDatabase, TestDatabase, undoThrough } from "../../support/db";
import { errorCodes, postGraphql } from "../../support/graphql";
import { RunningSubgraph } from "../../support/subgraph";
import { internalToken, testInternalVerifier } from "../../support/tokens";
import { careWorkerOf, createService, refer } from "./care-fixtures";

const SITE = randomUUID();
const NURSE = careWorkerOf("CAW_OOST_VLAANDEREN", "nurse-olena");
let db: TestDatabase;
let housing: Server;
let care: Awaited<ReturnType<typeof createModuleServer>>;
let url: string;

async function asNurse(query: string, variables: Record<string, unknown>) {
  const token = await internalToken(NURSE, "CARE", ["care", "housing", "social"]);
  return postGraphql(url, query, variables, { authorization: `Bearer ${token}` });
}

beforeAll(async () => {
  db = await migratedDatabase(careSubgraph);
  // Stands in for housing: every site asked about exists.
  housing = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const reps = JSON.parse(body).variables.reps as { id: string }[];
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ data: { _entities: reps.map((r) => ({ id: r.id })) } }));
    });
  });
  await new Promise<void>((r) => housing.listen(0, "127.0.0.1", r));
  const housingUrl = `http://127.0.0.1:${(housing.address() as AddressInfo).port}/graphql`;
  // Port 9 (discard) on loopback: nothing listens, social never answers.
  care = await createModuleServer(careSubgraph, db.dataSource, await testInternalVerifier(), {
    housing: housingUrl,
    social: "http://127.0.0.1:9/graphql",
  });
  url = await care.listen(0);
});
afterAll(async () => {
  await care?.stop();
  await new Promise((r) => housing?.close(r));
  await db?.close();
});

const RECORD = `mutation C($input: RecordCareContactInput!) { recordCareContact(input: $input) { id kind } }`;

test("a medical intake social cannot hear of is not kept; a check-up is", async () => {
  const service = await careServiceAndReferral();
  const gp = await createService(subgraph(), { organisation: "HUISARTS_ZUID", type: "HEALTH" });
  const intake = await asNurse(RECORD, {
    input: {
      personId: service.personId,
      siteId: SITE,
      date: "2022-05-03",
      kind: "MEDICAL_INTAKE",
      outcome: "Asthma, inhaler prescribed",
      referral: { serviceId: gp, reason: "HEALTH", consent: true },
    },
  });
  expect(errorCodes(intake)).toEqual(["UNAVAILABLE"]);
  const counts = async () =>
    (
      await db.dataSource.query(
        `SELECT (SELECT count(*)::int FROM care_contact WHERE person_id = $1) AS contacts,
                (SELECT count(*)::int FROM referral WHERE person_id = $1) AS referrals`,
        [service.personId],
      )
    )[0];
  expect(await counts()).toEqual({ contacts: 0, referrals: 1 });

  const checkUp = await asNurse(RECORD, {
    input: { personId: service.personId, siteId: SITE, date: "2022-05-03", kind: "CHECK_UP", outcome: "Fine" },
  });
  expect(checkUp.errors).toBeUndefined();
  expect(await counts()).toEqual({ contacts: 1, referrals: 1 });
});

/** The subgraph as the fixtures expect it (they call it as the gateway would). */
function subgraph(): RunningSubgraph {
  return {
    db,
    server: care,
    url,
    async query(q, v = {}, as = NURSE, purpose = "CASE_MANAGEMENT") {
      const token = await internalToken(as, purpose, ["care"]);
      return postGraphql(url, q, v, { authorization: `Bearer ${token}` });
    },
    stop: async () => undefined,
  };
}

async function careServiceAndReferral() {
  const serviceId = await createService(subgraph(), { organisation: "CAW_OOST_VLAANDEREN", type: "HEALTH" });
  return refer(subgraph(), serviceId);
}

test("the health migration goes down and up again", async () => {
  const fresh = await createDatabase("test_care_health_migration");
  const dataSource = await openDatabase(createSubgraphDataSource(careSubgraph, fresh.ownerUrl));
  const tables = async () =>
    (
      await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_name IN
           ('care_contact', 'support_plan', 'support_session', 'support_plan_change', 'legal_session',
            'group_legal_session', 'group_legal_attendance', 'referral') ORDER BY 1`,
      )
    ).map((r: { table_name: string }) => r.table_name);
  try {
    // Later migrations (of other care features) go first, then this one.
    await undoThrough(dataSource, "Health1764700000000");
    expect(await tables()).toEqual(["referral"]);
    await dataSource.runMigrations({ transaction: "each" });
    expect(await tables()).toEqual([
      "care_contact",
      "group_legal_attendance",
      "group_legal_session",
      "legal_session",
      "referral",
      "support_plan",
      "support_plan_change",
      "support_session",
    ]);
  } finally {
    await dataSource.destroy();
    await fresh.drop();
  }
});
