import {
  assertUuid,
  badInput,
  Caller,
  conflict,
  driverErrorOf,
  notFound,
  once,
  requireText,
} from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { Site } from "../sites/site.entity";
import { IssueStockInput, StockInput } from "./stock.inputs";
import { StockLevel } from "./stock-level.entity";

/** The largest quantity the stock_level.quantity column (int) holds. */
const MAX_STOCK = 2_147_483_647;

/** One spelling per item, so that 'Hygiene  Kit' and 'hygiene kit' are one stock line. */
export function normaliseItem(item: string, field: string): string {
  return requireText(item, field, 100).replace(/\s+/g, " ").toLowerCase();
}

/** Checks a delivery before anything is written; returns the normalised item. */
export function validateReceipt(input: StockInput): { item: string } {
  const item = normaliseItem(input.item, "input.item");
  if (!Number.isInteger(input.quantity) || input.quantity < 0 || input.quantity > 1_000_000)
    throw badInput("input.quantity", `quantity ${input.quantity} must be a whole number from 0 to 1,000,000.`);
  const threshold = input.lowStockThreshold;
  if (threshold != null && (!Number.isInteger(threshold) || threshold < 0 || threshold > 1_000_000))
    throw badInput("input.lowStockThreshold", `lowStockThreshold ${threshold} must be a whole number of 0 or more.`);
  return { item };
}

/** Adds a delivery to the site's stock of the item (creating the line) and records the movement. */
export async function receiveStock(
  dataSource: DataSource,
  siteId: string,
  input: StockInput,
  caller: Caller,
): Promise<StockLevel> {
  const { item } = validateReceipt(input);
  const threshold = input.lowStockThreshold;
  const id = await dataSource
    .transaction(async (manager) => {
      if (!(await manager.getRepository(Site).findOneBy({ id: siteId }))) throw notFound("Site", input.siteId);
      const r = await once(
        manager,
        { subject: caller.sub, operation: "receiveStock" },
        input.idempotencyKey,
        input,
        async () => {
          const [row] = await manager.query(
            `INSERT INTO stock_level (site_id, item, quantity, low_stock_threshold) VALUES ($1, $2, $3, COALESCE($4, 0))
           ON CONFLICT (site_id, item) DO UPDATE SET quantity = stock_level.quantity + EXCLUDED.quantity,
             low_stock_threshold = COALESCE($4, stock_level.low_stock_threshold), updated_at = now()
           RETURNING id`,
            [siteId, item, input.quantity, threshold ?? null],
          );
          if (input.quantity > 0) {
            await manager.query(`INSERT INTO stock_movement (stock_level_id, delta, by_subject) VALUES ($1, $2, $3)`, [
              row.id,
              input.quantity,
              caller.sub,
            ]);
          }
          return row.id as string;
        },
      );
      return r.id;
    })
    .catch((e) => {
      // 22003: the new total does not fit the quantity column; the whole delivery is refused.
      if (driverErrorOf(e).code === "22003")
        throw badInput(
          "input.quantity",
          `Receiving ${input.quantity} ${item} would bring the stock above what can be counted (${MAX_STOCK}).`,
        );
      throw e;
    });
  return (await dataSource.getRepository(StockLevel).findOneBy({ id }))!;
}

/** What is handed out, checked before anything is written (and before the resident is looked at). */
export interface StockIssue {
  item: string;
  personId: string | null;
  note: string | null;
}

/** Checks a hand-out before anything is written. */
export function validateIssue(input: IssueStockInput): StockIssue {
  const item = normaliseItem(input.item, "input.item");
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 1_000_000)
    throw badInput("input.quantity", `quantity ${input.quantity} must be a whole number of 1 or more.`);
  const personId = input.personId ? assertUuid(input.personId, "input.personId") : null;
  const note = input.note?.trim() ? requireText(input.note, "input.note", 500) : null;
  return { item, personId, note };
}

/** Hands out stock; never below zero, also when two people hand out the last kit at once (CONFLICT). */
export async function issueStock(
  db: EntityManager,
  siteId: string,
  input: IssueStockInput,
  issue: StockIssue,
  caller: Caller,
): Promise<StockLevel> {
  const { item, personId, note } = issue;
  const id = await db.transaction(async (manager) => {
    if (!(await manager.getRepository(Site).findOneBy({ id: siteId }))) throw notFound("Site", input.siteId);
    const r = await once(
      manager,
      { subject: caller.sub, operation: "issueStock" },
      input.idempotencyKey,
      input,
      async () => {
        const [level] = await manager.query(`SELECT id, quantity FROM stock_level WHERE site_id = $1 AND item = $2`, [
          siteId,
          item,
        ]);
        if (!level) throw notFound("Stock item", item);
        // Guarded update: never below zero, also when two people hand out the last kit at once.
        // TypeORM answers an UPDATE with [rows, affected count].
        const [, affected]: [unknown[], number] = await manager.query(
          `UPDATE stock_level SET quantity = quantity - $2, updated_at = now() WHERE id = $1 AND quantity >= $2`,
          [level.id, input.quantity],
        );
        if (affected === 0) {
          const [now] = await manager.query(`SELECT quantity FROM stock_level WHERE id = $1`, [level.id]);
          throw conflict(`Only ${now.quantity} ${item} in stock; cannot issue ${input.quantity}.`);
        }
        await manager.query(
          `INSERT INTO stock_movement (stock_level_id, delta, person_id, note, by_subject) VALUES ($1, $2, $3, $4, $5)`,
          [level.id, -input.quantity, personId, note, caller.sub],
        );
        return level.id as string;
      },
    );
    return r.id;
  });
  return (await db.getRepository(StockLevel).findOneBy({ id }))!;
}

/** Items below their low-stock threshold, on all sites or one site. */
export function lowStock(dataSource: DataSource, siteId: string | null): Promise<StockLevel[]> {
  const qb = dataSource.getRepository(StockLevel).createQueryBuilder("s").where("s.quantity < s.low_stock_threshold");
  if (siteId) qb.andWhere("s.site_id = :siteId", { siteId });
  return qb.orderBy("s.site_id").addOrderBy("s.item").getMany();
}
