import { assertPersonName, assertUuid, Caller, conflict, driverErrorOf, hasRole, once } from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { callerOrganisations } from "../access/care-access";
import { notInFuture } from "../incidents/incident.service";
import { validOrganisation } from "../services/service.service";
import { TrainedStaff, TrainingTopic } from "./training.entity";
import { RecordTrainingInput } from "./training.inputs";

/**
 * Identifies a staff member within their organisation: "Olena  Kovalenko",
 * "olena kovalenko" and "Olena Kovalénko" are one person, so they count once.
 */
export function staffKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2019\u02BC]/g, "'")
    .replace(/\u2010/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export interface ValidTraining {
  staffName: string;
  staffKey: string;
  organisation: string;
  trainedOn: string;
  siteId: string;
}

export function validateTraining(input: RecordTrainingInput): ValidTraining {
  const staffName = assertPersonName(input.staffName, "input.staffName", 100);
  return {
    staffName,
    staffKey: staffKey(staffName),
    organisation: validOrganisation(input.organisation, "input.organisation"),
    trainedOn: notInFuture(input.trainedOn, "input.trainedOn"),
    siteId: assertUuid(input.siteId, "input.siteId"),
  };
}

/**
 * Who may record this training: the city's housing coordinator for any site,
 * a site coordinator for their own sites, a care worker for their own
 * organisation's staff. Null when allowed, else why not.
 */
export function trainingRefusal(v: ValidTraining, caller: Caller): string | null {
  if (hasRole(caller, "HOUSING_COORDINATOR")) return null;
  if (hasRole(caller, "SITE_COORDINATOR") && caller.sites.includes(v.siteId)) return null;
  if (hasRole(caller, "CARE_WORKER") && callerOrganisations(caller).includes(v.organisation)) return null;
  return (
    `Trainings are recorded by site coordinators for their own sites (site ${v.siteId} is not one of yours) ` +
    `and by care workers for their own organisation's staff (not ${v.organisation}).`
  );
}

export async function recordTraining(
  dataSource: DataSource,
  input: RecordTrainingInput,
  v: ValidTraining,
  caller: Caller,
): Promise<string> {
  const duplicate = () =>
    conflict(
      `${v.staffName} (${v.organisation}) is already recorded as trained in ${input.topic} on ${v.trainedOn} at this site.`,
    );
  try {
    return await dataSource.transaction(async (manager) => {
      const { id } = await once(
        manager,
        { subject: caller.sub, operation: "recordTraining" },
        input.idempotencyKey,
        input,
        async () => {
          const [existing] = await manager.query(
            `SELECT id FROM training WHERE organisation = $1 AND staff_key = $2 AND topic = $3 AND trained_on = $4
               AND site_id = $5`,
            [v.organisation, v.staffKey, input.topic, v.trainedOn, v.siteId],
          );
          if (existing) throw duplicate();
          const [row] = await manager.query(
            `INSERT INTO training (staff_name, staff_key, organisation, topic, trained_on, site_id, recorded_by,
                                   recorded_by_organisation)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
            [v.staffName, v.staffKey, v.organisation, input.topic, v.trainedOn, v.siteId, caller.sub, caller.org],
          );
          return row.id as string;
        },
      );
      return id;
    });
  } catch (e) {
    // The same training entered twice at the same moment: the unique index lets one through.
    const driver = driverErrorOf(e);
    if (driver.code === "23505" && driver.constraint === "training_once_key") throw duplicate();
    throw e;
  }
}

/** Distinct staff (organisation + normalised name) per topic, overall and per site. */
export async function trainedStaff(
  dataSource: DataSource,
  topic: TrainingTopic | null,
  siteId: string | null,
): Promise<TrainedStaff[]> {
  const params = [topic, siteId];
  const where = `WHERE ($1::text IS NULL OR topic = $1) AND ($2::uuid IS NULL OR site_id = $2)`;
  const person = `organisation || '|' || staff_key`;
  const totals: { topic: TrainingTopic; n: number }[] = await dataSource.query(
    `SELECT topic, count(DISTINCT ${person})::int AS n FROM training ${where} GROUP BY topic`,
    params,
  );
  const perSite: { topic: TrainingTopic; site_id: string; n: number }[] = await dataSource.query(
    `SELECT topic, site_id, count(DISTINCT ${person})::int AS n FROM training ${where}
     GROUP BY topic, site_id ORDER BY site_id`,
    params,
  );
  const topics = topic ? [topic] : [TrainingTopic.PSEA, TrainingTopic.MHPSS_PFA];
  return topics.map((t) => ({
    topic: t,
    staff: totals.find((r) => r.topic === t)?.n ?? 0,
    sites: perSite.filter((r) => r.topic === t).map((r) => ({ siteId: r.site_id, staff: r.n })),
  }));
}
