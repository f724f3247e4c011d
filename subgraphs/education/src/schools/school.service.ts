import { assertNisCode, badInput, once, requireText } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { RegisterSchoolInput } from "./school.inputs";

/** Larger than any OKAN class in Flanders; a bigger number is a typing error. */
const MAX_OKAN_CAPACITY = 500;

/** Validates and stores a school; returns its ID (the first one for a repeated idempotency key). */
export async function registerSchool(
  dataSource: DataSource,
  input: RegisterSchoolInput,
  subject: string,
): Promise<string> {
  const name = requireText(input.name, "input.name", 200);
  const nisCode = assertNisCode(input.nisCode, "input.nisCode");
  const capacity = input.okanCapacity ?? 0;
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_OKAN_CAPACITY) {
    throw badInput("input.okanCapacity", `okanCapacity ${capacity} must be between 0 and ${MAX_OKAN_CAPACITY}.`);
  }
  if (!input.offersOkan && capacity > 0) {
    throw badInput("input.okanCapacity", `okanCapacity is ${capacity} but the school offers no OKAN; use 0.`);
  }
  return dataSource.transaction(async (manager) => {
    const { id } = await once(
      manager,
      { subject, operation: "registerSchool" },
      input.idempotencyKey,
      input,
      async () => {
        const [row] = await manager.query(
          `INSERT INTO school (name, nis_code, offers_okan, okan_capacity) VALUES ($1, $2, $3, $4) RETURNING id`,
          [name, nisCode, input.offersOkan, capacity],
        );
        return row.id as string;
      },
    );
    return id;
  });
}
