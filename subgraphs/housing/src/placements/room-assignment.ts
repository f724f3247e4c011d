/** A room with no one in it (rooms are never shared between households). */
export interface FreeRoom {
  id: string;
  label: string;
  beds: number;
}

export interface MemberFacts {
  id: string;
  sex: string | null;
  birthYear: number | null;
}

/**
 * Which free rooms a household gets, and which bed-holder goes where.
 * Rules (domain.md, "Placement"): a household gets whole rooms, never shares
 * one with another household, and every person has their own bed.
 * - One room when any free room has enough beds: the smallest that does, so
 *   big rooms stay free for big families.
 * - Otherwise as few rooms as possible (largest first), the last one chosen as
 *   small as still suffices.
 * - When a household spans rooms, members are ordered women, then children
 *   (under 18 in the move-in year), then men, then unknown, and rooms filled in
 *   that order: children stay with their mother, and adults of one sex share.
 *   Without sex and birth year (a caller social does not tell them to), the
 *   order is the household's.
 * Returns null when the free rooms cannot hold the household.
 */
export function assignRooms(
  members: readonly MemberFacts[],
  freeRooms: readonly FreeRoom[],
  moveInYear: number,
): Map<string, string> | null {
  const n = members.length;
  const rooms = [...freeRooms].sort((a, b) => a.beds - b.beds || a.label.localeCompare(b.label));
  const single = rooms.find((r) => r.beds >= n);
  let chosen: FreeRoom[];
  if (single) {
    chosen = [single];
  } else {
    const largest = [...rooms].reverse();
    chosen = [];
    let beds = 0;
    for (const r of largest) {
      if (beds >= n) break;
      chosen.push(r);
      beds += r.beds;
    }
    if (beds < n) return null;
    const last = chosen.pop()!;
    const need = n - (beds - last.beds);
    const smaller = rooms.find((r) => r.beds >= need && !chosen.includes(r)) ?? last;
    chosen.push(smaller);
  }
  const rank = (m: MemberFacts): number => {
    const minor = m.birthYear !== null && moveInYear - m.birthYear < 18;
    if (minor) return 1;
    if (m.sex === "FEMALE") return 0;
    if (m.sex === "MALE") return 2;
    return m.sex === null ? 0 : 3;
  };
  const ordered = members.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m) - rank(b.m) || a.i - b.i);
  const assignment = new Map<string, string>();
  let k = 0;
  for (const room of chosen) {
    for (let bed = 0; bed < room.beds && k < ordered.length; bed++, k++) assignment.set(ordered[k].m.id, room.id);
  }
  return assignment;
}
