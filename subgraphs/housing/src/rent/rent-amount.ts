import { RentDue } from "../peers/social-peer";
import { RentLineData } from "./rent-charge.entity";

/** First and last day of a month written YYYY-MM. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, "0")}` };
}

/**
 * A household's rent for one month: the rent due (as social computes it, 30%
 * of the living wage) of each member whose support was paid in or before that
 * month. Members without support, or not paid yet, owe nothing yet; a
 * household with no such member gets no charge (null). Housing never sees the
 * support category or the living wage behind an amount.
 */
export function rentForHousehold(
  memberIds: readonly string[],
  due: ReadonlyMap<string, RentDue | null>,
): { amount: number; lines: RentLineData[] } | null {
  const lines: RentLineData[] = [];
  for (const personId of memberIds) {
    const d = due.get(personId);
    if (!d || !d.paid || d.amount == null || !(d.amount > 0)) continue;
    lines.push({ personId, amount: Math.round(d.amount * 100) / 100 });
  }
  if (lines.length === 0) return null;
  return { amount: Math.round(lines.reduce((s, l) => s + l.amount * 100, 0)) / 100, lines };
}
