// Scenario: the gateway's CSV writer and the indicators CSV built from a known report. A cell that
// would start a spreadsheet formula is defused with a quote (plain numbers, even negative, are
// not); commas, quotes and line breaks are quoted per RFC 4180; records end in CRLF; the file
// starts with a UTF-8 byte order mark. The indicators CSV has a header row, an HXL row, one row per
// number (every results-matrix indicator with numerator, denominator, baseline and target, every
// field, one row per age × sex cell, household composition and referral status), and a suppressed
// number is an empty cell with "true" under Suppressed, never 0.
import { parse } from "csv-parse/sync";
import { csvCell, csvDocument, UTF8_BOM } from "../../gateway/src/reports/csv";
import { CSV_COLUMNS, indicatorsCsv } from "../../gateway/src/reports/indicators-csv";
import { sampleReport } from "./indicators-sample";

describe("csvCell", () => {
  test("quotes commas, double quotes and line breaks (RFC 4180), doubling the quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(0)).toBe("0");
  });

  test("defuses formulas: = + - @ tab and CR at the start get a leading quote", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1+2")).toBe("'+1+2");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("\r=1")).toBe('"\'\r=1"');
    expect(csvCell("=1,2")).toBe('"\'=1,2"');
  });

  test("leaves plain numbers alone, negative ones too, whether numbers or text", () => {
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell("-12.5")).toBe("-12.5");
    expect(csvCell("+3")).toBe("+3");
    expect(csvCell("1e3")).toBe("1e3");
    expect(csvCell("-5 days")).toBe("'-5 days");
  });
});

describe("csvDocument", () => {
  test("starts with a byte order mark and ends every record with CRLF", () => {
    const text = csvDocument([
      ["a", "b"],
      ["1", "x,y"],
    ]);
    expect(text.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(text, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text.slice(1)).toBe('a,b\r\n1,"x,y"\r\n');
  });

  test("round-trips through an RFC 4180 parser", () => {
    const records = [
      ["Naam", "Opmerking"],
      ["Ter Rive", 'een "oud" zorghuis,\r\nGent'],
      ["=cmd", "-3"],
    ];
    const text = csvDocument(records);
    const parsed = parse(text, { bom: true, record_delimiter: "\r\n" }) as string[][];
    expect(parsed).toEqual([
      ["Naam", "Opmerking"],
      ["Ter Rive", 'een "oud" zorghuis,\r\nGent'],
      ["'=cmd", "-3"],
    ]);
  });
});

describe("indicatorsCsv", () => {
  const located = { report: sampleReport(), site: null };
  const text = indicatorsCsv(located);
  const [header, hxl, ...rows] = parse(text, { bom: true }) as string[][];
  const col = (name: string) => header.indexOf(name);
  const find = (code: string, measure: string, breakdown = "") =>
    rows.filter(
      (r) =>
        r[col("Indicator code")] === code && r[col("Measure")] === measure && r[col("Breakdown code")] === breakdown,
    );

  test("has the header row, the HXL row, and CRLF line ends", () => {
    expect(text.startsWith(UTF8_BOM + "Indicator code,Indicator,")).toBe(true);
    expect(header).toEqual(CSV_COLUMNS.map((c) => c.header));
    expect(hxl).toEqual(CSV_COLUMNS.map((c) => c.hxl));
    expect(hxl.slice(0, 4)).toEqual(["#indicator+code", "#indicator+name", "#activity+type", "#indicator+type"]);
    expect(text.split("\r\n").length - 1).toBe(rows.length + 2);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
  });

  test("one row per number: 5 indicators × 5, the fields, 24 age × sex cells, 6 compositions, 7 statuses", () => {
    // Results matrix 5 × (value, numerator, denominator, baseline, target) = 25; counts and plain numbers:
    // placesTotal, placesOccupied, moveOuts, feedbackReceived, feedbackClosed, overdueReferrals, personsServed,
    // openCaseFiles, caseFilesOpened, caseFilesClosed, maxCaseload, averageCaseload, childrenAssessed,
    // schoolAgeChildren, okanWaitingList = 15; percentages 3 × 3 = 9; statistics 3 × 2 = 6; cells 24 + 6 + 7 = 37.
    expect(rows).toHaveLength(25 + 15 + 9 + 6 + 37);
    expect(rows.filter((r) => r[col("Indicator code")] === "personsByAgeAndSex")).toHaveLength(24);
    expect(rows.filter((r) => r[col("Indicator code")] === "householdsByComposition")).toHaveLength(6);
    expect(rows.filter((r) => r[col("Indicator code")] === "referralsByStatus")).toHaveLength(7);
  });

  test("a results-matrix indicator: value with its target met or not, numerator, denominator, baseline, target", () => {
    const [value] = find("OUTCOME_1", "percent");
    expect(value[col("Indicator")]).toBe(
      "% of refugees receiving housing assistance who report improved living conditions",
    );
    expect(value[col("Level")]).toBe("Outcome 1");
    expect(value[col("Value")]).toBe("80");
    expect(value[col("Target met")]).toBe("not met");
    expect(value[col("Location")]).toBe("Ghent (all sites)");
    expect(value[col("Period start")]).toBe("2022-05-01");
    expect(value[col("Period end")]).toBe("2022-05-31");
    // A share is tagged as one too (#indicator+pct); its numerator is no percentage.
    expect(value[col("Percent")]).toBe("80");
    expect(find("OUTCOME_1", "numerator")[0][col("Percent")]).toBe("");
    expect(find("OUTCOME_1", "numerator")[0][col("Value")]).toBe("8");
    expect(find("OUTCOME_1", "denominator")[0][col("Value")]).toBe("10");
    expect(find("OUTCOME_1", "baseline")[0][col("Value")]).toBe("0");
    expect(find("OUTCOME_1", "target")[0][col("Value")]).toBe("90");
    expect(find("OUTPUT_1_1", "count")[0][col("Target met")]).toBe("met");
    expect(find("OUTPUT_1_2_CFM", "per centre")[0][col("Value")]).toBe("1");
  });

  test("suppressed numbers are empty with Suppressed true, never 0; a real 0 is written as 0", () => {
    const moveOuts = find("moveOuts", "people")[0];
    expect(moveOuts[col("Value")]).toBe("");
    expect(moveOuts[col("Suppressed")]).toBe("true");
    const femaleBabies = find("personsByAgeAndSex", "people", "FEMALE_AGE_0_4")[0];
    expect(femaleBabies[col("Value")]).toBe("");
    expect(femaleBabies[col("Female")]).toBe("");
    expect(femaleBabies[col("Children 0-17")]).toBe("");
    expect(femaleBabies[col("Suppressed")]).toBe("true");
    const enrolled = find("childrenEnrolledPct", "percent")[0];
    expect(enrolled[col("Value")]).toBe("");
    expect(enrolled[col("Suppressed")]).toBe("true");
    const closed = find("feedbackClosed", "count")[0];
    expect(closed[col("Value")]).toBe("0");
    expect(closed[col("Suppressed")]).toBe("false");
    for (const r of rows.filter((r) => r[col("Suppressed")] === "true")) {
      expect(r.slice(col("Value"), col("Value") + 1)).toEqual([""]);
      expect(r.slice(col("Female"))).toEqual(["", "", "", "", "", "", ""]);
    }
  });

  test("a breakdown cell is also under its sex, age group or household column", () => {
    const women = find("personsByAgeAndSex", "people", "FEMALE_AGE_18_59")[0];
    expect(women[col("Breakdown")]).toBe("female, 18-59");
    expect(women[col("Value")]).toBe("20");
    expect(women[col("Female")]).toBe("20");
    expect(women[col("Male")]).toBe("");
    expect(women[col("Adults 18-59")]).toBe("20");
    expect(women[col("Children 0-17")]).toBe("");
    const unknownAge = find("personsByAgeAndSex", "people", "OTHER_AGE_UNKNOWN")[0];
    expect(unknownAge[col("Breakdown")]).toBe("other, age unknown");
    expect(unknownAge[col("Other sex")]).toBe("0");
    const families = find("householdsByComposition", "count", "ADULTS_WITH_CHILDREN")[0];
    expect(families[col("Households")]).toBe("9");
    expect(families[col("Female")]).toBe("");
    const sent = find("referralsByStatus", "count", "SENT")[0];
    expect(sent[col("Value")]).toBe("6");
    expect(sent[col("Households")]).toBe("");
  });

  test("with a site: its name and ID", () => {
    const site = { id: "7f1c2a8e-0c55-4c55-9b1e-5f6f7a8b9c0d", name: "Ter Rive" };
    const [, , first] = parse(indicatorsCsv({ report: sampleReport({ siteId: site.id }), site }), {
      bom: true,
    }) as string[][];
    expect(first[col("Location")]).toBe("Ter Rive");
    expect(first[col("Site ID")]).toBe(site.id);
  });

  test("a site name that looks like a formula is defused", () => {
    const site = { id: "7f1c2a8e-0c55-4c55-9b1e-5f6f7a8b9c0d", name: '=IMPORTXML("x")' };
    const out = indicatorsCsv({ report: sampleReport(), site });
    expect(out).toContain('"\'=IMPORTXML(""x"")"');
    expect(out).not.toMatch(/,=IMPORTXML/);
  });
});
