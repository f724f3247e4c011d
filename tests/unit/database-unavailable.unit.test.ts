// Scenario: a subgraph's PostgreSQL restarts or becomes unreachable while requests run. The errors node-postgres
// and TypeORM raise then (refused, cut, shutting down, starting up, wrapped in a QueryFailedError or a
// GraphQLError) are told apart from a statement that failed, and the caller reads UNAVAILABLE naming the
// subgraph instead of INTERNAL; any other failure stays INTERNAL.
import { databaseUnavailable, isDatabaseUnavailable, maskError } from "@reception-graph/kit";
import { GraphQLError } from "graphql";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

test.each([
  ["connection refused", withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432")],
  ["administrator shutdown (57P01)", withCode("57P01", "terminating connection due to administrator command")],
  ["starting up (57P03)", withCode("57P03", "the database system is starting up")],
  ["connection cut", new Error("Connection terminated unexpectedly")],
  ["inside a QueryFailedError", Object.assign(new Error("query failed"), { driverError: withCode("57P01") })],
  ["inside a GraphQLError", new GraphQLError("x", { originalError: new Error("Connection terminated unexpectedly") })],
])("%s: the database is unavailable", (_what, error) => {
  expect(isDatabaseUnavailable(error)).toBe(true);
});

test.each([
  ["a unique violation", withCode("23505", 'duplicate key value violates unique constraint "x"')],
  ["a syntax error", withCode("42601")],
  ["a plain error", new Error("boom")],
  ["nothing", null],
])("%s: not an outage", (_what, error) => {
  expect(isDatabaseUnavailable(error)).toBe(false);
});

test("maskError in a subgraph: an outage is UNAVAILABLE naming it, a bug stays INTERNAL", () => {
  const silent = () => undefined;
  const outage = new GraphQLError("x", { originalError: withCode("ECONNREFUSED") });
  expect(maskError({ message: "x", path: ["referrals"] }, outage, silent, "care")).toEqual({
    message: databaseUnavailable("care").message,
    path: ["referrals"],
    locations: undefined,
    extensions: { code: "UNAVAILABLE", service: "care" },
  });
  expect(databaseUnavailable("care").message).toMatch(/^care's database is not answering/);
  const bug = new GraphQLError("x", { originalError: new Error("boom") });
  expect(maskError({ message: "x" }, bug, silent, "care").extensions).toEqual({ code: "INTERNAL" });
  // The gateway has no database of its own: without a service, an outage-like error stays INTERNAL.
  expect(maskError({ message: "x" }, outage, silent).extensions).toEqual({ code: "INTERNAL" });
});
