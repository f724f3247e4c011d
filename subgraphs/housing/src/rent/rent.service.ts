import { Caller } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { socialRefusal, SocialPeer } from "../peers/social-peer";
import { monthBounds, rentForHousehold } from "./rent-amount";
import { RentCharge } from "./rent-charge.entity";

/**
 * Creates the month's charges for the resident households of the given
 * sites (households with a placement during that month) that have none yet;
 * returns all charges of that month for those households. Rent due comes
 * from social in one call for all residents. The unique (household, month)
 * constraint makes a repeated or concurrent call create nothing twice.
 */
export async function chargeRent(
  db: EntityManager,
  social: SocialPeer,
  caller: Caller,
  month: string,
  siteIds: string[] | null,
  ownPeople: ((personIds: string[]) => Promise<Set<string>>) | null = null,
): Promise<{ charges: RentCharge[]; created: Set<string> }> {
  const { first, last } = monthBounds(month);
  const residents: { household_id: string; person_id: string; site_id: string }[] = await db.query(
    `SELECT DISTINCT ON (person_id) household_id, person_id, site_id FROM placement
     WHERE move_in_date <= $1 AND (move_out_date IS NULL OR move_out_date >= $2)
       AND ($3::uuid[] IS NULL OR site_id = ANY($3::uuid[]))
     ORDER BY person_id, move_in_date DESC`,
    [last, first, siteIds],
  );
  const households = new Map<string, { siteId: string; members: string[] }>();
  for (const r of residents) {
    const h = households.get(r.household_id) ?? { siteId: r.site_id, members: [] };
    h.members.push(r.person_id);
    households.set(r.household_id, h);
  }
  if (ownPeople) {
    // A caller with "own" access (a SITE_COORDINATOR) may only charge, and social only tells them the support
    // facts of, people still living at their sites; a household with a member who left is the city's to charge.
    const own = await ownPeople(residents.map((r) => r.person_id));
    for (const [h, { members }] of households) if (!members.every((m) => own.has(m))) households.delete(h);
  }
  const householdIds = [...households.keys()];
  const charged = new Set<string>(
    (
      await db.query(`SELECT household_id FROM rent_charge WHERE month = $1 AND household_id = ANY($2::uuid[])`, [
        month,
        householdIds,
      ])
    ).map((r: { household_id: string }) => r.household_id),
  );
  const toCharge = householdIds.filter((h) => !charged.has(h));
  const created = new Set<string>();
  if (toCharge.length) {
    let due;
    try {
      due = await social.rentDue(
        toCharge.flatMap((h) => households.get(h)!.members),
        month,
      );
    } catch (e) {
      throw socialRefusal(e, "the rent due");
    }
    const rows = toCharge
      .map((h) => ({ h, rent: rentForHousehold(households.get(h)!.members, due) }))
      .filter((x) => x.rent !== null)
      .map(({ h, rent }) => ({
        household_id: h,
        site_id: households.get(h)!.siteId,
        amount: rent!.amount,
        lines: rent!.lines,
      }));
    if (rows.length) {
      const inserted: { id: string }[] = await db.query(
        `INSERT INTO rent_charge (household_id, site_id, month, amount, lines, created_by)
         SELECT r.household_id, r.site_id, $1, r.amount, r.lines, $2
         FROM jsonb_to_recordset($3::jsonb) AS r(household_id uuid, site_id uuid, amount numeric, lines jsonb)
         ON CONFLICT ON CONSTRAINT rent_once_per_household_and_month DO NOTHING
         RETURNING id`,
        [month, caller.sub, JSON.stringify(rows)],
      );
      for (const r of inserted) created.add(r.id);
    }
  }
  const charges = householdIds.length
    ? await db
        .getRepository(RentCharge)
        .createQueryBuilder("c")
        .where("c.month = :month AND c.household_id = ANY(:ids::uuid[])", { month, ids: householdIds })
        .orderBy("c.site_id")
        .addOrderBy("c.household_id")
        .getMany()
    : [];
  return { charges, created };
}
