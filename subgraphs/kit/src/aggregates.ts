import { Directive, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { NotPersonal } from "./access/data-category";

/**
 * access.md: aggregates never reveal a person; a count below 5 that could
 * identify someone is shown as suppressed. Counts of 1–4 are suppressed (0
 * reveals nobody). The one place the rule lives.
 */
export const SMALLEST_SHOWN_COUNT = 5;

export interface SuppressedValue {
  value: number | null;
  suppressed: boolean;
}

/** A count of people small enough to identify someone (1–4); 0 and unknown (null) are not. */
export function isSmallCount(n: number | null | undefined): boolean {
  return n != null && n > 0 && n < SMALLEST_SHOWN_COUNT;
}

/** One count of people: null and suppressed when 1–4. */
export function suppressCount(n: number): SuppressedValue {
  return isSmallCount(n) ? { value: null, suppressed: true } : { value: n, suppressed: false };
}

/**
 * The cells of one distribution whose total is shown (or derivable): counts
 * of 1–4 are suppressed, and when exactly one cell is, the smallest other
 * non-zero cell is suppressed too (complementary suppression), so that the
 * total minus the shown cells does not give the hidden one back. When every
 * other cell is zero the total equals the hidden cell, and is itself 1–4
 * (the caller suppresses it with suppressCount).
 */
export function suppressCounts(cells: readonly number[]): SuppressedValue[] {
  const hidden = cells.map(isSmallCount);
  if (hidden.filter(Boolean).length === 1) {
    let second = -1;
    cells.forEach((n, i) => {
      if (!hidden[i] && n > 0 && (second < 0 || n < cells[second])) second = i;
    });
    if (second >= 0) hidden[second] = true;
  }
  return cells.map((n, i) => (hidden[i] ? { value: null, suppressed: true } : { value: n, suppressed: false }));
}

/** A statistic (a median, an average) over `people` people: null and suppressed below 5 of them. */
export function suppressStatistic(value: number | null, people: number): SuppressedValue {
  if (people < SMALLEST_SHOWN_COUNT) return { value: null, suppressed: people > 0 };
  return { value, suppressed: false };
}

@ObjectType({ description: "A count of people in an aggregate; null and suppressed when it is 1–4 (access.md)." })
@Directive("@shareable")
@NotPersonal("a count of people, suppressed when small enough to identify someone")
export class SuppressedCount {
  @Field(() => Int, { nullable: true, description: "The count; null when suppressed." })
  value: number | null;

  @Field({ description: "True when the count is hidden because it could identify someone." })
  suppressed: boolean;
}

/** The age bands every count of people is broken down by (domain.md, "Profile of the people served"). */
export enum AgeBand {
  AGE_0_4 = "AGE_0_4",
  AGE_5_11 = "AGE_5_11",
  AGE_12_17 = "AGE_12_17",
  AGE_18_59 = "AGE_18_59",
  AGE_60_PLUS = "AGE_60_PLUS",
}
registerEnumType(AgeBand, {
  name: "AgeBand",
  description: "Age bands every count of people is broken down by.",
  valuesConfig: {
    AGE_0_4: { description: "Aged 0 to 4 years." },
    AGE_5_11: { description: "Aged 5 to 11 years." },
    AGE_12_17: { description: "Aged 12 to 17 years." },
    AGE_18_59: { description: "Aged 18 to 59 years." },
    AGE_60_PLUS: { description: "Aged 60 or older." },
  },
});

/** Sex as social registers it; one enum for the whole graph. */
export enum Sex {
  FEMALE = "FEMALE",
  MALE = "MALE",
  OTHER = "OTHER",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(Sex, {
  name: "Sex",
  description: "Sex as registered; every count can be broken down by it.",
  valuesConfig: {
    FEMALE: { description: "Female." },
    MALE: { description: "Male." },
    OTHER: { description: "Another sex or gender, as the person stated." },
    UNKNOWN: { description: "Not registered." },
  },
});
