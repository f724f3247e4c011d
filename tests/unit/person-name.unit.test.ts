// Person names are text people can read: Latin and Cyrillic letters with their accents, apostrophes, hyphens, spaces
// and periods pass; control and invisible formatting characters, symbols, emoji and digits are BAD_USER_INPUT naming
// the field and showing the character as a code point, never raw.
import { assertPersonName } from "@reception-graph/kit";
import { GraphQLError } from "graphql";

const FIELD = "input.members[1].givenName";

test.each([
  ["Olena", "Olena"],
  ["  Oleksandr  ", "Oleksandr"],
  ["Олександр", "Олександр"],
  ["Ковальчук-Петренко", "Ковальчук-Петренко"],
  ["Mar'iana", "Mar'iana"],
  ["Мар’яна", "Мар’яна"],
  ["Мар\u02BCяна", "Мар\u02BCяна"],
  ["Jean-Luc", "Jean-Luc"],
  ["Van den Broeck", "Van den Broeck"],
  ["Aydın", "Aydın"],
  ["Zoë Françoise", "Zoë Françoise"],
  ["Zoe\u0308", "Zoe\u0308"],
  ["J. R.", "J. R."],
  ["Ґалина Їжак", "Ґалина Їжак"],
])("%j is a name", (value, stored) => {
  expect(assertPersonName(value, FIELD)).toBe(stored);
});

test.each([
  ["Olena\u202Eanelo", "U+202E", /formatting/],
  ["\u202DOlena", "U+202D", /formatting/],
  ["Ol\u200Bena", "U+200B", /formatting/],
  ["Ol\u200Dena", "U+200D", /formatting/],
  ["\uFEFFOlena", "U+FEFF", /formatting/],
  ["Olena\u2066", "U+2066", /formatting/],
  ["Ol\u0007ena", "U+0007", /control/],
  ["Ol\tena", "U+0009", /control/],
  ["Olena 😀", "U+1F600", /symbol or emoji/],
  ["Olena ❤", "U+2764", /symbol or emoji/],
  ["Olena $", "U+0024", /symbol/],
  ["Olena2", "U+0032", /digit/],
  ["Olena<script>", "U+003C", /symbol/],
  ["Olena@mail", "U+0040", /punctuation/],
  ["Ὀλένα", "U+1F48", /another alphabet/],
  ["Olena\u00A0Petrenko", "U+00A0", /space other/],
])("%j is refused, naming the field and %s", (value, codePoint, why) => {
  let error: GraphQLError | undefined;
  try {
    assertPersonName(value, FIELD);
  } catch (e) {
    error = e as GraphQLError;
  }
  expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: FIELD });
  expect(error!.message).toContain(`${FIELD} contains ${codePoint}`);
  expect(error!.message).toMatch(why);
  // The offending character itself never appears in the message.
  const offending = String.fromCodePoint(parseInt(codePoint.slice(2), 16));
  if (!/^[\x21-\x7E]$/.test(offending)) expect(error!.message).not.toContain(offending);
});

test.each(["", "   ", "-", "' -", ". .", "\u0301"])("%j holds no letter and is refused", (value) => {
  expect(() => assertPersonName(value, FIELD)).toThrow(
    expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT", field: FIELD }) }),
  );
});

test("a name longer than the limit is refused", () => {
  expect(() => assertPersonName("a".repeat(101), FIELD)).toThrow(/at most 100/);
});
