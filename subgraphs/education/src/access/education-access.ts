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
  Purpose,
  SubgraphContext,
} from "@reception-graph/kit";
import { DataSource } from "typeorm";
import { EducationLoaders } from "../loaders";
import { EnrolmentRequesterRole } from "../requests/enrolment-request.entity";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * The organisation (token claim `org`) of the city's education service. Its
 * staff hold the SCHOOL_STAFF role like a school's, but they hand children
 * over to schools (enrolment requests) instead of teaching them: a plain
 * school's staff may not make requests. Defined here once.
 */
export const CITY_EDUCATION = "CITY_EDUCATION";

/** True for the city's education service: SCHOOL_STAFF whose token carries the organisation CITY_EDUCATION. */
export function isCityEducationService(caller: Caller): boolean {
  return hasRole(caller, "SCHOOL_STAFF") && caller.org === CITY_EDUCATION;
}

/** Purposes that may touch education data (access.md "Purpose binds categories"). */
const EDUCATION_PURPOSES: readonly Purpose[] = ["CASE_MANAGEMENT", "ENROLMENT"];

/**
 * "Own" people for reading education data (access.md): school staff see
 * children enrolled at or waiting for their schools, or handed over to one of
 * them by an OPEN enrolment request (local data); site
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
 * caller's schools, or handed over to one of them by an OPEN enrolment
 * request; among `ids`, or all of them (null). Nothing else: a school never
 * widens this by a write of its own.
 */
export async function childrenOfCallerSchools(
  dataSource: DataSource,
  caller: Caller,
  ids: readonly string[] | null,
): Promise<string[]> {
  const schools = caller.schools.filter(isUuid);
  if (!hasRole(caller, "SCHOOL_STAFF") || schools.length === 0) return [];
  const rows: { person_id: string }[] = await dataSource.query(
    `SELECT person_id FROM enrolment
     WHERE ($1::uuid[] IS NULL OR person_id = ANY($1::uuid[])) AND school_id = ANY($2::uuid[])
       AND status IN ('ENROLLED', 'WAITLISTED')
     UNION
     SELECT person_id FROM enrolment_request
     WHERE ($1::uuid[] IS NULL OR person_id = ANY($1::uuid[])) AND school_id = ANY($2::uuid[]) AND status = 'OPEN'`,
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

/** Records a refused education write and returns the FORBIDDEN error to throw. */
function refuseWrite(ctx: Ctx, personId: string | null, field: string, operation: string, message: string) {
  ctx.audit.record({
    category: "EDUCATION",
    action: "WRITE",
    personId,
    field,
    operation,
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  return forbidden(message);
}

/**
 * A write about one pupil by school staff (assessments): the child must be
 * the caller's school's own, i.e. enrolled at or waiting for one of their
 * schools, or named with one of them in an OPEN enrolment request. Writing
 * never widens this: naming one's own school in the input is not enough.
 */
export async function authorizePupilWrite(
  ctx: Ctx,
  check: { personId: string; schoolId: string | null; field: string; operation: string },
): Promise<void> {
  const access = { category: "EDUCATION" as const, action: "WRITE" as const, personId: check.personId };
  if (!ctx.purpose || ctx.access.level("EDUCATION", "WRITE") !== "OWN") {
    // Missing purpose or no grant: authorize refuses and audits (no role has a wider education write).
    await ctx.access.authorize({ ...access, field: check.field, operation: check.operation });
    return;
  }
  if (check.schoolId && !ctx.caller.schools.includes(check.schoolId)) {
    throw refuseWrite(
      ctx,
      check.personId,
      check.field,
      check.operation,
      `${check.field}: school ${check.schoolId} is not one of your schools.`,
    );
  }
  if (!(await childrenOfCallerSchools(ctx.dataSource, ctx.caller, [check.personId])).length) {
    throw refuseWrite(
      ctx,
      check.personId,
      check.field,
      check.operation,
      `${check.field}: this person is not a pupil of your schools and no open enrolment request names one of ` +
        `your schools for them; a social worker, their site coordinator or the city education service can make one.`,
    );
  }
  // Allowed; the write is recorded with recordWrite once it succeeded.
}

/**
 * Who may hand a child over to a school (requestEnrolment, withdrawEnrolmentRequest):
 * a social worker, the city's education service, or the site coordinator of a
 * site the child lives at (asked of housing). A school's own staff may not:
 * a school never widens its own scope. Returns the role the request is made in.
 */
export async function authorizeHandOver(
  ctx: Ctx,
  check: { personId: string; field: string; operation: string },
): Promise<EnrolmentRequesterRole> {
  const { personId, field, operation } = check;
  // The declared category (referral envelope) already required a purpose; a hand-over also needs one about schooling.
  if (!ctx.purpose || !EDUCATION_PURPOSES.includes(ctx.purpose)) {
    throw refuseWrite(
      ctx,
      personId,
      field,
      operation,
      `${field}: purpose ${ctx.purpose} does not cover education data; state ENROLMENT or CASE_MANAGEMENT.`,
    );
  }
  if (hasRole(ctx.caller, "SOCIAL_WORKER")) return EnrolmentRequesterRole.SOCIAL_WORKER;
  if (isCityEducationService(ctx.caller)) return EnrolmentRequesterRole.CITY_EDUCATION_SERVICE;
  if (hasRole(ctx.caller, "SITE_COORDINATOR")) {
    if (ctx.loaders.residentOfCallerSites && (await ctx.loaders.residentOfCallerSites.isOwn.load(personId))) {
      return EnrolmentRequesterRole.SITE_COORDINATOR;
    }
    throw refuseWrite(
      ctx,
      personId,
      field,
      operation,
      `${field}: this person does not live at one of your sites; ask their social worker or the city education service.`,
    );
  }
  throw refuseWrite(
    ctx,
    personId,
    field,
    operation,
    `${field} is for a social worker, the child's site coordinator or the city education service (organisation ` +
      `${CITY_EDUCATION}); a school's staff cannot hand a child over to a school.`,
  );
}

/**
 * Reading an enrolment request (education data about the child): the city's
 * education service reads every request (it hands children over); everyone
 * else as for other education data (school staff: their own schools' children,
 * including those handed over to them). Audited either way.
 */
export async function mayReadRequestOf(ctx: Ctx, personId: string, field: string, operation: string): Promise<boolean> {
  if (isCityEducationService(ctx.caller) && ctx.purpose && EDUCATION_PURPOSES.includes(ctx.purpose)) {
    ctx.audit.record({ category: "EDUCATION", action: "READ", personId, field, operation, outcome: "ALLOWED" });
    return true;
  }
  return ctx.access.allows({ category: "EDUCATION", action: "READ", personId, field, operation });
}

/** Like mayReadRequestOf, but throws the refusal (PURPOSE_REQUIRED or FORBIDDEN). */
export async function authorizeRequestRead(ctx: Ctx, personId: string, field: string, operation: string) {
  if (isCityEducationService(ctx.caller) && ctx.purpose && EDUCATION_PURPOSES.includes(ctx.purpose)) {
    ctx.audit.record({ category: "EDUCATION", action: "READ", personId, field, operation, outcome: "ALLOWED" });
    return;
  }
  await ctx.access.authorize({ category: "EDUCATION", action: "READ", personId, field, operation });
}
