import { Province, PROVINCES } from "../municipalities/municipality.entity";
import { AllocationTable } from "./allocation.entity";

export interface AllocationSums {
  province: Province;
  date: string;
  persons: number;
}

/**
 * Builds the coordinators' table from per-province-per-day sums: `inPeriod`
 * holds the days from..to, `cumulative` each province's total up to `to` and
 * `first` its first allocation day.
 */
export function buildAllocationTable(
  from: string,
  to: string,
  inPeriod: AllocationSums[],
  cumulative: Map<Province, number>,
  first: Map<Province, string>,
): AllocationTable {
  const dates = [...new Set(inPeriod.map((s) => s.date))].sort();
  const column = new Map(dates.map((d, i) => [d, i]));
  const rows = PROVINCES.map((province) => {
    const perDay = dates.map(() => 0);
    for (const s of inPeriod) if (s.province === province) perDay[column.get(s.date)!] += s.persons;
    return {
      province,
      perDay,
      total: perDay.reduce((a, b) => a + b, 0),
      cumulative: cumulative.get(province) ?? 0,
      firstAllocation: first.get(province) ?? null,
    };
  });
  const totals = dates.map((_, i) => rows.reduce((sum, r) => sum + r.perDay[i], 0));
  return {
    from,
    to,
    dates,
    rows,
    totals,
    grandTotal: totals.reduce((a, b) => a + b, 0),
    cumulativeGrandTotal: rows.reduce((a, r) => a + r.cumulative, 0),
  };
}
