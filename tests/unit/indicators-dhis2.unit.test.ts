// Scenario: the DHIS2 export of a known report. The period is DHIS2's identifier when the range is
// one DHIS2 period (a month is 202205) and null otherwise; the committed mapping covers every field
// the export's GraphQL operation asks and every breakdown cell (age band × sex, composition,
// referral status) with well-formed, unique UIDs; every produced data value has mapped codes and a
// string value; suppressed numbers (and numbers with nothing to measure) are left out, never 0;
// the organisation unit is the city's without a site, the site's when mapped, and an unmapped
// site is refused naming siteId.
import { Kind, OperationDefinitionNode, parse } from "graphql";
import {
  comboKey,
  DHIS2_MAPPING,
  dhis2DataValueSet,
  Dhis2MappingError,
  dhis2Period,
  isDhis2Row,
} from "../../gateway/src/reports/dhis2";
import { indicatorsOperation } from "../../gateway/src/reports/indicator-report";
import { indicatorRows, REPORT_FIELDS, rowKey } from "../../gateway/src/reports/indicator-rows";
import { sampleReport } from "./indicators-sample";

const DHIS2_UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

describe("dhis2Period", () => {
  test.each([
    ["2022-05-01", "2022-05-31", "202205"],
    ["2022-02-01", "2022-02-28", "202202"],
    ["2024-02-01", "2024-02-29", "202402"],
    ["2022-05-15", "2022-05-15", "20220515"],
    ["2022-05-16", "2022-05-22", "2022W20"],
    ["2021-01-04", "2021-01-10", "2021W1"],
    ["2020-12-28", "2021-01-03", "2020W53"],
    ["2022-04-01", "2022-06-30", "2022Q2"],
    ["2022-07-01", "2022-12-31", "2022S2"],
    ["2022-01-01", "2022-12-31", "2022"],
  ])("%s..%s is %s", (from, to, period) => {
    expect(dhis2Period(from, to)).toBe(period);
  });

  test.each([
    ["2022-05-01", "2022-05-30"],
    ["2022-05-02", "2022-05-31"],
    ["2022-05-01", "2022-10-31"],
    ["2022-05-17", "2022-05-23"],
    ["2022-12-01", "2023-01-31"],
  ])("%s..%s is no single DHIS2 period", (from, to) => {
    expect(dhis2Period(from, to)).toBeNull();
  });
});

describe("the mapping file", () => {
  const full = sampleReport();
  const exported = indicatorRows(full).filter(isDhis2Row);

  test("covers every field the export's operation asks for", () => {
    const operation = parse(indicatorsOperation(false)).definitions[0] as OperationDefinitionNode;
    const indicators = operation.selectionSet.selections[0];
    if (indicators.kind !== Kind.FIELD) throw new Error("expected the indicators field");
    const asked = indicators.selectionSet!.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    const keyFields = ["from", "to", "siteId"];
    expect(asked.filter((f) => !keyFields.includes(f)).sort()).toEqual(REPORT_FIELDS.map((f) => f.field).sort());
    for (const field of asked.filter((f) => !keyFields.includes(f))) {
      // A results-matrix indicator's rows carry its code (OUTPUT_1_1), every other field's its name.
      const value = full[field as keyof typeof full] as unknown;
      const code = value && typeof value === "object" && "code" in value ? String(value.code) : field;
      expect({ field, rows: exported.some((r) => r.code === code) }).toEqual({ field, rows: true });
    }
  });

  test("maps every number the export produces, every breakdown cell included", () => {
    for (const row of exported) {
      expect({ key: rowKey(row), mapped: rowKey(row) in DHIS2_MAPPING.dataElements }).toEqual({
        key: rowKey(row),
        mapped: true,
      });
      expect({ combo: comboKey(row), mapped: comboKey(row) in DHIS2_MAPPING.categoryOptionCombos }).toEqual({
        combo: comboKey(row),
        mapped: true,
      });
    }
    const combos = new Set(exported.map(comboKey));
    // 6 age rows × 4 sexes, 6 compositions, 7 referral statuses, and default.
    expect(combos.size).toBe(24 + 6 + 7 + 1);
    expect(Object.keys(DHIS2_MAPPING.categoryOptionCombos).sort()).toEqual([...combos].sort());
    expect(Object.keys(DHIS2_MAPPING.dataElements).sort()).toEqual([...new Set(exported.map(rowKey))].sort());
  });

  test("has well-formed, unique UIDs and codes", () => {
    const refs = [
      DHIS2_MAPPING.dataSet,
      DHIS2_MAPPING.orgUnits.city,
      ...Object.values(DHIS2_MAPPING.orgUnits.sitesById),
      ...Object.values(DHIS2_MAPPING.orgUnits.sitesByName),
      ...Object.values(DHIS2_MAPPING.categoryOptionCombos),
      ...Object.values(DHIS2_MAPPING.dataElements),
    ];
    for (const ref of refs) expect(ref.uid).toMatch(DHIS2_UID);
    expect(new Set(refs.map((r) => r.uid)).size).toBe(refs.length);
    expect(new Set(refs.map((r) => r.code)).size).toBe(refs.length);
    expect(DHIS2_MAPPING.categoryOptionCombos.default.uid).toBe("HllvX50cXC0");
  });
});

describe("dhis2DataValueSet", () => {
  const set = dhis2DataValueSet({ report: sampleReport(), site: null }, "202205");
  const byCode = dhis2DataValueSet({ report: sampleReport(), site: null }, "202205", "CODE");
  const find = (element: string, combo = "default") =>
    byCode.dataValues.filter(
      (v) =>
        v.dataElement === DHIS2_MAPPING.dataElements[element].code &&
        v.categoryOptionCombo === DHIS2_MAPPING.categoryOptionCombos[combo].code,
    );

  test("has the dataValueSets shape: dataSet, period, orgUnit (the city), data values with string values", () => {
    expect(set.dataSet).toBe(DHIS2_MAPPING.dataSet.uid);
    expect(set.period).toBe("202205");
    expect(set.orgUnit).toBe(DHIS2_MAPPING.orgUnits.city.uid);
    const uids = new Set(Object.values(DHIS2_MAPPING.dataElements).map((d) => d.uid));
    const combos = new Set(Object.values(DHIS2_MAPPING.categoryOptionCombos).map((c) => c.uid));
    for (const v of set.dataValues) {
      expect(Object.keys(v).sort()).toEqual(["categoryOptionCombo", "dataElement", "orgUnit", "period", "value"]);
      expect(uids.has(v.dataElement)).toBe(true);
      expect(combos.has(v.categoryOptionCombo)).toBe(true);
      expect(v.period).toBe("202205");
      expect(v.orgUnit).toBe(set.orgUnit);
      expect(typeof v.value).toBe("string");
    }
    expect(byCode.dataSet).toBe("RG_INDICATORS");
    expect(byCode.orgUnit).toBe("RG_GENT");
  });

  test("values as DHIS2 strings; 0 is sent as 0", () => {
    expect(find("OUTCOME_1").map((v) => v.value)).toEqual(["80"]);
    expect(find("OUTCOME_1.numerator").map((v) => v.value)).toEqual(["8"]);
    expect(find("occupancyRate").map((v) => v.value)).toEqual(["46.5"]);
    expect(find("averageCaseload").map((v) => v.value)).toEqual(["3.3"]);
    expect(find("feedbackClosed").map((v) => v.value)).toEqual(["0"]);
    expect(find("personsByAgeAndSex", "FEMALE_AGE_18_59").map((v) => v.value)).toEqual(["20"]);
    expect(find("personsByAgeAndSex", "MALE_AGE_UNKNOWN").map((v) => v.value)).toEqual(["0"]);
    expect(find("referralsByStatus", "SENT").map((v) => v.value)).toEqual(["6"]);
    expect(find("householdsByComposition", "ADULTS_WITH_CHILDREN").map((v) => v.value)).toEqual(["9"]);
  });

  test("suppressed numbers, and numbers with nothing to measure, are left out; baselines and targets are not data values", () => {
    for (const [element, combo] of [
      ["moveOuts", "default"],
      ["averageStayDays", "default"],
      ["averageStayDays.basis", "default"],
      ["caseFilesClosed", "default"],
      ["childrenEnrolledPct", "default"],
      ["childrenEnrolledPct.numerator", "default"],
      ["okanWaitingList", "default"],
      ["personsByAgeAndSex", "FEMALE_AGE_0_4"],
      ["personsByAgeAndSex", "MALE_AGE_0_4"],
      ["householdsByComposition", "SINGLE_WOMAN"],
      ["medianFeedbackResponseDays", "default"],
      ["OUTPUT_1_1.numerator", "default"],
    ]) {
      expect({ element, combo, values: find(element, combo) }).toEqual({ element, combo, values: [] });
    }
    expect(byCode.dataValues.some((v) => /TARGET|BASELINE/.test(v.dataElement))).toBe(false);
    // Every produced value is a shown number: the rows not suppressed and not null, baselines and targets aside.
    const shown = indicatorRows(sampleReport()).filter((r) => isDhis2Row(r) && r.value != null && !r.suppressed);
    expect(byCode.dataValues).toHaveLength(shown.length);
  });

  test("a mapped site is its own organisation unit; an unmapped one is refused naming siteId", () => {
    const site = { id: "7f1c2a8e-0c55-4c55-9b1e-5f6f7a8b9c0d", name: "Ter Rive" };
    const atSite = dhis2DataValueSet({ report: sampleReport({ siteId: site.id }), site }, "202205");
    expect(atSite.orgUnit).toBe(DHIS2_MAPPING.orgUnits.sitesByName["Ter Rive"].uid);
    expect(atSite.dataValues.every((v) => v.orgUnit === atSite.orgUnit)).toBe(true);
    const unknown = { id: site.id, name: "Elsewhere" };
    let error: unknown;
    try {
      dhis2DataValueSet({ report: sampleReport({ siteId: site.id }), site: unknown }, "202205");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Dhis2MappingError);
    expect((error as Dhis2MappingError).field).toBe("siteId");
  });
});
