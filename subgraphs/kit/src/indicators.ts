import DataLoader from "dataloader";
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { NotPersonal } from "./access/data-category";
import { isSmallCount, suppressStatistic } from "./aggregates";
import { badInput } from "./errors";
import { DateScalar, isIsoDate } from "./scalars";
import { assertUuid } from "./validation";

/** Longest period one IndicatorReport covers: a funder's reporting year plus a day. */
export const MAX_INDICATOR_DAYS = 366;

@ObjectType({
  description:
    "A percentage (0–100, one decimal) with the counts it is built on. When a count of people under it is 1–4, all three are null and suppressed is true (access.md).",
})
@Directive("@shareable")
@NotPersonal("a share of people, suppressed when a count under it could identify someone")
export class Percentage {
  @Field(() => Float, {
    nullable: true,
    description: "numerator / denominator × 100, one decimal; null when suppressed or when the denominator is 0.",
  })
  value: number | null;

  @Field(() => Int, { nullable: true, description: "What is counted; null when suppressed." })
  numerator: number | null;

  @Field(() => Int, { nullable: true, description: "What it is counted out of; null when suppressed." })
  denominator: number | null;

  @Field({ description: "True when the figures are hidden because a count under them could identify someone." })
  suppressed: boolean;
}

/**
 * A share, suppressed when the numerator or (if it counts people) the
 * denominator is a count of 1–4 people. A denominator of places or staff is
 * not people (`denominatorIsPeople: false`) and never suppresses by itself.
 */
export function percentage(numerator: number, denominator: number, denominatorIsPeople = true): Percentage {
  if (isSmallCount(numerator) || (denominatorIsPeople && isSmallCount(denominator)))
    return { value: null, numerator: null, denominator: null, suppressed: true };
  return {
    value: denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null,
    numerator,
    denominator,
    suppressed: false,
  };
}

@ObjectType({
  description: "A median or an average over people; null and suppressed when it is built on 1–4 people (access.md).",
})
@Directive("@shareable")
@NotPersonal("a statistic over people, suppressed when built on fewer than 5 of them")
export class SuppressedStatistic {
  @Field(() => Float, {
    nullable: true,
    description: "The statistic, one decimal; null when suppressed or when nobody is counted.",
  })
  value: number | null;

  @Field(() => Int, { nullable: true, description: "How many people (or cases) it is built on; null when suppressed." })
  basis: number | null;

  @Field({ description: "True when the statistic is hidden because it is built on 1–4 people." })
  suppressed: boolean;
}

/** A median or average over `basis` people, through the kit's one rule. */
export function statistic(value: number | null, basis: number): SuppressedStatistic {
  const s = suppressStatistic(value == null ? null : Math.round(value * 10) / 10, basis);
  return { value: s.value, basis: s.suppressed ? null : basis, suppressed: s.suppressed };
}

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export enum IndicatorUnit {
  PERCENT = "PERCENT",
  COUNT = "COUNT",
  PER_CENTRE = "PER_CENTRE",
}
registerEnumType(IndicatorUnit, {
  name: "IndicatorUnit",
  description:
    "What a results-matrix value measures: PERCENT (0–100), COUNT, or PER_CENTRE (the fewest in any operational centre).",
  valuesConfig: {
    PERCENT: { description: "A percentage, 0–100." },
    COUNT: { description: "A number of people or things." },
    PER_CENTRE: { description: "The fewest counted in any operational centre." },
  },
});

/** One row of domain.md's results matrix (IOM project, 6 months from May 2022). */
export interface ResultsMatrixRow {
  code: string;
  level: string;
  name: string;
  unit: IndicatorUnit;
  baseline: number;
  target: number;
}

/** domain.md, "Results matrix": the baselines and targets every report measures against. */
export const RESULTS_MATRIX = {
  livingConditionsImproved: {
    code: "OUTCOME_1",
    level: "Outcome 1",
    name: "% of refugees receiving housing assistance who report improved living conditions",
    unit: IndicatorUnit.PERCENT,
    baseline: 0,
    target: 90,
  },
  centresOperational: {
    code: "OUTPUT_1_1",
    level: "Output 1.1",
    name: "# centres providing housing assistance to refugees from Ukraine",
    unit: IndicatorUnit.COUNT,
    baseline: 0,
    target: 2,
  },
  staffTrainedPsea: {
    code: "OUTPUT_1_2_PSEA",
    level: "Output 1.2",
    name: "# staff trained in PSEA",
    unit: IndicatorUnit.COUNT,
    baseline: 0,
    target: 2,
  },
  staffTrainedMhpss: {
    code: "OUTPUT_1_2_MHPSS",
    level: "Output 1.2",
    name: "# staff trained in MHPSS / psychological first aid",
    unit: IndicatorUnit.COUNT,
    baseline: 0,
    target: 6,
  },
  feedbackChannelsPerCentre: {
    code: "OUTPUT_1_2_CFM",
    level: "Output 1.2",
    name: "# complaint and feedback systems in each centre",
    unit: IndicatorUnit.PER_CENTRE,
    baseline: 0,
    target: 1,
  },
} as const satisfies Record<string, ResultsMatrixRow>;

@ObjectType({
  description:
    "One indicator of the results matrix (domain.md) for the report's period: its value with what it is built on, its baseline and target, and whether the target is met.",
})
@Directive("@shareable")
@NotPersonal("an indicator of the results matrix; any count of people in it is suppressed when small")
export class ResultIndicator {
  @Field({ description: "A stable code for reporting tools, e.g. OUTPUT_1_1." })
  code: string;

  @Field({ description: "The results-matrix level: Outcome 1, Output 1.1, Output 1.2." })
  level: string;

  @Field({ description: "The indicator's wording in the results matrix." })
  name: string;

  @Field(() => IndicatorUnit, { description: "What the value, baseline and target measure." })
  unit: IndicatorUnit;

  @Field(() => Float, {
    nullable: true,
    description: "The value in its unit; null when suppressed or not measurable (nothing to count).",
  })
  value: number | null;

  @Field(() => Int, { nullable: true, description: "For a percentage or per-centre value: what is counted." })
  numerator: number | null;

  @Field(() => Int, { nullable: true, description: "For a percentage or per-centre value: what it is counted out of." })
  denominator: number | null;

  @Field({ description: "True when the value is hidden because a count of people under it is 1–4." })
  suppressed: boolean;

  @Field(() => Float, { description: "The value at the start of the project, in the indicator's unit." })
  baseline: number;

  @Field(() => Float, { description: "The value the project aims to reach, in the indicator's unit." })
  target: number;

  @Field(() => Boolean, { nullable: true, description: "Whether value reaches target; null when the value is null." })
  met: boolean | null;
}

/** A results-matrix indicator from its row and the measured figures. */
export function resultIndicator(
  row: ResultsMatrixRow,
  measured: { value: number | null; numerator?: number | null; denominator?: number | null; suppressed?: boolean },
): ResultIndicator {
  const suppressed = measured.suppressed ?? false;
  const value = suppressed ? null : measured.value;
  return {
    ...row,
    value,
    numerator: suppressed ? null : (measured.numerator ?? null),
    denominator: suppressed ? null : (measured.denominator ?? null),
    suppressed,
    met: value == null ? null : value >= row.target,
  };
}

/** The key of an IndicatorReport: a period of days and, optionally, one site. */
export interface IndicatorPeriod {
  from: string;
  to: string;
  siteId: string | null;
}

/**
 * Checks a report's key wherever it arrives (the `indicators` query, or an
 * `_entities` representation sent to any contributor): well-formed days,
 * `to` not before `from`, at most MAX_INDICATOR_DAYS, a well-formed site ID.
 */
export function indicatorPeriod(ref: { from?: unknown; to?: unknown; siteId?: unknown }): IndicatorPeriod {
  const day = (v: unknown, field: string): string => {
    if (typeof v !== "string" || !isIsoDate(v))
      throw badInput(field, `${field} ${JSON.stringify(v)} is not a day (YYYY-MM-DD).`);
    return v;
  };
  const from = day(ref.from, "from");
  const to = day(ref.to, "to");
  if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_INDICATOR_DAYS)
    throw badInput("to", `The period ${from}..${to} is longer than ${MAX_INDICATOR_DAYS} days.`);
  const siteId = ref.siteId == null ? null : assertUuid(String(ref.siteId), "siteId");
  return { from, to, siteId };
}

/** A report's key as a loader's cache key: the same period, the same key, whatever order its fields came in. */
export function indicatorPeriodKey(p: IndicatorPeriod): string {
  return JSON.stringify([p.from, p.to, p.siteId]);
}

/**
 * One per-request loader for a figure group of the report, keyed by the
 * period: every field of the group runs its statement once per request.
 */
export function perIndicatorPeriod<T>(
  compute: (p: IndicatorPeriod) => Promise<T>,
): DataLoader<IndicatorPeriod, T, string> {
  return new DataLoader<IndicatorPeriod, T, string>((periods) => Promise.all(periods.map(compute)), {
    cacheKeyFn: indicatorPeriodKey,
  });
}

/** The descriptions of the key fields, the same in every contributor's IndicatorReport. */
export const INDICATOR_KEY_DESCRIPTIONS = {
  from: "First day of the period, included.",
  to: "Last day of the period, included.",
  siteId: "The one site the report is narrowed to; null for all sites.",
} as const;

/**
 * Declares a contributor's `IndicatorReport` (graph.md: `@key(fields: "from to
 * siteId")`): the object type, its key, its three key fields and its data
 * category, the same in the four subgraphs. Each subgraph adds its own fields
 * with field resolvers. type-graphql has no abstract object types, hence a
 * class decorator rather than a base class.
 */
export function IndicatorReportEntity(description: string): ClassDecorator {
  return (target) => {
    Field(() => DateScalar, { description: INDICATOR_KEY_DESCRIPTIONS.from })(target.prototype, "from");
    Field(() => DateScalar, { description: INDICATOR_KEY_DESCRIPTIONS.to })(target.prototype, "to");
    Field(() => ID, { nullable: true, description: INDICATOR_KEY_DESCRIPTIONS.siteId })(target.prototype, "siteId");
    NotPersonal("aggregates for a period; every count of people in it is suppressed when small")(target);
    Directive('@key(fields: "from to siteId")')(target);
    ObjectType({ description })(target);
  };
}
