import { badInput, isIsoDate, todayInBrussels } from "@reception-graph/kit";

/** The month a date falls in: "2026-11-23" → "2026-11". */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

/** Checks an optional date is a real day and not in the future (Brussels calendar); defaults to today. */
export function pastOrToday(value: string | null | undefined, field: string): string {
  const today = todayInBrussels();
  if (value == null) return today;
  if (!isIsoDate(value)) throw badInput(field, `${field} ${JSON.stringify(value)} is not a date (YYYY-MM-DD).`);
  if (value > today) throw badInput(field, `${field} ${value} is in the future (today is ${today}).`);
  return value;
}
