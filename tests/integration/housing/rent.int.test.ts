// Rent: 30% of the living wage per resident household, only from the month the support was actually paid, once per household and month; the rent due asked from the real social subgraph, which keeps the support category and living wage.
import { errorCodes } from "../../support/graphql";
import { household, HousingWorld, ok, siteCoordinator, siteWithRooms, startHousing } from "./housing-test-kit";

let world: HousingWorld;
beforeAll(async () => {
  world = await startHousing(true);
});
afterAll(() => world?.stop());

const PLACE = `mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`;
const CHARGE = `mutation C($input: ChargeRentInput!) { chargeRent(input: $input) { id month amount household { id } site { id }
  lines { person { id } amount } } }`;
const DECIDE = `mutation D($input: DecideSupportInput!) { decideSupport(input: $input) { id monthlyAmount } }`;
const PAY = `mutation Y($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id } }`;

test("no charge before the first payment, 30% from the month paid, once per household and month", async () => {
  const { siteId } = await siteWithRooms(world, "Rent site", [2, 1]);
  const family = await household(world, 2, "Rent");
  const single = await household(world, 1, "Alone");
  ok(await world.query(PLACE, { input: { householdId: family.householdId, siteId, moveInDate: "2022-04-05" } }));
  ok(await world.query(PLACE, { input: { householdId: single.householdId, siteId, moveInDate: "2022-04-05" } }));
  const decision = ok(
    await world.socialQuery(DECIDE, {
      input: { personId: family.memberIds[0], category: "WITH_FAMILY_DEPENDANTS", startDate: "2022-04-01" },
    }),
  ).decideSupport;
  // April: support decided but not paid yet: nothing is due.
  expect(ok(await world.query(CHARGE, { input: { month: "2022-04", siteId } })).chargeRent).toEqual([]);
  ok(await world.socialQuery(PAY, { input: { supportDecisionId: decision.id, month: "2022-05" } }));
  expect(ok(await world.query(CHARGE, { input: { month: "2022-04", siteId } })).chargeRent).toEqual([]);
  const may = ok(await world.query(CHARGE, { input: { month: "2022-05", siteId } })).chargeRent;
  expect(may).toHaveLength(1);
  // The living wage in force on the month's first day, from social's rate table (indexations change it).
  const rates = ok(
    await world.socialQuery(`{ livingWageRates(category: WITH_FAMILY_DEPENDANTS) { effectiveFrom monthlyAmount } }`),
  ).livingWageRates.filter((r: any) => r.effectiveFrom <= "2022-05-01");
  const wage = rates.sort((a: any, b: any) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0].monthlyAmount;
  expect(decision.monthlyAmount).toBeGreaterThan(0);
  const expected = Math.round(wage * 0.3 * 100) / 100;
  expect(may[0]).toMatchObject({
    month: "2022-05",
    amount: expected,
    household: { id: family.householdId },
    site: { id: siteId },
  });
  expect(may[0].lines).toEqual([{ person: { id: family.memberIds[0] }, amount: expected }]);
  // Housing keeps what rent needs and nothing of the support behind it.
  const [stored] = await world.housing.db.dataSource.query(`SELECT lines FROM rent_charge WHERE id = $1`, [may[0].id]);
  expect(stored.lines).toEqual([{ personId: family.memberIds[0], amount: expected }]);
  // Again: the same charge, nothing new.
  const again = ok(await world.query(CHARGE, { input: { month: "2022-05", siteId } })).chargeRent;
  expect(again.map((c: any) => c.id)).toEqual([may[0].id]);
  const [{ n }] = await world.housing.db.dataSource.query(
    `SELECT COUNT(*)::int AS n FROM rent_charge WHERE household_id = $1 AND month = '2022-05'`,
    [family.householdId],
  );
  expect(n).toBe(1);
  // June: paid in or before June, so due again (one charge per month).
  const june = ok(await world.query(CHARGE, { input: { month: "2022-06" } })).chargeRent;
  const juneFamily = june.filter((c: any) => c.household.id === family.householdId);
  expect(juneFamily).toHaveLength(1);
  const person = ok(
    await world.query(
      `query E($r: [_Any!]!) { _entities(representations: $r) { ... on Person { rentCharges { month amount } } } }`,
      {
        r: [{ __typename: "Person", id: family.memberIds[1] }],
      },
    ),
  );
  expect(person._entities[0].rentCharges).toEqual([
    { month: "2022-06", amount: juneFamily[0].amount },
    { month: "2022-05", amount: expected },
  ]);
});

test("concurrent charges of the same month create one charge per household", async () => {
  const { siteId } = await siteWithRooms(world, "Rent race", [1]);
  const h = await household(world, 1, "Race");
  ok(await world.query(PLACE, { input: { householdId: h.householdId, siteId, moveInDate: "2022-04-05" } }));
  const d = ok(
    await world.socialQuery(DECIDE, {
      input: { personId: h.memberIds[0], category: "SINGLE", startDate: "2022-04-01" },
    }),
  ).decideSupport;
  ok(await world.socialQuery(PAY, { input: { supportDecisionId: d.id, month: "2022-04" } }));
  const results = await Promise.all(
    Array.from({ length: 5 }, () => world.query(CHARGE, { input: { month: "2022-04", siteId } })),
  );
  const ids = new Set(results.map((r) => ok(r).chargeRent[0].id));
  expect(ids.size).toBe(1);
});

test("a site coordinator charges rent for their own site only; bad months are refused", async () => {
  const { siteId } = await siteWithRooms(world, "Rent own", [1]);
  const other = await siteWithRooms(world, "Rent other", [1]);
  expect(
    errorCodes(
      await world.query(CHARGE, { input: { month: "2022-05", siteId: other.siteId } }, siteCoordinator(siteId)),
    ),
  ).toEqual(["FORBIDDEN"]);
  const res = ok(await world.query(CHARGE, { input: { month: "2022-05" } }, siteCoordinator(siteId))).chargeRent;
  expect(res).toEqual([]);
  const bad = await world.query(CHARGE, { input: { month: "2022-13" } });
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.month");
});

test("a site coordinator still charges their residents when a household left during the month; the coordinator charges the leavers", async () => {
  const { siteId } = await siteWithRooms(world, "Rent leavers", [1, 1]);
  const coord = siteCoordinator(siteId);
  const stays = await household(world, 1, "Stays");
  const leaves = await household(world, 1, "Leaves");
  ok(await world.query(PLACE, { input: { householdId: stays.householdId, siteId, moveInDate: "2022-04-05" } }));
  const [leaving] = ok(
    await world.query(`mutation P($input: PlaceHouseholdInput!) { placeHousehold(input: $input) { id } }`, {
      input: { householdId: leaves.householdId, siteId, moveInDate: "2022-04-05" },
    }),
  ).placeHousehold;
  for (const h of [stays, leaves]) {
    const d = ok(
      await world.socialQuery(DECIDE, {
        input: { personId: h.memberIds[0], category: "SINGLE", startDate: "2022-04-01" },
      }),
    ).decideSupport;
    ok(await world.socialQuery(PAY, { input: { supportDecisionId: d.id, month: "2022-04" } }));
  }
  ok(
    await world.query(
      `mutation M($input: MoveOutInput!) { moveOut(input: $input) { id } }`,
      { input: { placementId: leaving.id, date: "2022-06-10", reason: "own flat" } },
      coord,
    ),
  );
  // The leavers are no longer the site coordinator's own people (access.md): their June rent is the city's to charge.
  const byCoord = ok(await world.query(CHARGE, { input: { month: "2022-06", siteId } }, coord)).chargeRent;
  expect(byCoord.map((c: any) => c.household.id)).toEqual([stays.householdId]);
  const byCity = ok(await world.query(CHARGE, { input: { month: "2022-06", siteId } })).chargeRent;
  expect(byCity.map((c: any) => c.household.id).sort()).toEqual([stays.householdId, leaves.householdId].sort());
  expect(byCity.find((c: any) => c.household.id === stays.householdId).id).toBe(byCoord[0].id);
});
