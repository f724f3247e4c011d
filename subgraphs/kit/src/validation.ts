import { badInput } from "./errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an ID argument before it reaches SQL, so a typo is BAD_USER_INPUT and not INTERNAL. */
export function assertUuid(value: string, field: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} ${JSON.stringify(value)} is not a valid ID (UUID expected).`);
  return value.toLowerCase();
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Trims and requires a non-empty string. */
export function requireText(value: string, field: string, maxLength = 200): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(field, `${field} must not be empty.`);
  if (trimmed.length > maxLength)
    throw badInput(field, `${field} is ${trimmed.length} characters long; at most ${maxLength} are allowed.`);
  return trimmed;
}

/** Today's date in Brussels, the calendar the partners work in. */
export function todayInBrussels(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(now);
}

/** Whole years between a birth date and a reference date (both YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number);
  const [y, m, d] = on.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const ISO_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a month written YYYY-MM. */
export function isIsoMonth(value: string): boolean {
  return ISO_MONTH.test(value);
}

/** Checks a month written "YYYY-MM"; BAD_USER_INPUT naming the value otherwise. */
export function assertMonth(value: string, field: string): string {
  if (!isIsoMonth(value)) {
    throw badInput(field, `${field} ${JSON.stringify(value)} is not a month in the form YYYY-MM (e.g. "2026-11").`);
  }
  return value;
}

/** A municipality's NIS code: 5 digits (surrounding spaces ignored), else BAD_USER_INPUT naming the field. */
export function assertNisCode(value: string, field: string): string {
  const code = value.trim();
  if (!/^[0-9]{5}$/.test(code))
    throw badInput(field, `NIS code ${JSON.stringify(value)} is not 5 digits (Gent is 44021).`);
  return code;
}
