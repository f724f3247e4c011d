import { isoAt, isoDate, Random, WeightedIndex } from "./random";
import { SeedPeople, Timeline } from "./social";
import { tableRows, TableRows } from "./tables";

export interface Municipality {
  nisCode: string;
  name: string;
  inhabitants: number;
}

export interface SeedSite {
  id: string;
  /** The day its VALIDATED status took effect: no move-in before it. */
  validatedDay: number;
}

/** Where a person lived: the other subgraphs date care and activities at the person's site. */
export interface SeedStay {
  person: number;
  site: number;
  moveIn: number;
  moveOut: number | null;
}

export interface SeedHousing {
  tables: TableRows[][];
  sites: SeedSite[];
  stays: SeedStay[];
}

const KINDS = {
  COLLECTIVE_HOUSING: 35,
  HOST_FAMILY: 25,
  SOCIAL_HOUSING: 20,
  EMERGENCY_VILLAGE: 10,
  RECEPTION_CENTRE: 10,
};
const OPERATORS: Record<string, string[]> = {
  COLLECTIVE_HOUSING: ["IOM", "Rode Kruis Vlaanderen", "OCMW"],
  HOST_FAMILY: ["Host family"],
  SOCIAL_HOUSING: ["Sociale huisvestingsmaatschappij"],
  EMERGENCY_VILLAGE: ["Stad", "Rode Kruis Vlaanderen"],
  RECEPTION_CENTRE: ["IOM", "Fedasil"],
};
const ROOM_BEDS = [2, 4, 6];
const ITEMS = ["HYGIENE_KIT", "BEDDING", "TOWELS", "CLEANING_PRODUCTS", "MENSTRUAL_HYGIENE_PACK", "FACE_MASKS"];

/**
 * Housing's rows: `sites` validated sites in the 300 municipalities (weighted by inhabitants), each
 * with an offer whose status went TO_VALIDATE (→ IN_PREPARATION) → VALIDATED and rooms of 2, 4 or 6
 * beds; about 55% of households placed days after registering, each in one free room big enough for
 * it at a site validated by then (a room holds one household at a time, so no room or site is ever
 * over capacity), many moved out again; the site assignment that handed each household over; two
 * years of Fedasil allocations per municipality and day; stock levels per site.
 */
export function housingTables(
  random: Random,
  id: (kind: string, n: number) => string,
  people: SeedPeople,
  t: Timeline,
  municipalities: readonly Municipality[],
  siteCount: number,
): SeedHousing {
  const byInhabitants = new WeightedIndex(municipalities.map((m) => m.inhabitants));
  const site = tableRows("site", [
    ["id", "uuid"],
    ["name", "text"],
    ["kind", "text"],
    ["operator", "text"],
    ["nis_code", "text"],
    ["address", "text"],
    ["sustainable", "bool"],
    ["accessible", "bool"],
    ["created_at", "timestamptz"],
  ]);
  const offer = tableRows("housing_offer", [
    ["id", "uuid"],
    ["reference", "text"],
    ["provider", "text"],
    ["nis_code", "text"],
    ["places", "int"],
    ["kind", "text"],
    ["sustainable", "bool"],
    ["available_from", "date"],
    ["status", "text"],
    ["site_id", "uuid"],
    ["created_at", "timestamptz"],
    ["updated_at", "timestamptz"],
  ]);
  const change = tableRows("offer_status_change", [
    ["id", "uuid"],
    ["offer_id", "uuid"],
    ["from_status", "text"],
    ["status", "text"],
    ["at", "timestamptz"],
    ["by_subject", "text"],
    ["by_organisation", "text"],
    ["note", "text"],
    ["effective_on", "date"],
  ]);
  const room = tableRows("room", [
    ["id", "uuid"],
    ["site_id", "uuid"],
    ["label", "text"],
    ["beds", "int"],
    ["floor_area_m2", "numeric"],
    ["accessible", "bool"],
    ["created_at", "timestamptz"],
  ]);
  const stock = tableRows("stock_level", [
    ["id", "uuid"],
    ["site_id", "uuid"],
    ["item", "text"],
    ["quantity", "int"],
    ["low_stock_threshold", "int"],
    ["updated_at", "timestamptz"],
  ]);

  // Beds enough for the households placed at once, spread over the sites by their size.
  const households = people.households.length;
  const totalRooms = Math.max(siteCount, Math.round(households * 0.45));
  const siteWeights: number[] = [];
  const sites: SeedSite[] = [];
  const rooms: { id: string; beds: number; freeFrom: number }[][] = [];
  for (let s = 0; s < siteCount; s++) {
    const kind = random.weighted(KINDS);
    const m = municipalities[byInhabitants.draw(random)];
    const validatedDay = t.start - 45 + Math.floor(random.next() ** 2 * 420);
    const registered = validatedDay - random.int(10, 40);
    const siteId = id("site", s);
    const offerId = id("offer", s);
    const sustainable = kind !== "EMERGENCY_VILLAGE";
    siteWeights.push(
      kind === "RECEPTION_CENTRE" || kind === "COLLECTIVE_HOUSING" ? 5 : kind === "HOST_FAMILY" ? 0.4 : 1.5,
    );
    site.rows.push([
      siteId,
      `${kind === "HOST_FAMILY" ? "Host family" : "Site"} ${m.name} ${s + 1}`,
      kind,
      random.pick(OPERATORS[kind]),
      m.nisCode,
      `Opvangstraat ${random.int(1, 250)}, ${m.name}`,
      sustainable,
      random.chance(0.3),
      isoAt(registered),
    ]);
    offer.rows.push([
      offerId,
      `SEED-${m.nisCode}-${String(s + 1).padStart(4, "0")}`,
      random.pick(OPERATORS[kind]),
      m.nisCode,
      0,
      kind,
      sustainable,
      isoDate(validatedDay),
      "VALIDATED",
      siteId,
      isoAt(registered),
      isoAt(validatedDay, 30),
    ]);
    const coordinator = `seed-coordinator-${m.nisCode}`;
    const steps: [string | null, string, number][] = [[null, "TO_VALIDATE", registered]];
    if (random.chance(0.3)) steps.push(["TO_VALIDATE", "IN_PREPARATION", registered + 5]);
    steps.push([steps[steps.length - 1][1], "VALIDATED", validatedDay]);
    steps.forEach(([from, to, day], k) =>
      change.rows.push([
        id("offer_change", s * 3 + k),
        offerId,
        from,
        to,
        isoAt(day, 10 + k),
        coordinator,
        `CITY_${m.nisCode}`,
        from === null ? "Registered in the Flemish housing tool." : null,
        from === null ? null : isoDate(day),
      ]),
    );
    sites.push({ id: siteId, validatedDay });
    rooms.push([]);
    for (const item of ITEMS)
      stock.rows.push([id("stock", stock.rows.length), siteId, item, random.int(5, 200), 10, isoAt(validatedDay, 40)]);
  }
  const bySize = new WeightedIndex(siteWeights);
  for (let r = 0; r < totalRooms; r++) {
    const s = r < siteCount ? r : bySize.draw(random);
    const beds = ROOM_BEDS[Number(random.weighted({ 0: 35, 1: 50, 2: 15 }))];
    const roomId = id("room", r);
    rooms[s].push({ id: roomId, beds, freeFrom: sites[s].validatedDay });
    room.rows.push([
      roomId,
      sites[s].id,
      `R-${rooms[s].length}`,
      beds,
      String(beds * 5),
      random.chance(0.2),
      isoAt(sites[s].validatedDay - 5),
    ]);
  }

  const assignment = tableRows("site_assignment", [
    ["id", "uuid"],
    ["household_id", "uuid"],
    ["site_id", "uuid"],
    ["person_ids", "uuid[]"],
    ["status", "text"],
    ["assigned_by", "text"],
    ["assigned_by_role", "text"],
    ["assigned_at", "timestamptz"],
    ["closed_at", "timestamptz"],
    ["closed_by", "text"],
  ]);
  const placement = tableRows("placement", [
    ["id", "uuid"],
    ["person_id", "uuid"],
    ["household_id", "uuid"],
    ["site_id", "uuid"],
    ["room_id", "uuid"],
    ["move_in_date", "date"],
    ["move_out_date", "date"],
    ["move_out_reason", "text"],
    ["created_at", "timestamptz"],
    ["created_by", "text"],
  ]);
  const moveOut = tableRows("move_out", [
    ["id", "uuid"],
    ["placement_id", "uuid"],
    ["person_id", "uuid"],
    ["household_id", "uuid"],
    ["site_id", "uuid"],
    ["date", "date"],
    ["reason", "text"],
    ["recorded_at", "timestamptz"],
    ["recorded_by", "text"],
  ]);
  const stays: SeedStay[] = [];
  people.households.forEach((h) => {
    if (!random.chance(0.55)) return;
    const size = Math.min(h.members.length, 6);
    const moveIn = Math.min(t.until, h.registeredDay + random.int(0, 9));
    // A few tries at sites drawn by size; the household waits elsewhere if none has a free room.
    for (let attempt = 0; attempt < 6; attempt++) {
      const s = bySize.draw(random);
      if (sites[s].validatedDay > moveIn) continue;
      const free = rooms[s].filter((r) => r.beds >= size && r.freeFrom <= moveIn).sort((a, b) => a.beds - b.beds)[0];
      if (!free) continue;
      const stay = random.chance(0.45) ? null : random.int(20, 540);
      const out = stay === null || moveIn + stay > t.until ? null : moveIn + stay;
      free.freeFrom = out === null ? Number.POSITIVE_INFINITY : out + 1;
      const reason =
        out === null
          ? null
          : random.pick(["Moved to private housing", "Returned to Ukraine", "Moved to another municipality"]);
      const a = assignment.rows.length;
      assignment.rows.push([
        id("assignment", a),
        h.id,
        sites[s].id,
        h.members.map((m) => people.persons[m].id),
        "PLACED",
        "seed-city-housing-coordinator",
        "HOUSING_COORDINATOR",
        isoAt(moveIn, -60),
        isoAt(moveIn, 30),
        `seed-site-coordinator-${s + 1}`,
      ]);
      for (const m of h.members.slice(0, size)) {
        const p = placement.rows.length;
        const placementId = id("placement", p);
        placement.rows.push([
          placementId,
          people.persons[m].id,
          h.id,
          sites[s].id,
          free.id,
          isoDate(moveIn),
          out === null ? null : isoDate(out),
          reason,
          isoAt(moveIn, 30),
          `seed-site-coordinator-${s + 1}`,
        ]);
        if (out !== null)
          moveOut.rows.push([
            id("move_out", p),
            placementId,
            people.persons[m].id,
            h.id,
            sites[s].id,
            isoDate(out),
            reason,
            isoAt(out, 120),
            `seed-site-coordinator-${s + 1}`,
          ]);
        stays.push({ person: m, site: s, moveIn, moveOut: out });
      }
      return;
    }
  });

  // Fedasil's allocations: on most days some municipalities, by inhabitants, about as many people as registered.
  const allocation = tableRows("allocation", [
    ["id", "uuid"],
    ["date", "date"],
    ["nis_code", "text"],
    ["persons", "int"],
    ["recorded_at", "timestamptz"],
    ["recorded_by", "text"],
  ]);
  const perDay = people.persons.length / (t.until - t.start + 1);
  for (let day = t.start; day <= t.until; day++) {
    // Front-loaded as the arrivals were (five times as many a day at the start as at the end), about one allocated person per person registered.
    const expected = 0.6 * perDay * (3 - (2.67 * (day - t.start)) / (t.until - t.start + 1));
    let left = Math.round(expected * (0.5 + random.next()));
    while (left > 0) {
      const persons = Math.min(left, random.int(1, 15));
      left -= persons;
      allocation.rows.push([
        id("allocation", allocation.rows.length),
        isoDate(day),
        municipalities[byInhabitants.draw(random)].nisCode,
        persons,
        isoAt(day, 300),
        "seed-fedasil-dispatch",
      ]);
    }
  }

  return {
    tables: [[site, offer, change, room, stock], [assignment, placement, moveOut], [allocation]],
    sites,
    stays,
  };
}
