import { assertUuid, badInput, Caller, isIsoDate, once, requireText, todayInBrussels } from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { ElectCommitteeInput } from "./committee.inputs";
import { ResidentsCommittee } from "./committee.entity";

/** An election, checked before anything is written. */
export interface Election {
  electedOn: string;
  personIds: string[];
  roles: (string | null)[];
}

/** Checks an election's members and term; returns the normalised values. */
export function validateElection(input: ElectCommitteeInput): Election {
  if (input.members.length === 0) throw badInput("input.members", "A committee needs at least one member.");
  if (input.members.length > 30) throw badInput("input.members", `${input.members.length} members is more than 30.`);
  if (!isIsoDate(input.termStart)) throw badInput("input.termStart", `termStart ${input.termStart} is not a date.`);
  if (!isIsoDate(input.termEnd)) throw badInput("input.termEnd", `termEnd ${input.termEnd} is not a date.`);
  if (input.termEnd <= input.termStart)
    throw badInput("input.termEnd", `termEnd ${input.termEnd} is not after termStart ${input.termStart}.`);
  const electedOn = input.electedOn ?? todayInBrussels();
  const personIds = input.members.map((m, i) => assertUuid(m.personId, `input.members[${i}].personId`));
  const roles = input.members.map((m, i) =>
    m.role != null && m.role.trim() ? requireText(m.role, `input.members[${i}].role`, 100) : null,
  );
  const dup = personIds.find((id, i) => personIds.indexOf(id) !== i);
  if (dup) throw badInput("input.members", `Person ${dup} is listed twice.`);
  return { electedOn, personIds, roles };
}

/** Records the committee and its members in one transaction. */
export async function electCommittee(
  db: EntityManager,
  siteId: string,
  input: ElectCommitteeInput,
  election: Election,
  caller: Caller,
): Promise<ResidentsCommittee> {
  const { electedOn, personIds, roles } = election;
  const id = await db.transaction(async (manager) => {
    const r = await once(
      manager,
      { subject: caller.sub, operation: "electCommittee" },
      input.idempotencyKey,
      input,
      async () => {
        const [c] = await manager.query(
          `INSERT INTO residents_committee (site_id, elected_on, term_start, term_end, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [siteId, electedOn, input.termStart, input.termEnd, caller.sub],
        );
        await manager.query(
          `INSERT INTO committee_member (committee_id, person_id, role)
         SELECT $1, m.person_id, m.role FROM jsonb_to_recordset($2::jsonb) AS m(person_id uuid, role text)`,
          [c.id, JSON.stringify(personIds.map((personId, i) => ({ person_id: personId, role: roles[i] })))],
        );
        return c.id as string;
      },
    );
    return r.id;
  });
  return (await db.getRepository(ResidentsCommittee).findOneBy({ id }))!;
}
