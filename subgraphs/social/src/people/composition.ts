import { Sex } from "@reception-graph/kit";
import { HouseholdComposition } from "./household.entity";

/** The composition rooms and reports are based on, derived from the members' sexes. */
export function compositionOf(members: readonly { sex: Sex }[]): HouseholdComposition {
  if (members.length >= 2) return HouseholdComposition.FAMILY;
  if (members.length === 1 && members[0].sex === Sex.FEMALE) return HouseholdComposition.SINGLE_WOMAN;
  if (members.length === 1 && members[0].sex === Sex.MALE) return HouseholdComposition.SINGLE_MAN;
  return HouseholdComposition.OTHER;
}
