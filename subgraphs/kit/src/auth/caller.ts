/** Roles of access.md; a token may carry several. */
export const ROLES = [
  "SITE_COORDINATOR",
  "HOUSING_COORDINATOR",
  "SOCIAL_WORKER",
  "OCMW_ADMIN",
  "CARE_WORKER",
  "SCHOOL_STAFF",
  "ANALYST",
  "DPO",
  "ADMIN",
] as const;
export type Role = (typeof ROLES)[number];

/** Purposes a request may state in the `x-purpose` header. */
export const PURPOSES = [
  "CASE_MANAGEMENT",
  "PLACEMENT",
  "CARE",
  "ENROLMENT",
  "REPORTING",
  "AUDIT",
  "ADMINISTRATION",
] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === "string" && (PURPOSES as readonly string[]).includes(value);
}

/** Who is asking, as the gateway verified it. Scopes are IDs of sites, schools, organisations. */
export interface Caller {
  sub: string;
  org: string;
  roles: Role[];
  sites: string[];
  schools: string[];
  organisations: string[];
  /** The actor acting for this caller (RFC 8693 `act.sub` of the caller's token), when the token names one. */
  act?: string;
}

export function hasRole(caller: Caller | null | undefined, ...roles: Role[]): boolean {
  return !!caller && caller.roles.some((r) => roles.includes(r));
}

/**
 * The one identity of a resident without an account (the gateway's public
 * feedback page). Only the gateway signs internal tokens, so a subgraph can
 * trust that a request carrying it came from that page; it holds no role, so
 * every role-gated field refuses it, and it names no one.
 */
export const RESIDENT_CALLER: Caller = Object.freeze({
  sub: "resident",
  org: "RESIDENT",
  roles: [],
  sites: [],
  schools: [],
  organisations: [],
}) as Caller;

/** Whether a verified caller is the resident page's pseudo-caller (RESIDENT_CALLER). */
export function isResidentCaller(caller: Caller | null | undefined): boolean {
  return !!caller && caller.sub === RESIDENT_CALLER.sub && caller.org === RESIDENT_CALLER.org && !caller.roles.length;
}
