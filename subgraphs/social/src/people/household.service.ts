import {
  assertUuid,
  badInput,
  conflict,
  driverErrorOf,
  isIsoDate,
  notFound,
  once,
  todayInBrussels,
  assertPersonName,
} from "@reception-graph/kit";
import { pastOrToday } from "../shared/dates";
import { EntityManager } from "typeorm";
import { HouseholdMembershipEvent, MembershipChange } from "./household-membership.entity";
import { Household } from "./household.entity";
import { Person } from "./person.entity";
import { AddHouseholdMemberInput, PersonInput, RecordDepartureInput, RegisterHouseholdInput } from "./person.inputs";

/** The first people displaced by the invasion of 24 February 2022 reached Ghent from that day on. */
const FIRST_ARRIVALS = "2022-02-24";

const LANGUAGE = /^[a-z]{2}$/;
const PHONE = /^\+?[0-9 ()./-]{6,20}$/;

/** Checks and normalises one member; throws BAD_USER_INPUT naming the member's input path. */
export function validateMember(m: PersonInput, path: string, today: string) {
  const givenName = assertPersonName(m.givenName, `${path}.givenName`, 100);
  const familyName = assertPersonName(m.familyName, `${path}.familyName`, 100);
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
export async function registerHousehold(
  db: EntityManager,
  input: RegisterHouseholdInput,
  by = "system",
): Promise<string> {
  if (!input.members.length) throw badInput("input.members", "A household needs at least one member.");
  if (input.members.length > 30)
    throw badInput("input.members", `${input.members.length} members is more than the 30 one registration may hold.`);
  const today = todayInBrussels();
  if (input.registeredOn != null) {
    if (!isIsoDate(input.registeredOn))
      throw badInput("input.registeredOn", `registeredOn ${JSON.stringify(input.registeredOn)} is not a date.`);
    if (input.registeredOn > today)
      throw badInput("input.registeredOn", `registeredOn ${input.registeredOn} is in the future.`);
    if (input.registeredOn < FIRST_ARRIVALS)
      throw badInput(
        "input.registeredOn",
        `registeredOn ${input.registeredOn} is before ${FIRST_ARRIVALS}, when arrivals began.`,
      );
  }
  const members = input.members.map((m, i) => validateMember(m, `input.members[${i}]`, today));
  const certificates = members.map((m) => m.certificateNumber).filter((c): c is string => !!c);
  const dup = certificates.find((c, i) => certificates.indexOf(c) !== i);
  if (dup) throw badInput("input.members", `Certificate number ${dup} is given for two members.`);

  try {
    return await insertHousehold(db, input, members, certificates, by);
  } catch (e) {
    // Two registrations of the same certificate at the same moment: the unique index decides.
    const driver = driverErrorOf(e);
    if (driver.code === "23505" && driver.constraint === "person_certificate_number_key") {
      throw conflict(`A certificate number in this household was registered at the same moment by someone else.`);
    }
    throw e;
  }
}

async function insertHousehold(
  db: EntityManager,
  input: RegisterHouseholdInput,
  members: ReturnType<typeof validateMember>[],
  certificates: string[],
  by: string,
): Promise<string> {
  const registeredOn = input.registeredOn ?? todayInBrussels();
  // A registration entered later keeps its day (noon in Brussels, so the calendar day is the same everywhere).
  const registeredAt = input.registeredOn ? new Date(`${input.registeredOn}T12:00:00+01:00`) : undefined;
  return db.transaction(async (manager) => {
    const { id } = await once(
      manager,
      { subject: by, operation: "registerHousehold" },
      input.idempotencyKey,
      input,
      async () => {
        if (certificates.length) {
          const existing = await manager.getRepository(Person).findOne({
            where: certificates.map((c) => ({ certificateNumber: c })),
          });
          if (existing) throw certificateTaken(existing);
        }
        const household = await manager.getRepository(Household).save(manager.create(Household, {}));
        const inserted = await manager
          .getRepository(Person)
          .insert(members.map((m) => ({ ...m, householdId: household.id, ...(registeredAt ? { registeredAt } : {}) })));
        await manager.getRepository(HouseholdMembershipEvent).insert(
          inserted.identifiers.map((row) => ({
            householdId: household.id,
            personId: row.id as string,
            kind: MembershipChange.REGISTERED,
            date: registeredOn,
            recordedBy: by,
          })),
        );
        return household.id;
      },
    );
    return id;
  });
}

/** CONFLICT naming the person who already holds a certificate number. */
function certificateTaken(existing: Person) {
  return conflict(
    `Certificate number ${existing.certificateNumber} is already registered for person ${existing.id} ` +
      `(${existing.givenName} ${existing.familyName}).`,
    { existingId: existing.id },
  );
}

/** Adds a member to an existing household: a birth, or a member arriving later. Returns the new person's ID. */
export async function addHouseholdMember(
  db: EntityManager,
  input: AddHouseholdMemberInput,
  by: string,
): Promise<string> {
  const householdId = assertUuid(input.householdId, "input.householdId");
  const today = todayInBrussels();
  const member = validateMember(input.member, "input.member", today);
  const date = pastOrToday(
    input.date ?? (input.reason === MembershipChange.BIRTH ? member.birthDate : null),
    "input.date",
  );
  if (input.reason === MembershipChange.BIRTH && !member.birthDate) {
    throw badInput("input.member.birthDate", "A birth needs the birth date of the child.");
  }
  if (member.birthDate && date < member.birthDate)
    throw badInput("input.date", `date ${date} is before the member's birth date ${member.birthDate}.`);
  if (input.reason !== MembershipChange.BIRTH && input.reason !== MembershipChange.ARRIVAL) {
    throw badInput("input.reason", `reason ${input.reason} does not add a member; use BIRTH or ARRIVAL.`);
  }
  try {
    return await db.transaction(async (m) => {
      const { id } = await once(
        m,
        { subject: by, operation: "addHouseholdMember" },
        input.idempotencyKey,
        input,
        async () => {
          if (!(await m.getRepository(Household).existsBy({ id: householdId })))
            throw notFound("Household", householdId);
          if (member.certificateNumber) {
            const existing = await m.getRepository(Person).findOneBy({ certificateNumber: member.certificateNumber });
            if (existing) throw certificateTaken(existing);
          }
          const inserted = await m.getRepository(Person).insert({ ...member, householdId });
          const personId = inserted.identifiers[0].id as string;
          await m.getRepository(HouseholdMembershipEvent).insert({
            householdId,
            personId,
            kind: input.reason,
            date,
            note: input.note?.trim() || null,
            recordedBy: by,
          });
          return personId;
        },
      );
      return id;
    });
  } catch (e) {
    if (driverErrorOf(e).constraint === "person_certificate_number_key") {
      throw conflict(
        `Certificate number ${member.certificateNumber} was registered at the same moment by someone else.`,
      );
    }
    throw e;
  }
}

/** A member leaves the household; their record stays (history), they no longer count as a member. */
export async function recordDeparture(db: EntityManager, input: RecordDepartureInput, by: string): Promise<string> {
  const personId = assertUuid(input.personId, "input.personId");
  const date = pastOrToday(input.date, "input.date");
  return db.transaction(async (m) => {
    const known = await m.getRepository(Person).findOneBy({ id: personId });
    if (!known) throw notFound("Person", personId);
    // Lock the household's current members, always in the same order, so that two departures at once can
    // neither empty the household nor deadlock (locking the leaver first and the others next did).
    const current: { id: string }[] = await m.query(
      `SELECT id FROM person WHERE household_id = $1 AND left_household_on IS NULL ORDER BY id FOR UPDATE`,
      [known.householdId],
    );
    const n = current.length;
    // Read again under the lock: a departure that committed meanwhile is seen.
    const person = (await m.getRepository(Person).findOneBy({ id: personId }))!;
    if (person.leftHouseholdOn)
      throw conflict(`Person ${personId} already left household ${person.householdId} on ${person.leftHouseholdOn}.`);
    const [{ joined }] = await m.query(
      `SELECT max(date)::text AS joined FROM household_membership_event WHERE person_id = $1 AND kind <> 'DEPARTURE'`,
      [personId],
    );
    if (joined && date < joined)
      throw badInput(
        "input.date",
        `date ${date} is before ${person.givenName} ${person.familyName} joined the household (${joined}).`,
      );
    if (n <= 1) {
      throw conflict(
        `${person.givenName} ${person.familyName} is the last member of household ${person.householdId}; ` +
          `close or transfer the household's case file instead.`,
      );
    }
    await m.getRepository(Person).update({ id: personId }, { leftHouseholdOn: date });
    await m.getRepository(HouseholdMembershipEvent).insert({
      householdId: person.householdId,
      personId,
      kind: MembershipChange.DEPARTURE,
      date,
      note: input.note?.trim() || null,
      recordedBy: by,
    });
    return person.householdId;
  });
}
