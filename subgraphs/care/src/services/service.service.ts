import { badInput, conflict, driverErrorOf, once, requireText } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { RegisterServiceInput } from "./service.inputs";

const ORGANISATION = /^[A-Z][A-Z0-9_]{1,59}$/;
const LANGUAGE = /^[a-z]{2}$/;

export function validOrganisation(value: string, field: string): string {
  const code = value.trim();
  if (!ORGANISATION.test(code)) {
    throw badInput(
      field,
      `organisation ${JSON.stringify(value)} is not an organisation code as in staff tokens, e.g. CAW_OOST_VLAANDEREN.`,
    );
  }
  return code;
}

export function validLanguage(value: string, field: string): string {
  const code = value.trim().toLowerCase();
  if (!LANGUAGE.test(code))
    throw badInput(field, `Language ${JSON.stringify(value)} is not an ISO 639-1 code such as "uk".`);
  return code;
}

/** Validates and stores a service; returns its ID (the first one for a repeated idempotency key). */
export async function registerService(
  dataSource: DataSource,
  input: RegisterServiceInput,
  subject: string,
): Promise<string> {
  const name = requireText(input.name, "input.name", 200);
  const organisation = validOrganisation(input.organisation, "input.organisation");
  const organisationName = input.organisationName?.trim() || null;
  if (organisationName && organisationName.length > 200) {
    throw badInput("input.organisationName", "organisationName is longer than 200 characters.");
  }
  const languages = [...new Set(input.languages.map((l, i) => validLanguage(l, `input.languages[${i}]`)))];
  const contact = requireText(input.contact, "input.contact", 500);
  const openingHours = requireText(input.openingHours, "input.openingHours", 500);
  try {
    return await insertService(dataSource, input, subject, [
      name,
      organisation,
      organisationName,
      languages,
      contact,
      openingHours,
    ]);
  } catch (e) {
    // Two registrations of the same service at the same moment: the unique index lets one through.
    const driver = driverErrorOf(e);
    if (driver.code === "23505" && driver.constraint === "service_organisation_name_key") {
      throw conflict(`${organisation} registered a service named ${JSON.stringify(name)} at the same moment.`);
    }
    throw e;
  }
}

async function insertService(
  dataSource: DataSource,
  input: RegisterServiceInput,
  subject: string,
  [name, organisation, organisationName, languages, contact, openingHours]: [
    string,
    string,
    string | null,
    string[],
    string,
    string,
  ],
): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const { id } = await once(
      manager,
      { subject, operation: "registerService" },
      input.idempotencyKey,
      input,
      async () => {
        const [existing] = await manager.query(
          `SELECT id FROM service WHERE organisation = $1 AND lower(name) = lower($2)`,
          [organisation, name],
        );
        if (existing) {
          throw conflict(`${organisation} already has a service named ${JSON.stringify(name)} (${existing.id}).`, {
            existingId: existing.id,
          });
        }
        const [row] = await manager.query(
          `INSERT INTO service (name, organisation, organisation_name, type, languages, contact, opening_hours)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [name, organisation, organisationName, input.type, languages, contact, openingHours],
        );
        return row.id as string;
      },
    );
    return id;
  });
}
