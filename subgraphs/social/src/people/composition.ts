import { Sex } from "@reception-graph/kit";
import { HouseholdType } from "./household.entity";

/** The composition rooms and reports are based on, derived from the members' sexes. */
export function compositionOf(members: readonly { sex: Sex }[]): HouseholdType {
  if (members.length >= 2) return HouseholdType.FAMILY;
  if (members.length === 1 && members[0].sex === Sex.FEMALE) return HouseholdType.SINGLE_WOMAN;
  if (members.length === 1 && members[0].sex === Sex.MALE) return HouseholdType.SINGLE_MAN;
  return HouseholdType.OTHER;
}
