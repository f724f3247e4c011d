import { badInput } from "./errors";
import { requireText } from "./validation";
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

/** A code point as people write it in a message, e.g. "U+202E": never the raw character, which may be invisible or reorder the text. */
export function codePoint(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Apostrophes seen in Ukrainian and Latin names: ASCII, right single quotation mark, modifier letter apostrophe. */
const NAME_APOSTROPHES = new Set(["'", "\u2019", "\u02BC"]);
/** Hyphens: ASCII hyphen-minus and the Unicode hyphen. */
const NAME_HYPHENS = new Set(["-", "\u2010"]);
/** Allowed letters and the marks that combine with them (é written as e + U+0301). */
const NAME_LETTER = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{M}]$/u;

/** Why a character has no place in a person's name, or null when it has one. */
function nameCharacterProblem(char: string): string | null {
  if (char === " " || char === "." || NAME_APOSTROPHES.has(char) || NAME_HYPHENS.has(char)) return null;
  if (/^\p{L}$/u.test(char) || /^\p{M}$/u.test(char)) {
    return NAME_LETTER.test(char) ? null : "a letter of another alphabet than Latin or Cyrillic";
  }
  if (/^\p{Cc}$/u.test(char)) return "a control character";
  if (/^\p{Cf}$/u.test(char))
    return "an invisible formatting character (such as a direction override or zero-width space)";
  if (/^\p{S}$/u.test(char)) return "a symbol or emoji";
  if (/^\p{N}$/u.test(char)) return "a digit";
  if (/^\p{Z}$/u.test(char)) return "a space other than the ordinary space";
  return "a punctuation mark other than an apostrophe, hyphen or period";
}

/**
 * A person's name as people read it: Latin or Cyrillic letters (with their
 * accents), apostrophes, hyphens, spaces and periods for initials. Anything
 * else is BAD_USER_INPUT naming the field and the character's code point:
 * control and invisible formatting characters (a bidi override can make a
 * name display as another), symbols and emoji, digits. A name without any
 * letter is refused too. Trims, and keeps requireText's length rule.
 */
export function assertPersonName(value: string, field: string, maxLength = 100): string {
  // Surrounding whitespace is dropped, but not a byte order mark (U+FEFF), which trim() would silently drop: it is refused below.
  const stripped = value.replace(/^[^\S\uFEFF]+|[^\S\uFEFF]+$/g, "");
  let position = 0;
  for (const char of stripped) {
    position++;
    const problem = nameCharacterProblem(char);
    if (problem) {
      throw badInput(
        field,
        `${field} contains ${codePoint(char)} at position ${position}, ${problem}; ` +
          `a name may hold Latin or Cyrillic letters, apostrophes, hyphens, spaces and periods.`,
      );
    }
  }
  const name = requireText(stripped, field, maxLength);
  if (!/\p{L}/u.test(name)) throw badInput(field, `${field} holds no letter; a name needs at least one.`);
  return name;
}
