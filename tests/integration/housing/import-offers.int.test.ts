// Bulk import of housing offers: per-row report (row, column, reason), all-or-nothing by default, accepted-rows-only on request, no duplicates on re-import, and the npm CLI using the same code.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { errorCodes } from "../../support/graphql";
import { HousingWorld, ok, siteCoordinator, startHousing } from "./housing-test-kit";

const DATA = join(__dirname, "..", "..", "..", "subgraphs", "housing", "data");
const GOOD = readFileSync(join(DATA, "sample-housing-offers.csv"), "utf8");
const BAD = readFileSync(join(DATA, "sample-housing-offers-with-errors.csv"), "utf8");

const IMPORT = `mutation I($input: ImportHousingOffersInput!) { importHousingOffers(input: $input) {
  mode written totalRows created updated unchanged accepted { row reference outcome offerId } rejected { row column reason reference } } }`;

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing();
});
afterAll(() => world?.stop());

const offerCount = async () =>
  (
    await world.housing.db.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM housing_offer WHERE reference LIKE 'WA-2022-%'`,
    )
  )[0].n;

test("a file with bad rows: every problem reported, and nothing written in the default mode", async () => {
  const r = ok(await world.query(IMPORT, { input: { csv: BAD } })).importHousingOffers;
  expect(r.mode).toBe("ALL_OR_NOTHING");
  expect(r.written).toBe(false);
  expect(r.totalRows).toBe(7);
  expect(r.rejected.map((x: any) => [x.row, x.column])).toEqual([
    [3, "nis_code"],
    [4, "places"],
    [5, "kind"],
    [5, "sustainable"],
    [6, "provider"],
    [6, "available_from"],
    [7, "reference"],
  ]);
  expect(r.rejected[0].reason).toContain("99999");
  expect(r.rejected[1].reason).toContain('"-5"');
  expect(r.rejected[2].reason).toContain("TENT_CAMP");
  expect(r.rejected[5].reason).toContain("2022-02-30");
  expect(r.rejected[6].reason).toContain("row 2");
  expect(r.accepted).toEqual([
    { row: 2, reference: "WA-2022-0101", outcome: "NOT_WRITTEN", offerId: null },
    { row: 8, reference: "WA-2022-0106", outcome: "NOT_WRITTEN", offerId: null },
  ]);
  expect(await offerCount()).toBe(0);
});

test("accepted-rows-only writes the valid rows and reports the others", async () => {
  const r = ok(await world.query(IMPORT, { input: { csv: BAD, mode: "ACCEPTED_ROWS_ONLY" } })).importHousingOffers;
  expect(r.written).toBe(true);
  expect(r.created).toBe(2);
  expect(r.accepted.map((a: any) => [a.row, a.outcome])).toEqual([
    [2, "CREATED"],
    [8, "CREATED"],
  ]);
  expect(r.rejected).toHaveLength(7);
  expect(await offerCount()).toBe(2);
  const [offer] = await world.housing.db.dataSource.query(
    `SELECT status, places, sustainable, (SELECT COUNT(*)::int FROM offer_status_change c WHERE c.offer_id = o.id) AS history
     FROM housing_offer o WHERE reference = 'WA-2022-0106'`,
  );
  expect(offer).toEqual({ status: "TO_VALIDATE", places: 15, sustainable: true, history: 1 });
});

test("a clean file imports; re-importing creates no duplicates, and a changed row updates in place", async () => {
  const first = ok(await world.query(IMPORT, { input: { csv: GOOD } })).importHousingOffers;
  expect(first.written).toBe(true);
  expect(first.created).toBe(6);
  expect(first.rejected).toEqual([]);
  expect(await offerCount()).toBe(8);
  const again = ok(await world.query(IMPORT, { input: { csv: GOOD } })).importHousingOffers;
  expect([again.created, again.updated, again.unchanged]).toEqual([0, 0, 6]);
  expect(again.accepted.map((a: any) => a.offerId)).toEqual(first.accepted.map((a: any) => a.offerId));
  const changed = GOOD.replace("WA-2022-0002,Familie Peeters,44021,3,", "WA-2022-0002,Familie Peeters,44021,4,");
  const third = ok(await world.query(IMPORT, { input: { csv: changed } })).importHousingOffers;
  expect([third.created, third.updated, third.unchanged]).toEqual([0, 1, 5]);
  expect(await offerCount()).toBe(8);
  const [{ places }] = await world.housing.db.dataSource.query(
    `SELECT places FROM housing_offer WHERE reference = 'WA-2022-0002'`,
  );
  expect(places).toBe(4);
  // Imported offers are not validated: they do not count for the municipality yet.
  const m = ok(await world.query(`{ municipality(nisCode: "44034") { validatedPlaces offeredPlaces } }`)).municipality;
  expect(m).toEqual({ validatedPlaces: 0, offeredPlaces: 60 });
});

test("semicolon-separated exports and a missing column", async () => {
  const semi =
    "reference;provider;nis_code;places;kind;sustainable;available_from\nWA-2022-0201;Stad Gent;44021;5;HOST_FAMILY;nee;\n";
  const r = ok(await world.query(IMPORT, { input: { csv: semi } })).importHousingOffers;
  expect(r.created).toBe(1);
  const noPlaces = ok(
    await world.query(IMPORT, {
      input: { csv: "reference,provider,nis_code,kind,sustainable\nX,Y,44021,HOST_FAMILY,no\n" },
    }),
  ).importHousingOffers;
  expect(noPlaces.written).toBe(false);
  expect(noPlaces.rejected).toEqual([
    { row: 1, column: "places", reason: "The header has no column places.", reference: null },
  ]);
});

test("only a HOUSING_COORDINATOR imports", async () => {
  const res = await world.query(
    IMPORT,
    { input: { csv: GOOD } },
    siteCoordinator("00000000-0000-4000-8000-000000000001"),
  );
  expect(errorCodes(res)).toEqual(["FORBIDDEN"]);
});

test("npm run import:offers imports a file with the same code and prints the report", async () => {
  const run = promisify(execFile);
  const root = join(__dirname, "..", "..", "..");
  const env = {
    ...process.env,
    HOUSING_DATABASE_URL: world.housing.db.url,
    HOUSING_MIGRATION_DATABASE_URL: world.housing.db.ownerUrl,
  };
  const cli = join(root, "subgraphs", "housing", "src", "offers", "import-offers.cli.ts");
  const bad = await run(
    "node",
    ["-r", "@swc-node/register", cli, join(DATA, "sample-housing-offers-with-errors.csv")],
    { cwd: root, env },
  ).catch((e) => e);
  expect(bad.code).toBe(1);
  expect(bad.stdout).toContain("NOTHING WRITTEN");
  expect(bad.stdout).toContain("row 3, column nis_code: nis_code 99999 is not a known Flemish municipality.");
  const good = () =>
    run("node", ["-r", "@swc-node/register", cli, join(DATA, "sample-housing-offers.csv")], { cwd: root, env });
  expect((await good()).stdout).toMatch(/; written\./);
  const count = await offerCount();
  expect((await good()).stdout).toContain("created 0, updated 0, unchanged 6, rejected rows 0");
  expect(await offerCount()).toBe(count);
}, 60000);

test("a re-import never changes a VALIDATED offer: more places would count without being validated", async () => {
  const csv = (places: number) =>
    `reference,provider,nis_code,places,kind,sustainable\nWA-2022-0301,Gemeente Zulte,44084,${places},COLLECTIVE_HOUSING,yes\n`;
  const [created] = ok(await world.query(IMPORT, { input: { csv: csv(10) } })).importHousingOffers.accepted;
  ok(
    await world.query(
      `mutation C($input: ChangeValidationStatusInput!) { changeValidationStatus(input: $input) { status } }`,
      { input: { offerId: created.offerId, status: "VALIDATED", note: "visited" } },
    ),
  );
  const VALIDATED = `{ municipality(nisCode: "44084") { validatedPlaces } }`;
  expect(ok(await world.query(VALIDATED)).municipality.validatedPlaces).toBe(10);
  const r = ok(await world.query(IMPORT, { input: { csv: csv(500), mode: "ACCEPTED_ROWS_ONLY" } })).importHousingOffers;
  expect(r.updated).toBe(0);
  expect(r.rejected).toEqual([
    { row: 2, column: "reference", reason: expect.stringContaining("VALIDATED"), reference: "WA-2022-0301" },
  ]);
  expect(ok(await world.query(VALIDATED)).municipality.validatedPlaces).toBe(10);
  // The same row as validated is simply unchanged.
  expect(ok(await world.query(IMPORT, { input: { csv: csv(10) } })).importHousingOffers.unchanged).toBe(1);
});
