import { ValidationStatus as S } from "./housing-offer.entity";

/**
 * The validation status machine of the Flemish housing tool (issue 4):
 * TO_VALIDATE → IN_PREPARATION | EXTRA_STEPS_NEEDED | VALIDATED | REJECTED;
 * IN_PREPARATION / EXTRA_STEPS_NEEDED → VALIDATED | REJECTED | EXTRA_STEPS_NEEDED;
 * nothing out of REJECTED or VALIDATED.
 */
export const ALLOWED_TRANSITIONS: Record<S, readonly S[]> = {
  [S.TO_VALIDATE]: [S.IN_PREPARATION, S.EXTRA_STEPS_NEEDED, S.VALIDATED, S.REJECTED],
  [S.IN_PREPARATION]: [S.VALIDATED, S.REJECTED, S.EXTRA_STEPS_NEEDED],
  [S.EXTRA_STEPS_NEEDED]: [S.VALIDATED, S.REJECTED, S.EXTRA_STEPS_NEEDED],
  [S.VALIDATED]: [],
  [S.REJECTED]: [],
};

export function canTransition(from: S, to: S): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}
