import {
  assertUuid,
  badInput,
  conflict,
  domainError,
  driverErrorOf,
  isIsoDate,
  notFound,
  once,
  requireText,
} from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { Household } from "../people/household.entity";
import { pastOrToday } from "../shared/dates";
import { StaffMember, StaffRole } from "../staff/staff.entity";
import { CaseFile, CaseFileEvent, CaseFileEventKind, CaseFileStatus, SocialInquiry } from "./case-file.entity";
import {
  AssignSocialWorkerInput,
  CloseCaseFileInput,
  OpenCaseFileInput,
  RecordSocialInquiryInput,
  TransferCaseFileInput,
} from "./case-file.inputs";

async function socialWorker(m: EntityManager, id: string, field: string): Promise<StaffMember> {
  const staff = await m.getRepository(StaffMember).findOneBy({ id: assertUuid(id, field) });
  if (!staff) throw notFound("Staff member", id);
  if (!staff.active)
    throw badInput(field, `Staff member ${id} (${staff.givenName} ${staff.familyName}) has left the cell.`);
  if (staff.role !== StaffRole.SOCIAL_WORKER && staff.role !== StaffRole.HEAD) {
    throw badInput(field, `Staff member ${id} (${staff.givenName} ${staff.familyName}) is not a social worker.`);
  }
  return staff;
}

function event(
  m: EntityManager,
  caseFile: CaseFile,
  kind: CaseFileEventKind,
  date: string,
  by: string,
  note: string | null = null,
) {
  return m.getRepository(CaseFileEvent).insert({
    caseFileId: caseFile.id,
    kind,
    status: caseFile.status,
    socialWorkerId: caseFile.socialWorkerId,
    date,
    note,
    recordedBy: by,
  });
}

/** An open case file, locked for the change, or CONFLICT naming its status. */
async function openForChange(m: EntityManager, id: string, action: string): Promise<CaseFile> {
  const caseFile = await m
    .getRepository(CaseFile)
    .createQueryBuilder("c")
    .setLock("pessimistic_write")
    .where("c.id = :id", { id })
    .getOne();
  if (!caseFile) throw notFound("Case file", id);
  if (caseFile.status !== CaseFileStatus.OPEN) {
    throw conflict(`Case file ${id} is ${caseFile.status}; only an OPEN case file can be ${action}.`);
  }
  return caseFile;
}

export async function openCaseFile(db: EntityManager, input: OpenCaseFileInput, by: string): Promise<string> {
  const householdId = assertUuid(input.householdId, "input.householdId");
  const openedOn = pastOrToday(input.openedOn, "input.openedOn");
  const sourceNote = input.sourceNote ? requireText(input.sourceNote, "input.sourceNote", 500) : null;
  try {
    return await db.transaction(async (m) => {
      const { id } = await once(
        m,
        { subject: by, operation: "openCaseFile" },
        input.idempotencyKey,
        input,
        async () => {
          if (!(await m.getRepository(Household).existsBy({ id: householdId })))
            throw notFound("Household", householdId);
          const worker = input.socialWorkerId
            ? await socialWorker(m, input.socialWorkerId, "input.socialWorkerId")
            : null;
          const open = await m.getRepository(CaseFile).findOneBy({ householdId, status: CaseFileStatus.OPEN });
          if (open) throw alreadyOpen(householdId, open.id);
          const caseFile = await m.getRepository(CaseFile).save(
            m.create(CaseFile, {
              householdId,
              source: input.source,
              sourceNote,
              status: CaseFileStatus.OPEN,
              socialWorkerId: worker?.id ?? null,
              openedOn,
            }),
          );
          await event(m, caseFile, CaseFileEventKind.OPENED, openedOn, by);
          if (worker) await event(m, caseFile, CaseFileEventKind.ASSIGNED, openedOn, by);
          return caseFile.id;
        },
      );
      return id;
    });
  } catch (e) {
    // Two desks opening a file for the same household at the same moment: the partial unique index decides.
    if (driverErrorOf(e).constraint === "case_file_one_open_per_household") throw alreadyOpen(householdId, null);
    throw e;
  }
}

function alreadyOpen(householdId: string, existingId: string | null) {
  return conflict(
    `Household ${householdId} already has an open case file${existingId ? ` (${existingId})` : ""}; ` +
      `transfer or close it before opening a new one.`,
    existingId ? { existingId } : {},
  );
}

export async function assignSocialWorker(db: EntityManager, input: AssignSocialWorkerInput, by: string) {
  const id = assertUuid(input.caseFileId, "input.caseFileId");
  await db.transaction(async (m) => {
    const worker = await socialWorker(m, input.socialWorkerId, "input.socialWorkerId");
    const caseFile = await openForChange(m, id, "assigned");
    if (caseFile.socialWorkerId === worker.id) return;
    caseFile.socialWorkerId = worker.id;
    await m.getRepository(CaseFile).update({ id }, { socialWorkerId: worker.id });
    await event(m, caseFile, CaseFileEventKind.ASSIGNED, pastOrToday(null, "date"), by, input.note ?? null);
  });
  return id;
}

export async function endCaseFile(
  db: EntityManager,
  input: TransferCaseFileInput | CloseCaseFileInput,
  by: string,
): Promise<string> {
  const id = assertUuid(input.caseFileId, "input.caseFileId");
  const date = pastOrToday(input.date, "input.date");
  const transfer = "welfareOffice" in input;
  const welfareOffice = transfer ? requireText(input.welfareOffice, "input.welfareOffice", 200) : null;
  const note = input.note ? requireText(input.note, "input.note", 2000) : null;
  await db.transaction(async (m) => {
    const caseFile = await openForChange(m, id, transfer ? "transferred" : "closed");
    if (date < caseFile.openedOn)
      throw badInput("input.date", `date ${date} is before the case file was opened (${caseFile.openedOn}).`);
    caseFile.status = transfer ? CaseFileStatus.TRANSFERRED : CaseFileStatus.CLOSED;
    caseFile.endedOn = date;
    caseFile.endNote = note;
    if (transfer) caseFile.transferredTo = welfareOffice;
    else caseFile.closeReason = (input as CloseCaseFileInput).reason;
    await m.getRepository(CaseFile).save(caseFile);
    // Interpreters booked for conversations that will no longer take place are freed.
    await m.query(
      `UPDATE interpreter_booking SET status = 'CANCELLED' WHERE case_file_id = $1 AND status = 'BOOKED' AND starts_at > now()`,
      [id],
    );
    await event(
      m,
      caseFile,
      transfer ? CaseFileEventKind.TRANSFERRED : CaseFileEventKind.CLOSED,
      date,
      by,
      note ?? welfareOffice,
    );
  });
  return id;
}

/** Only a staff member holding a qualifying diploma may carry out a social inquiry (UNQUALIFIED otherwise). */
export async function recordSocialInquiry(
  db: EntityManager,
  input: RecordSocialInquiryInput,
  subject: string,
): Promise<string> {
  const caseFileId = assertUuid(input.caseFileId, "input.caseFileId");
  const investigatorId = assertUuid(input.investigatorId, "input.investigatorId");
  if (!isIsoDate(input.date)) throw badInput("input.date", `date ${JSON.stringify(input.date)} is not a date.`);
  const date = pastOrToday(input.date, "input.date");
  const summary = requireText(input.summary, "input.summary", 10000);
  return db.transaction(async (m) => {
    const { id } = await once(
      m,
      { subject, operation: "recordSocialInquiry" },
      input.idempotencyKey,
      input,
      async () => {
        const caseFile = await m.getRepository(CaseFile).findOneBy({ id: caseFileId });
        if (!caseFile) throw notFound("Case file", caseFileId);
        if (caseFile.status !== CaseFileStatus.OPEN)
          throw conflict(`Case file ${caseFileId} is ${caseFile.status}; inquiries are recorded on open case files.`);
        if (date < caseFile.openedOn)
          throw badInput("input.date", `date ${date} is before the case file was opened (${caseFile.openedOn}).`);
        const investigator = await m.getRepository(StaffMember).findOneBy({ id: investigatorId });
        if (!investigator) throw notFound("Staff member", investigatorId);
        const [qualifying] = await m.query(
          `SELECT code FROM qualifying_diploma WHERE code = ANY($1::text[]) ORDER BY code LIMIT 1`,
          [investigator.diplomas],
        );
        if (!qualifying) {
          throw domainError(
            "UNQUALIFIED",
            `${investigator.givenName} ${investigator.familyName} (${investigatorId}) holds no diploma that qualifies ` +
              `for a social inquiry (holds: ${investigator.diplomas.join(", ") || "none"}).`,
          );
        }
        const saved = await m
          .getRepository(SocialInquiry)
          .save(
            m.create(SocialInquiry, { caseFileId, investigatorId, date, summary, qualifyingDiploma: qualifying.code }),
          );
        return saved.id;
      },
    );
    return id;
  });
}
