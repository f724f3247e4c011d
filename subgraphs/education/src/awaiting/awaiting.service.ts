import { badInput, SubgraphContext, todayInBrussels } from "@reception-graph/kit";
import { EducationLoaders } from "../loaders";
import { ChildAwaitingSchool } from "./awaiting.entity";

type Ctx = SubgraphContext<EducationLoaders>;

/** Compulsory school age in Belgium: from 5 up to 18 (domain.md). */
export const SCHOOL_AGE = { from: 5, to: 17 };
/** Longest alert one request returns (the longest waiting first); the default is DEFAULT_FIRST. */
export const AWAITING_MAX = 200;
export const DEFAULT_FIRST = 50;
/** Largest daysSinceArrival accepted (ten years: longer than anyone has been here). */
export const DAYS_MAX = 3650;
/** Largest page asked of social and housing in one call. */
const BATCH_MAX = 1000;

const DAY_MS = 86_400_000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The children of school age who have waited at least `days` days without a
 * school place, longest first, at most `first`. Built on the graph (see the
 * README, "Compulsory schooling alert"):
 *
 * 1. the caller's own children when scoped (education's scope: school staff's
 *    schools here, a site coordinator's residents asked of housing), once;
 * 2. the ENROLLED children among them, one statement here (WAITLISTED counts
 *    as not enrolled);
 * 3. social's school-age registrations old enough, without the enrolled, in
 *    registration order, one page per call;
 * 4. housing's move-in days of that page, one call: a child's wait starts at
 *    the later of registration and move-in.
 *
 * A child's wait never starts before their registration, and children whose
 * waits start on the same day are listed in registration order (social's page
 * order). So once a page ends at registration day R, every child found waiting
 * since R or before is surely ahead of every child not fetched yet: pages are
 * asked until `first` such children are found or social has no more. Each
 * page is bounded (SQL LIMIT), and its size doubles each round, so a request
 * costs a few calls whatever the number of people. Were the ties broken any
 * other way, a child waiting since R itself could not be placed before the
 * rest of R's registrations were read: at 80,000 people, more children
 * register on a busy day than a first page holds, and every request asked a
 * second page.
 */
export async function childrenAwaitingSchool(ctx: Ctx, days: number, first: number): Promise<ChildAwaitingSchool[]> {
  if (!Number.isInteger(days) || days < 0 || days > DAYS_MAX)
    throw badInput("daysSinceArrival", `daysSinceArrival ${days} is outside 0–${DAYS_MAX}.`);
  if (first < 1 || first > AWAITING_MAX) throw badInput("first", `first ${first} is outside 1–${AWAITING_MAX}.`);
  const today = todayInBrussels();
  const cutoff = addDays(today, -days);

  let among: string[] | null = null;
  if (ctx.access.level("EDUCATION") === "OWN") {
    among = ctx.access.scope ? await ctx.access.scope.all() : [];
    if (among.length === 0) return [];
  }
  // Aggregated into one comma-separated string: at 20,000 enrolled children, rows and a JSON list cost more than
  // the rest of the request (see the README). No DISTINCT (and its sort): a child has one active enrolment at most
  // (enrolment_one_active_per_person).
  const [{ enrolled }]: { enrolled: string | null }[] = await ctx.dataSource.query(
    `SELECT string_agg(person_id::text, ',') AS enrolled FROM enrolment
     WHERE status = 'ENROLLED' AND ($1::uuid[] IS NULL OR person_id = ANY($1::uuid[]))`,
    [among],
  );
  let excludeIds: string | null = enrolled;
  if (among) {
    const placed = new Set(enrolled ? enrolled.split(",") : []);
    among = among.filter((id) => !placed.has(id));
    excludeIds = null;
    if (among.length === 0) return [];
  }
  // The site is housing data: only asked for (and checked by housing) when the caller's role may read some.
  const withSite = ctx.access.level("HOUSING") !== "NONE";

  /** `order`: the child's place in social's registration order, which breaks ties between equal waits. */
  const found: { personId: string; since: string; siteId: string | null; order: number }[] = [];
  let after: string | null = null;
  let batch = Math.min(BATCH_MAX, 2 * first + 50);
  let read = 0;
  for (;;) {
    const page = await ctx.loaders.awaitingPeers.schoolAgeRegistrations({
      ageFrom: SCHOOL_AGE.from,
      ageTo: SCHOOL_AGE.to,
      registeredOnOrBefore: cutoff,
      first: batch,
      after,
      personIds: among,
      excludeIds,
    });
    const moves = new Map(
      (
        await ctx.loaders.awaitingPeers.moveIns(
          page.map((r) => r.personId),
          withSite,
        )
      ).map((m) => [m.personId, m]),
    );
    for (const r of page) {
      const move = moves.get(r.personId);
      const since = move && move.moveInDate > r.registeredOn ? move.moveInDate : r.registeredOn;
      if (since <= cutoff) found.push({ personId: r.personId, since, siteId: move?.siteId ?? null, order: read });
      read++;
    }
    const exhausted = page.length < batch;
    const threshold = page.length ? page[page.length - 1].registeredOn : cutoff;
    if (exhausted || found.filter((f) => f.since <= threshold).length >= first) break;
    after = page[page.length - 1].cursor;
    batch = Math.min(BATCH_MAX, batch * 2);
  }
  found.sort((a, b) => (a.since === b.since ? a.order - b.order : a.since < b.since ? -1 : 1));
  return found.slice(0, first).map((f) => ({
    personId: f.personId,
    siteId: f.siteId,
    waitingSince: f.since,
    daysWaiting: daysBetween(f.since, today),
    site: f.siteId ? { id: f.siteId } : null,
  }));
}
