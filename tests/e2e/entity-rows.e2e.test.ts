// Scenario: the loaders read entities with the kit's findIn (one prepared statement, values converted by
// TypeORM's driver) instead of TypeORM's find. After people are registered, placed, referred and enrolled
// through the graph, every entity of every subgraph that has rows reads back through findIn exactly as
// TypeORM's own findBy gives it (same class, same property values: dates, timestamps, arrays, numbers,
// nulls), a null filter with an order gives TypeORM's rows in TypeORM's order, each read is one counted
// statement, no keys cost no statement, and a column the entity lacks is an error naming it. findInWith reads
// placements with their sites and rooms in that one statement: the same placements, and the loaders of sites
// and rooms primed with what findIn gives for them, so loading them costs nothing more; a key whose row is
// missing is primed as null.
import { findIn, findInWith, queryCount } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In, IsNull, ObjectLiteral } from "typeorm";

/** The columns of social's Person these reads name. */
interface PersonRow {
  id: string;
  householdId: string;
  leftHouseholdOn: string | null;
  birthDate: string | null;
  givenName: string;
}
import { seedPeopleAcrossGraph } from "../support/fixtures";
import { RunningGraph, startGraph } from "../support/graph";

let graph: RunningGraph;

beforeAll(async () => {
  graph = await startGraph();
  await seedPeopleAcrossGraph(graph, 6);
}, 120_000);

afterAll(async () => {
  await graph?.stop();
});

/** Every entity of a data source with an `id` column, with up to 50 of its ids. */
async function entitiesWithRows(dataSource: DataSource) {
  const out: { name: string; target: Function; ids: string[] }[] = [];
  for (const metadata of dataSource.entityMetadatas) {
    const id = metadata.findColumnWithPropertyName("id");
    if (!id) continue;
    const rows: { id: string }[] = await dataSource.query(
      `SELECT "${id.databaseName}"::text AS id FROM "${metadata.tablePath}" LIMIT 50`,
    );
    if (rows.length > 0)
      out.push({ name: metadata.name, target: metadata.target as Function, ids: rows.map((r) => r.id) });
  }
  return out;
}

const byId = <T extends ObjectLiteral>(rows: T[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));

test("every entity with rows reads back through findIn exactly as TypeORM's findBy gives it", async () => {
  const compared: string[] = [];
  for (const [subgraph, dataSource] of Object.entries(graph.dataSources)) {
    for (const { name, target, ids } of await entitiesWithRows(dataSource)) {
      const ours = byId(await findIn(dataSource, target, "id", ids));
      const typeorm = byId(await dataSource.getRepository(target).findBy({ id: In(ids) }));
      expect({ entity: `${subgraph}.${name}`, rows: ours.length }).toEqual({
        entity: `${subgraph}.${name}`,
        rows: ids.length,
      });
      expect(ours).toEqual(typeorm);
      for (const row of ours) expect(row).toBeInstanceOf(target);
      compared.push(`${subgraph}.${name}`);
    }
  }
  // People, households, placements, sites, rooms, referrals, services, enrolments, schools at least.
  expect(compared.length).toBeGreaterThanOrEqual(9);
  expect(compared).toEqual(
    expect.arrayContaining([
      "social.Person",
      "social.Household",
      "housing.Placement",
      "care.Referral",
      "education.Enrolment",
    ]),
  );
});

test("a null filter and an order give TypeORM's rows in TypeORM's order; one counted statement, none for no keys", async () => {
  const social = graph.dataSources.social;
  const households: { id: string }[] = await social.query(`SELECT id FROM household`);
  expect(households.length).toBeGreaterThanOrEqual(1);
  const ids = households.map((h) => h.id);
  const before = queryCount(social);
  const ours = await findIn<PersonRow>(social, "Person", "householdId", ids, {
    isNull: { leftHouseholdOn: true },
    order: { birthDate: "ASC", givenName: "ASC" },
  });
  expect(queryCount(social) - before).toBe(1);
  const typeorm = await social.getRepository("Person").find({
    where: { householdId: In(ids), leftHouseholdOn: IsNull() },
    order: { birthDate: "ASC", givenName: "ASC" },
  });
  expect(ours.length).toBeGreaterThanOrEqual(6);
  expect(ours.map((p) => p.id)).toEqual(typeorm.map((p) => p.id));
  expect(ours).toEqual(typeorm);

  const none = queryCount(social);
  expect(await findIn<PersonRow>(social, "Person", "id", [])).toEqual([]);
  expect(queryCount(social)).toBe(none);
  await expect(findIn<PersonRow>(social, "Person", "shoeSize" as keyof PersonRow, ids)).rejects.toThrow(
    /Person has no column shoeSize/,
  );
});

/** A loader by ID over findIn that counts how often it had to read. */
function countingLoader(dataSource: DataSource, entity: string) {
  const counted = { batches: 0 };
  const loader = new DataLoader<string, ObjectLiteral | null>(async (ids) => {
    counted.batches++;
    const rows = await findIn<ObjectLiteral>(dataSource, entity, "id", ids);
    return ids.map((id) => rows.find((r) => r.id === id) ?? null);
  });
  return { loader, counted };
}

test("findInWith reads placements with their sites and rooms in one statement and primes their loaders", async () => {
  const housing = graph.dataSources.housing;
  const people: { person_id: string }[] = await housing.query(`SELECT DISTINCT person_id::text FROM placement`);
  expect(people.length).toBeGreaterThanOrEqual(6);
  const personIds = people.map((p) => p.person_id);
  const sites = countingLoader(housing, "Site");
  const rooms = countingLoader(housing, "Room");
  const order = { moveInDate: "DESC", createdAt: "DESC" } as const;
  const before = queryCount(housing);
  const placements = await findInWith<ObjectLiteral>(housing, "Placement", "personId", personIds, { order }, [
    { via: "siteId", target: "Site", loader: sites.loader },
    { via: "roomId", target: "Room", loader: rooms.loader },
  ]);
  expect(queryCount(housing) - before).toBe(1);
  expect(placements).toEqual(await findIn<ObjectLiteral>(housing, "Placement", "personId", personIds, { order }));

  const siteIds = [...new Set(placements.map((p) => p.siteId as string))];
  const roomIds = [...new Set(placements.map((p) => p.roomId as string))];
  const primed = queryCount(housing);
  const siteRows = await sites.loader.loadMany(siteIds);
  const roomRows = await rooms.loader.loadMany(roomIds);
  expect({
    statements: queryCount(housing) - primed,
    siteBatches: sites.counted.batches,
    roomBatches: rooms.counted.batches,
  }).toEqual({
    statements: 0,
    siteBatches: 0,
    roomBatches: 0,
  });
  expect(byId(siteRows as ObjectLiteral[])).toEqual(byId(await findIn(housing, "Site", "id", siteIds)));
  expect(byId(roomRows as ObjectLiteral[])).toEqual(byId(await findIn(housing, "Room", "id", roomIds)));
  expect(roomRows.length).toBeGreaterThanOrEqual(6);
});

test("findInWith primes null for a key whose row is missing, and reads nothing for no keys", async () => {
  const housing = graph.dataSources.housing;
  // A room's household ID names no placement: joined as a placement, every one of them is missing.
  const rooms: { id: string; household_id: string }[] = await housing.query(
    `SELECT id::text, household_id::text FROM room WHERE household_id IS NOT NULL`,
  );
  expect(rooms.length).toBeGreaterThanOrEqual(1);
  const placements = countingLoader(housing, "Placement");
  const read = await findInWith<ObjectLiteral>(
    housing,
    "Room",
    "id",
    rooms.map((r) => r.id),
    {},
    [{ via: "householdId", target: "Placement", loader: placements.loader }],
  );
  expect(read).toHaveLength(rooms.length);
  const missing = await placements.loader.loadMany(rooms.map((r) => r.household_id));
  expect(missing.every((m) => m === null)).toBe(true);
  expect(placements.counted.batches).toBe(0);

  const none = queryCount(housing);
  expect(await findInWith(housing, "Room", "id", [], {}, [])).toEqual([]);
  expect(queryCount(housing)).toBe(none);
});
