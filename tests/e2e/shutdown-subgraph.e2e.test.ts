// SIGTERM to a subgraph process (social) while a registration is in flight: readiness drops at once (/ready 503
// "stopping", /health still 200), a new request is answered 503 UNAVAILABLE and writes nothing, the registration in
// flight completes with its data, and the process exits 0 well within its grace period. With a request that outlives
// a short grace period, the process still exits (code 1, saying one request was cut) and the cut write is rolled
// back. A second signal exits at once. The registration is held in flight by a PostgreSQL lock the test holds (the
// audit chain lock its transaction takes last).
import { CreatedDatabase, createDatabase } from "../support/db";
import { HeldLock, holdAuditChain, until, writeWaitingOnLock } from "../support/faults/db-locks";
import { ServiceProcess } from "../support/faults/process";
import {
  freshRegistration,
  freshRequest,
  householdInput,
  postToSubgraph,
  REGISTER_HOUSEHOLD,
  startSocialProcess,
} from "../support/shutdown";

let db: CreatedDatabase;
let social: ServiceProcess | null = null;
let lock: HeldLock | null = null;

beforeAll(async () => {
  db = await createDatabase("sigterm_social");
});
afterEach(async () => {
  await lock?.release();
  lock = null;
  social?.kill("SIGKILL");
  await social?.exited;
  social = null;
});
afterAll(async () => {
  await db.drop();
});

async function households(familyName: string): Promise<number> {
  const [row] = await db.queryAs(
    "superuser",
    `SELECT count(DISTINCT household_id)::int AS n FROM person WHERE family_name = $1`,
    [familyName],
  );
  return row.n;
}

/**
 * Starts social, holds the audit chain and sends a registration that waits for it: a request in flight. The answer
 * comes wrapped, so that awaiting this function does not wait for it.
 */
async function registrationInFlight(env: Record<string, string>, key: string, familyName: string) {
  social = await startSocialProcess(db, env);
  lock = await holdAuditChain(db.superuserUrl);
  const answer = postToSubgraph(social.url, "social", REGISTER_HOUSEHOLD, { input: householdInput(key, familyName) });
  // Never an unhandled rejection while the test waits elsewhere; the test awaits it where it matters.
  answer.catch(() => undefined);
  await writeWaitingOnLock(db.superuserUrl, db.roles.app);
  return { answer };
}

test("SIGTERM: not ready at once, new requests refused, the request in flight completes, exit 0", async () => {
  const graceMs = 30_000;
  const { answer } = await registrationInFlight({ SHUTDOWN_GRACE_MS: String(graceMs) }, "sigterm-in-flight", "Bondar");
  const service = social!;
  const signalled = Date.now();
  service.kill("SIGTERM");
  await until("the stopping line", async () => service.rendered().includes("[social] stopping (SIGTERM)"));

  const ready = await freshRequest(`${service.url}/ready`);
  expect(ready.status).toBe(503);
  expect(ready.body).toEqual({ status: "stopping", service: "social" });
  expect(ready.headers.connection).toBe("close");
  // Liveness is not readiness: the process is alive and finishing its work.
  expect((await freshRequest(`${service.url}/health`)).status).toBe(200);
  const refused = await freshRegistration(service.url, "sigterm-new", "Melnyk");
  expect(refused.status).toBe(503);
  expect(refused.headers["retry-after"]).toBe("1");
  expect(refused.body.errors).toEqual([
    expect.objectContaining({ extensions: { code: "UNAVAILABLE", service: "social" } }),
  ]);

  await lock!.release();
  lock = null;
  const res = await answer;
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.registerHousehold.members.map((m: { givenName: string }) => m.givenName).sort()).toEqual([
    "Olena",
    "Taras",
  ]);
  // The client learns the connection will not be reused.
  expect(res.connection).toBe("close");
  expect(await service.exited).toEqual({ code: 0, signal: null });
  // It exits once its work is done, not at the end of its grace period.
  expect(Date.now() - signalled).toBeLessThan(graceMs);
  expect(service.rendered()).toMatch(/\[social\] stopped after \d+ ms: 1 request\(s\) in flight finished\.\n/);
  expect(await households("Bondar")).toBe(1);
  expect(await households("Melnyk")).toBe(0);
  // The port is closed: nothing answers any more.
  await expect(freshRequest(`${service.url}/health`)).rejects.toThrow(/ECONNREFUSED/);
}, 120_000);

test("a request that outlives a short grace period is cut: the process still exits, and the write is rolled back", async () => {
  const graceMs = 1_000;
  const { answer } = await registrationInFlight({ SHUTDOWN_GRACE_MS: String(graceMs) }, "sigterm-cut", "Tkachenko");
  const service = social!;
  const signalled = Date.now();
  service.kill("SIGTERM");
  expect(await service.exited).toEqual({ code: 1, signal: null });
  // Generous bound: the grace period and the close allowance (3 s), three times over.
  expect(Date.now() - signalled).toBeLessThan(3 * (graceMs + 3_000));
  expect(service.rendered()).toMatch(/\[social\] stopped after \d+ ms: 0 request\(s\) in flight finished, 1 cut/);
  await expect(answer).rejects.toThrow();
  const sessions = (
    await db.queryAs("superuser", `SELECT pid FROM pg_stat_activity WHERE usename = $1`, [db.roles.app])
  ).map((r) => r.pid);
  await lock!.release();
  lock = null;
  await until("the cut request's session to end", async () => {
    const rows = await db.queryAs("superuser", `SELECT pid FROM pg_stat_activity WHERE pid = ANY ($1::int[])`, [
      sessions,
    ]);
    return rows.length === 0;
  });
  expect(await households("Tkachenko")).toBe(0);
}, 120_000);

test("a second SIGTERM while draining exits at once", async () => {
  const { answer } = await registrationInFlight({ SHUTDOWN_GRACE_MS: "60000" }, "sigterm-twice", "Lysenko");
  const service = social!;
  service.kill("SIGTERM");
  await until("the stopping line", async () => service.rendered().includes("[social] stopping (SIGTERM)"));
  service.kill("SIGTERM");
  expect(await service.exited).toEqual({ code: 1, signal: null });
  expect(service.rendered()).toContain("[social] SIGTERM again while stopping: exiting now");
  await expect(answer).rejects.toThrow();
}, 120_000);
