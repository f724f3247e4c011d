import { badInput, Caller, conflict, driverErrorOf, notFound, once } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { AssignHouseholdToSiteInput } from "./assignment.inputs";

const NOTE_MAX = 500;

/**
 * Records that a household is handed over to a site. The members are those
 * social named to the assigner; they become the site coordinator's "own"
 * while the assignment is open. A household already living at a site, or
 * already assigned, is a CONFLICT. Returns the assignment's ID.
 */
export async function assignHouseholdToSite(
  db: EntityManager,
  input: AssignHouseholdToSiteInput & { householdId: string; siteId: string },
  memberIds: readonly string[],
  caller: Caller,
  role: "HOUSING_COORDINATOR" | "SOCIAL_WORKER",
): Promise<string> {
  const note = input.note?.trim() || null;
  if (note && note.length > NOTE_MAX)
    throw badInput("input.note", `note is ${note.length} characters long; at most ${NOTE_MAX} are allowed.`);
  try {
    return await db.transaction(async (manager) => {
      const { id } = await once(
        manager,
        { subject: caller.sub, operation: "assignHouseholdToSite" },
        input.idempotencyKey,
        input,
        async () => {
          const [site] = await manager.query(`SELECT id FROM site WHERE id = $1`, [input.siteId]);
          if (!site) throw notFound("Site", input.siteId);
          const [placed] = await manager.query(
            `SELECT 1 FROM placement WHERE person_id = ANY($1::uuid[]) AND move_out_date IS NULL LIMIT 1`,
            [memberIds],
          );
          if (placed) {
            throw conflict(
              `Household ${input.householdId} already lives at a site; record its move-out before assigning it elsewhere.`,
            );
          }
          const [row] = await manager.query(
            `INSERT INTO site_assignment (household_id, site_id, person_ids, note, assigned_by, assigned_by_role)
             VALUES ($1, $2, $3::uuid[], $4, $5, $6) RETURNING id`,
            [input.householdId, input.siteId, memberIds, note, caller.sub, role],
          );
          return row.id as string;
        },
      );
      return id;
    });
  } catch (e) {
    const driver = driverErrorOf(e);
    if (driver.code === "23505" && driver.constraint === "site_assignment_one_open") {
      throw conflict(
        `Household ${input.householdId} is already assigned to a site; withdraw that assignment (withdrawSiteAssignment) first.`,
      );
    }
    throw e;
  }
}

/** Withdraws an open assignment; CONFLICT when it is no longer open. */
export async function withdrawSiteAssignment(db: EntityManager, id: string, caller: Caller): Promise<void> {
  const [rows] = await db.query(
    `UPDATE site_assignment SET status = 'WITHDRAWN', closed_at = now(), closed_by = $2
     WHERE id = $1 AND status = 'OPEN' RETURNING id`,
    [id, caller.sub],
  );
  if (!rows?.length) {
    const [exists] = await db.query(`SELECT status FROM site_assignment WHERE id = $1`, [id]);
    if (!exists) throw notFound("SiteAssignment", id);
    throw conflict(`Site assignment ${id} is already ${String(exists.status).toLowerCase()}.`);
  }
}
