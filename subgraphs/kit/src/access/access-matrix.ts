import { Purpose, Role } from "../auth/caller";

/** Data categories of access.md. */
export type DataCategory =
  | "IDENTITY_BASIC"
  | "IDENTITY_FULL"
  | "HOUSING"
  | "SOCIAL_FINANCIAL"
  | "HEALTH"
  | "REFERRAL"
  | "EDUCATION"
  | "PROTECTION"
  | "ANONYMOUS_FEEDBACK"
  | "AGGREGATES"
  | "AUDIT_TRAIL";

/** R = read, RW = read and write; _OWN = only people of the caller's own site, school or organisation. */
export type Grant = "R" | "RW" | "R_OWN" | "RW_OWN";

/**
 * The default matrix of access.md, as data. A role absent from a category
 * has neither read nor write.
 */
export const ACCESS_MATRIX: Record<DataCategory, Partial<Record<Role, Grant>>> = {
  IDENTITY_BASIC: {
    SITE_COORDINATOR: "RW_OWN",
    HOUSING_COORDINATOR: "R",
    SOCIAL_WORKER: "RW",
    OCMW_ADMIN: "RW",
    CARE_WORKER: "R_OWN",
    SCHOOL_STAFF: "R_OWN",
  },
  IDENTITY_FULL: { SITE_COORDINATOR: "R_OWN", SOCIAL_WORKER: "RW", OCMW_ADMIN: "RW" },
  HOUSING: { SITE_COORDINATOR: "RW_OWN", HOUSING_COORDINATOR: "RW", SOCIAL_WORKER: "R", OCMW_ADMIN: "R" },
  SOCIAL_FINANCIAL: { SOCIAL_WORKER: "RW", OCMW_ADMIN: "RW" },
  HEALTH: { CARE_WORKER: "RW_OWN" },
  REFERRAL: { SITE_COORDINATOR: "RW_OWN", SOCIAL_WORKER: "RW", CARE_WORKER: "RW_OWN", SCHOOL_STAFF: "RW_OWN" },
  EDUCATION: { SITE_COORDINATOR: "R_OWN", SOCIAL_WORKER: "R", SCHOOL_STAFF: "RW_OWN" },
  PROTECTION: { SITE_COORDINATOR: "RW_OWN", SOCIAL_WORKER: "R", CARE_WORKER: "RW_OWN" },
  ANONYMOUS_FEEDBACK: { SITE_COORDINATOR: "RW_OWN", CARE_WORKER: "RW" },
  AGGREGATES: {
    SITE_COORDINATOR: "R",
    HOUSING_COORDINATOR: "R",
    SOCIAL_WORKER: "R",
    OCMW_ADMIN: "R",
    CARE_WORKER: "R",
    SCHOOL_STAFF: "R",
    ANALYST: "R",
  },
  AUDIT_TRAIL: { DPO: "R" },
};

/** Categories that carry no personal data: no purpose needed, nothing audited. */
export const NON_PERSONAL: ReadonlySet<DataCategory> = new Set<DataCategory>(["AGGREGATES"]);

/**
 * access.md "Purpose binds categories": the categories each stated purpose
 * may read (and change). A read or write needs both the role and the purpose.
 * ADMINISTRATION is for reference data (sites, schools, services, rates) and
 * reads no personal data. Aggregates carry no personal data and are open to
 * every purpose (and to none); REPORTING reads nothing else.
 */
export const PURPOSE_CATEGORIES: Record<Purpose, readonly DataCategory[]> = {
  CASE_MANAGEMENT: [
    "IDENTITY_BASIC",
    "IDENTITY_FULL",
    "HOUSING",
    "SOCIAL_FINANCIAL",
    "REFERRAL",
    "EDUCATION",
    "PROTECTION",
  ],
  PLACEMENT: ["IDENTITY_BASIC", "IDENTITY_FULL", "HOUSING", "REFERRAL"],
  CARE: ["IDENTITY_BASIC", "HEALTH", "REFERRAL", "PROTECTION", "ANONYMOUS_FEEDBACK"],
  ENROLMENT: ["IDENTITY_BASIC", "EDUCATION", "REFERRAL"],
  REPORTING: ["AGGREGATES"],
  AUDIT: ["AUDIT_TRAIL"],
  ADMINISTRATION: [],
};

/** Whether a stated purpose covers a category (aggregates: always). */
export function purposeAllows(purpose: Purpose, category: DataCategory): boolean {
  return NON_PERSONAL.has(category) || PURPOSE_CATEGORIES[purpose].includes(category);
}

/** "identity basic" for messages. */
export function categoryWords(category: DataCategory): string {
  return category.toLowerCase().replace(/_/g, " ");
}

export type AccessLevel = "ALL" | "OWN" | "NONE";

/** The widest access any of the roles gives to a category for reading or writing. */
export function accessLevel(roles: readonly Role[], category: DataCategory, action: "READ" | "WRITE"): AccessLevel {
  let level: AccessLevel = "NONE";
  for (const role of roles) {
    const grant = ACCESS_MATRIX[category][role];
    if (!grant) continue;
    if (action === "WRITE" && !grant.startsWith("RW")) continue;
    if (!grant.endsWith("_OWN")) return "ALL";
    level = "OWN";
  }
  return level;
}
