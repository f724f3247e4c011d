import {
  badInput,
  conflict,
  domainError,
  driverErrorOf,
  notFound,
  once,
  requireText,
  assertPersonName,
} from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { pastOrToday } from "../shared/dates";
import { QualifyingDiploma, StaffMember } from "./staff.entity";
import { AddQualifyingDiplomaInput, RegisterStaffMemberInput, UpdateStaffMemberInput } from "./staff.inputs";

const CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

/** `field` names the list; `single` when the input is one code, so the error names the field itself. */
function diplomaCodes(values: readonly string[], field: string, single = false): string[] {
  const codes = [...new Set(values.map((v) => v.trim().toUpperCase()))];
  codes.forEach((c, i) => {
    if (!CODE.test(c))
      throw badInput(
        single ? field : `${field}[${i}]`,
        `Diploma ${JSON.stringify(c)} is not a code such as "SOCIAL_WORK".`,
      );
  });
  return codes;
}

/** Adds a staff member; the cell may not grow beyond its maximum size (CAPACITY_EXCEEDED). */
export async function registerStaffMember(
  dataSource: DataSource,
  input: RegisterStaffMemberInput,
  by: string,
): Promise<string> {
  const givenName = assertPersonName(input.givenName, "input.givenName", 100);
  const familyName = assertPersonName(input.familyName, "input.familyName", 100);
  const diplomas = diplomaCodes(input.diplomas ?? [], "input.diplomas");
  const joinedOn = pastOrToday(input.joinedOn, "input.joinedOn");
  const subject = input.subject?.trim() || null;
  try {
    return await dataSource.transaction(async (m) => {
      const { id } = await once(
        m,
        { subject: by, operation: "registerStaffMember" },
        input.idempotencyKey,
        input,
        async () => {
          await assertRoomInCell(m);
          const saved = await m
            .getRepository(StaffMember)
            .save(m.create(StaffMember, { givenName, familyName, role: input.role, diplomas, subject, joinedOn }));
          return saved.id;
        },
      );
      return id;
    });
  } catch (e) {
    if (driverErrorOf(e).code === "23505")
      throw conflict(`Login subject ${JSON.stringify(subject)} already belongs to another staff member.`);
    throw e;
  }
}

/** CAPACITY_EXCEEDED when the cell already has its maximum number of active staff. */
async function assertRoomInCell(m: EntityManager): Promise<void> {
  // The setting row is the lock: two registrations (or returns) at once are counted one after the other.
  const [max] = await m.query(`SELECT value FROM social_setting WHERE key = 'MAX_CELL_SIZE' FOR UPDATE`);
  const [{ n }] = await m.query(`SELECT count(*) AS n FROM staff_member WHERE active`);
  if (n >= max.value) {
    throw domainError(
      "CAPACITY_EXCEEDED",
      `The cell already has ${n} active staff members; its maximum size is ${max.value}.`,
      { limit: max.value },
    );
  }
}

export async function updateStaffMember(dataSource: DataSource, input: UpdateStaffMemberInput, id: string) {
  const diplomas = input.diplomas != null ? diplomaCodes(input.diplomas, "input.diplomas") : null;
  await dataSource.transaction(async (m) => {
    const repo = m.getRepository(StaffMember);
    const staff = await repo.findOneBy({ id });
    if (!staff) throw notFound("Staff member", id);
    // Someone returning to the cell counts against its maximum size, like a new registration.
    if (input.active === true && !staff.active) await assertRoomInCell(m);
    if (diplomas) staff.diplomas = diplomas;
    if (input.active != null) staff.active = input.active;
    await repo.save(staff);
  });
}

export async function addQualifyingDiploma(dataSource: DataSource, input: AddQualifyingDiplomaInput): Promise<string> {
  const [code] = diplomaCodes([input.code], "input.code", true);
  const label = requireText(input.label, "input.label", 200);
  try {
    await dataSource.getRepository(QualifyingDiploma).insert({ code, label });
  } catch (e) {
    if (driverErrorOf(e).code === "23505") throw conflict(`Diploma ${code} already qualifies for a social inquiry.`);
    throw e;
  }
  return code;
}
