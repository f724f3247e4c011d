import { createHash } from "node:crypto";
import { EntityManager, MigrationInterface, QueryRunner } from "typeorm";
import { conflict } from "./errors";

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

export function hashRequest(input: unknown): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

/**
 * Runs `create` once per (operation, key) inside the caller's transaction.
 * A repeat with the same key and input returns the first result's ID; a
 * concurrent repeat waits on the key's row lock and then does the same. The
 * same key with a different input is a CONFLICT. Without a key, just creates.
 */
export async function once(
  manager: EntityManager,
  operation: string,
  key: string | null | undefined,
  input: unknown,
  create: () => Promise<string>,
): Promise<{ id: string; replayed: boolean }> {
  if (!key) return { id: await create(), replayed: false };
  const hash = hashRequest(input);
  const inserted: unknown[] = await manager.query(
    `INSERT INTO idempotency_key (operation, key, request_hash) VALUES ($1, $2, $3)
     ON CONFLICT (operation, key) DO NOTHING RETURNING key`,
    [operation, key, hash],
  );
  if (inserted.length === 0) {
    const [row] = await manager.query(
      `SELECT request_hash, result_id FROM idempotency_key WHERE operation = $1 AND key = $2`,
      [operation, key],
    );
    if (row.request_hash !== hash) {
      throw conflict(`idempotencyKey ${JSON.stringify(key)} was already used for a different ${operation} request.`, {
        field: "input.idempotencyKey",
      });
    }
    return { id: row.result_id, replayed: true };
  }
  const id = await create();
  await manager.query(`UPDATE idempotency_key SET result_id = $3 WHERE operation = $1 AND key = $2`, [
    operation,
    key,
    id,
  ]);
  return { id, replayed: false };
}
