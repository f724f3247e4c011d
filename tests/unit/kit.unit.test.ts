// The kit's pure building blocks: cursors and pages, dates, the access matrix, error masking.
import {
  accessLevel,
  ageOn,
  DateScalar,
  isIsoDate,
  maskError,
  keysetCondition,
  keysetConnection,
  parseKeysetPage,
} from "@reception-graph/kit";
import { GraphQLError } from "graphql";

describe("keyset pages and cursors", () => {
  const filter = { status: "OPEN" };
  const rows = [
    { key: ["2026-11-02", "b"], node: "x" },
    { key: ["2026-11-01", "a"], node: "y" },
    { key: ["2026-10-30", "c"], node: "z" },
  ];

  test("a cursor carries the last item's key and its filter; the next page starts right after it", () => {
    const first = parseKeysetPage(2, null, filter, 2);
    const page = keysetConnection(rows, first, 7);
    expect(page.edges.map((e) => e.node)).toEqual(["x", "y"]);
    expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = parseKeysetPage(2, page.pageInfo.endCursor, filter, 2);
    expect(next.after).toEqual(["2026-11-01", "a"]);
    expect(keysetConnection(rows.slice(0, 1), next, 7).pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: true,
    });
    expect(parseKeysetPage(undefined, undefined, filter, 2).limit).toBe(50);
  });

  test("a cursor replayed under another filter, a foreign or malformed cursor, and a bad first are BAD_USER_INPUT", () => {
    const cursor = keysetConnection(rows, parseKeysetPage(2, null, filter, 2), 7).pageInfo.endCursor!;
    const refused = (first: number, after: string | null, f: unknown, n = 2) => {
      try {
        parseKeysetPage(first, after, f, n);
        return null;
      } catch (e) {
        return (e as GraphQLError).extensions;
      }
    };
    expect(refused(2, cursor, { status: "CLOSED" })).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect(refused(2, cursor, filter, 3)).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect(refused(2, "bm9wZQ", filter)).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    expect(refused(2, Buffer.from("offset:9").toString("base64url"), filter)).toMatchObject({ code: "BAD_USER_INPUT" });
    expect(refused(101, null, filter)).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(refused(-1, null, filter)).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(refused(2, cursor, filter)).toBeNull();
  });

  test("the keyset condition follows each column's direction", () => {
    const params: unknown[] = [];
    const sql = keysetCondition(
      [
        { sql: "p.registered_at", cast: "timestamptz", desc: true },
        { sql: "p.id", cast: "uuid" },
      ],
      ["2026-11-01 10:00:00+00", "7c9e6679-7425-40de-944b-e07fc1f90ae7"],
      (v) => `$${params.push(v)}`,
    );
    expect(sql).toBe(
      "((p.registered_at < $1::timestamptz) OR (p.registered_at = $1::timestamptz AND p.id > $2::uuid))",
    );
    expect(params).toEqual(["2026-11-01 10:00:00+00", "7c9e6679-7425-40de-944b-e07fc1f90ae7"]);
  });
});

describe("dates", () => {
  test("only real calendar days are Dates", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("2023-2-1")).toBe(false);
    expect(() => DateScalar.parseValue("2023-13-01")).toThrow(/2023-13-01/);
    expect(DateScalar.serialize("2022-03-01")).toBe("2022-03-01");
  });

  test("age counts whole years, birthday included", () => {
    expect(ageOn("2010-06-15", "2026-06-14")).toBe(15);
    expect(ageOn("2010-06-15", "2026-06-15")).toBe(16);
  });
});

describe("access matrix", () => {
  test("levels follow access.md", () => {
    expect(accessLevel(["SOCIAL_WORKER"], "SOCIAL_FINANCIAL", "WRITE")).toBe("ALL");
    expect(accessLevel(["SCHOOL_STAFF"], "IDENTITY_BASIC", "READ")).toBe("OWN");
    expect(accessLevel(["SCHOOL_STAFF"], "IDENTITY_FULL", "READ")).toBe("NONE");
    expect(accessLevel(["CARE_WORKER"], "IDENTITY_BASIC", "WRITE")).toBe("NONE");
    expect(accessLevel(["ANALYST"], "IDENTITY_BASIC", "READ")).toBe("NONE");
    expect(accessLevel(["ANALYST"], "AGGREGATES", "READ")).toBe("ALL");
    expect(accessLevel(["ADMIN"], "HEALTH", "READ")).toBe("NONE");
    expect(accessLevel(["DPO"], "AUDIT_TRAIL", "READ")).toBe("ALL");
    // The widest of several roles wins.
    expect(accessLevel(["SCHOOL_STAFF", "SOCIAL_WORKER"], "EDUCATION", "READ")).toBe("ALL");
  });
});

describe("error masking", () => {
  test("domain codes pass with their message; anything else becomes INTERNAL without details", () => {
    const log = jest.fn();
    const bad = maskError(
      {
        message: "birthDate 2999-01-01 is in the future.",
        extensions: { code: "BAD_USER_INPUT", field: "input.members[0].birthDate", stacktrace: ["x"] },
      },
      null,
      log,
    );
    expect(bad).toEqual({
      message: "birthDate 2999-01-01 is in the future.",
      extensions: { code: "BAD_USER_INPUT", field: "input.members[0].birthDate" },
    });
    const internal = maskError(
      {
        message: 'relation "person" does not exist at http://10.0.0.3:4001',
        extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: "social" },
      },
      new Error("boom"),
      log,
    );
    expect(internal.extensions).toEqual({ code: "INTERNAL" });
    expect(internal.message).not.toMatch(/relation|http/);
    expect(log).toHaveBeenCalledTimes(1);
    const invalid = maskError(
      { message: 'Cannot query field "nope" on type "Query".', extensions: { code: "GRAPHQL_VALIDATION_FAILED" } },
      null,
      log,
    );
    expect(invalid.extensions).toEqual({ code: "BAD_USER_INPUT" });
  });
});
