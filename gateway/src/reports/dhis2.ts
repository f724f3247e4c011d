import mappingFile from "./dhis2-mapping.json";
import { LocatedReport } from "./indicator-report";
import { breakdownCode, IndicatorRow, indicatorRows, rowKey } from "./indicator-rows";

export interface Dhis2Ref {
  uid: string;
  code: string;
  name?: string;
}

export interface Dhis2Mapping {
  dataSet: Dhis2Ref;
  orgUnits: {
    /** The whole of Ghent: the report without a site. */
    city: Dhis2Ref;
    /** By the graph's site ID. */
    sitesById: Record<string, Dhis2Ref>;
    /** By the site's name, for sites whose ID is not listed (the two IOM centres). */
    sitesByName: Record<string, Dhis2Ref>;
  };
  categoryOptionCombos: Record<string, Dhis2Ref>;
  dataElements: Record<string, Dhis2Ref>;
}

export const DHIS2_MAPPING: Dhis2Mapping = mappingFile;

/** The category option combo of a number without breakdown (DHIS2's "default"). */
export const DEFAULT_COMBO = "default";

export type IdScheme = "UID" | "CODE";

export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  value: string;
}

export interface Dhis2DataValueSet {
  dataSet: string;
  period: string;
  orgUnit: string;
  dataValues: Dhis2DataValue[];
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const lastOfMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0));

/** ISO 8601 week-numbering year and week of a Monday. */
function isoWeek(monday: Date): { year: number; week: number } {
  const thursday = addDays(monday, 3);
  const year = thursday.getUTCFullYear();
  const firstThursday = day(`${year}-01-01`);
  while (firstThursday.getUTCDay() !== 4) firstThursday.setUTCDate(firstThursday.getUTCDate() + 1);
  return { year, week: Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000)) + 1 };
}

/**
 * The DHIS2 period identifier of [from, to] when the range is exactly one DHIS2 period: a day
 * (20220515), an ISO week Monday–Sunday (2022W20), a calendar month (202205), a quarter (2022Q2),
 * a half year (2022S1), or a year (2022). Null otherwise: DHIS2 stores every value under one such
 * period, so another range has no honest period to be filed under.
 */
export function dhis2Period(from: string, to: string): string | null {
  const start = day(from);
  const end = day(to);
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth();
  const pad = (n: number) => String(n).padStart(2, "0");
  if (from === to) return from.replace(/-/g, "");
  if (start.getUTCDay() === 1 && iso(addDays(start, 6)) === to) {
    const { year, week } = isoWeek(start);
    return `${year}W${week}`;
  }
  if (start.getUTCDate() !== 1 || end.getUTCFullYear() !== y) return null;
  const monthsTo = (n: number) => iso(lastOfMonth(y, m + n - 1)) === to;
  if (monthsTo(1)) return `${y}${pad(m + 1)}`;
  if (m % 3 === 0 && monthsTo(3)) return `${y}Q${m / 3 + 1}`;
  if (m % 6 === 0 && monthsTo(6)) return `${y}S${m / 6 + 1}`;
  if (m === 0 && monthsTo(12)) return `${y}`;
  return null;
}

/** What DHIS2 is told about each number: the value rows and what they are built on, not baseline or target. */
export function isDhis2Row(row: IndicatorRow): boolean {
  return row.measure !== "baseline" && row.measure !== "target";
}

/** The category option combo key of a row: its breakdown code, or DHIS2's default. */
export function comboKey(row: IndicatorRow): string {
  return row.breakdown ? breakdownCode(row.breakdown) : DEFAULT_COMBO;
}

/** A number as DHIS2 stores it: a string, integers without decimals. */
function dhis2Value(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10);
}

export class Dhis2MappingError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The DHIS2 organisation unit the report is filed under: its site's, or the city's. */
export function orgUnitFor(located: LocatedReport, mapping: Dhis2Mapping = DHIS2_MAPPING): Dhis2Ref {
  if (!located.site) return mapping.orgUnits.city;
  const unit = mapping.orgUnits.sitesById[located.site.id] ?? mapping.orgUnits.sitesByName[located.site.name];
  if (!unit) {
    throw new Dhis2MappingError(
      `Site ${JSON.stringify(located.site.name)} (${located.site.id}) has no DHIS2 organisation unit: add it to orgUnits.sitesById in gateway/src/reports/dhis2-mapping.json.`,
      "siteId",
    );
  }
  return unit;
}

/**
 * The report as a DHIS2 dataValueSet (POST /api/dataValueSets): one data value per number that is
 * shown, under the mapped data element and category option combo. A suppressed number, and one
 * with nothing to measure, is left out: DHIS2 would read a 0 as a count.
 */
export function dhis2DataValueSet(
  located: LocatedReport,
  period: string,
  idScheme: IdScheme = "UID",
  mapping: Dhis2Mapping = DHIS2_MAPPING,
): Dhis2DataValueSet {
  const id = (ref: Dhis2Ref) => (idScheme === "CODE" ? ref.code : ref.uid);
  const orgUnit = id(orgUnitFor(located, mapping));
  const dataValues: Dhis2DataValue[] = [];
  for (const row of indicatorRows(located.report)) {
    if (!isDhis2Row(row) || row.value == null || row.suppressed) continue;
    const element = mapping.dataElements[rowKey(row)];
    const combo = mapping.categoryOptionCombos[comboKey(row)];
    // The unit test holds the mapping complete; a gap here is a programming error, never a silent omission.
    if (!element || !combo) throw new Error(`No DHIS2 mapping for ${rowKey(row)} / ${comboKey(row)}`);
    dataValues.push({
      dataElement: id(element),
      period,
      orgUnit,
      categoryOptionCombo: id(combo),
      value: dhis2Value(row.value),
    });
  }
  return { dataSet: id(mapping.dataSet), period, orgUnit, dataValues };
}
