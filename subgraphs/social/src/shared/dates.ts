import { badInput, isIsoDate, todayInBrussels } from "@reception-graph/kit";

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Checks a month written "YYYY-MM"; BAD_USER_INPUT naming the value otherwise. */
export function assertMonth(value: string, field: string): string {
  if (!MONTH.test(value)) {
    throw badInput(field, `${field} ${JSON.stringify(value)} is not a month in the form YYYY-MM (e.g. "2026-11").`);
  }
  return value;
}

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

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

/** The driver error behind a TypeORM QueryFailedError, for mapping constraint violations to domain errors. */
export function pgError(e: unknown): { code?: string; constraint?: string } | undefined {
  return (e as { driverError?: { code?: string; constraint?: string } }).driverError;
}
