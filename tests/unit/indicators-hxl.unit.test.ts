// Scenario: the indicators CSV is valid HXL 1.1. Its second row is the hashtag row: every cell is a
// hashtag with attributes in HXL's syntax (#[a-z][a-z0-9_]*, then +[a-z][a-z0-9_]*), and every
// hashtag and attribute is in the committed subset of the HXL 1.1 core dictionary
// (gateway/src/reports/hxl-dictionary.json, with its source), with attributes the dictionary
// suggests for that hashtag. The first row is not a hashtag row (so HXL readers find the second),
// columns whose hashtag the dictionary says holds numbers or dates hold only those (or nothing,
// when suppressed), and the dictionary lists nothing the export does not use.
import { parse } from "csv-parse/sync";
import dictionary from "../../gateway/src/reports/hxl-dictionary.json";
import { indicatorsCsv } from "../../gateway/src/reports/indicators-csv";
import { sampleReport } from "./indicators-sample";

const HASHTAG = /^#[a-z][a-z0-9_]*$/;
const ATTRIBUTE = /^\+[a-z][a-z0-9_]*$/;

/** HXL's tag syntax: a hashtag, then attributes; case and whitespace around "+" do not matter. */
function parseTagspec(cell: string): { hashtag: string; attributes: string[] } | null {
  const parts = cell
    .trim()
    .toLowerCase()
    .replace(/\s*\+\s*/g, " +")
    .split(" ")
    .filter(Boolean);
  const [hashtag, ...attributes] = parts;
  if (!hashtag || !HASHTAG.test(hashtag) || !attributes.every((a) => ATTRIBUTE.test(a))) return null;
  return { hashtag, attributes };
}

const hashtags = dictionary.hashtags as Record<string, { since: string; description: string; attributes: string[] }>;
const attributes = dictionary.attributes as Record<string, { since: string; description: string }>;
const [headerRow, hxlRow, ...rows] = parse(indicatorsCsv({ report: sampleReport(), site: null }), {
  bom: true,
}) as string[][];
const tagspecs = hxlRow.map((cell) => ({ cell, spec: parseTagspec(cell) }));

test("the dictionary file names its source: the HXL 1.1 dictionary and core schema", () => {
  expect(dictionary.source.version).toBe("1.1");
  expect(dictionary.source.dictionary).toBe("https://hxlstandard.org/standard/1-1final/dictionary/");
  expect(dictionary.source.coreSchema).toContain("https://data.humdata.org/dataset/hxl-core-schemas");
  for (const [tag, entry] of Object.entries(hashtags)) {
    expect(tag).toMatch(HASHTAG);
    expect(["1.0", "1.1"]).toContain(entry.since);
    for (const a of entry.attributes) expect(a).toMatch(ATTRIBUTE);
  }
  for (const [a, entry] of Object.entries(attributes)) {
    expect(a).toMatch(ATTRIBUTE);
    expect(["1.0", "1.1"]).toContain(entry.since);
  }
});

test("every cell of the second row is an HXL tagspec; no cell of the first is", () => {
  expect(hxlRow.length).toBe(headerRow.length);
  for (const { cell, spec } of tagspecs) expect({ cell, valid: spec !== null }).toEqual({ cell, valid: true });
  for (const cell of headerRow) expect({ cell, tag: parseTagspec(cell) }).toEqual({ cell, tag: null });
});

test("every hashtag and attribute is in the HXL 1.1 core dictionary, attributes as suggested for their hashtag", () => {
  for (const { cell, spec } of tagspecs) {
    expect({ cell, known: spec!.hashtag in hashtags }).toEqual({ cell, known: true });
    for (const a of spec!.attributes) {
      expect({ cell, attribute: a, known: a in attributes }).toEqual({ cell, attribute: a, known: true });
      expect({ cell, attribute: a, suggested: hashtags[spec!.hashtag].attributes.includes(a) }).toEqual({
        cell,
        attribute: a,
        suggested: true,
      });
    }
  }
});

test("the dictionary subset is exactly what the export uses", () => {
  const usedTags = new Set(tagspecs.map((t) => t.spec!.hashtag));
  const usedAttributes = new Set(tagspecs.flatMap((t) => t.spec!.attributes));
  expect([...usedTags].sort()).toEqual(Object.keys(hashtags).sort());
  expect([...usedAttributes].sort()).toEqual(Object.keys(attributes).sort());
});

test("tag specs are unique, so HXL tools address each column unambiguously", () => {
  expect(new Set(hxlRow).size).toBe(hxlRow.length);
});

test("columns HXL types hold only their type: numbers under #indicator+num/+pct and #reached, dates under #date", () => {
  const numeric = tagspecs.flatMap((t, i) =>
    t.spec!.hashtag === "#reached" ||
    (t.spec!.hashtag === "#indicator" && (t.spec!.attributes.includes("+num") || t.spec!.attributes.includes("+pct")))
      ? [i]
      : [],
  );
  const dates = tagspecs.flatMap((t, i) => (t.spec!.hashtag === "#date" ? [i] : []));
  expect(numeric.length).toBe(9);
  expect(dates.length).toBe(2);
  for (const row of rows) {
    for (const i of numeric) expect(row[i]).toMatch(/^(-?\d+(\.\d+)?)?$/);
    for (const i of dates) expect(row[i]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
});
