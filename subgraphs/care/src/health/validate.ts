import { badInput, requireText, todayInBrussels } from "@reception-graph/kit";

/** A day that has happened (a contact, a session): BAD_USER_INPUT naming the field when it is in the future. */
export function pastDay(value: string, field: string): string {
  const today = todayInBrussels();
  if (value > today) throw badInput(field, `${field} ${value} is in the future (today is ${today}).`);
  return value;
}

/** Longest outcome text kept for a contact or a legal session. */
export const MAX_OUTCOME = 2000;

export function outcomeText(value: string, field: string): string {
  return requireText(value, field, MAX_OUTCOME);
}
