// As the owner role that migrates, the housing migrations load the municipalities once, date existing status changes (never after the first move-in on a validated site), strip social's support facts from rent lines, and revert cleanly (down) and re-apply.
import { housingSubgraph } from "@reception-graph/housing";
import { migratedDatabase, TestDatabase, undoThrough } from "../../support/db";

let db: TestDatabase;
beforeAll(async () => {
  db = await migratedDatabase(housingSubgraph, "owner");
});
afterAll(() => db?.close());

const column = async () =>
  (
    await db.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM information_schema.columns WHERE table_name = 'offer_status_change' AND column_name = 'effective_on'`,
    )
  )[0].n;

test("effectiveOn: existing changes take effect when recorded, a validation no later than the first move-in", async () => {
  const ds = db.dataSource;
  expect(await column()).toBe(1);
  await undoThrough(db.dataSource, "StatusEffectiveOn1763900200002");
  expect(await column()).toBe(0);
  // Data as the previous schema allowed it: validated in November 2026, residents since May 2022.
  const [site] = await ds.query(
    `INSERT INTO site (name, kind, operator, nis_code, address, sustainable) VALUES ('Old', 'RECEPTION_CENTRE', 'IOM', '44021', 'x', true) RETURNING id`,
  );
  const [room] = await ds.query(
    `INSERT INTO room (site_id, label, beds, floor_area_m2) VALUES ($1, 'A', 2, 10) RETURNING id`,
    [site.id],
  );
  const [offer] = await ds.query(
    `INSERT INTO housing_offer (reference, provider, nis_code, places, kind, sustainable, site_id, status)
     VALUES ('OLD-1', 'IOM', '44021', 2, 'RECEPTION_CENTRE', true, $1, 'VALIDATED') RETURNING id`,
    [site.id],
  );
  for (const [from, status, at] of [
    [null, "TO_VALIDATE", "2026-11-10T10:00:00+01:00"],
    ["TO_VALIDATE", "IN_PREPARATION", "2026-11-12T10:00:00+01:00"],
    ["IN_PREPARATION", "VALIDATED", "2026-11-20T23:30:00+01:00"],
  ])
    await ds.query(
      `INSERT INTO offer_status_change (offer_id, from_status, status, at, by_subject, by_organisation) VALUES ($1, $2, $3, $4, 'c', 'CITY')`,
      [offer.id, from, status, at],
    );
  await ds.query(
    `INSERT INTO placement (person_id, household_id, site_id, room_id, move_in_date, created_by)
     VALUES (gen_random_uuid(), gen_random_uuid(), $1, $2, '2022-05-02', 'c')`,
    [site.id, room.id],
  );
  const [other] = await ds.query(
    `INSERT INTO housing_offer (reference, provider, nis_code, places, kind, sustainable, status)
     VALUES ('OLD-2', 'City', '44021', 5, 'HOST_FAMILY', true, 'IN_PREPARATION') RETURNING id`,
  );
  await ds.query(
    `INSERT INTO offer_status_change (offer_id, from_status, status, at, by_subject, by_organisation)
     VALUES ($1, NULL, 'TO_VALIDATE', '2026-11-01T09:00:00+01:00', 'c', 'CITY'),
            ($1, 'TO_VALIDATE', 'IN_PREPARATION', '2026-11-20T23:30:00+01:00', 'c', 'CITY')`,
    [other.id],
  );
  await ds.runMigrations({ transaction: "each" });
  const effective = async (offerId: string) =>
    (
      await ds.query(
        `SELECT status, to_char(effective_on, 'YYYY-MM-DD') AS e FROM offer_status_change WHERE offer_id = $1 ORDER BY at`,
        [offerId],
      )
    ).map((r: { status: string; e: string | null }) => [r.status, r.e]);
  expect(await effective(offer.id)).toEqual([
    ["TO_VALIDATE", null],
    ["IN_PREPARATION", "2022-05-02"],
    ["VALIDATED", "2022-05-02"],
  ]);
  // Recorded at 23:30 in Brussels: that day, not the next one in UTC.
  expect(await effective(other.id)).toEqual([
    ["TO_VALIDATE", null],
    ["IN_PREPARATION", "2026-11-20"],
  ]);
});

test("down then up again leaves the same reference data", async () => {
  const count = async () => (await db.dataSource.query(`SELECT COUNT(*)::int AS n FROM municipality`))[0].n;
  expect(await count()).toBe(300);
  await undoThrough(db.dataSource, "StatusEffectiveOn1763900200002");
  expect(await column()).toBe(0);
  // The test data of the first test is left out of the reference-data round trip.
  for (const table of ["placement", "offer_status_change", "housing_offer", "room", "site"])
    await db.dataSource.query(`DELETE FROM ${table}`);
  await db.dataSource.undoLastMigration({ transaction: "each" });
  expect(await count()).toBe(0);
  await db.dataSource.undoLastMigration({ transaction: "each" });
  const tables = await db.dataSource.query(`SELECT to_regclass('public.placement') AS t`);
  expect(tables[0].t).toBeNull();
  await db.dataSource.runMigrations({ transaction: "each" });
  expect(await count()).toBe(300);
  expect(await column()).toBe(1);
});

test("rent lines lose the support category and living wage they used to copy from social; down restores the shape", async () => {
  const ds = db.dataSource;
  await undoThrough(db.dataSource, "RentLinesWithoutSupportFacts1763900200003");
  const [site] = await ds.query(
    `INSERT INTO site (name, kind, operator, nis_code, address, sustainable) VALUES ('Rent', 'RECEPTION_CENTRE', 'IOM', '44021', 'x', true) RETURNING id`,
  );
  const line = { personId: "7c9e6679-7425-40de-944b-e07fc1f90ae7", category: "SINGLE", livingWage: 1000, amount: 300 };
  await ds.query(
    `INSERT INTO rent_charge (household_id, site_id, month, amount, lines, created_by)
     VALUES (gen_random_uuid(), $1, '2022-05', 300, $2::jsonb, 'c')`,
    [site.id, JSON.stringify([line])],
  );
  await ds.runMigrations({ transaction: "each" });
  const lines = async () => (await ds.query(`SELECT lines FROM rent_charge WHERE site_id = $1`, [site.id]))[0].lines;
  expect(await lines()).toEqual([{ personId: line.personId, amount: 300 }]);
  await undoThrough(db.dataSource, "RentLinesWithoutSupportFacts1763900200003");
  expect(await lines()).toEqual([{ personId: line.personId, amount: 300, category: "UNKNOWN", livingWage: null }]);
  await ds.runMigrations({ transaction: "each" });
  expect(await lines()).toEqual([{ personId: line.personId, amount: 300 }]);
});

test("site assignments: one open hand-over per household; down drops the table, up brings it back", async () => {
  const ds = db.dataSource;
  const [site] = await ds.query(
    `INSERT INTO site (name, kind, operator, nis_code, address, sustainable) VALUES ('Assign', 'RECEPTION_CENTRE', 'IOM', '44021', 'x', true) RETURNING id`,
  );
  const assign = () =>
    ds.query(
      `INSERT INTO site_assignment (household_id, site_id, person_ids, assigned_by, assigned_by_role)
       VALUES ('7c9e6679-7425-40de-944b-e07fc1f90ae7', $1, ARRAY[gen_random_uuid()], 'c', 'HOUSING_COORDINATOR')`,
      [site.id],
    );
  await assign();
  await expect(assign()).rejects.toThrow(/site_assignment_one_open/);
  await undoThrough(db.dataSource, "SiteAssignments1763900200004");
  expect((await ds.query(`SELECT to_regclass('public.site_assignment') AS t`))[0].t).toBeNull();
  await ds.runMigrations({ transaction: "each" });
  expect((await ds.query(`SELECT to_regclass('public.site_assignment') AS t`))[0].t).toBe("site_assignment");
});
