import { badInput } from "./errors";
import { MiddlewareFn } from "type-graphql";

/** The first argument path holding a NUL character, e.g. "input.members[0].givenName"; null when none does. */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      const found = nulPath(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store a NUL character in text: without this check a
 * pasted "\u0000" in any name, note, search or idempotency key would reach
 * SQL and come back as INTERNAL. Refused as BAD_USER_INPUT naming the input path.
 */
export const RejectNulCharacters: MiddlewareFn = ({ args }, next) => {
  const path = nulPath(args, "");
  if (path) throw badInput(path, `${path} contains a NUL character (\\u0000), which cannot be stored.`);
  return next();
};
