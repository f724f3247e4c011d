import { assertNisCode, badInput, requireText } from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { Municipality, Province } from "./municipality.entity";
import { MunicipalityInput } from "./municipality.inputs";

/** A well-formed NIS code of a known Flemish municipality, else BAD_USER_INPUT on `field`. */
export async function requireMunicipality(manager: EntityManager, nisCode: string, field: string): Promise<string> {
  const code = assertNisCode(nisCode, field);
  const m = await manager.getRepository(Municipality).findOneBy({ nisCode: code });
  if (!m) throw badInput(field, `NIS code ${code} is not a known Flemish municipality.`);
  return code;
}

/** Flemish municipalities by name, optionally of one province. */
export function listMunicipalities(dataSource: DataSource, province?: Province | null): Promise<Municipality[]> {
  return dataSource.getRepository(Municipality).find({ where: province ? { province } : {}, order: { name: "ASC" } });
}

/** Adds or corrects a municipality's reference data; returns its NIS code. */
export async function upsertMunicipality(dataSource: DataSource, input: MunicipalityInput): Promise<string> {
  const nisCode = assertNisCode(input.nisCode, "input.nisCode");
  const name = requireText(input.name, "input.name", 100);
  if (!Number.isInteger(input.inhabitants) || input.inhabitants < 0 || input.inhabitants > 10_000_000)
    throw badInput(
      "input.inhabitants",
      `inhabitants ${input.inhabitants} must be a whole number from 0 to 10,000,000.`,
    );
  await dataSource.query(
    `INSERT INTO municipality (nis_code, name, province, inhabitants) VALUES ($1, $2, $3, $4)
     ON CONFLICT (nis_code) DO UPDATE SET name = EXCLUDED.name, province = EXCLUDED.province,
       inhabitants = EXCLUDED.inhabitants, updated_at = now()`,
    [nisCode, name, input.province, input.inhabitants],
  );
  return nisCode;
}
