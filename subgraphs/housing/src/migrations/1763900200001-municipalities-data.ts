import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MigrationInterface, QueryRunner } from "typeorm";

/** The copy of Statbel's 2022 figures the project ships (see subgraphs/housing/data). */
export const MUNICIPALITIES_CSV = join(__dirname, "..", "..", "data", "flemish-municipalities-2022.csv");

const PROVINCES: Record<string, string> = {
  Antwerpen: "ANTWERPEN",
  Limburg: "LIMBURG",
  "Oost-Vlaanderen": "OOST_VLAANDEREN",
  "Vlaams-Brabant": "VLAAMS_BRABANT",
  "West-Vlaanderen": "WEST_VLAANDEREN",
};

export interface MunicipalityRow {
  nisCode: string;
  name: string;
  province: string;
  inhabitants: number;
}

/** Reads the shipped CSV (nis_code,name,province,inhabitants); throws on any row it cannot use. */
export function readMunicipalitiesCsv(path = MUNICIPALITIES_CSV): MunicipalityRow[] {
  const records: Record<string, string>[] = parse(readFileSync(path, "utf8"), { columns: true, trim: true });
  return records.map((r, i) => {
    const province = PROVINCES[r.province];
    const inhabitants = Number(r.inhabitants);
    if (!/^[0-9]{5}$/.test(r.nis_code) || !r.name || !province || !Number.isInteger(inhabitants)) {
      throw new Error(`${path} row ${i + 2} is not a municipality: ${JSON.stringify(r)}`);
    }
    return { nisCode: r.nis_code, name: r.name, province, inhabitants };
  });
}

/**
 * Loads the 300 Flemish municipalities at first start, so every database
 * (also a test one) has the reference data. Later corrections go through
 * upsertMunicipality; this migration does not overwrite them.
 */
export class MunicipalitiesData1763900200001 implements MigrationInterface {
  name = "MunicipalitiesData1763900200001";

  async up(q: QueryRunner): Promise<void> {
    const rows = readMunicipalitiesCsv();
    await q.query(
      `INSERT INTO municipality (nis_code, name, province, inhabitants)
       SELECT r.nis_code, r.name, r.province, r.inhabitants
       FROM jsonb_to_recordset($1::jsonb) AS r(nis_code text, name text, province text, inhabitants int)
       ON CONFLICT (nis_code) DO NOTHING`,
      [
        JSON.stringify(
          rows.map((r) => ({ nis_code: r.nisCode, name: r.name, province: r.province, inhabitants: r.inhabitants })),
        ),
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    const codes = readMunicipalitiesCsv().map((r) => r.nisCode);
    await q.query(
      `DELETE FROM municipality m WHERE m.nis_code = ANY($1::text[])
         AND NOT EXISTS (SELECT 1 FROM site s WHERE s.nis_code = m.nis_code)
         AND NOT EXISTS (SELECT 1 FROM housing_offer o WHERE o.nis_code = m.nis_code)
         AND NOT EXISTS (SELECT 1 FROM allocation a WHERE a.nis_code = m.nis_code)`,
      [codes],
    );
  }
}
