import { badInput, conflict, isIsoDate, once, requireText, todayInBrussels } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { Household } from "./household.entity";
import { Person } from "./person.entity";
import { PersonInput, RegisterHouseholdInput } from "./person.inputs";

const LANGUAGE = /^[a-z]{2}$/;
const PHONE = /^\+?[0-9 ()./-]{6,20}$/;

/** Checks and normalises one member; throws BAD_USER_INPUT naming the member's input path. */
function validateMember(m: PersonInput, path: string, today: string) {
  const givenName = requireText(m.givenName, `${path}.givenName`, 100);
  const familyName = requireText(m.familyName, `${path}.familyName`, 100);
  if (m.birthDate != null) {
    if (!isIsoDate(m.birthDate))
      throw badInput(`${path}.birthDate`, `birthDate ${JSON.stringify(m.birthDate)} is not a date.`);
    if (m.birthDate > today) throw badInput(`${path}.birthDate`, `birthDate ${m.birthDate} is in the future.`);
    if (m.birthDate < "1900-01-01") throw badInput(`${path}.birthDate`, `birthDate ${m.birthDate} is before 1900.`);
  }
  const thisYear = Number(today.slice(0, 4));
  if (m.birthYear != null && (m.birthYear < 1900 || m.birthYear > thisYear)) {
    throw badInput(`${path}.birthYear`, `birthYear ${m.birthYear} must be between 1900 and ${thisYear}.`);
  }
  if (m.birthYear != null && m.birthDate != null && Number(m.birthDate.slice(0, 4)) !== m.birthYear) {
    throw badInput(`${path}.birthYear`, `birthYear ${m.birthYear} does not match birthDate ${m.birthDate}.`);
  }
  const languages = [...new Set((m.languages ?? []).map((l) => l.trim().toLowerCase()))];
  languages.forEach((l, i) => {
    if (!LANGUAGE.test(l))
      throw badInput(`${path}.languages[${i}]`, `Language ${JSON.stringify(l)} is not an ISO 639-1 code such as "uk".`);
  });
  const certificateNumber = m.certificateNumber?.trim() || null;
  if (certificateNumber && certificateNumber.length > 40) {
    throw badInput(
      `${path}.certificateNumber`,
      `certificateNumber ${JSON.stringify(certificateNumber)} is longer than 40 characters.`,
    );
  }
  const phone = m.phone?.trim() || null;
  if (phone && !PHONE.test(phone))
    throw badInput(`${path}.phone`, `phone ${JSON.stringify(phone)} is not a phone number.`);
  return {
    givenName,
    familyName,
    birthDate: m.birthDate ?? null,
    storedBirthYear: m.birthDate ? null : (m.birthYear ?? null),
    sex: m.sex,
    languages,
    certificateNumber,
    certificateValidUntil: m.certificateValidUntil ?? null,
    phone,
  };
}

/**
 * Registers all members of a household in one transaction: everything is
 * written or nothing is. Returns the household ID (the first one for a
 * repeated idempotency key).
 */
export async function registerHousehold(dataSource: DataSource, input: RegisterHouseholdInput): Promise<string> {
  if (!input.members.length) throw badInput("input.members", "A household needs at least one member.");
  if (input.members.length > 30)
    throw badInput("input.members", `${input.members.length} members is more than the 30 one registration may hold.`);
  const today = todayInBrussels();
  const members = input.members.map((m, i) => validateMember(m, `input.members[${i}]`, today));
  const certificates = members.map((m) => m.certificateNumber).filter((c): c is string => !!c);
  const dup = certificates.find((c, i) => certificates.indexOf(c) !== i);
  if (dup) throw badInput("input.members", `Certificate number ${dup} is given for two members.`);

  try {
    return await insertHousehold(dataSource, input, members, certificates);
  } catch (e) {
    // Two registrations of the same certificate at the same moment: the unique index decides.
    const driver = (e as { driverError?: { code?: string; constraint?: string } }).driverError;
    if (driver?.code === "23505" && driver.constraint === "person_certificate_number_key") {
      throw conflict(`A certificate number in this household was registered at the same moment by someone else.`);
    }
    throw e;
  }
}

async function insertHousehold(
  dataSource: DataSource,
  input: RegisterHouseholdInput,
  members: ReturnType<typeof validateMember>[],
  certificates: string[],
): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const { id } = await once(manager, "registerHousehold", input.idempotencyKey, input, async () => {
      if (certificates.length) {
        const existing = await manager.getRepository(Person).findOne({
          where: certificates.map((c) => ({ certificateNumber: c })),
        });
        if (existing) {
          throw conflict(
            `Certificate number ${existing.certificateNumber} is already registered for person ${existing.id}.`,
            { existingId: existing.id },
          );
        }
      }
      const household = await manager.getRepository(Household).save(manager.create(Household, {}));
      await manager.getRepository(Person).insert(members.map((m) => ({ ...m, householdId: household.id })));
      return household.id;
    });
    return id;
  });
}
