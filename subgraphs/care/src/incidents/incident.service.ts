import {
  assertUuid,
  badInput,
  Caller,
  conflict,
  notFound,
  once,
  requireText,
  todayInBrussels,
} from "@reception-graph/kit";
import { EntityManager } from "typeorm";
import { callerOrganisations } from "../access/care-access";
import { validOrganisation } from "../services/service.service";
import { IncidentStatus } from "./incident.entity";
import {
  AddIncidentActionInput,
  CompleteIncidentActionInput,
  ReportIncidentInput,
  TransitionIncidentInput,
} from "./incident.inputs";

const MAX_SUMMARY = 2000;
const MAX_ACTION = 1000;
const MAX_NOTE = 1000;
/** More would be a list of residents, not an incident report. */
const MAX_PEOPLE = 50;
const MAX_ACTIONS = 20;

/** The only moves an incident's status makes. */
export const NEXT_STATUS: Record<IncidentStatus, IncidentStatus[]> = {
  OPEN: [IncidentStatus.IN_FOLLOW_UP],
  IN_FOLLOW_UP: [IncidentStatus.CLOSED],
  CLOSED: [],
};

export function notInFuture(date: string, field: string): string {
  const today = todayInBrussels();
  if (date > today) throw badInput(field, `${field} ${date} is in the future (today is ${today}).`);
  return date;
}

function validNote(note: string | null | undefined, field: string): string | null {
  return note == null || note.trim() === "" ? null : requireText(note, field, MAX_NOTE);
}

function validActionDue(dueDate: string, occurredOn: string, field: string): string {
  if (dueDate < occurredOn) {
    throw badInput(field, `${field} ${dueDate} is before the incident itself (${occurredOn}).`);
  }
  return dueDate;
}

export interface ValidIncident {
  siteId: string;
  occurredOn: string;
  summary: string;
  personIds: string[];
  organisations: string[];
  actions: { description: string; dueDate: string }[];
}

/** Checks a report before anything is written; a care worker's organisation becomes involved. */
export function validateIncident(input: ReportIncidentInput, caller: Caller, careWorker: boolean): ValidIncident {
  const siteId = assertUuid(input.siteId, "input.siteId");
  const occurredOn = notInFuture(input.occurredOn, "input.occurredOn");
  const summary = requireText(input.summary, "input.summary", MAX_SUMMARY);
  const people = input.personIds ?? [];
  if (people.length > MAX_PEOPLE) {
    throw badInput("input.personIds", `input.personIds names ${people.length} people; at most ${MAX_PEOPLE}.`);
  }
  const personIds = [...new Set(people.map((p, i) => assertUuid(p, `input.personIds[${i}]`)))];
  const named = (input.organisations ?? []).map((o, i) => validOrganisation(o, `input.organisations[${i}]`));
  const organisations = [...new Set([...named, ...(careWorker ? callerOrganisations(caller).slice(0, 1) : [])])];
  const given = input.followUpActions ?? [];
  if (given.length > MAX_ACTIONS) {
    throw badInput(
      "input.followUpActions",
      `input.followUpActions has ${given.length} actions; at most ${MAX_ACTIONS}.`,
    );
  }
  const actions = given.map((a, i) => ({
    description: requireText(a.description, `input.followUpActions[${i}].description`, MAX_ACTION),
    dueDate: validActionDue(a.dueDate, occurredOn, `input.followUpActions[${i}].dueDate`),
  }));
  return { siteId, occurredOn, summary, personIds, organisations, actions };
}

async function insertAction(
  manager: EntityManager,
  incidentId: string,
  action: { description: string; dueDate: string },
  caller: Caller,
): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO incident_action (incident_id, description, due_date, added_by, added_by_organisation)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [incidentId, action.description, action.dueDate, caller.sub, caller.org],
  );
  return row.id as string;
}

/** Stores a report, its first history line and its follow-up actions in one transaction; returns its ID. */
export async function reportIncident(
  db: EntityManager,
  input: ReportIncidentInput,
  v: ValidIncident,
  caller: Caller,
): Promise<{ id: string; replayed: boolean }> {
  return db.transaction((manager) =>
    once(manager, { subject: caller.sub, operation: "reportIncident" }, input.idempotencyKey, input, async () => {
      const [row] = await manager.query(
        `INSERT INTO incident (site_id, occurred_on, type, severity, summary, person_ids, organisations, status,
                               reported_by, reporting_organisation)
         VALUES ($1, $2, $3, $4, $5, $6::uuid[], $7::text[], 'OPEN', $8, $9) RETURNING id`,
        [
          v.siteId,
          v.occurredOn,
          input.type,
          input.severity,
          v.summary,
          v.personIds,
          v.organisations,
          caller.sub,
          caller.org,
        ],
      );
      await manager.query(
        `INSERT INTO incident_transition (incident_id, from_status, to_status, by_subject, by_organisation)
         VALUES ($1, NULL, 'OPEN', $2, $3)`,
        [row.id, caller.sub, caller.org],
      );
      for (const a of v.actions) await insertAction(manager, row.id, a, caller);
      return row.id as string;
    }),
  );
}

/** Locks the incident row so two changes at the same moment are taken one after the other. */
async function lockIncident(manager: EntityManager, id: string) {
  const [row] = await manager.query(
    `SELECT status, occurred_on::text AS occurred_on FROM incident WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!row) throw notFound("Incident", id);
  return row as { status: IncidentStatus; occurred_on: string };
}

export async function transitionIncident(db: EntityManager, input: TransitionIncidentInput, caller: Caller) {
  const note = validNote(input.note, "input.note");
  await db.transaction(async (manager) => {
    const { status: from } = await lockIncident(manager, input.incidentId);
    if (!NEXT_STATUS[from].includes(input.to)) {
      const allowed = NEXT_STATUS[from];
      throw conflict(
        `Incident ${input.incidentId} is ${from}; it can move to ${allowed.length ? allowed.join(" or ") : "nothing (it is closed)"}, not ${input.to}.`,
      );
    }
    await manager.query(`UPDATE incident SET status = $2, updated_at = clock_timestamp() WHERE id = $1`, [
      input.incidentId,
      input.to,
    ]);
    await manager.query(
      `INSERT INTO incident_transition (incident_id, from_status, to_status, by_subject, by_organisation, note)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.incidentId, from, input.to, caller.sub, caller.org, note],
    );
  });
}

export async function addIncidentAction(db: EntityManager, input: AddIncidentActionInput, caller: Caller) {
  const description = requireText(input.description, "input.description", MAX_ACTION);
  return db.transaction(async (manager) => {
    const incident = await lockIncident(manager, input.incidentId);
    if (incident.status === IncidentStatus.CLOSED) {
      throw conflict(`Incident ${input.incidentId} is CLOSED; a closed incident takes no new follow-up action.`);
    }
    const dueDate = validActionDue(input.dueDate, incident.occurred_on, "input.dueDate");
    const id = await insertAction(manager, input.incidentId, { description, dueDate }, caller);
    await manager.query(`UPDATE incident SET updated_at = clock_timestamp() WHERE id = $1`, [input.incidentId]);
    return id;
  });
}

export async function completeIncidentAction(
  db: EntityManager,
  input: CompleteIncidentActionInput,
  incidentId: string,
  caller: Caller,
) {
  const doneOn = notInFuture(input.doneOn, "input.doneOn");
  await db.transaction(async (manager) => {
    const incident = await lockIncident(manager, incidentId);
    if (incident.status === IncidentStatus.CLOSED) {
      throw conflict(`Incident ${incidentId} is CLOSED; its follow-up actions no longer change.`);
    }
    const [action] = await manager.query(`SELECT done_on::text AS done_on FROM incident_action WHERE id = $1`, [
      input.actionId,
    ]);
    if (action.done_on) {
      throw conflict(`Follow-up action ${input.actionId} was already done on ${action.done_on}.`);
    }
    if (doneOn < incident.occurred_on) {
      throw badInput("input.doneOn", `input.doneOn ${doneOn} is before the incident itself (${incident.occurred_on}).`);
    }
    await manager.query(`UPDATE incident_action SET done_on = $2, done_by = $3 WHERE id = $1`, [
      input.actionId,
      doneOn,
      caller.sub,
    ]);
    await manager.query(`UPDATE incident SET updated_at = clock_timestamp() WHERE id = $1`, [incidentId]);
  });
}
