import { badInput, Caller, isIsoDate, once } from "@reception-graph/kit";
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
export async function allocationsByProvince(
  dataSource: DataSource,
  from: string,
  to: string,
): Promise<AllocationTable> {
  if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  if (days > MAX_PERIOD_DAYS) throw badInput("to", `The period ${from}..${to} is longer than ${MAX_PERIOD_DAYS} days.`);
  const inPeriod: { province: Province; date: string; persons: number }[] = await dataSource.query(
    `SELECT m.province, a.date, SUM(a.persons)::int AS persons
     FROM allocation a JOIN municipality m ON m.nis_code = a.nis_code
     WHERE a.date BETWEEN $1 AND $2 GROUP BY m.province, a.date`,
    [from, to],
  );
  const upTo: { province: Province; persons: number; first: string }[] = await dataSource.query(
    `SELECT m.province, SUM(a.persons)::int AS persons, MIN(a.date) AS first
     FROM allocation a JOIN municipality m ON m.nis_code = a.nis_code
     WHERE a.date <= $1 GROUP BY m.province`,
    [to],
  );
  return buildAllocationTable(
    from,
    to,
    inPeriod,
    new Map(upTo.map((r) => [r.province, r.persons])),
    new Map(upTo.map((r) => [r.province, r.first])),
  );
}
