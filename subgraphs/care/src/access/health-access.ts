import { Caller, forbidden, hasRole, isUuid, SubgraphContext, SUBJECT_ACCESS } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { callerOrganisations } from "./care-access";

/** Referral statuses by which the receiving partner has taken a person on (health data may follow). */
export const TAKEN_ON = ["ACCEPTED", "IN_PROGRESS", "COMPLETED"] as const;

/**
 * Per request: for which people does one of the caller's organisations hold a
 * referral it has taken on? A referral only SENT (not yet answered) or
 * DECLINED gives the partner the person's name, not their health record.
 */
export function takenOnLoader(dataSource: DataSource, caller: Caller) {
  return new DataLoader<string, boolean>(async (ids) => {
    if (!hasRole(caller, "CARE_WORKER")) return ids.map(() => false);
    const rows: { person_id: string }[] = await dataSource.query(
      `SELECT DISTINCT r.person_id FROM referral r JOIN service s ON s.id = r.service_id
       WHERE r.person_id = ANY($1::uuid[]) AND s.organisation = ANY($2::text[]) AND r.status = ANY($3::text[])`,
      [ids.filter(isUuid), callerOrganisations(caller), TAKEN_ON],
    );
    const held = new Set(rows.map((r) => r.person_id));
    return ids.map((id) => held.has(id));
  });
}

export interface HealthRead {
  personId: string;
  field: string;
  operation: string;
}

type Ctx = SubgraphContext<{ takenOn: DataLoader<string, boolean> }>;

/**
 * The health rule, stricter than care's own scope: after purpose and role
 * (the field's declaration, checked again here with the person so that a
 * refusal names them), a care worker reads a person's health records only when
 * one of their organisations holds a taken-on referral for the person, or
 * `recordedByCaller` says their organisation made the record (the resolver
 * knows which). Allowed reads and refusals are both recorded per person.
 * Returns whether the caller may see every such record of the person
 * (taken-on referral) or only their organisation's own.
 */
export async function authorizeHealthRead(
  ctx: Ctx,
  read: HealthRead,
  recordedByCaller: (organisations: readonly string[]) => boolean,
): Promise<{ all: boolean }> {
  const check = { category: "HEALTH" as const, action: "READ" as const, ...read };
  return ctx.access.track(
    (async () => {
      ctx.access.authorizeCategory(check);
      // A subject-access export (DPO, purpose AUDIT, the gateway's claim for this person): every record of theirs.
      if (ctx.access.isSubjectAccess(read.personId)) {
        ctx.audit.record({ ...check, outcome: "ALLOWED", reason: SUBJECT_ACCESS });
        return { all: true };
      }
      const all = await ctx.loaders.takenOn.load(read.personId);
      if (!all && !recordedByCaller(callerOrganisations(ctx.caller))) {
        ctx.audit.record({ ...check, outcome: "REFUSED", reason: "FORBIDDEN" });
        throw forbidden(
          `${read.field} of person ${read.personId} is health data: only a care partner that recorded it, or that ` +
            `has taken the person on through a referral, may read it.`,
        );
      }
      ctx.audit.record({ ...check, outcome: "ALLOWED" });
      return { all };
    })(),
  );
}
