import { Purpose, Role } from "@reception-graph/kit";
import { SignJWT } from "jose";

export interface DemoCaller {
  sub: string;
  org: string;
  roles: Role[];
  sites?: string[];
  schools?: string[];
  organisations?: string[];
}

/**
 * Loads demo data the way partner apps would: GraphQL operations through the
 * gateway, each as a caller of the right role with a purpose, so the demo
 * passes the same validation and access rules as real use.
 */
export interface DemoClient {
  run<T = any>(as: DemoCaller, purpose: Purpose | null, query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** What one part of the demo hands to the next (IDs created so far), keyed by readable names. */
export interface DemoState {
  /** household key (e.g. "kovalenko") → household ID and member IDs in input order */
  households: Record<string, { householdId: string; memberIds: string[] }>;
  /** staff key → staff member ID (social) */
  staff: Record<string, string>;
  /** site key (e.g. "schoonmeersen", "terRive") → site ID */
  sites: Record<string, string>;
  /** school key → school ID */
  schools: Record<string, string>;
  /** service key → service ID */
  services: Record<string, string>;
}

export function emptyDemoState(): DemoState {
  return { households: {}, staff: {}, sites: {}, schools: {}, services: {} };
}

export function createDemoClient(graphqlUrl: string, jwtSecret: string): DemoClient {
  const key = new TextEncoder().encode(jwtSecret);
  return {
    async run(as, purpose, query, variables = {}) {
      const token = await new SignJWT({
        org: as.org,
        roles: as.roles,
        sites: as.sites ?? [],
        schools: as.schools ?? [],
        organisations: as.organisations ?? [],
      })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(as.sub)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(key);
      const headers: Record<string, string> = { "content-type": "application/json", authorization: `Bearer ${token}` };
      if (purpose) headers["x-purpose"] = purpose;
      const res = await fetch(graphqlUrl, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      const body = (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
      if (body.errors?.length) {
        throw new Error(
          `Demo operation failed: ${body.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join("; ")}\n${query}`,
        );
      }
      return body.data;
    },
  };
}

/** A part of the demo: one subgraph's partners entering their data. Parts run in order social, housing, care, education. */
export type DemoPart = (client: DemoClient, state: DemoState) => Promise<void>;
