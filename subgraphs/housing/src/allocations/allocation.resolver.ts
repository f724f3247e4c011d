import { badInput, DateScalar, isIsoDate, once, SubgraphContext } from "@reception-graph/kit";
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Field,
  ID,
  InputType,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from "type-graphql";
import { HousingLoaders } from "../loaders";
import { Municipality, Province } from "../municipalities/municipality.entity";
import { requireMunicipality } from "../sites/site.service";
import { Allocation, AllocationTable } from "./allocation.entity";
import { buildAllocationTable } from "./allocation-table";

type Ctx = SubgraphContext<HousingLoaders>;

@InputType({ description: "Persons Fedasil allocated to a municipality on one day." })
export class RecordAllocationInput {
  @Field(() => DateScalar)
  date: string;

  @Field(() => ID)
  nisCode: string;

  @Field(() => Int)
  persons: number;

  @Field(() => String, { nullable: true, description: "Repeat a call with the same key to get the first result." })
  idempotencyKey?: string | null;
}

/** Periods longer than this are refused: the table has one column per day. */
const MAX_PERIOD_DAYS = 366;

@Resolver(() => Allocation)
export class AllocationResolver {
  @Mutation(() => Allocation, {
    description: "HOUSING_COORDINATOR: records persons allocated to a municipality on a day.",
  })
  @Authorized("HOUSING_COORDINATOR")
  async recordAllocation(
    @Arg("input", () => RecordAllocationInput) input: RecordAllocationInput,
    @Ctx() ctx: Ctx,
  ): Promise<Allocation> {
    if (!isIsoDate(input.date)) throw badInput("input.date", `date ${JSON.stringify(input.date)} is not a date.`);
    if (!Number.isInteger(input.persons) || input.persons < 1 || input.persons > 100000)
      throw badInput("input.persons", `persons ${input.persons} must be a whole number from 1 to 100000.`);
    const id = await ctx.dataSource.transaction(async (manager) => {
      const nisCode = await requireMunicipality(manager, input.nisCode, "input.nisCode");
      const r = await once(
        manager,
        { subject: ctx.caller.sub, operation: "recordAllocation" },
        input.idempotencyKey,
        input,
        async () => {
          const [row] = await manager.query(
            `INSERT INTO allocation (date, nis_code, persons, recorded_by) VALUES ($1, $2, $3, $4) RETURNING id`,
            [input.date, nisCode, input.persons, ctx.caller.sub],
          );
          return row.id as string;
        },
      );
      return r.id;
    });
    return (await ctx.dataSource.getRepository(Allocation).findOneBy({ id }))!;
  }

  @Query(() => AllocationTable, {
    description:
      "Persons allocated to Flemish municipalities between two days (inclusive): one row per province, one column per day with allocations, row and column totals, and each province's cumulative total since its first allocation (the 'Totaal' of the coordinators' table).",
  })
  @Authorized()
  async allocationsByProvince(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Ctx() ctx: Ctx,
  ): Promise<AllocationTable> {
    if (to < from) throw badInput("to", `to ${to} is before from ${from}.`);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days > MAX_PERIOD_DAYS)
      throw badInput("to", `The period ${from}..${to} is longer than ${MAX_PERIOD_DAYS} days.`);
    const inPeriod: { province: Province; date: string; persons: number }[] = await ctx.dataSource.query(
      `SELECT m.province, a.date, SUM(a.persons)::int AS persons
       FROM allocation a JOIN municipality m ON m.nis_code = a.nis_code
       WHERE a.date BETWEEN $1 AND $2 GROUP BY m.province, a.date`,
      [from, to],
    );
    const upTo: { province: Province; persons: number; first: string }[] = await ctx.dataSource.query(
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

  @FieldResolver(() => Municipality)
  async municipality(@Root() a: Allocation, @Ctx() ctx: Ctx): Promise<Municipality> {
    return (await ctx.loaders.municipalityByNis.load(a.nisCode))!;
  }
}
