import { createHash } from "node:crypto";
import { EntityManager, MigrationInterface, QueryRunner } from "typeorm";
import { badInput, conflict } from "./errors";

/** The table behind `idempotencyKey`: one row per (operation, key), written in the creating transaction. */
export class IdempotencyKeys1763900000001 implements MigrationInterface {
  name = "IdempotencyKeys1763900000001";
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE idempotency_key (
        operation text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        result_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (operation, key)
      )`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_key`);
  }
}

/**
 * Makes a key belong to its caller: the table was keyed (operation, key), so a
 * second caller repeating someone else's key got the first caller's result
 * back. Rows written before this migration have no known caller; they get the
 * empty subject, which no token carries, so they are never replayed again.
 */
export class IdempotencyKeysBySubject1763900000002 implements MigrationInterface {
  name = "IdempotencyKeysBySubject1763900000002";
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_key ADD COLUMN subject text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE idempotency_key ALTER COLUMN subject DROP DEFAULT`);
    await q.query(`ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey`);
    await q.query(`ALTER TABLE idempotency_key ADD PRIMARY KEY (subject, operation, key)`);
  }
  async down(q: QueryRunner): Promise<void> {
    // Two callers may now hold the same (operation, key): keep the oldest, as the old key would have.
    await q.query(`
      DELETE FROM idempotency_key k USING idempotency_key older
      WHERE k.operation = older.operation AND k.key = older.key
        AND (older.created_at, older.subject) < (k.created_at, k.subject)`);
    await q.query(`ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey`);
    await q.query(`ALTER TABLE idempotency_key DROP COLUMN subject`);
    await q.query(`ALTER TABLE idempotency_key ADD PRIMARY KEY (operation, key)`);
  }
}

/** Longest idempotency key accepted; a client's UUID or ULID fits many times over. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Whose key it is and for what: the same key of another caller or another mutation is another key. */
export interface IdempotencyScope {
  /** The caller's subject (`sub` of their token). */
  subject: string;
  /** The mutation, e.g. "registerHousehold". */
  operation: string;
}

export function hashRequest(input: unknown): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

/**
 * Runs `create` once per (subject, operation, key) inside the caller's
 * transaction. A repeat by the same caller with the same key and input returns
 * the first result's ID; a concurrent repeat waits on the key's row lock and
 * then does the same. The same key with a different input is a CONFLICT; a key
 * longer than MAX_IDEMPOTENCY_KEY_LENGTH is BAD_USER_INPUT. Without a key, just creates.
 */
export async function once(
  manager: EntityManager,
  scope: IdempotencyScope,
  key: string | null | undefined,
  input: unknown,
  create: () => Promise<string>,
): Promise<{ id: string; replayed: boolean }> {
  if (!key) return { id: await create(), replayed: false };
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badInput(
      "input.idempotencyKey",
      `input.idempotencyKey is ${key.length} characters long (it starts ${JSON.stringify(key.slice(0, 20))}); ` +
        `at most ${MAX_IDEMPOTENCY_KEY_LENGTH} are allowed.`,
    );
  }
  const { subject, operation } = scope;
  const hash = hashRequest(input);
  const inserted: unknown[] = await manager.query(
    `INSERT INTO idempotency_key (subject, operation, key, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (subject, operation, key) DO NOTHING RETURNING key`,
    [subject, operation, key, hash],
  );
  if (inserted.length === 0) {
    const [row] = await manager.query(
      `SELECT request_hash, result_id FROM idempotency_key WHERE subject = $1 AND operation = $2 AND key = $3`,
      [subject, operation, key],
    );
    if (row.request_hash !== hash) {
      throw conflict(`idempotencyKey ${JSON.stringify(key)} was already used for a different ${operation} request.`, {
        field: "input.idempotencyKey",
      });
    }
    return { id: row.result_id, replayed: true };
  }
  const id = await create();
  await manager.query(`UPDATE idempotency_key SET result_id = $4 WHERE subject = $1 AND operation = $2 AND key = $3`, [
    subject,
    operation,
    key,
    id,
  ]);
  return { id, replayed: false };
}
