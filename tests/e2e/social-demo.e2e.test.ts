// The social demo part loads a realistic cell through the gateway (6 social workers, 2 administrative staff, case files, support), and a rerun adds nothing.
import { createDemoClient, emptyDemoState } from "../../scripts/demo/demo-client";
import { DEMO_HOUSEHOLDS, seedSocial } from "../../scripts/demo/social";
import { RunningGraph, startGraph } from "../support/graph";
import { TEST_JWT_SECRET } from "../support/tokens";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(async () => {
  await graph?.stop();
});

async function counts() {
  const [row] = await graph.dataSources.social.query(`SELECT
    (SELECT count(*) FROM staff_member WHERE role = 'SOCIAL_WORKER') AS "socialWorkers",
    (SELECT count(*) FROM staff_member WHERE role = 'ADMINISTRATIVE') AS "administrative",
    (SELECT count(*) FROM household) AS households,
    (SELECT count(*) FROM person) AS people,
    (SELECT count(*) FROM case_file) AS "caseFiles",
    (SELECT count(*) FROM case_file WHERE status = 'TRANSFERRED') AS transferred,
    (SELECT count(*) FROM support_decision) AS decisions,
    (SELECT count(*) FROM support_payment) AS payments,
    (SELECT count(*) FROM reimbursement_claim) AS claims,
    (SELECT count(*) FROM interpreter_booking) AS bookings,
    (SELECT count(*) FROM health_insurance) AS insured`);
  return row;
}

test("seedSocial loads the cell and the demo households, fills the demo state, and is repeat-safe", async () => {
  const client = createDemoClient(graph.graphqlUrl, TEST_JWT_SECRET);
  const state = emptyDemoState();
  await seedSocial(client, state);

  expect(Object.keys(state.households).sort()).toEqual(DEMO_HOUSEHOLDS.map((h) => h.key).sort());
  expect(Object.keys(state.staff)).toHaveLength(8);
  for (const h of DEMO_HOUSEHOLDS) expect(state.households[h.key].memberIds).toHaveLength(h.members.length);

  const first = await counts();
  expect(first).toMatchObject({
    socialWorkers: 6,
    administrative: 2,
    households: 6,
    people: 15,
    caseFiles: 6,
    transferred: 1,
    decisions: 7,
    insured: 15,
  });
  expect(first.payments).toBeGreaterThanOrEqual(10);
  expect(first.claims).toBeGreaterThanOrEqual(2);
  expect(first.bookings).toBe(6);

  const workload = await graph.query(
    `query { cellWorkload { socialWorkers administrativeStaff workersOverCeiling { id } } }`,
    {},
    {
      roles: ["OCMW_ADMIN"],
    },
  );
  expect(workload.data.cellWorkload).toEqual({ socialWorkers: 6, administrativeStaff: 2, workersOverCeiling: [] });

  await seedSocial(client, emptyDemoState());
  expect(await counts()).toEqual(first);
});
