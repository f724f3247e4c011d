import { DateScalar, Personal } from "@reception-graph/kit";
import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Province } from "../municipalities/municipality.entity";

@ObjectType({ description: "People Fedasil allocated to a municipality on one day (toewijzing)." })
@Entity({ name: "allocation" })
@Personal("AGGREGATES")
export class Allocation {
  @Field(() => ID, { description: "Identifier of the allocation record." })
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Field(() => DateScalar, { description: "Day of the allocation." })
  @Column({ type: "date" })
  date: string;

  @Column({ name: "nis_code", type: "text" })
  nisCode: string;

  @Field(() => Int, { description: "Number of persons allocated." })
  @Column({ type: "int" })
  persons: number;

  @Field({ description: "When it was recorded." })
  @Column({ name: "recorded_at", type: "timestamptz", default: () => "now()" })
  recordedAt: Date;

  @Column({ name: "recorded_by", type: "text" })
  recordedBy: string;
}

@ObjectType({ description: "One province's line of the allocation table." })
@Personal("AGGREGATES")
export class AllocationRow {
  @Field(() => Province, { description: "The province of this row." })
  province: Province;

  @Field(() => [Int], { description: "Persons allocated on each day of `dates`, in the same order." })
  perDay: number[];

  @Field(() => Int, { description: "Persons allocated in the period (row total)." })
  total: number;

  @Field(() => Int, {
    description: "Persons allocated since the province's first allocation up to the end of the period (Totaal).",
  })
  cumulative: number;

  @Field(() => DateScalar, { nullable: true, description: "Day of the province's first allocation, if any." })
  firstAllocation: string | null;
}

@ObjectType({
  description:
    "Persons allocated to Flemish municipalities, per province (rows) and per day (columns), with row, column, grand and cumulative totals.",
})
@Personal("AGGREGATES")
export class AllocationTable {
  @Field(() => DateScalar, { description: "First day of the period (included)." })
  from: string;

  @Field(() => DateScalar, { description: "Last day of the period (included)." })
  to: string;

  @Field(() => [DateScalar], { description: "The days in the period that have allocations, in order (the columns)." })
  dates: string[];

  @Field(() => [AllocationRow], { description: "One row per province, all five always present." })
  rows: AllocationRow[];

  @Field(() => [Int], { description: "Column totals: persons allocated on each day of `dates` over all provinces." })
  totals: number[];

  @Field(() => Int, { description: "Persons allocated in the period over all provinces." })
  grandTotal: number;

  @Field(() => Int, { description: "Sum of the provinces' cumulative totals." })
  cumulativeGrandTotal: number;
}
