// Through the gateway: rent is charged only once the household's support was actually paid (facts from social, not copied), at 30% of the living wage, and only once per household and month.
import { errorCodes } from "../support/graphql";
import { RunningGraph, startGraph } from "../support/graph";
import { HOUSING, ok, place, registerHousehold, siteCoordinator, SOCIAL, validatedSite } from "../support/fixtures";

let graph: RunningGraph;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph?.stop());

const CHARGE = `mutation Charge($input: ChargeRentInput!) { chargeRent(input: $input) { id month amount household { id } lines { amount person { id } } } }`;
const social = (q: string, input: Record<string, unknown>) =>
  graph.query(q, { input }, SOCIAL, "CASE_MANAGEMENT").then(ok);

test("rent only after payment, 30% of the living wage, once per month", async () => {
  const siteId = await validatedSite(graph, "Rent centre", [3, 1]);
  const family = await registerHousehold(graph, 3, "Kravchenko");
  const neighbour = await registerHousehold(graph, 1, "Oliynyk");
  ok(await place(graph, family.householdId, siteId));
  ok(await place(graph, neighbour.householdId, siteId));
  const decision = (
    await social(`mutation D($input: DecideSupportInput!) { decideSupport(input: $input) { id category } }`, {
      personId: family.memberIds[0],
      category: "WITH_FAMILY_DEPENDANTS",
      startDate: "2022-05-01",
    })
  ).decideSupport;
  // Decided, not yet paid: nothing due for May.
  expect(
    ok(await graph.query(CHARGE, { input: { month: "2022-05", siteId } }, HOUSING, "PLACEMENT")).chargeRent,
  ).toEqual([]);
  await social(`mutation P($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id } }`, {
    supportDecisionId: decision.id,
    month: "2022-06",
  });
  expect(
    ok(await graph.query(CHARGE, { input: { month: "2022-05", siteId } }, HOUSING, "PLACEMENT")).chargeRent,
  ).toEqual([]);
  const june = ok(await graph.query(CHARGE, { input: { month: "2022-06", siteId } }, HOUSING, "PLACEMENT")).chargeRent;
  expect(june).toHaveLength(1);
  const [charge] = june;
  expect(charge.household.id).toBe(family.householdId);
  expect(charge.lines).toHaveLength(1);
  // Housing learns the rent due, not the support category or living wage behind it.
  expect(charge.lines[0]).toEqual({ amount: charge.amount, person: expect.any(Object) });
  expect(charge.amount).toBeGreaterThan(0);
  const again = ok(await graph.query(CHARGE, { input: { month: "2022-06", siteId } }, HOUSING, "PLACEMENT")).chargeRent;
  expect(again.map((c: any) => c.id)).toEqual([charge.id]);
  const rows = await graph.dataSources.housing.query(`SELECT household_id, month FROM rent_charge`);
  expect(rows).toEqual([{ household_id: family.householdId, month: "2022-06" }]);
  // Rent is housing data of the person, read through the person.
  const person = ok(
    await graph.query(
      `query R($id: ID!) { person(id: $id) { rentCharges { month amount } } }`,
      { id: family.memberIds[2] },
      HOUSING,
      "PLACEMENT",
    ),
  ).person;
  expect(person.rentCharges).toEqual([{ month: "2022-06", amount: charge.amount }]);
  // The site's coordinator can charge their own site; a coordinator of another site cannot.
  const own = await graph.query(CHARGE, { input: { month: "2022-07", siteId } }, siteCoordinator(siteId), "PLACEMENT");
  const otherSite = await validatedSite(graph, "Other centre", [1]);
  expect(
    errorCodes(
      await graph.query(CHARGE, { input: { month: "2022-07", siteId } }, siteCoordinator(otherSite), "PLACEMENT"),
    ),
  ).toEqual(["FORBIDDEN"]);
  expect(ok(own).chargeRent.map((c: any) => c.month)).toEqual(["2022-07"]);
});
