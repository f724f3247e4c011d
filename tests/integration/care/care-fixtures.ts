import { randomUUID } from "node:crypto";
import { RunningSubgraph } from "../../support/subgraph";
import { TokenClaims } from "../../support/tokens";

export const ADMIN: TokenClaims = { roles: ["ADMIN"], org: "STAD_GENT" };
export const SOCIAL_WORKER: TokenClaims = { roles: ["SOCIAL_WORKER"], org: "OCMW_GENT", sub: "sw-anna" };

/** A care worker of an organisation (org claim). */
export function careWorkerOf(org: string, sub = `cw-${org.toLowerCase()}`): TokenClaims {
  return { roles: ["CARE_WORKER"], org, sub };
}

export async function createService(
  sg: RunningSubgraph,
  input: Partial<{ name: string; organisation: string; type: string; languages: string[] }> = {},
): Promise<string> {
  const res = await sg.query(
    `mutation S($input: RegisterServiceInput!) { registerService(input: $input) { id } }`,
    {
      input: {
        name: input.name ?? `Service ${randomUUID().slice(0, 8)}`,
        organisation: input.organisation ?? "CAW_OOST_VLAANDEREN",
        type: input.type ?? "MENTAL_HEALTH",
        languages: input.languages ?? ["uk", "nl"],
        contact: "09 265 04 60",
        openingHours: "Mon-Fri 9:00-17:00",
      },
    },
    ADMIN,
    null,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.registerService.id;
}

export const CREATE = `mutation C($input: CreateReferralInput!) {
  createReferral(input: $input) {
    id status priority consent dueDate note reason overdue referredBy referringOrganisation
    person { id } service { id organisation }
    history { from status by byOrganisation note at }
  }
}`;

export const TRANSITION = `mutation T($input: TransitionReferralInput!) {
  transitionReferral(input: $input) { id status history { from status by byOrganisation note } }
}`;

export async function refer(
  sg: RunningSubgraph,
  serviceId: string,
  personId: string = randomUUID(),
  extra: Record<string, unknown> = {},
): Promise<{ id: string; personId: string }> {
  const res = await sg.query(
    CREATE,
    { input: { personId, serviceId, reason: "MENTAL_HEALTH", consent: true, ...extra } },
    SOCIAL_WORKER,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id: res.data.createReferral.id, personId };
}

export async function move(sg: RunningSubgraph, referralId: string, to: string, as: TokenClaims, note?: string) {
  return sg.query(TRANSITION, { input: { referralId, to, note } }, as, "CARE");
}
