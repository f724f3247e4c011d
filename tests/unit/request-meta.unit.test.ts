// A subgraph trusts no request ID or operation name it could not store safely, even from a valid internal token:
// an unsafe request ID is replaced, an operation name over 200 characters is BAD_USER_INPUT naming operationName.
import { assertOperationName, buildContext, safeRequestId } from "@reception-graph/kit";
import { GraphQLError } from "graphql";
import { DataSource } from "typeorm";

const caller = {
  sub: "u1",
  org: "OCMW_GENT",
  roles: ["SOCIAL_WORKER" as const],
  sites: [],
  schools: [],
  organisations: [],
};
const context = (requestId: string, operation?: string) =>
  buildContext(
    {} as DataSource,
    { caller, purpose: "CASE_MANAGEMENT", requestId, operation, token: "t" },
    { loaders: () => ({}) },
  );

test.each([
  ["desk-3_req-42", true],
  ["a".repeat(64), true],
  ["a".repeat(65), false],
  ["", false],
  ["two words", false],
  ["line\nbreak", false],
  ["<script>", false],
  ["Olena;UA123", false],
])("request ID %j is kept: %s", (value, kept) => {
  expect(safeRequestId(value) === value).toBe(kept);
  expect(context(value).requestId === value).toBe(kept);
  expect(context(value).requestId).toMatch(/^[\w-]{1,64}$/);
});

test("a request ID that is not a string is replaced", () => {
  expect(safeRequestId(["a", "b"])).toMatch(/^[0-9a-f-]{36}$/);
  expect(safeRequestId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
});

test("an operation name of 200 characters passes; 201 is BAD_USER_INPUT (HTTP 400) naming operationName", () => {
  expect(() => assertOperationName("R".repeat(200))).not.toThrow();
  expect(context("r1", "R".repeat(200)).operation).toBe("R".repeat(200));
  let error: GraphQLError | undefined;
  try {
    context("r1", "R".repeat(201));
  } catch (e) {
    error = e as GraphQLError;
  }
  expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "operationName", http: { status: 400 } });
  expect(error?.message).toMatch(/operationName is 201 characters long/);
});
