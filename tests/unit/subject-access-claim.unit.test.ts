// Scenario: the gateway's `sar` claim (subject-access export) travels in the internal token and opens one
// person to a DPO stating purpose AUDIT, for reading only: another person, a write, another role or purpose,
// a root field about nobody, and a claim that is not a person ID open nothing.
import {
  AccessControl,
  AuditTrail,
  Caller,
  generateInternalKeyPair,
  InternalTokenSigner,
  InternalTokenVerifier,
  Purpose,
} from "@reception-graph/kit";
import { SignJWT } from "jose";
import { createPrivateKey } from "node:crypto";
import { DataSource } from "typeorm";

const SUBJECT = "0b6c4c1e-6f3a-4b8e-9d41-8a1f2c3d4e5f";
const OTHER = "1c7d5d2f-7a4b-4c9f-8e52-9b2a3d4e5f60";
const dpo: Caller = { sub: "dpo", org: "CITY", roles: ["DPO"], sites: [], schools: [], organisations: [] };
const keys = generateInternalKeyPair();

function control(caller: Caller, purpose: Purpose | null, sar: string | null) {
  const trail = new AuditTrail({} as DataSource, caller, purpose, "req-1");
  const recorded: { reason?: string; outcome: string }[] = [];
  trail.record = (r) => void recorded.push(r);
  return { access: new AccessControl(caller, purpose, trail, null, sar), recorded };
}

const read = (personId: string | null, nested = true) => ({
  category: "HEALTH" as const,
  action: "READ" as const,
  personId,
  field: "Person.careContacts",
  operation: "SubjectAccessExport",
  nested,
});

test("the claim round-trips in the internal token; one that is not a person ID is dropped", async () => {
  const signer = await InternalTokenSigner.fromPem(keys.privateKeyPem);
  const verifier = await InternalTokenVerifier.fromPem(keys.publicKeyPem);
  const identity = { caller: dpo, purpose: "AUDIT" as const, requestId: "req-1", subjectAccess: SUBJECT };
  expect((await verifier.verify(await signer.sign(identity, ["care"]), "care")).subjectAccess).toBe(SUBJECT);
  const plain = await verifier.verify(await signer.sign({ ...identity, subjectAccess: undefined }, ["care"]), "care");
  expect(plain.subjectAccess).toBeUndefined();
  const forged = await new SignJWT({ caller: dpo, purpose: "AUDIT", rid: "req-1", sar: "' OR 1=1" })
    .setProtectedHeader({ alg: "EdDSA", kid: signer.keyId, typ: "internal+jwt" })
    .setIssuer("reception-graph-gateway")
    .setAudience(["care"])
    .setSubject("dpo")
    .setJti("j1")
    .setIssuedAt()
    .setExpirationTime("20s")
    .sign(createPrivateKey(keys.privateKeyPem));
  expect((await verifier.verify(forged, "care")).subjectAccess).toBeUndefined();
});

test("a DPO with purpose AUDIT reads that one person, audited SUBJECT_ACCESS", async () => {
  const { access, recorded } = control(dpo, "AUDIT", SUBJECT);
  await expect(access.authorize(read(SUBJECT))).resolves.toBeUndefined();
  expect(recorded).toEqual([expect.objectContaining({ outcome: "ALLOWED", reason: "SUBJECT_ACCESS" })]);
  expect(access.authorizeCategory(read(null, true))).toBe("ALL");
});

test("another person, a write, a root field about nobody stay closed, and refusals are recorded", async () => {
  const { access, recorded } = control(dpo, "AUDIT", SUBJECT);
  await expect(access.authorize(read(OTHER))).rejects.toMatchObject({ extensions: { code: "FORBIDDEN" } });
  await expect(access.authorize({ ...read(SUBJECT), action: "WRITE" })).rejects.toMatchObject({
    extensions: { code: "FORBIDDEN" },
  });
  expect(() => access.authorizeCategory(read(null, false))).toThrow(/AUDIT/);
  expect(recorded.map((r) => r.outcome)).toEqual(["REFUSED", "REFUSED", "REFUSED"]);
});

test("without role DPO, or with another purpose, the claim opens nothing", async () => {
  for (const [caller, purpose] of [
    [{ ...dpo, roles: ["SOCIAL_WORKER"] }, "AUDIT"],
    [dpo, "CASE_MANAGEMENT"],
    [dpo, null],
  ] as [Caller, Purpose | null][]) {
    const { access } = control(caller, purpose, SUBJECT);
    expect(access.subjectAccess).toBeNull();
    expect(access.isSubjectAccess(SUBJECT)).toBe(false);
    await expect(access.authorize(read(SUBJECT))).rejects.toMatchObject({
      extensions: { code: expect.stringMatching(/FORBIDDEN|PURPOSE_REQUIRED/) },
    });
  }
});
