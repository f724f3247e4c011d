import { assertUuid, notFound, once, requireText } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { Person } from "../people/person.entity";
import { pastOrToday } from "../shared/dates";
import { InsuranceStatus } from "./insurance.entity";
import { RecordMedicalIntakeInput, RegisterHealthInsuranceInput } from "./insurance.inputs";

/** One registration per person: a new fund or status replaces the previous one. */
export async function registerHealthInsurance(
  db: EntityManager,
  input: RegisterHealthInsuranceInput,
  subject: string,
): Promise<string> {
  const personId = assertUuid(input.personId, "input.personId");
  const fund = requireText(input.fund, "input.fund", 100);
  const statusDate = pastOrToday(input.date, "input.date");
  const membershipNumber = input.membershipNumber
    ? requireText(input.membershipNumber, "input.membershipNumber", 40)
    : null;
  return db.transaction(async (m) => {
    const { id } = await once(
      m,
      { subject, operation: "registerHealthInsurance" },
      input.idempotencyKey,
      input,
      async () => {
        if (!(await m.getRepository(Person).existsBy({ id: personId }))) throw notFound("Person", personId);
        const [row] = await m.query(
          `INSERT INTO health_insurance (person_id, fund, status, status_date, membership_number)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (person_id) DO UPDATE SET fund = EXCLUDED.fund, status = EXCLUDED.status,
           status_date = EXCLUDED.status_date,
           membership_number = COALESCE(EXCLUDED.membership_number, health_insurance.membership_number),
           updated_at = now()
         RETURNING id`,
          [personId, fund, input.status ?? InsuranceStatus.REQUESTED, statusDate, membershipNumber],
        );
        return row.id as string;
      },
    );
    return id;
  });
}

export async function recordMedicalIntake(db: EntityManager, input: RecordMedicalIntakeInput, by: string) {
  const personId = assertUuid(input.personId, "input.personId");
  const doneOn = pastOrToday(input.date, "input.date");
  if (!(await db.getRepository(Person).existsBy({ id: personId }))) throw notFound("Person", personId);
  await db.query(
    `INSERT INTO medical_intake (person_id, done_on, recorded_by) VALUES ($1, $2, $3)
     ON CONFLICT (person_id) DO UPDATE SET done_on = EXCLUDED.done_on, recorded_by = EXCLUDED.recorded_by,
       recorded_at = now()`,
    [personId, doneOn, by],
  );
  return personId;
}

/** Care says the intake was done on `date`; the latest intake's date is kept, nothing of its content. */
export async function medicalIntakeDone(db: EntityManager, personId: string, date: string, by: string) {
  const doneOn = pastOrToday(date, "date");
  if (!(await db.getRepository(Person).existsBy({ id: personId }))) throw notFound("Person", personId);
  await db.query(
    `INSERT INTO medical_intake (person_id, done_on, recorded_by) VALUES ($1, $2, $3)
     ON CONFLICT (person_id) DO UPDATE SET done_on = EXCLUDED.done_on, recorded_by = EXCLUDED.recorded_by,
       recorded_at = now()`,
    [personId, doneOn, by],
  );
}
