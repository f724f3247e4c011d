import { badInput, conflict, domainError, notFound, once, requireText } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { pastOrToday, pgError } from "../shared/dates";
import { QualifyingDiploma, StaffMember } from "./staff.entity";
import { AddQualifyingDiplomaInput, RegisterStaffMemberInput, UpdateStaffMemberInput } from "./staff.inputs";

const CODE = /^[A-Z][A-Z0-9_]{1,59}$/;

function diplomaCodes(values: readonly string[], field: string): string[] {
  const codes = [...new Set(values.map((v) => v.trim().toUpperCase()))];
  codes.forEach((c, i) => {
    if (!CODE.test(c))
      throw badInput(`${field}[${i}]`, `Diploma ${JSON.stringify(c)} is not a code such as "SOCIAL_WORK".`);
  });
  return codes;
}

/** Adds a staff member; the cell may not grow beyond its maximum size (CAPACITY_EXCEEDED). */
export async function registerStaffMember(dataSource: DataSource, input: RegisterStaffMemberInput): Promise<string> {
  const givenName = requireText(input.givenName, "input.givenName", 100);
  const familyName = requireText(input.familyName, "input.familyName", 100);
  const diplomas = diplomaCodes(input.diplomas ?? [], "input.diplomas");
  const joinedOn = pastOrToday(input.joinedOn, "input.joinedOn");
  const subject = input.subject?.trim() || null;
  try {
    return await dataSource.transaction(async (m) => {
      const { id } = await once(m, "registerStaffMember", input.idempotencyKey, input, async () => {
        // The setting row is the lock: two registrations at once are counted one after the other.
        const [max] = await m.query(`SELECT value FROM social_setting WHERE key = 'MAX_CELL_SIZE' FOR UPDATE`);
        const [{ n }] = await m.query(`SELECT count(*) AS n FROM staff_member WHERE active`);
        if (n >= max.value) {
          throw domainError(
            "CAPACITY_EXCEEDED",
            `The cell already has ${n} active staff members; its maximum size is ${max.value}.`,
            { limit: max.value },
          );
        }
        const saved = await m
          .getRepository(StaffMember)
          .save(m.create(StaffMember, { givenName, familyName, role: input.role, diplomas, subject, joinedOn }));
        return saved.id;
      });
      return id;
    });
  } catch (e) {
    if (pgError(e)?.code === "23505")
      throw conflict(`Login subject ${JSON.stringify(subject)} already belongs to another staff member.`);
    throw e;
  }
}

export async function updateStaffMember(dataSource: DataSource, input: UpdateStaffMemberInput, id: string) {
  const repo = dataSource.getRepository(StaffMember);
  const staff = await repo.findOneBy({ id });
  if (!staff) throw notFound("Staff member", id);
  if (input.diplomas != null) staff.diplomas = diplomaCodes(input.diplomas, "input.diplomas");
  if (input.active != null) staff.active = input.active;
  await repo.save(staff);
}

export async function addQualifyingDiploma(dataSource: DataSource, input: AddQualifyingDiplomaInput): Promise<string> {
  const [code] = diplomaCodes([input.code], "input.code");
  const label = requireText(input.label, "input.label", 200);
  try {
    await dataSource.getRepository(QualifyingDiploma).insert({ code, label });
  } catch (e) {
    if (pgError(e)?.code === "23505") throw conflict(`Diploma ${code} already qualifies for a social inquiry.`);
    throw e;
  }
  return code;
}
