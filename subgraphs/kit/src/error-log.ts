/**
 * What a server log may say about an error. A failed statement carries the
 * personal values it was sent: TypeORM's QueryFailedError has `.parameters`
 * (names, birth dates, certificate numbers) and PostgreSQL's `detail` repeats
 * them ("Key (certificate_number)=(UA123) already exists"). The log keeps
 * what an administrator needs to find the fault (error class, SQL state,
 * constraint, table, the statement with its placeholders, the stack frames)
 * and never those values.
 */

/** The fields of a PostgreSQL error (node-postgres DatabaseError) that name schema objects, never data. */
interface DatabaseErrorFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  schema?: unknown;
  dataType?: unknown;
  severity?: unknown;
  routine?: unknown;
}

const SQL_STATE = /^[0-9A-Z]{5}$/;
/** Longest statement text logged: enough to recognise it, not a whole bulk insert. */
const MAX_QUERY_LENGTH = 1000;

function text(value: unknown): string | null {
  return typeof value === "string" && value ? value : null;
}

/** The PostgreSQL error behind an error, if it is one: a QueryFailedError's driverError, or the error itself. */
function databaseError(e: object): DatabaseErrorFields | null {
  const driver = (e as { driverError?: unknown }).driverError;
  if (driver && typeof driver === "object") return driver as DatabaseErrorFields;
  const own = e as DatabaseErrorFields;
  return typeof own.code === "string" && SQL_STATE.test(own.code) && typeof own.severity === "string" ? own : null;
}

/**
 * A PostgreSQL message with its quoted values replaced: messages quote values
 * (`invalid input syntax for type uuid: "Olena"`) as well as object names
 * (`unique constraint "person_certificate_number_key"`); only the names this
 * error itself reports as schema objects are kept.
 */
function redactedMessage(message: string, names: Set<string>): string {
  return message.replace(/"((?:[^"\\]|\\.)*)"/g, (quoted, inner: string) => (names.has(inner) ? quoted : '"…"'));
}

/** The stack's frames only: its first line repeats the message, which may hold values. */
function stackFrames(e: Error): string {
  return (e.stack ?? "")
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
}

/** One log entry for a failed SQL statement, without its parameters or the values PostgreSQL quotes back. */
function describeDatabaseError(e: Error & { query?: unknown }, db: DatabaseErrorFields): string {
  const names = new Set(
    [db.constraint, db.table, db.column, db.schema, db.dataType].map(text).filter((n): n is string => !!n),
  );
  const facts = [
    text(db.code) && `SQLSTATE ${db.code}`,
    text(db.constraint) && `constraint ${db.constraint}`,
    text(db.table) && `table ${db.table}`,
    text(db.column) && `column ${db.column}`,
  ].filter(Boolean);
  const query = text(e.query);
  const lines = [
    `${e.name || "Error"}${facts.length ? ` (${facts.join(", ")})` : ""}: ${redactedMessage(e.message ?? "", names)}`,
  ];
  if (query) {
    const shown = query.length > MAX_QUERY_LENGTH ? `${query.slice(0, MAX_QUERY_LENGTH)}…` : query;
    lines.push(`  query: ${shown.replace(/\s+/g, " ").trim()}`);
  }
  const frames = stackFrames(e);
  if (frames) lines.push(frames);
  return lines.join("\n");
}

/**
 * The text to log for an error caught anywhere in the graph. SQL errors lose
 * their parameters and detail (see above); other errors keep name, message
 * and stack; a GraphQL error is described by the error it wraps.
 */
export function describeError(e: unknown): string {
  // A thrown non-error could be any object holding any value: only its type is logged.
  if (!(e instanceof Error))
    return typeof e === "string" ? redactedMessage(e, new Set()) : `Non-error thrown (${typeof e})`;
  const original = (e as { originalError?: unknown }).originalError;
  if (original && original !== e) return describeError(original);
  const db = databaseError(e);
  if (db) return describeDatabaseError(e, db);
  const cause = (e as { cause?: unknown }).cause;
  const own = e.stack ?? `${e.name}: ${e.message}`;
  return cause ? `${own}\n  caused by: ${describeError(cause)}` : own;
}
