import { AuditAction, domainError, forbidden, hasRole, SubgraphContext } from "@reception-graph/kit";

/**
 * Site-level rules of access.md that are about a site rather than one person:
 * a SITE_COORDINATOR works only on the sites in their token, a
 * HOUSING_COORDINATOR on every site. Refusals are audited like other refusals.
 */
export function isOwnSite(ctx: SubgraphContext, siteId: string): boolean {
  return ctx.caller.sites.map((s) => s.toLowerCase()).includes(siteId.toLowerCase());
}

function refuse(
  ctx: SubgraphContext,
  field: string,
  operation: string,
  action: AuditAction,
  code: "FORBIDDEN" | "PURPOSE_REQUIRED",
  message: string,
) {
  ctx.audit.record({ personId: null, category: "HOUSING", field, operation, action, outcome: "REFUSED", reason: code });
  return code === "FORBIDDEN" ? forbidden(message) : domainError(code, message);
}

/**
 * Personal housing data of a whole site (its residents, placing a household
 * there): needs a purpose, and HOUSING access to all people or, for "own"
 * access, the site must be one of the caller's.
 */
export function requireSiteHousingAccess(
  ctx: SubgraphContext,
  siteId: string,
  action: AuditAction,
  field: string,
  operation: string,
): void {
  if (!ctx.purpose) {
    throw refuse(
      ctx,
      field,
      operation,
      action,
      "PURPOSE_REQUIRED",
      `${field} is personal housing data and needs a stated purpose: send the x-purpose header.`,
    );
  }
  const level = ctx.access.level("HOUSING", action);
  if (level === "ALL") return;
  if (level === "OWN" && isOwnSite(ctx, siteId)) return;
  throw refuse(
    ctx,
    field,
    operation,
    action,
    "FORBIDDEN",
    level === "OWN"
      ? `Site ${siteId} is not one of your sites; ${field} is only available for your own sites.`
      : `Role ${ctx.caller.roles.join(", ") || "(none)"} may not ${action === "READ" ? "read" : "change"} housing data (${field}).`,
  );
}

/**
 * A live, exact count of the people living at a site or in a room (a room's
 * count is its household's size): housing data for those who place families,
 * checked like the site's residents, and the allowed read audited too (no one
 * person is named: the line says who read which count, when and why). Everyone
 * else reads occupancy through occupancySeries, suppressed.
 */
export function requireSiteOccupancyAccess(
  ctx: SubgraphContext,
  siteId: string,
  field: string,
  operation: string,
): void {
  requireSiteHousingAccess(ctx, siteId, "READ", field, operation);
  ctx.audit.record({ personId: null, category: "HOUSING", field, operation, action: "READ", outcome: "ALLOWED" });
}

/** Running a site (rooms, stock, committee): HOUSING_COORDINATOR anywhere, SITE_COORDINATOR on their own sites. */
export function requireSiteManager(ctx: SubgraphContext, siteId: string, field: string, operation: string): void {
  if (hasRole(ctx.caller, "HOUSING_COORDINATOR")) return;
  if (hasRole(ctx.caller, "SITE_COORDINATOR") && isOwnSite(ctx, siteId)) return;
  ctx.audit.record({
    personId: null,
    category: "ROLE",
    field,
    operation,
    action: "WRITE",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  throw forbidden(
    hasRole(ctx.caller, "SITE_COORDINATOR")
      ? `Site ${siteId} is not one of your sites; ${field} is for the site's own coordinators or a HOUSING_COORDINATOR.`
      : `${field} is for HOUSING_COORDINATOR or the site's SITE_COORDINATOR; your role is ${ctx.caller.roles.join(", ") || "(none)"}.`,
  );
}

/**
 * A site coordinator may place a household only once the city (housing
 * coordinator) or the OCMW (social worker) has handed it over to that site:
 * their scope is handed over, never taken by a write of their own. The
 * refusal says what is missing and nothing about the household.
 */
export async function requireAssignment(
  ctx: SubgraphContext,
  householdId: string,
  siteId: string,
  operation: string,
): Promise<void> {
  // Placed already through that assignment: a repeated call is answered as a repeat (or a CONFLICT), at their own site.
  const [open] = await ctx.dataSource.query(
    `SELECT 1 FROM site_assignment a WHERE a.household_id = $1 AND a.site_id = $2
       AND (a.status = 'OPEN' OR (a.status = 'PLACED' AND EXISTS (
         SELECT 1 FROM placement p WHERE p.household_id = a.household_id AND p.site_id = a.site_id AND p.move_out_date IS NULL)))`,
    [householdId, siteId],
  );
  if (open) return;
  ctx.audit.record({
    personId: null,
    category: "HOUSING",
    field: "Mutation.placeHousehold",
    operation,
    action: "WRITE",
    outcome: "REFUSED",
    reason: "FORBIDDEN",
  });
  throw forbidden(
    `Household ${householdId} is not assigned to site ${siteId}: the city's housing coordinator or an OCMW social ` +
      `worker hands households over to a site (assignHouseholdToSite) before its coordinator places them.`,
  );
}
