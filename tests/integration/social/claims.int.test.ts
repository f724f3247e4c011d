// Federal reimbursement: a claim per support period with statuses and amounts, and the list of support paid but not yet claimed.
import { socialSubgraph } from "@reception-graph/social";
import { errorCodes } from "../../support/graphql";
import { RunningSubgraph, startSubgraph } from "../../support/subgraph";
import { ok, registerHousehold } from "./social-fixtures";

let sg: RunningSubgraph;
let decisionId: string;
let otherDecisionId: string;
beforeAll(async () => {
  sg = await startSubgraph(socialSubgraph);
  const decide = async (given: string, startDate: string) => {
    const { memberIds } = await registerHousehold(sg, [{ givenName: given, familyName: "Zaitseva", sex: "FEMALE" }]);
    return ok(
      await sg.query(`mutation D($input: DecideSupportInput!) { decideSupport(input: $input) { id } }`, {
        input: { personId: memberIds[0], category: "SINGLE", startDate },
      }),
    ).decideSupport.id as string;
  };
  decisionId = await decide("Liliia", "2026-07-01");
  otherDecisionId = await decide("Marta", "2026-10-01");
  for (const month of ["2026-07", "2026-08", "2026-09", "2026-10"])
    ok(
      await sg.query(`mutation P($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id } }`, {
        input: { supportDecisionId: decisionId, month },
      }),
    );
  ok(
    await sg.query(`mutation P($input: RecordSupportPaymentInput!) { recordSupportPayment(input: $input) { id } }`, {
      input: { supportDecisionId: otherDecisionId, month: "2026-10" },
    }),
  );
});
afterAll(async () => {
  await sg?.stop();
});

const UNCLAIMED = `query { unclaimedSupport { totalCount edges { node { fromMonth toMonth payments amount supportDecision { id } } } } }`;
const CREATE = `mutation C($input: CreateReimbursementClaimInput!) {
  createReimbursementClaim(input: $input) { id status fromMonth toMonth claimedAmount acceptedAmount payments { month } } }`;
const UPDATE = `mutation U($input: UpdateReimbursementClaimInput!) {
  updateReimbursementClaim(input: $input) { id status submittedOn decidedOn acceptedAmount reference } }`;

test("support paid but not claimed is listed per decision, and a claim takes its period out of the list", async () => {
  const before = ok(await sg.query(UNCLAIMED)).unclaimedSupport;
  expect(before.totalCount).toBe(2);
  expect(before.edges[0].node).toEqual({
    fromMonth: "2026-07",
    toMonth: "2026-10",
    payments: 4,
    amount: 5340.6,
    supportDecision: { id: decisionId },
  });
  const claim = ok(
    await sg.query(CREATE, { input: { supportDecisionId: decisionId, fromMonth: "2026-07", toMonth: "2026-09" } }),
  ).createReimbursementClaim;
  expect(claim).toMatchObject({ status: "TO_SUBMIT", claimedAmount: 4005.45, acceptedAmount: null });
  expect(claim.payments.map((p: any) => p.month)).toEqual(["2026-07", "2026-08", "2026-09"]);
  const after = ok(await sg.query(UNCLAIMED)).unclaimedSupport;
  // Both lines now start in the same month (their order between them is by decision ID).
  expect(after.edges.map((e: any) => [e.node.supportDecision.id, e.node.fromMonth, e.node.toMonth]).sort()).toEqual(
    [
      [decisionId, "2026-10", "2026-10"],
      [otherDecisionId, "2026-10", "2026-10"],
    ].sort(),
  );
  // The same months cannot be claimed twice.
  const again = await sg.query(CREATE, {
    input: { supportDecisionId: decisionId, fromMonth: "2026-07", toMonth: "2026-09" },
  });
  expect(errorCodes(again)).toEqual(["BAD_USER_INPUT"]);
});

test("a claim goes TO_SUBMIT → SUBMITTED → ACCEPTED; other steps are CONFLICT", async () => {
  const claim = ok(
    await sg.query(CREATE, { input: { supportDecisionId: otherDecisionId, fromMonth: "2026-10", toMonth: "2026-10" } }),
  ).createReimbursementClaim;
  const skip = await sg.query(UPDATE, { input: { claimId: claim.id, status: "ACCEPTED" } });
  expect(errorCodes(skip)).toEqual(["CONFLICT"]);
  expect(skip.errors![0].message).toContain("TO_SUBMIT");
  const submitted = ok(
    await sg.query(UPDATE, {
      input: { claimId: claim.id, status: "SUBMITTED", date: "2026-11-05", reference: "PODMI-2026-11-0042" },
    }),
  ).updateReimbursementClaim;
  expect(submitted).toMatchObject({ status: "SUBMITTED", submittedOn: "2026-11-05", reference: "PODMI-2026-11-0042" });
  const tooMuch = await sg.query(UPDATE, { input: { claimId: claim.id, status: "ACCEPTED", acceptedAmount: 99999 } });
  expect(errorCodes(tooMuch)).toEqual(["BAD_USER_INPUT"]);
  const accepted = ok(
    await sg.query(UPDATE, {
      input: { claimId: claim.id, status: "ACCEPTED", date: "2026-11-20", acceptedAmount: 1300 },
    }),
  ).updateReimbursementClaim;
  expect(accepted).toMatchObject({ status: "ACCEPTED", decidedOn: "2026-11-20", acceptedAmount: 1300 });
  expect(errorCodes(await sg.query(UPDATE, { input: { claimId: claim.id, status: "REJECTED" } }))).toEqual([
    "CONFLICT",
  ]);
});

test("the payments of a rejected claim are unclaimed again and can be claimed anew", async () => {
  const claim = ok(
    await sg.query(CREATE, { input: { supportDecisionId: decisionId, fromMonth: "2026-10", toMonth: "2026-12" } }),
  ).createReimbursementClaim;
  expect(claim.payments.map((p: any) => p.month)).toEqual(["2026-10"]);
  ok(await sg.query(UPDATE, { input: { claimId: claim.id, status: "SUBMITTED" } }));
  ok(
    await sg.query(UPDATE, { input: { claimId: claim.id, status: "REJECTED", note: "Missing proof of registration" } }),
  );
  const list = ok(await sg.query(UNCLAIMED)).unclaimedSupport;
  expect(list.edges.map((e: any) => [e.node.supportDecision.id, e.node.fromMonth])).toEqual([[decisionId, "2026-10"]]);
  const anew = ok(
    await sg.query(CREATE, { input: { supportDecisionId: decisionId, fromMonth: "2026-10", toMonth: "2026-10" } }),
  );
  expect(anew.createReimbursementClaim.payments).toEqual([{ month: "2026-10" }]);
  const claims = ok(
    await sg.query(
      `query { reimbursementClaims(filter: { status: REJECTED }) { totalCount edges { node { id note } } } }`,
    ),
  );
  expect(claims.reimbursementClaims.edges).toEqual([{ node: { id: claim.id, note: "Missing proof of registration" } }]);
  const onDecision = ok(
    await sg.query(`query { reimbursementClaims(filter: { supportDecisionId: "${decisionId}" }) { totalCount } }`),
  );
  expect(onDecision.reimbursementClaims.totalCount).toBe(3);
});

test("bad periods are BAD_USER_INPUT naming the month; claims are for social services only", async () => {
  const bad = await sg.query(CREATE, {
    input: { supportDecisionId: decisionId, fromMonth: "2026-7", toMonth: "2026-09" },
  });
  expect(errorCodes(bad)).toEqual(["BAD_USER_INPUT"]);
  expect(bad.errors![0].extensions!.field).toBe("input.fromMonth");
  const reversed = await sg.query(CREATE, {
    input: { supportDecisionId: decisionId, fromMonth: "2026-09", toMonth: "2026-07" },
  });
  expect(reversed.errors![0].extensions!.field).toBe("input.toMonth");
  const analyst = await sg.query(UNCLAIMED, {}, { roles: ["ANALYST"] }, "REPORTING");
  expect(errorCodes(analyst)).toEqual(["FORBIDDEN"]);
});
