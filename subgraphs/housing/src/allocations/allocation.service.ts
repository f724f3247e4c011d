import { assertNisCode, badInput, Caller, CoordinationFilter, isIsoDate, once } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { Province } from "../municipalities/municipality.entity";
import { requireMunicipality } from "../municipalities/municipality.service";
import { Allocation, AllocationTable } from "./allocation.entity";
import { RecordAllocationInput } from "./allocation.inputs";
import { buildAllocationTable } from "./allocation-table";

/** Periods longer than this are refused: the table has one column per day. */
const MAX_PERIOD_DAYS = 366;

/** Records persons allocated to a municipality on a day; returns the allocation. */
export async function recordAllocation(
  dataSource: DataSource,
  input: RecordAllocationInput,
  caller: Caller,
): Promise<Allocation> {
  if (!isIsoDate(input.date)) throw badInput("input.date", `date ${JSON.stringify(input.date)} is not a date.`);
  if (!Number.isInteger(input.persons) || input.persons < 1 || input.persons > 100000)
    throw badInput("input.persons", `persons ${input.persons} must be a whole number from 1 to 100000.`);
  const id = await dataSource.transaction(async (manager) => {
    const nisCode = await requireMunicipality(manager, input.nisCode, "input.nisCode");
    const r = await once(
      manager,
      { subject: caller.sub, operation: "recordAllocation" },
      input.idempotencyKey,
      input,
      async () => {
        const [row] = await manager.query(
          `INSERT INTO allocation (date, nis_code, persons, recorded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
          [input.date, nisCode, input.persons, caller.sub],
        );
        return row.id as string;
      },
    );
    return r.id;
  });
  return (await dataSource.getRepository(Allocation).findOneBy({ id }))!;
}

/** The coordinators' table of persons allocated per province and day between two days (inclusive). */
/**
 * Allocations are made to municipalities, not to sites: of the dashboards' filter, the province and the
 * municipality apply; a site, validation status or creation day is refused rather than silently ignored.
 */
async function allocationScope(
  dataSource: DataSource,
  filter: CoordinationFilter | null | undefined,
): Promise<{ province: Province | null; nisCode: string | null }> {
  for (const field of ["siteId", "validationStatus", "createdFrom", "createdTo"] as const) {
    if (filter?.[field] != null)
      throw badInput(
        `filter.${field}`,
        `Allocations are made to municipalities, not to sites: filter them by province or nisCode, not by ${field} ${JSON.stringify(filter[field])}.`,
      );
  }
  let nisCode: string | null = null;
  if (filter?.nisCode != null) {
    nisCode = assertNisCode(filter.nisCode, "filter.nisCode");
    const [known] = await dataSource.query(`SELECT 1 FROM municipality WHERE nis_code = $1`, [nisCode]);
    if (!known) throw badInput("filter.nisCode", `NIS code ${nisCode} is not a known Flemish municipality.`);
  }
  return { province: filter?.province ?? null, nisCode };
}

export async function allocationsByProvince(
  dataSource: DataSource,
  from: string,
  to: string,
  filter?: CoordinationFilter | null,
): Promise<AllocationTable> {
  if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days > MAX_PERIOD_DAYS) throw badInput("to", `The period ${from}..${to} is longer than ${MAX_PERIOD_DAYS} days.`);
  const scope = await allocationScope(dataSource, filter);
  const inScope = (p: number) =>
    `($${p}::text IS NULL OR m.province = $${p}) AND ($${p + 1}::text IS NULL OR a.nis_code = $${p + 1})`;
  const inPeriod: { province: Province; date: string; persons: number }[] = await dataSource.query(
    `SELECT m.province, a.date, SUM(a.persons)::int AS persons
     FROM allocation a JOIN municipality m ON m.nis_code = a.nis_code
     WHERE a.date BETWEEN $1 AND $2 AND ${inScope(3)} GROUP BY m.province, a.date`,
    [from, to, scope.province, scope.nisCode],
  );
  const upTo: { province: Province; persons: number; first: string }[] = await dataSource.query(
    `SELECT m.province, SUM(a.persons)::int AS persons, MIN(a.date) AS first
     FROM allocation a JOIN municipality m ON m.nis_code = a.nis_code
     WHERE a.date <= $1 AND ${inScope(2)} GROUP BY m.province`,
    [to, scope.province, scope.nisCode],
  );
  return buildAllocationTable(
    from,
    to,
    inPeriod,
    new Map(upTo.map((r) => [r.province, r.persons])),
    new Map(upTo.map((r) => [r.province, r.first])),
  );
}
