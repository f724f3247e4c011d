import {
  badInput,
  Caller,
  conflict,
  domainError,
  driverErrorOf,
  isIsoDate,
  isUuid,
  notFound,
  once,
  requireText,
  todayInBrussels,
} from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { HouseholdMembers } from "../peers/social-peer";
import { Placement } from "./placement.entity";
import { PlaceHouseholdInput, MoveOutInput } from "./placement.inputs";
import { assignRooms, FreeRoom } from "./room-assignment";

/** BAD_USER_INPUT on `field` unless the person (whose placements these are) lives at the site now. */
export function requireResident(
  placements: Placement[] | Error,
  personId: string,
  siteId: string,
  field: string,
): void {
  const resident =
    !(placements instanceof Error) && placements.some((p) => p.siteId === siteId && p.moveOutDate === null);
  if (!resident) throw badInput(field, `Person ${personId} does not live at site ${siteId}.`);
}

function capacityExceeded(message: string) {
  return domainError("CAPACITY_EXCEEDED", message);
}

/**
 * Places a whole household on a site in one transaction. The site row is
 * locked first, so placements on one site are taken one after another; the
 * database triggers and CHECK constraints (see the migration) refuse any
 * write that would exceed a room's beds or the site's validated capacity, or
 * start before the site's validation took effect, even if this code were
 * wrong. Returns the IDs of the new placements.
 */
export async function placeHousehold(
  db: EntityManager,
  input: PlaceHouseholdInput,
  household: HouseholdMembers,
  caller: Caller,
  maySeeSite: (siteId: string) => boolean = () => true,
): Promise<string[]> {
  if (!isIsoDate(input.moveInDate))
    throw badInput("input.moveInDate", `moveInDate ${JSON.stringify(input.moveInDate)} is not a date.`);
  if (household.members.length === 0)
    throw badInput("input.householdId", `Household ${household.id} has no members to place.`);
  const siteId = input.siteId.toLowerCase();
  try {
    return await db.transaction(async (manager) => {
      const { id } = await once(
        manager,
        { subject: caller.sub, operation: "placeHousehold" },
        input.idempotencyKey,
        input,
        async () => (await placeInTransaction(manager, siteId, input, household, caller, maySeeSite)).join(","),
      );
      return id.split(",");
    });
  } catch (e) {
    const driver = driverErrorOf(e);
    if (driver.code === "23514" && driver.constraint === "placement_after_validation")
      throw capacityExceeded(`Site ${siteId}: ${driver.message} Household ${household.id} cannot move in that day.`);
    if (driver.code === "23514")
      throw capacityExceeded(`Site ${siteId} has no room left for household ${household.id} (${driver.constraint}).`);
    if (driver.code === "23505" && driver.constraint === "placement_one_open_per_person")
      throw conflict(`A member of household ${household.id} was placed elsewhere at the same moment.`);
    throw e;
  }
}

async function placeInTransaction(
  manager: EntityManager,
  siteId: string,
  input: PlaceHouseholdInput,
  household: HouseholdMembers,
  caller: Caller,
  maySeeSite: (siteId: string) => boolean,
): Promise<string[]> {
  // The VALIDATED line is final (nothing leaves VALIDATED), so the day it took effect cannot change under the lock.
  const [site] = await manager.query(
    `SELECT s.id, s.name, s.capacity, s.occupied, s.validated,
            (SELECT to_char(c.effective_on, 'YYYY-MM-DD') FROM housing_offer o
               JOIN offer_status_change c ON c.offer_id = o.id AND c.status = 'VALIDATED'
             WHERE o.site_id = s.id ORDER BY c.at DESC LIMIT 1) AS "validatedOn"
     FROM site s WHERE s.id = $1 FOR UPDATE OF s`,
    [siteId],
  );
  if (!site) throw notFound("Site", input.siteId);
  const n = household.members.length;
  if (!site.validated) {
    throw capacityExceeded(
      `Site ${site.name} is not validated: its ${site.capacity} beds do not count as available, so household ${household.id} (${n} people) cannot be placed there.`,
    );
  }
  if (site.validatedOn && input.moveInDate < site.validatedOn) {
    throw capacityExceeded(
      `Site ${site.name} is validated from ${site.validatedOn}: on move-in date ${input.moveInDate} its beds were not validated capacity, so household ${household.id} cannot move in that day.`,
    );
  }
  const open: { person_id: string; site_id: string }[] = await manager.query(
    `SELECT person_id, site_id FROM placement WHERE person_id = ANY($1::uuid[]) AND move_out_date IS NULL`,
    [household.members.map((m) => m.id)],
  );
  if (open.length) {
    // Where someone lives is housing data: named only to a caller who may see that site.
    const where = maySeeSite(open[0].site_id) ? `site ${open[0].site_id}` : "another site";
    throw conflict(
      `Person ${open[0].person_id} of household ${household.id} already lives at ${where}; record the move-out first.`,
    );
  }
  const free = site.capacity - site.occupied;
  if (free < n) {
    throw capacityExceeded(`Site ${site.name} has ${free} free bed(s); household ${household.id} needs ${n}.`);
  }
  const rooms: FreeRoom[] = await manager.query(
    `SELECT id, label, beds FROM room WHERE site_id = $1 AND occupied = 0 ORDER BY label FOR UPDATE`,
    [siteId],
  );
  const assignment = assignRooms(household.members, rooms, Number(input.moveInDate.slice(0, 4)));
  if (!assignment) {
    throw capacityExceeded(
      `Site ${site.name} has ${free} free bed(s) but no free rooms that together hold household ${household.id} (${n} people) without sharing a room with another household.`,
    );
  }
  const rows: { id: string }[] = await manager.query(
    `INSERT INTO placement (person_id, household_id, site_id, room_id, move_in_date, created_by)
     SELECT m.person_id, $1, $2, m.room_id, $3, $4
     FROM jsonb_to_recordset($5::jsonb) AS m(person_id uuid, room_id uuid)
     RETURNING id`,
    [
      household.id,
      siteId,
      input.moveInDate,
      caller.sub,
      JSON.stringify([...assignment].map(([personId, roomId]) => ({ person_id: personId, room_id: roomId }))),
    ],
  );
  // The hand-over is done: the household lives here now (or the city placed it elsewhere).
  await manager.query(
    `UPDATE site_assignment SET status = 'PLACED', closed_at = now(), closed_by = $2
     WHERE household_id = $1 AND status = 'OPEN'`,
    [household.id, caller.sub],
  );
  return rows.map((r) => r.id);
}

/** Ends a placement, frees the bed (trigger) and records the move-out event for the city. */
export async function moveOut(dataSource: DataSource, input: MoveOutInput, caller: Caller): Promise<string> {
  if (!isUuid(input.placementId))
    throw badInput("input.placementId", `placementId ${JSON.stringify(input.placementId)} is not a valid ID.`);
  if (!isIsoDate(input.date)) throw badInput("input.date", `date ${JSON.stringify(input.date)} is not a date.`);
  // Ending a placement frees its beds at once: a move-out still to come would let another household take a bed
  // that is still occupied, so it is recorded on the day it happens.
  const today = todayInBrussels();
  if (input.date > today)
    throw badInput("input.date", `Move-out date ${input.date} is after today (${today}); record it once it happened.`);
  const reason = requireText(input.reason, "input.reason", 500);
  return dataSource.transaction(async (manager) => {
    const p = await manager
      .getRepository(Placement)
      .createQueryBuilder("p")
      .setLock("pessimistic_write")
      .where("p.id = :id", { id: input.placementId.toLowerCase() })
      .getOne();
    if (!p) throw notFound("Placement", input.placementId);
    if (p.moveOutDate) throw conflict(`Placement ${p.id} already ended on ${p.moveOutDate}.`);
    if (input.date < p.moveInDate)
      throw badInput("input.date", `Move-out date ${input.date} is before the move-in date ${p.moveInDate}.`);
    await manager.query(`UPDATE placement SET move_out_date = $2, move_out_reason = $3 WHERE id = $1`, [
      p.id,
      input.date,
      reason,
    ]);
    await manager.query(
      `INSERT INTO move_out (placement_id, person_id, household_id, site_id, date, reason, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [p.id, p.personId, p.householdId, p.siteId, input.date, reason, caller.sub],
    );
    return p.id;
  });
}
