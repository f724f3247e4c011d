import { forbidden, hasRole, SubgraphContext } from "@reception-graph/kit";
import { authorizePupilWrite } from "../access/education-access";
import { EducationLoaders } from "../loaders";

type Ctx = SubgraphContext<EducationLoaders>;

/**
 * Who records an adult's Dutch courses and integration programme. access.md
 * gives education writes to school staff for their own people only, and an
 * adult is no school's pupil; an OCMW social worker enrolling someone in a
 * course or referring them to inburgering makes a referral to a provider
 * (referral envelope: SOCIAL_WORKER R/W), which is how the OCMW works. So:
 * - SOCIAL_WORKER: any adult (the mutation is declared REFERRAL, the record
 *   is education data, so the purpose must cover education too);
 * - SCHOOL_STAFF: only their own people (handed over to one of their
 *   schools), as for every education write; a school never widens its scope;
 * - everyone else (site coordinators read only; housing coordinators, care
 *   workers, analysts): FORBIDDEN, audited, nothing written.
 */
export async function authorizeAdultWrite(
  ctx: Ctx,
  check: { personId: string; field: string; operation: string },
): Promise<void> {
  const { personId, field, operation } = check;
  if (hasRole(ctx.caller, "SOCIAL_WORKER")) {
    if (ctx.purpose === "CASE_MANAGEMENT" || ctx.purpose === "ENROLMENT") return;
    ctx.audit.record({
      category: "EDUCATION",
      action: "WRITE",
      personId,
      field,
      operation,
      outcome: "REFUSED",
      reason: "FORBIDDEN",
    });
    throw forbidden(
      `${field}: purpose ${ctx.purpose} does not cover education data; state CASE_MANAGEMENT or ENROLMENT.`,
    );
  }
  await authorizePupilWrite(ctx, { personId, schoolId: null, field, operation });
}
