// Scenario: the seeder's sources of chance and identity. Two PRNGs with the same seed and stream draw the same
// numbers, another seed or stream other numbers; IDs are version-5-shaped UUIDs, the same for the same seed, kind and
// counter and distinct across counters, kinds and seeds; days format as the SQL values the seeder writes.
import { ageOn, dayOf, idMaker, isoAt, isoDate, nextMonthStart, Random } from "../../scripts/seed-scale/random";

const draws = (r: Random) => Array.from({ length: 20 }, () => r.next());

describe("seed-scale random", () => {
  it("draws the same numbers for the same seed and stream, others otherwise", () => {
    expect(draws(new Random(7, "people"))).toEqual(draws(new Random(7, "people")));
    expect(draws(new Random(7, "people"))).not.toEqual(draws(new Random(8, "people")));
    expect(draws(new Random(7, "people"))).not.toEqual(draws(new Random(7, "care")));
    for (const x of draws(new Random(1, "range"))) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  it("derives stable, distinct version-5-shaped IDs from seed, kind and counter", () => {
    const a = idMaker(7);
    const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(a("person", 1)).toMatch(shape);
    expect(a("person", 1)).toBe(idMaker(7)("person", 1));
    const ids = new Set([a("person", 1), a("person", 2), a("household", 1), idMaker(8)("person", 1)]);
    expect(ids.size).toBe(4);
  });

  it("formats days as dates and office-hour timestamps", () => {
    const day = dayOf("2026-11-30");
    expect(isoDate(day)).toBe("2026-11-30");
    expect(isoAt(day, 90)).toBe("2026-11-30T09:30:00.000Z");
    expect(isoAt(day, -60)).toBe("2026-11-30T07:00:00.000Z");
    expect(isoAt(day, 16 * 60)).toBe("2026-12-01T00:00:00.000Z");
    expect(isoDate(nextMonthStart(day))).toBe("2026-12-01");
    expect(ageOn(dayOf("2010-12-01"), day)).toBe(15);
    expect(ageOn(dayOf("2010-11-30"), day)).toBe(16);
  });
});
