import { AgeBand, AttendeeCount, Sex } from "./legal-session.entity";

/** Counts below this could identify someone (access.md: shown as suppressed). */
export const SMALLEST_SHOWN = 5;

/**
 * Suppresses every cell below SMALLEST_SHOWN, and the total when it is; when
 * exactly one cell is suppressed under a shown total, the smallest shown cell
 * goes too, so that the hidden one cannot be worked out by subtraction.
 */
export function suppressCounts(cells: { ageBand: AgeBand; sex: Sex; count: number }[]): {
  attendees: AttendeeCount[];
  total: number | null;
} {
  const total = cells.reduce((n, c) => n + c.count, 0);
  const hidden = new Set(cells.filter((c) => c.count < SMALLEST_SHOWN));
  if (hidden.size === 1 && total >= SMALLEST_SHOWN) {
    const shown = cells.filter((c) => !hidden.has(c)).sort((a, b) => a.count - b.count);
    if (shown[0]) hidden.add(shown[0]);
  }
  return {
    attendees: cells.map((c) => ({
      ageBand: c.ageBand,
      sex: c.sex,
      count: hidden.has(c) ? null : c.count,
      suppressed: hidden.has(c),
    })),
    total: total < SMALLEST_SHOWN ? null : total,
  };
}
