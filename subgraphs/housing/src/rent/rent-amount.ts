import { RentFacts } from "../peers/social-peer";
import { RentLineData } from "./rent-charge.entity";

/** Share of the living wage (leefloon) residents pay as rent (domain.md, "Rent"). */
export const RENT_SHARE = 0.3;

/** First and last day of a month written YYYY-MM. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split("-").map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, "0")}` };
}

/**
 * A household's rent for one month: 30% of the living wage of each member
 * whose support (as OCMW decided and paid it) was paid in or before that
 * month. Members without support, or whose first payment comes later, owe
 * nothing yet; a household with no such member gets no charge (null).
 * OCMW grants the living wage per person (a family's WITH_FAMILY_DEPENDANTS
 * rate to one member, the COHABITANT rate to each adult living together), so
 * summing the members' shares charges each household 30% of what it receives.
 */
export function rentForHousehold(
  memberIds: readonly string[],
  facts: ReadonlyMap<string, RentFacts | null>,
): { amount: number; lines: RentLineData[] } | null {
  const lines: RentLineData[] = [];
  for (const personId of memberIds) {
    const f = facts.get(personId);
    if (!f || !f.paidInOrBefore || f.livingWage == null || !(f.livingWage > 0)) continue;
    lines.push({
      personId,
      category: f.category ?? "UNKNOWN",
      livingWage: f.livingWage,
      amount: Math.round(f.livingWage * RENT_SHARE * 100) / 100,
    });
  }
  if (lines.length === 0) return null;
  return { amount: Math.round(lines.reduce((s, l) => s + l.amount * 100, 0)) / 100, lines };
}
