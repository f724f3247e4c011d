// The kit's pure building blocks: cursors and pages, dates, the access matrix, error masking.
import {
  accessLevel,
  ageOn,
  DateScalar,
  decodeCursor,
  encodeCursor,
  isIsoDate,
  maskError,
  parsePage,
  toConnection,
} from "@reception-graph/kit";
import { GraphQLError } from "graphql";

describe("pages and cursors", () => {
  test("a cursor round-trips and the next page starts after it", () => {
    expect(decodeCursor(encodeCursor(41))).toBe(41);
    expect(parsePage(10, encodeCursor(9))).toEqual({ limit: 10, offset: 10 });
    expect(parsePage(undefined, undefined)).toEqual({ limit: 50, offset: 0 });
  });

  test("first above 100, negative first and foreign cursors are BAD_USER_INPUT naming the value", () => {
    for (const [first, after] of [
      [101, null],
      [-1, null],
      [10, "bm9wZQ"],
      [10, Buffer.from("offset:99999999999999999999").toString("base64url")],
    ] as const) {
      try {
        parsePage(first, after);
        throw new Error("expected a BAD_USER_INPUT");
      } catch (e) {
        expect((e as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
      }
    }
    expect(() => parsePage(101, null)).toThrow(/101/);
  });

  test("pageInfo tells whether more follows", () => {
    const c = toConnection(["a", "b"], 5, { limit: 2, offset: 2 });
    expect(c.pageInfo).toMatchObject({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: encodeCursor(2),
      endCursor: encodeCursor(3),
    });
    expect(toConnection([], 0, { limit: 2, offset: 0 }).pageInfo.hasNextPage).toBe(false);
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
