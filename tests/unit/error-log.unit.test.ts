// Server logs carry no personal values: a failed SQL statement is logged with its error class, SQL state, constraint,
// table and statement text, never its parameters or PostgreSQL's detail; the same holds for maskError and QueryCounter.
import { captureLogs, describeError, maskError, QueryCounter } from "@reception-graph/kit";
import { GraphQLError } from "graphql";
import { QueryFailedError } from "typeorm";

const NAME = "Olena Kovalenko";
const CERTIFICATE = "UA-TP-123456";
const SQL = `INSERT INTO "person"("given_name", "family_name", "certificate_number") VALUES ($1, $2, $3) RETURNING "id"`;

/** What node-postgres throws for a unique violation, with the values PostgreSQL quotes back. */
function duplicateCertificate(): QueryFailedError {
  const driver = Object.assign(
    new Error(`duplicate key value violates unique constraint "person_certificate_number_key"`),
    {
      name: "error",
      severity: "ERROR",
      code: "23505",
      detail: `Key (certificate_number)=(${CERTIFICATE}) already exists.`,
      schema: "public",
      table: "person",
      constraint: "person_certificate_number_key",
      routine: "_bt_check_unique",
    },
  );
  return new QueryFailedError(SQL, ["Olena", "Kovalenko", CERTIFICATE, NAME], driver);
}

test("a failed INSERT is logged with class, SQL state, constraint, table and statement, without parameters or detail", () => {
  const text = describeError(duplicateCertificate());
  expect(text).toContain("QueryFailedError (SQLSTATE 23505, constraint person_certificate_number_key, table person)");
  expect(text).toContain(`unique constraint "person_certificate_number_key"`);
  expect(text).toContain(
    `query: INSERT INTO "person"("given_name", "family_name", "certificate_number") VALUES ($1, $2, $3)`,
  );
  expect(text).toMatch(/\n\s+at /);
  for (const value of [NAME, "Olena", "Kovalenko", CERTIFICATE, "already exists"]) expect(text).not.toContain(value);
});

test("values PostgreSQL quotes in its message are replaced; the names of schema objects stay", () => {
  const driver = Object.assign(new Error(`invalid input syntax for type uuid: "${NAME}"`), {
    severity: "ERROR",
    code: "22P02",
  });
  const text = describeError(new QueryFailedError(`SELECT * FROM person WHERE id = $1`, [NAME], driver));
  expect(text).toContain(`invalid input syntax for type uuid: "…"`);
  expect(text).not.toContain("Olena");
});

test("maskError logs the wrapped SQL error without values and answers INTERNAL", () => {
  const logged: unknown[] = [];
  const error = new GraphQLError("unexpected", { originalError: duplicateCertificate() });
  const masked = maskError({ message: error.message, extensions: {} }, error, (e) => logged.push(e));
  expect(masked.extensions).toEqual({ code: "INTERNAL" });
  expect(logged).toHaveLength(1);
  const text = String(logged[0]);
  expect(text).toContain("SQLSTATE 23505");
  expect(text).not.toContain(CERTIFICATE);
  expect(text).not.toContain("Olena");
});

test("QueryCounter in debug mode prints statements and failures without their parameters", () => {
  const logged = captureLogs("debug");
  try {
    const counter = new QueryCounter("social", true);
    counter.logQuery(SQL, ["Olena", "Kovalenko", CERTIFICATE]);
    counter.logQueryError(duplicateCertificate(), SQL, ["Olena", "Kovalenko", CERTIFICATE]);
  } finally {
    logged.stop();
  }
  const text = logged.lines().join("\n");
  expect(logged.records()).toHaveLength(2);
  expect(text).toContain('"parameterCount":3');
  expect(text).toContain("SQLSTATE 23505");
  expect(text).not.toContain("Olena");
  expect(text).not.toContain(CERTIFICATE);
});

test("other errors keep their message and stack, and their cause is described the same way", () => {
  const text = describeError(new Error("peer timed out", { cause: duplicateCertificate() }));
  expect(text).toMatch(/^Error: peer timed out\n\s+at /);
  expect(text).toContain("caused by: QueryFailedError (SQLSTATE 23505");
  expect(text).not.toContain(CERTIFICATE);
  expect(describeError({ certificate: CERTIFICATE })).toBe("Non-error thrown (object)");
});
