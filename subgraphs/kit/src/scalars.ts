import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { GraphQLDateTime } from "graphql-scalars";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (rejects 2023-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function toIsoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && isIsoDate(value)) return value;
  throw new GraphQLError(`Date ${JSON.stringify(value)} is not a calendar date in the form YYYY-MM-DD.`, {
    extensions: { code: "BAD_USER_INPUT" },
  });
}

/**
 * A calendar day without time zone (birth dates, move-in dates). Kept as a
 * YYYY-MM-DD string end to end so that no time zone can shift it by a day.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "A calendar day, ISO 8601 `YYYY-MM-DD`.",
  serialize: toIsoDate,
  parseValue: toIsoDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError("A Date is written as a string YYYY-MM-DD.", { extensions: { code: "BAD_USER_INPUT" } });
    }
    return toIsoDate(ast.value);
  },
});

export const DateTimeScalar = GraphQLDateTime;

/** type-graphql's scalarsMap: JS Date properties become DateTime. */
export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];
