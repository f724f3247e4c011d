import { Caller, isIsoDate, NotPersonal } from "@reception-graph/kit";
import { parse } from "csv-parse/sync";
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DataSource } from "typeorm";
import { SiteKind } from "../sites/site.entity";
import { ValidationStatus } from "./housing-offer.entity";
import { insertOffer } from "./offer.service";
import { ImportMode } from "./offer.inputs";

export enum ImportOutcome {
  CREATED = "CREATED",
  UPDATED = "UPDATED",
  UNCHANGED = "UNCHANGED",
  NOT_WRITTEN = "NOT_WRITTEN",
}
registerEnumType(ImportOutcome, {
  name: "ImportOutcome",
  description:
    "What happened to a valid row: CREATED, UPDATED (same reference, new details), UNCHANGED (already imported as is), NOT_WRITTEN (all-or-nothing import with invalid rows).",
  valuesConfig: {
    CREATED: { description: "A new offer was created." },
    UPDATED: { description: "An offer with the same reference got new details." },
    UNCHANGED: { description: "Already imported as is." },
    NOT_WRITTEN: { description: "Valid, but not written because other rows were invalid (ALL_OR_NOTHING)." },
  },
});

@ObjectType({ description: "A row of the file that passed validation." })
@NotPersonal("a report on imported offers")
export class ImportedRow {
  @Field(() => Int, { description: "Line number in the file (the header is line 1)." })
  row: number;

  @Field({ description: "The offer's reference in the regional tool." })
  reference: string;

  @Field(() => ImportOutcome, { description: "What the import did with the row." })
  outcome: ImportOutcome;

  @Field(() => ID, { nullable: true, description: "The offer, when written." })
  offerId: string | null;
}

@ObjectType({ description: "Why a row of the file was refused." })
@NotPersonal("a report on imported offers")
export class RejectedRow {
  @Field(() => Int, { description: "Line number in the file (the header is line 1)." })
  row: number;

  @Field({ description: "Column at fault, by its header name (or 'row' for the whole line)." })
  column: string;

  @Field({ description: "What is wrong, naming the value." })
  reason: string;

  @Field(() => String, { description: "The row's reference, when it had one.", nullable: true })
  reference: string | null;
}

@ObjectType({ description: "Result of a bulk import of housing offers." })
@NotPersonal("a report on imported offers")
export class ImportReport {
  @Field(() => ImportMode, { description: "The import mode used." })
  mode: ImportMode;

  @Field({ description: "False when nothing was written (all-or-nothing with invalid rows, or an unreadable file)." })
  written: boolean;

  @Field(() => Int, { description: "Data rows in the file." })
  totalRows: number;

  @Field(() => Int, { description: "Number of offers created." })
  created: number;

  @Field(() => Int, { description: "Number of offers updated." })
  updated: number;

  @Field(() => Int, { description: "Number of rows already imported as is." })
  unchanged: number;

  @Field(() => [ImportedRow], { description: "The valid rows and what happened to each." })
  accepted: ImportedRow[];

  @Field(() => [RejectedRow], { description: "The invalid rows and why." })
  rejected: RejectedRow[];
}

export const IMPORT_COLUMNS = ["reference", "provider", "nis_code", "places", "kind", "sustainable", "available_from"];
const REQUIRED = IMPORT_COLUMNS.filter((c) => c !== "available_from");
const TRUE = new Set(["true", "yes", "ja", "1", "y"]);
const FALSE = new Set(["false", "no", "nee", "0", "n"]);

interface ValidRow {
  row: number;
  reference: string;
  provider: string;
  nisCode: string;
  places: number;
  kind: SiteKind;
  sustainable: boolean;
  availableFrom: string | null;
}

/**
 * Checks every row of the file against the columns and the known NIS codes;
 * collects every problem instead of stopping at the first, so the coordinator
 * can fix the file in one go.
 */
export function validateOffersCsv(
  csv: string,
  knownNisCodes: ReadonlySet<string>,
): { valid: ValidRow[]; rejected: RejectedRow[]; totalRows: number } {
  const text = csv.replace(/^\uFEFF/, "");
  const headerLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = headerLine.split(";").length > headerLine.split(",").length ? ";" : ",";
  let records: string[][];
  // The line each record ends on, so the report names the file's own line numbers even after blank lines.
  let lines: number[];
  try {
    const parsed: { record: string[]; info: { lines: number } }[] = parse(text, {
      delimiter,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
    records = parsed.map((p) => p.record);
    lines = parsed.map((p) => p.info.lines);
  } catch (e) {
    return {
      valid: [],
      rejected: [
        { row: 1, column: "file", reason: `The file is not readable CSV: ${(e as Error).message}`, reference: null },
      ],
      totalRows: 0,
    };
  }
  if (records.length === 0) {
    return {
      valid: [],
      rejected: [{ row: 1, column: "file", reason: "The file is empty.", reference: null }],
      totalRows: 0,
    };
  }
  const header = records[0].map((h) => h.toLowerCase());
  // A column named twice would be read from its first copy only: the coordinator must say which one counts.
  const twice = [...new Set(header.filter((h, i) => h && header.indexOf(h) !== i))];
  if (twice.length) {
    return {
      valid: [],
      rejected: twice.map((c) => ({
        row: 1,
        column: c,
        reason: `The header names column ${c} more than once.`,
        reference: null,
      })),
      totalRows: records.length - 1,
    };
  }
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) {
    return {
      valid: [],
      rejected: missing.map((c) => ({ row: 1, column: c, reason: `The header has no column ${c}.`, reference: null })),
      totalRows: records.length - 1,
    };
  }
  const col = (r: string[], name: string) => (r[header.indexOf(name)] ?? "").trim();
  const valid: ValidRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((r, i) => {
    const row = lines[i + 1];
    const reference = col(r, "reference");
    const problems: { column: string; reason: string }[] = [];
    if (r.length !== header.length)
      problems.push({ column: "row", reason: `The line has ${r.length} fields; the header has ${header.length}.` });
    if (!reference) problems.push({ column: "reference", reason: "reference is empty." });
    else if (reference.length > 100)
      problems.push({ column: "reference", reason: "reference is longer than 100 characters." });
    else if (seen.has(reference))
      problems.push({
        column: "reference",
        reason: `reference ${reference} appears already in row ${seen.get(reference)}.`,
      });
    const provider = col(r, "provider");
    if (!provider) problems.push({ column: "provider", reason: "provider is empty." });
    else if (provider.length > 200)
      problems.push({ column: "provider", reason: `provider is ${provider.length} characters long; at most 200.` });
    const nisCode = col(r, "nis_code");
    if (!/^[0-9]{5}$/.test(nisCode))
      problems.push({ column: "nis_code", reason: `nis_code ${JSON.stringify(nisCode)} is not 5 digits.` });
    else if (!knownNisCodes.has(nisCode))
      problems.push({ column: "nis_code", reason: `nis_code ${nisCode} is not a known Flemish municipality.` });
    const placesText = col(r, "places");
    const places = Number(placesText);
    if (!/^[0-9]+$/.test(placesText) || places > 100000)
      problems.push({
        column: "places",
        reason: `places ${JSON.stringify(placesText)} is not a whole number from 0 to 100000.`,
      });
    const kind = col(r, "kind").toUpperCase();
    if (!(Object.values(SiteKind) as string[]).includes(kind))
      problems.push({
        column: "kind",
        reason: `kind ${JSON.stringify(col(r, "kind"))} is not one of ${Object.values(SiteKind).join(", ")}.`,
      });
    const sustainableText = col(r, "sustainable").toLowerCase();
    if (!TRUE.has(sustainableText) && !FALSE.has(sustainableText))
      problems.push({
        column: "sustainable",
        reason: `sustainable ${JSON.stringify(col(r, "sustainable"))} is not yes/no (true/false, ja/nee).`,
      });
    const availableFrom = header.includes("available_from") ? col(r, "available_from") : "";
    if (availableFrom && !isIsoDate(availableFrom))
      problems.push({
        column: "available_from",
        reason: `available_from ${JSON.stringify(availableFrom)} is not a date YYYY-MM-DD.`,
      });
    if (reference && !seen.has(reference)) seen.set(reference, row);
    if (problems.length) {
      for (const p of problems) rejected.push({ row, ...p, reference: reference || null });
      return;
    }
    valid.push({
      row,
      reference,
      provider,
      nisCode,
      places,
      kind: kind as SiteKind,
      sustainable: TRUE.has(sustainableText),
      availableFrom: availableFrom || null,
    });
  });
  return { valid, rejected, totalRows: records.length - 1 };
}

/**
 * Imports offers from a CSV export: the mutation and `npm run import:offers`
 * both run this. The offer reference is the key, so a re-import updates in
 * place and never duplicates; an offer's validation status is never changed
 * by an import. Everything that is written is written in one transaction.
 */
export async function importHousingOffers(
  dataSource: DataSource,
  csv: string,
  mode: ImportMode,
  caller: Caller,
): Promise<ImportReport> {
  const known = new Set<string>(
    (await dataSource.query(`SELECT nis_code FROM municipality`)).map((r: { nis_code: string }) => r.nis_code),
  );
  const { valid, rejected, totalRows } = validateOffersCsv(csv, known);
  const report: ImportReport = {
    mode,
    written: false,
    totalRows,
    created: 0,
    updated: 0,
    unchanged: 0,
    accepted: [],
    rejected,
  };
  const notWritten = () =>
    valid.map((v) => ({ row: v.row, reference: v.reference, outcome: ImportOutcome.NOT_WRITTEN, offerId: null }));
  if (valid.length === 0 || (mode === ImportMode.ALL_OR_NOTHING && rejected.length > 0)) {
    report.accepted = notWritten();
    return report;
  }
  await dataSource
    .transaction(async (manager) => {
      // One import at a time: two simultaneous imports of one file must not both create the same reference.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('importHousingOffers'))`);
      const existing: {
        id: string;
        reference: string;
        provider: string;
        nis_code: string;
        places: number;
        kind: string;
        sustainable: boolean;
        available_from: string | null;
        site_id: string | null;
        status: string;
      }[] = await manager.query(`SELECT * FROM housing_offer WHERE reference = ANY($1::text[])`, [
        valid.map((v) => v.reference),
      ]);
      const byRef = new Map(existing.map((e) => [e.reference, e]));
      const late: RejectedRow[] = [];
      for (const v of valid) {
        const old = byRef.get(v.reference);
        if (!old) {
          const id = await insertOffer(manager, caller, { ...v, note: `Imported from CSV row ${v.row}.` });
          report.accepted.push({ row: v.row, reference: v.reference, outcome: ImportOutcome.CREATED, offerId: id });
          report.created++;
        } else if (old.site_id) {
          late.push({
            row: v.row,
            column: "reference",
            reason: `reference ${v.reference} is the offer of a registered site; change the site's rooms instead.`,
            reference: v.reference,
          });
        } else if (
          !(
            old.provider === v.provider &&
            old.nis_code === v.nisCode &&
            old.places === v.places &&
            old.kind === v.kind &&
            old.sustainable === v.sustainable &&
            (old.available_from ?? null) === v.availableFrom
          ) &&
          (old.status === ValidationStatus.VALIDATED || old.status === ValidationStatus.REJECTED)
        ) {
          // A decided offer is final: new details (more places…) would count as validated without anyone validating them.
          late.push({
            row: v.row,
            column: "reference",
            reason: `reference ${v.reference} is ${old.status}; a decided offer is not changed by an import (register the new details under a new reference).`,
            reference: v.reference,
          });
        } else if (
          old.provider === v.provider &&
          old.nis_code === v.nisCode &&
          old.places === v.places &&
          old.kind === v.kind &&
          old.sustainable === v.sustainable &&
          (old.available_from ?? null) === v.availableFrom
        ) {
          report.accepted.push({
            row: v.row,
            reference: v.reference,
            outcome: ImportOutcome.UNCHANGED,
            offerId: old.id,
          });
          report.unchanged++;
        } else {
          await manager.query(
            `UPDATE housing_offer SET provider = $2, nis_code = $3, places = $4, kind = $5, sustainable = $6,
                  available_from = $7, updated_at = now() WHERE id = $1`,
            [old.id, v.provider, v.nisCode, v.places, v.kind, v.sustainable, v.availableFrom],
          );
          report.accepted.push({ row: v.row, reference: v.reference, outcome: ImportOutcome.UPDATED, offerId: old.id });
          report.updated++;
        }
      }
      if (late.length) {
        report.rejected.push(...late);
        report.rejected.sort((a, b) => a.row - b.row);
        if (mode === ImportMode.ALL_OR_NOTHING) throw new RollbackImport();
      }
    })
    .then(
      () => {
        report.written = report.accepted.length > 0;
      },
      (e) => {
        if (!(e instanceof RollbackImport)) throw e;
        report.created = report.updated = report.unchanged = 0;
        report.accepted = notWritten().filter((a) => !report.rejected.some((r) => r.row === a.row));
      },
    );
  return report;
}

class RollbackImport extends Error {}
