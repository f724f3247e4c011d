import { AUDIT_CHAIN_LOCK_KEY } from "@reception-graph/kit";
import { Client } from "pg";

/**
 * Holds a PostgreSQL lock on a test's behalf, so that a request of a subgraph under test waits at a known step
 * of its work: a deterministic "slow" request, without timers.
 */
export interface HeldLock {
  release(): Promise<void>;
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * Takes the advisory lock that every insert into audit_log takes (the chain trigger): a write's own audit record,
 * inserted last in its transaction, then waits with everything else of the transaction written but not committed,
 * and a read's record (after the answer is computed, before it leaves) waits as well.
 */
export async function holdAuditChain(superuserUrl: string): Promise<HeldLock> {
  const client = await connect(superuserUrl);
  await client.query(`SELECT pg_advisory_lock($1)`, [AUDIT_CHAIN_LOCK_KEY]);
  return {
    async release() {
      await client.query(`SELECT pg_advisory_unlock($1)`, [AUDIT_CHAIN_LOCK_KEY]);
      await client.end();
    },
  };
}

/**
 * Asks for the audit chain's advisory lock without waiting for it: granted once its holder lets go, ahead of any
 * later asker. `acquired` resolves when it is held.
 */
export async function queueForAuditChain(
  superuserUrl: string,
): Promise<HeldLock & { pid: number; acquired: Promise<void> }> {
  const client = await connect(superuserUrl);
  const [{ pid }] = (await client.query(`SELECT pg_backend_pid() AS pid`)).rows;
  const acquired = client.query(`SELECT pg_advisory_lock($1)`, [AUDIT_CHAIN_LOCK_KEY]).then(() => undefined);
  return {
    pid,
    acquired,
    async release() {
      await acquired;
      await client.query(`SELECT pg_advisory_unlock($1)`, [AUDIT_CHAIN_LOCK_KEY]);
      await client.end();
    },
  };
}

/** Locks row `id = 1` of report_data_version (FOR UPDATE): a write raises that row last, at its commit. */
export async function holdReportVersion(superuserUrl: string): Promise<HeldLock> {
  const client = await connect(superuserUrl);
  await client.query(`BEGIN`);
  await client.query(`SELECT v FROM report_data_version WHERE id = 1 FOR UPDATE`);
  return {
    async release() {
      await client.query(`COMMIT`);
      await client.end();
    },
  };
}

/** A backend of the database waiting for a lock: its process ID, role and the kind of lock. */
export interface LockWaiter {
  pid: number;
  role: string;
  locktype: string;
}

/** The backends of `database` that wait for a lock right now. */
export async function lockWaiters(superuserUrl: string): Promise<LockWaiter[]> {
  const client = await connect(superuserUrl);
  try {
    return (
      await client.query(
        `SELECT l.pid, a.usename AS role, l.locktype FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE NOT l.granted AND a.datname = current_database() ORDER BY l.pid`,
      )
    ).rows;
  } finally {
    await client.end();
  }
}

/** Whether backend `pid` holds the audit chain's advisory lock. */
export async function holdsAuditChain(superuserUrl: string, pid: number): Promise<boolean> {
  const client = await connect(superuserUrl);
  try {
    const rows = (
      await client.query(
        `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1 AND objid::bigint = $2::bigint`,
        [pid, AUDIT_CHAIN_LOCK_KEY],
      )
    ).rows;
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** Polls `check` until it gives a value (bounded: a test fails with `what` instead of hanging). */
export async function until<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  limitMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting (${limitMs} ms) for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Waits until a session of `role` waits on an advisory lock (the audit chain's, held by the test): a write is in flight. */
export function writeWaitingOnLock(superuserUrl: string, role: string, what = "the write to wait in its transaction") {
  return until(what, async () =>
    (await lockWaiters(superuserUrl)).find((w) => w.role === role && w.locktype === "advisory"),
  );
}
