// Scenario: the graph runs as a cluster runs it: two gateways, and two replicas of housing (each its own server and
// connection pool) on one housing database, with nothing shared between them but PostgreSQL. Fifty coordinators
// place single people at the same moment into a site of 10 one-bed rooms, half through gateway A (housing replica 1)
// and half through gateway B (housing replica 2): the 10 beds are filled exactly and never exceeded, every other
// request is CAPACITY_EXCEEDED. An idempotency key used at one replica and repeated at the other replays the first
// result and creates nothing more, also when both arrive at once. After all those concurrent writes from two replicas,
// housing's audit hash chain is one unbroken chain (no two records link to the same predecessor), as the DPO's
// auditChains query and an independent recomputation agree.
import { verifyAuditChain } from "@reception-graph/kit";
import { errorCodes } from "../support/graphql";
import { HOUSING, ok, PLACE, registerHousehold, validatedSite } from "../support/fixtures";
import { letters } from "../support/names";
import { ReplicatedGraph, startReplicatedGraph } from "../support/replicas";
import { TokenClaims } from "../support/tokens";

const DPO: TokenClaims = { sub: "dpo-1", org: "OCMW_GHENT", roles: ["DPO"] };

let g: ReplicatedGraph;
beforeAll(async () => {
  g = await startReplicatedGraph();
});
afterAll(() => g?.stop());

/** The site of the race (first test), read again by the audit test. */
let rushSiteId: string;
const via = (i: number) => (i % 2 === 0 ? g.a : g.b);

test("50 placements split across two gateways and two housing replicas fill 10 beds exactly, never more", async () => {
  const siteId = await validatedSite(
    g.a,
    "Replica rush centre",
    Array.from({ length: 10 }, () => 1),
  );
  rushSiteId = siteId;
  const households: string[] = [];
  for (let i = 0; i < 50; i++) households.push((await registerHousehold(via(i), 1, `R${letters(i)}x`)).householdId);

  const before = g.housing.map((r) => r.requests());
  const results = await Promise.all(
    households.map((householdId, i) =>
      via(i).query(PLACE, { input: { householdId, siteId, moveInDate: "2022-05-02" } }, HOUSING, "PLACEMENT"),
    ),
  );
  // Each replica answered its gateway's half of the race (peers' scope questions may add more).
  g.housing.forEach((r, i) => expect(r.requests() - before[i]).toBeGreaterThanOrEqual(25));

  const succeeded = results.filter((r) => !r.errors);
  const refused = results.filter((r) => r.errors);
  console.log(
    `[replicas e2e] 50 placements over two replicas: ${succeeded.length} placed ` +
      `(A ${results.filter((r, i) => i % 2 === 0 && !r.errors).length}, B ${results.filter((r, i) => i % 2 === 1 && !r.errors).length}), ${refused.length} refused`,
  );
  // The codes first: a refusal for any other reason (a partner that did not answer) shows here with its message.
  for (const r of refused)
    expect({ codes: errorCodes(r), errors: r.errors }).toMatchObject({ codes: ["CAPACITY_EXCEEDED"] });
  expect(succeeded.length).toBe(10);
  expect(refused.length).toBe(40);

  const ds = g.dataSources.housing;
  const [site] = await ds.query(
    `SELECT capacity, occupied,
            (SELECT COUNT(*)::int FROM placement p WHERE p.site_id = s.id AND p.move_out_date IS NULL) AS open
     FROM site s WHERE s.id = $1`,
    [siteId],
  );
  expect(site).toEqual({ capacity: 10, occupied: 10, open: 10 });
  const rooms = await ds.query(
    `SELECT r.beds, COUNT(p.id)::int AS people FROM room r
     LEFT JOIN placement p ON p.room_id = r.id AND p.move_out_date IS NULL
     WHERE r.site_id = $1 GROUP BY r.id, r.beds`,
    [siteId],
  );
  expect(rooms).toHaveLength(10);
  for (const r of rooms) expect(r).toEqual({ beds: 1, people: 1 });
  // Both gateways read the same answer, whichever replica serves them.
  for (const graph of [g.a, g.b]) {
    const occupancy = ok(
      await graph.query(
        `query O($id: ID!) { site(id: $id) { occupancy { places occupied available } } }`,
        { id: siteId },
        HOUSING,
        "PLACEMENT",
      ),
    ).site.occupancy;
    expect(occupancy).toEqual({ places: 10, occupied: 10, available: 0 });
  }
});

test("an idempotency key used at replica 1 and repeated at replica 2 returns the first placement and creates one", async () => {
  const siteId = await validatedSite(g.a, "Replica repeat centre", [2, 2]);
  const { householdId } = await registerHousehold(g.a, 2, "Rrepeat");
  const input = { householdId, siteId, moveInDate: "2022-05-02", idempotencyKey: "replica-repeat-1" };

  const first = ok(await g.a.query(PLACE, { input }, HOUSING, "PLACEMENT")).placeHousehold;
  const second = ok(await g.b.query(PLACE, { input }, HOUSING, "PLACEMENT")).placeHousehold;
  expect(first).toHaveLength(2);
  expect(second).toEqual(first);

  // The same key with another move-in date is another request: refused, and nothing written.
  const other = await g.b.query(PLACE, { input: { ...input, moveInDate: "2022-05-03" } }, HOUSING, "PLACEMENT");
  expect(errorCodes(other)).toEqual(["CONFLICT"]);
  const placements = await g.dataSources.housing.query(
    `SELECT id::text, move_in_date::text AS day FROM placement WHERE household_id = $1 ORDER BY id`,
    [householdId],
  );
  expect(placements.map((p: { id: string }) => p.id).sort()).toEqual(first.map((p: { id: string }) => p.id).sort());
  expect(new Set(placements.map((p: { day: string }) => p.day))).toEqual(new Set(["2022-05-02"]));
});

test("the same key sent to both replicas at the same moment creates one site, and both answers name it", async () => {
  const input = {
    name: "Replica twin centre",
    kind: "RECEPTION_CENTRE",
    operator: "IOM",
    nisCode: "44021",
    address: "Twin street 1, Gent",
    sustainable: true,
    idempotencyKey: "replica-twin-1",
  };
  const REGISTER = `mutation S($input: RegisterSiteInput!) { registerSite(input: $input) { id name } }`;
  const answers = await Promise.all(
    [g.a, g.b, g.a, g.b].map(async (graph) => ok(await graph.query(REGISTER, { input }, HOUSING, "PLACEMENT"))),
  );
  const ids = new Set(answers.map((a) => a.registerSite.id));
  expect(ids.size).toBe(1);
  const [{ n }] = await g.dataSources.housing.query(`SELECT count(*)::int AS n FROM site WHERE name = $1`, [
    input.name,
  ]);
  expect(n).toBe(1);
});

test("after concurrent writes and reads from both replicas, housing's audit chain is one unbroken chain", async () => {
  const ds = g.dataSources.housing;
  const count = async () => (await ds.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n as number;
  const before = await count();
  // More concurrent reads of personal data through both gateways: each is an audit record, chained by whichever
  // replica serves it.
  const reads = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      via(i).query(
        `query R($id: ID!) { site(id: $id) { residents(first: 20) { edges { node { person { id } } } } } }`,
        { id: rushSiteId },
        HOUSING,
        "PLACEMENT",
      ),
    ),
  );
  for (const r of reads) expect(ok(r).site.residents.edges).toHaveLength(10);
  const records = await count();
  expect(records).toBeGreaterThanOrEqual(before + 20);
  // Before them: at least the race's 10 placements and the repeated key's one, each recorded with its write.
  expect(before).toBeGreaterThanOrEqual(11);
  // A fork would show as two records naming the same predecessor.
  expect(await ds.query(`SELECT prev_hash FROM audit_log GROUP BY prev_hash HAVING count(*) > 1`)).toEqual([]);

  const from = new Date(Date.now() - 86_400_000);
  const to = new Date(Date.now() + 86_400_000);
  const verified = await verifyAuditChain(ds, from, to);
  expect(verified).toEqual({ rowsChecked: records, intact: true, firstBroken: null });

  const day = (d: Date) => d.toISOString().slice(0, 10);
  for (const graph of [g.a, g.b]) {
    const chains = ok(
      await graph.query(
        `query C($from: Date!, $to: Date!) { auditChains(from: $from, to: $to) { subgraph rowsChecked intact firstBroken { id } } }`,
        { from: day(from), to: day(to) },
        DPO,
        "AUDIT",
      ),
    ).auditChains;
    const housing = chains.find((c: { subgraph: string }) => c.subgraph === "housing");
    expect(housing.intact).toBe(true);
    expect(housing.firstBroken).toBeNull();
    expect(housing.rowsChecked).toBeGreaterThanOrEqual(records);
    for (const c of chains) expect(c.intact).toBe(true);
  }
});
