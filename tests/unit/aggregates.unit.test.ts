// The kit's one suppression rule for aggregates (access.md: counts below 5 that could identify someone are suppressed): small counts, complementary suppression, statistics over few people.
import { suppressCount, suppressCounts, suppressStatistic } from "@reception-graph/kit";

const shown = (value: number) => ({ value, suppressed: false });
const hidden = { value: null, suppressed: true };

test("counts of 1-4 are suppressed; 0 and 5 or more are shown", () => {
  expect([0, 1, 4, 5, 12].map(suppressCount)).toEqual([shown(0), hidden, hidden, shown(5), shown(12)]);
});

test("a single hidden cell takes the smallest other non-zero cell with it", () => {
  expect(suppressCounts([9, 3, 0, 6, 7])).toEqual([shown(9), hidden, shown(0), hidden, shown(7)]);
});

test("two or more hidden cells already protect each other", () => {
  expect(suppressCounts([2, 9, 4, 6])).toEqual([hidden, shown(9), hidden, shown(6)]);
});

test("a hidden cell with only zeros beside it stays the only hidden one (the total, 1-4, is suppressed itself)", () => {
  expect(suppressCounts([0, 3, 0])).toEqual([shown(0), hidden, shown(0)]);
  expect(suppressCount(3)).toEqual(hidden);
});

test("a statistic over fewer than 5 people is suppressed; over none it is simply absent", () => {
  expect(suppressStatistic(7.5, 4)).toEqual(hidden);
  expect(suppressStatistic(7.5, 5)).toEqual(shown(7.5));
  expect(suppressStatistic(null, 0)).toEqual({ value: null, suppressed: false });
});
