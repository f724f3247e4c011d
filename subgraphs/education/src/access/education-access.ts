import {
  Caller,
  forbidden,
  hasRole,
  isUuid,
  localOwnPeople,
  OwnPeopleSource,
  OwnScopeArgs,
  peerOwnPeople,
  PersonScope,
  personScope,
  SubgraphContext,
} from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { EducationLoaders } from "../loaders";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * "Own" people for reading education data (access.md): school staff see
 * children enrolled at or waiting for their schools (local data); site
 * coordinators see the residents of their sites, which only housing knows.
 */
export function educationOwnScope(args: OwnScopeArgs<EducationLoaders>): PersonScope | null {
  const { caller, dataSource, link } = args;
  const sources: OwnPeopleSource[] = [];
  if (hasRole(caller, "SCHOOL_STAFF")) {
    sources.push(localOwnPeople((ids) => childrenOfCallerSchools(dataSource, caller, ids)));
  }
  if (hasRole(caller, "SITE_COORDINATOR")) {
    sources.push(peerOwnPeople(link, "housing", "who lives at your sites"));
  }
  return personScope(sources);
}

/**
 * "Own" for school staff: children enrolled at, or waiting for, one of the
 * caller's schools; among `ids`, or all of them (null).
 */
export async function childrenOfCallerSchools(
  dataSource: DataSource,
  caller: Caller,
  ids: readonly string[] | null,
): Promise<string[]> {
  const schools = caller.schools.filter(isUuid);
  if (!hasRole(caller, "SCHOOL_STAFF") || schools.length === 0) return [];
  const rows: { person_id: string }[] = await dataSource.query(
    `SELECT DISTINCT person_id FROM enrolment
     WHERE ($1::uuid[] IS NULL OR person_id = ANY($1::uuid[])) AND school_id = ANY($2::uuid[])
       AND status IN ('ENROLLED', 'WAITLISTED')`,
    [ids === null ? null : ids.filter(isUuid), schools],
  );
  return rows.map((r) => r.person_id);
}

export interface SchoolWriteCheck {
  personId: string;
  /** The school the change is about (the enrolment's school, or the assessing school). */
  schoolId: string | null;
  field: string;
  operation: string;
  /** Also allow when the person is already the caller's own (enrolled at one of their schools). */
  orOwnPerson?: boolean;
}

/**
 * Checks a write of education data before anything is written. School staff
 * write "own" data, and for a write the school decides: the enrolment's
 * school must be one of the caller's schools (a child about to be enrolled is
 * nobody's own yet). Refusals are audited; the allowed write is recorded by
 * the caller with recordWrite once it succeeded.
 */
export async function authorizeSchoolWrite(ctx: Ctx, check: SchoolWriteCheck): Promise<void> {
  const access = { category: "EDUCATION" as const, action: "WRITE" as const, personId: check.personId };
  const level = ctx.access.level("EDUCATION", "WRITE");
  if (!ctx.purpose || level !== "OWN") {
    // Missing purpose or no grant: authorize refuses and audits; a full grant passes.
    await ctx.access.authorize({ ...access, field: check.field, operation: check.operation });
    return;
  }
  if (check.schoolId && ctx.caller.schools.includes(check.schoolId)) return;
  if (check.orOwnPerson) {
    await ctx.access.authorize({ ...access, field: check.field, operation: check.operation });
    return;
  }
  ctx.audit.record({
    ...access,
    field: check.field,
    operation: check.operation,
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  throw forbidden(
    `${check.field}: school ${check.schoolId ?? "(none)"} is not one of your schools; ` +
      `you may only change enrolments and assessments of your own school.`,
  );
}
