// The housing rules that need no database: spreading key, room assignment, rent amounts, the status machine and the allocation table.
import { buildAllocationTable } from "../../subgraphs/housing/src/allocations/allocation-table";
import { Province } from "../../subgraphs/housing/src/municipalities/municipality.entity";
import { regionPopulation, targetPlaces } from "../../subgraphs/housing/src/municipalities/spreading-key";
import { ValidationStatus as S } from "../../subgraphs/housing/src/offers/housing-offer.entity";
import { canTransition } from "../../subgraphs/housing/src/offers/offer-status";
import { assignRooms } from "../../subgraphs/housing/src/placements/room-assignment";
import { monthBounds, rentForHousehold } from "../../subgraphs/housing/src/rent/rent-amount";

test("spreading key: proportional, rounded down, configurable population", () => {
  expect(targetPlaces(30000, 265086, 6_500_000)).toBe(1223);
  expect(targetPlaces(6000, 1, 6_500_000)).toBe(0);
  expect(regionPopulation({})).toBe(6_500_000);
  expect(regionPopulation({ HOUSING_REGION_POPULATION: "6698876" })).toBe(6698876);
  expect(() => regionPopulation({ HOUSING_REGION_POPULATION: "-3" })).toThrow(/HOUSING_REGION_POPULATION/);
});

test("status machine of the housing tool", () => {
  expect(canTransition(S.TO_VALIDATE, S.VALIDATED)).toBe(true);
  expect(canTransition(S.IN_PREPARATION, S.EXTRA_STEPS_NEEDED)).toBe(true);
  expect(canTransition(S.EXTRA_STEPS_NEEDED, S.EXTRA_STEPS_NEEDED)).toBe(true);
  expect(canTransition(S.IN_PREPARATION, S.IN_PREPARATION)).toBe(false);
  expect(canTransition(S.EXTRA_STEPS_NEEDED, S.IN_PREPARATION)).toBe(false);
  for (const to of Object.values(S)) expect(canTransition(S.REJECTED, to)).toBe(false);
});

const rooms = [
  { id: "a", label: "A", beds: 2 },
  { id: "b", label: "B", beds: 4 },
  { id: "c", label: "C", beds: 3 },
];

test("room assignment: smallest fitting room, then as few rooms as possible, children with their mother", () => {
  const m = (id: string, sex: string | null, birthYear: number | null) => ({ id, sex, birthYear });
  expect([
    ...assignRooms([m("1", "FEMALE", 1990), m("2", "MALE", 2015), m("3", "FEMALE", 2018)], rooms, 2022)!.values(),
  ]).toEqual(["c", "c", "c"]);
  const big = assignRooms(
    [
      m("dad", "MALE", 1980),
      m("mum", "FEMALE", 1982),
      m("k1", "MALE", 2010),
      m("k2", "FEMALE", 2012),
      m("gran", "FEMALE", 1950),
      m("uncle", "MALE", 1978),
    ],
    rooms,
    2022,
  )!;
  expect(new Set(big.values())).toEqual(new Set(["b", "a"]));
  expect(big.get("mum")).toBe(big.get("k1"));
  expect(big.get("k2")).toBe(big.get("gran"));
  expect(big.get("dad")).toBe(big.get("uncle"));
  expect(
    assignRooms(
      Array.from({ length: 10 }, (_, i) => m(String(i), null, null)),
      rooms,
      2022,
    ),
  ).toBeNull();
});

test("rent: the sum of what social says each paid member owes; nothing before payment", () => {
  const due = new Map([
    ["mum", { paid: true, amount: 433.92 }],
    ["kid", null],
    ["aunt", { paid: false, amount: null }],
    ["gran", { paid: true, amount: 216.96 }],
  ]);
  expect(rentForHousehold(["mum", "kid", "aunt", "gran"], due)).toEqual({
    amount: 650.88,
    lines: [
      { personId: "mum", amount: 433.92 },
      { personId: "gran", amount: 216.96 },
    ],
  });
  expect(rentForHousehold(["kid", "aunt"], due)).toBeNull();
  expect(monthBounds("2024-02")).toEqual({ first: "2024-02-01", last: "2024-02-29" });
});

test("allocation table: all provinces, aligned columns, totals", () => {
  const t = buildAllocationTable(
    "2022-04-01",
    "2022-04-02",
    [
      { province: Province.LIMBURG, date: "2022-04-02", persons: 3 },
      { province: Province.ANTWERPEN, date: "2022-04-01", persons: 5 },
    ],
    new Map([
      [Province.LIMBURG, 10],
      [Province.ANTWERPEN, 5],
    ]),
    new Map([
      [Province.LIMBURG, "2022-03-01"],
      [Province.ANTWERPEN, "2022-04-01"],
    ]),
  );
  expect(t.dates).toEqual(["2022-04-01", "2022-04-02"]);
  expect(t.rows.map((r) => r.province)).toEqual([
    "ANTWERPEN",
    "LIMBURG",
    "OOST_VLAANDEREN",
    "VLAAMS_BRABANT",
    "WEST_VLAANDEREN",
  ]);
  expect(t.totals).toEqual([5, 3]);
  expect([t.grandTotal, t.cumulativeGrandTotal]).toEqual([8, 15]);
});
