// A subgraph process killed outright (kill -9) in the middle of a write: the write is whole or absent, never half
// written, and a retry with the same idempotency key gives exactly one result. The social subgraph runs as its own
// process; the test holds PostgreSQL locks so that the kill lands at a known step: (1) inside the transaction, with
// the household, its members and the idempotency key written but not committed; (2) after the commit, before the
// answer left the process. After each kill the subgraph is started again and the registration repeated.
import { socialSubgraph } from "../../subgraphs/social/src/app";
import { CreatedDatabase, createDatabase } from "../support/db";
import {
  holdAuditChain,
  holdReportVersion,
  holdsAuditChain,
  lockWaiters,
  queueForAuditChain,
  until,
  writeWaitingOnLock,
} from "../support/faults/db-locks";
import { ServiceProcess } from "../support/faults/process";
import { householdInput, postToSubgraph, REGISTER_HOUSEHOLD, startSocialProcess } from "../support/shutdown";

let db: CreatedDatabase;
let social: ServiceProcess | null = null;

beforeAll(async () => {
  db = await createDatabase(`kill_${socialSubgraph.name}`);
});
afterEach(async () => {
  if (social && social.pid) social.kill("SIGKILL");
  await social?.exited;
  social = null;
});
afterAll(async () => {
  await db.drop();
});

/** What the database holds of one family's registration, counted as the superuser (who sees every committed row). */
async function stored(familyName: string, key: string) {
  const [row] = await db.queryAs(
    "superuser",
    `SELECT
       (SELECT count(DISTINCT household_id) FROM person WHERE family_name = $1)::int AS households,
       (SELECT count(*) FROM person WHERE family_name = $1)::int AS people,
       (SELECT count(*) FROM household h WHERE NOT EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id))::int
         AS "emptyHouseholds",
       (SELECT count(*) FROM household_membership_event e JOIN person p ON p.id = e.person_id
         WHERE p.family_name = $1)::int AS events,
       (SELECT count(*) FROM idempotency_key WHERE key = $2)::int AS keys,
       (SELECT max(result_id) FROM idempotency_key WHERE key = $2) AS "resultId",
       (SELECT count(*) FROM audit_log WHERE entries @> '[{"a": "W"}]' AND EXISTS (
          SELECT 1 FROM person p WHERE p.family_name = $1 AND p.id = ANY (audit_log.person_ids)))::int AS "writeRecords"`,
    [familyName, key],
  );
  return row;
}

/** Waits until PostgreSQL has ended every session of the killed process (its open transaction rolled back). */
async function sessionsGone(pids: number[]): Promise<void> {
  await until("the killed subgraph's database sessions to end", async () => {
    const rows = await db.queryAs("superuser", `SELECT pid FROM pg_stat_activity WHERE pid = ANY ($1::int[])`, [pids]);
    return rows.length === 0;
  });
}

async function appSessions(): Promise<number[]> {
  const rows = await db.queryAs("superuser", `SELECT pid FROM pg_stat_activity WHERE usename = $1`, [db.roles.app]);
  return rows.map((r) => r.pid);
}

/** Registers again with the same key on a fresh process; the answer must be the one stored household. */
async function retry(key: string, familyName: string) {
  social = await startSocialProcess(db);
  const again = await postToSubgraph(social.url, "social", REGISTER_HOUSEHOLD, {
    input: householdInput(key, familyName),
  });
  expect(again.body.errors).toBeUndefined();
  const third = await postToSubgraph(social.url, "social", REGISTER_HOUSEHOLD, {
    input: householdInput(key, familyName),
  });
  expect(third.body.data.registerHousehold.id).toBe(again.body.data.registerHousehold.id);
  return again.body.data.registerHousehold as { id: string; members: { givenName: string }[] };
}

test("killed inside the write's transaction: nothing of it stays, and the retry registers the household once", async () => {
  const key = "kill-inside-transaction";
  social = await startSocialProcess(db);
  const chain = await holdAuditChain(db.superuserUrl);
  let released = false;
  try {
    const answer = postToSubgraph(social.url, "social", REGISTER_HOUSEHOLD, {
      input: householdInput(key, "Kovalenko"),
    }).then(
      () => "answered",
      () => "no answer",
    );
    // The write's own audit record is the last statement of its transaction: it waits there for the chain lock.
    const writer = await writeWaitingOnLock(
      db.superuserUrl,
      db.roles.app,
      "the registration to wait for the audit chain",
    );
    // By then the household and its members are written in the open transaction.
    const touched = await db.queryAs(
      "superuser",
      `SELECT DISTINCT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
       WHERE l.pid = $1 AND l.mode = 'RowExclusiveLock' AND c.relkind = 'r'`,
      [writer.pid],
    );
    expect(touched.map((t) => t.relname)).toEqual(
      expect.arrayContaining(["household", "person", "household_membership_event", "idempotency_key"]),
    );
    const sessions = await appSessions();
    social.kill("SIGKILL");
    expect(await social.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(await answer).toBe("no answer");
    await chain.release();
    released = true;
    await sessionsGone(sessions);
  } finally {
    if (!released) await chain.release();
  }

  expect(await stored("Kovalenko", key)).toEqual({
    households: 0,
    people: 0,
    emptyHouseholds: 0,
    events: 0,
    keys: 0,
    resultId: null,
    writeRecords: 0,
  });

  const household = await retry(key, "Kovalenko");
  expect(household.members.map((m) => m.givenName).sort()).toEqual(["Olena", "Taras"]);
  // Each answered attempt records its write access (the replay too); the data is there once.
  const after = await stored("Kovalenko", key);
  expect(after).toEqual({
    households: 1,
    people: 2,
    emptyHouseholds: 0,
    events: 2,
    keys: 1,
    resultId: household.id,
    writeRecords: expect.any(Number),
  });
  expect(after.writeRecords).toBeGreaterThanOrEqual(1);
}, 240_000);

test("killed after the commit, before the answer: the retry returns the first household, none is added", async () => {
  const key = "kill-after-commit";
  social = await startSocialProcess(db);
  // The commit raises the report data version last: holding that row stops the write at its commit.
  const version = await holdReportVersion(db.superuserUrl);
  let queued: Awaited<ReturnType<typeof queueForAuditChain>> | null = null;
  let versionReleased = false;
  try {
    const answer = postToSubgraph(social.url, "social", REGISTER_HOUSEHOLD, {
      input: householdInput(key, "Shevchenko"),
    }).then(
      () => "answered",
      () => "no answer",
    );
    const writer = await until("the registration to wait at its commit", async () =>
      (await lockWaiters(db.superuserUrl)).find((w) => w.role === db.roles.app),
    );
    // Its audit record is in, so it holds the chain lock; queue behind it, ahead of the answer's read record.
    expect(await holdsAuditChain(db.superuserUrl, writer.pid)).toBe(true);
    queued = await queueForAuditChain(db.superuserUrl);
    const queuedPid = queued.pid;
    await until("the test to queue for the audit chain", async () =>
      (await lockWaiters(db.superuserUrl)).some((w) => w.pid === queuedPid),
    );
    await version.release();
    versionReleased = true;
    await queued.acquired;
    // Committed; the answer now waits to write its read record, which the test's turn on the chain holds back.
    await writeWaitingOnLock(db.superuserUrl, db.roles.app, "the answer to wait for its audit record");
    const committed = await stored("Shevchenko", key);
    expect(committed).toMatchObject({ households: 1, people: 2, keys: 1 });
    const sessions = await appSessions();
    social.kill("SIGKILL");
    await social.exited;
    expect(await answer).toBe("no answer");
    await queued.release();
    queued = null;
    await sessionsGone(sessions);
  } finally {
    if (!versionReleased) await version.release();
    await queued?.release();
  }

  const first = await stored("Shevchenko", key);
  expect(first).toEqual({
    households: 1,
    people: 2,
    emptyHouseholds: 0,
    events: 2,
    keys: 1,
    resultId: expect.any(String),
    writeRecords: 1,
  });
  const household = await retry(key, "Shevchenko");
  expect(household.id).toBe(first.resultId);
  const after = await stored("Shevchenko", key);
  expect(after).toEqual({ ...first, writeRecords: expect.any(Number) });
  // The committed write kept its record; the two retries (both replays) are recorded as accesses too.
  expect(after.writeRecords).toBeGreaterThanOrEqual(first.writeRecords);
}, 240_000);
