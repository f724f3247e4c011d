import { AgeBand, Sex, suppressCount, suppressCounts as suppressCells } from "@reception-graph/kit";
import { AttendeeCount } from "./legal-session.entity";

/**
 * A group session's attendance by age band × sex, with the kit's one rule
 * for counts of people (1–4 suppressed, complementary suppression), and the
 * total, suppressed too when it is 1–4.
 */
export function suppressCounts(cells: { ageBand: AgeBand; sex: Sex; count: number }[]): {
  attendees: AttendeeCount[];
  total: number | null;
} {
  const shown = suppressCells(cells.map((c) => c.count));
  const total = cells.reduce((n, c) => n + c.count, 0);
  return {
    attendees: cells.map((c, i) => ({
      ageBand: c.ageBand,
      sex: c.sex,
      count: shown[i].value,
      suppressed: shown[i].suppressed,
    })),
    total: suppressCount(total).value,
  };
}
