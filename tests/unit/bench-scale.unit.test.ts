// The scale bench's verdicts, without running it: p95 at 80,000 persons against p95 at 1,000, round by round,
// whether the SQL statements per request stayed the same at both sizes and page sizes (issue 13's two limits), and
// from two readings of pg_stat_statements, which statement makes a count differ and which grew slower with the data.
import {
  addStatements,
  compareStatements,
  differingStatements,
  p95Verdict,
  statementDelta,
  statementGrowth,
} from "../../bench/scale/verdict";

describe("p95 growth from the small data set to the large one", () => {
  it("takes the median of the per-round ratios and holds person, list and search operations to 1.5×", () => {
    const v = p95Verdict("list-20-four-subgraphs", [10, 20, 10], [14, 20, 30]);
    expect(v).toEqual({ class: "person/list/search", limit: 1.5, per_round: [1.4, 1, 3], median: 1.4, met: true });
  });

  it("is not met above the limit, one slow round in three notwithstanding", () => {
    expect(p95Verdict("person-360", [10, 10, 10], [16, 9, 17]).met).toBe(false);
  });

  it("allows aggregates 3×", () => {
    const v = p95Verdict("indicators-month", [10, 10, 10], [29, 30, 31]);
    expect([v.class, v.limit, v.median, v.met]).toEqual(["aggregate", 3, 3, true]);
    expect(p95Verdict("children-awaiting-school", [10, 10, 10], [31, 31, 31]).met).toBe(false);
  });

  it("refuses rounds that do not pair up or a small p95 of zero", () => {
    expect(() => p95Verdict("person-360", [10, 10], [10])).toThrow("2 small and 1 large rounds");
    expect(() => p95Verdict("person-360", [], [])).toThrow("0 small and 0 large rounds");
    expect(() => p95Verdict("person-360", [10, 0], [10, 10])).toThrow("is 0 in round 2");
  });
});

describe("SQL statements per request across sizes and page sizes", () => {
  it("is identical when every subgraph counts the same everywhere", () => {
    const same = { social: 2, housing: 1, care: 1, education: 1 };
    expect(compareStatements({ "small/10": same, "small/100": same, "large/10": same, "large/100": same })).toEqual({
      identical: true,
      differing: [],
      differences: [],
    });
  });

  it("names each subgraph that differs with every measurement's count", () => {
    expect(
      compareStatements({
        small: { social: 2, housing: 1, care: 1 },
        large: { social: 3, housing: 1, care: 1.5 },
      }),
    ).toEqual({
      identical: false,
      differing: ["social", "care"],
      differences: ["social: small 2, large 3", "care: small 1, large 1.5"],
    });
  });

  it("counts a subgraph missing from one measurement as a difference", () => {
    expect(compareStatements({ small: { social: 2, housing: 1 }, large: { social: 2 } }).differences).toEqual([
      "housing: small 1, large none",
    ]);
  });
});

describe("statements, from readings of pg_stat_statements", () => {
  const rooms = "SELECT * FROM room WHERE id = ANY($1)";
  const search = "SELECT count(*) FROM person WHERE given_name ILIKE $1";
  const audit = "INSERT INTO audit_log VALUES ($1)";

  it("keeps what was called between two readings, and adds turns up", () => {
    const before = { [rooms]: { calls: 10, ms: 5 }, [audit]: { calls: 4, ms: 1 } };
    const after = { [rooms]: { calls: 13, ms: 8 }, [audit]: { calls: 4, ms: 1 }, [search]: { calls: 2, ms: 40 } };
    const delta = statementDelta(before, after);
    expect(delta).toEqual({ [rooms]: { calls: 3, ms: 3 }, [search]: { calls: 2, ms: 40 } });
    expect(addStatements(delta, { [rooms]: { calls: 1, ms: 2 } })).toEqual({
      [rooms]: { calls: 4, ms: 5 },
      [search]: { calls: 2, ms: 40 },
    });
  });

  it("counts one statement asked with lists of other lengths as one", () => {
    const two = "SELECT * FROM site WHERE id IN ($1, $2)";
    const three = "SELECT * FROM site WHERE id IN ($1, $2,$3)";
    expect(statementDelta({}, { [two]: { calls: 2, ms: 1 }, [three]: { calls: 1, ms: 1 } })).toEqual({
      "SELECT * FROM site WHERE id IN ($…)": { calls: 3, ms: 2 },
    });
  });

  it("names the statement whose calls per request differ, and not those that stay the same", () => {
    expect(
      differingStatements({
        "small/10": { calls: { [rooms]: { calls: 3, ms: 1 }, [audit]: { calls: 4, ms: 1 } }, requests: 4 },
        "small/100": { calls: { [rooms]: { calls: 4, ms: 1 }, [audit]: { calls: 4, ms: 1 } }, requests: 4 },
        "large/10": { calls: { [audit]: { calls: 4, ms: 1 } }, requests: 4 },
      }),
    ).toEqual([`small/10 0.75, small/100 1, large/10 0: ${rooms}`]);
  });

  it("ranks statements by the milliseconds a call gained from the small data set to the large one", () => {
    const small = { [rooms]: { calls: 10, ms: 10 }, [search]: { calls: 10, ms: 20 }, [audit]: { calls: 5, ms: 5 } };
    const large = { [rooms]: { calls: 10, ms: 12 }, [search]: { calls: 10, ms: 900 }, [audit]: { calls: 5, ms: 5 } };
    const grown = statementGrowth(small, large, 2);
    expect(grown.map((g) => g.query)).toEqual([search, rooms]);
    expect(grown[0]).toMatchObject({ calls: { small: 10, large: 10 }, mean_ms: { small: 2, large: 90 }, growth: 45 });
  });
});
