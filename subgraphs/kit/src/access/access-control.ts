import DataLoader from "dataloader";
import { domainError } from "../errors";
import { Caller, Purpose } from "../auth/caller";
import { AuditAction, AuditTrail } from "../audit/audit-trail";
import { accessLevel, DataCategory, NON_PERSONAL } from "./access-matrix";

/**
 * Answers, for one request, whether each person belongs to the caller's own
 * site, school or organisation (the "own" of access.md). A subgraph supplies
 * it; batch it, since a list of 50 people asks 50 times.
 */
export type OwnScopeLoader = DataLoader<string, boolean>;

export interface AccessCheck {
  category: DataCategory;
  action: AuditAction;
  /** null when the data concerns no single person (e.g. creating a household before it has IDs). */
  personId: string | null;
  field: string;
  operation: string;
}

/**
 * Applies access.md to one request (per request): purpose, role grant, own
 * scope; records every allowed and refused access in the audit trail.
 */
export class AccessControl {
  constructor(
    readonly caller: Caller,
    readonly purpose: Purpose | null,
    private readonly audit: AuditTrail,
    private readonly ownScope: OwnScopeLoader | null,
  ) {}

  /** Resolves when allowed; throws PURPOSE_REQUIRED or FORBIDDEN otherwise, after recording the refusal. */
  async authorize(check: AccessCheck): Promise<void> {
    const personal = !NON_PERSONAL.has(check.category);
    const refuse = (code: "PURPOSE_REQUIRED" | "FORBIDDEN", message: string) => {
      if (personal) this.audit.record({ ...check, outcome: "REFUSED", reason: code });
      return domainError(code, message);
    };
    if (personal && !this.purpose) {
      throw refuse(
        "PURPOSE_REQUIRED",
        `Reading or changing personal data (${check.field}) needs a stated purpose: send the x-purpose header.`,
      );
    }
    const level = accessLevel(this.caller.roles, check.category, check.action);
    if (level === "NONE") {
      throw refuse(
        "FORBIDDEN",
        `Role ${this.caller.roles.join(", ") || "(none)"} may not ${check.action === "READ" ? "read" : "change"} ` +
          `${check.category.toLowerCase().replace(/_/g, " ")} data (${check.field}).`,
      );
    }
    if (level === "OWN") {
      const own = check.personId !== null && this.ownScope !== null && (await this.ownScope.load(check.personId));
      if (!own) {
        throw refuse(
          "FORBIDDEN",
          `${check.field} of person ${check.personId ?? "(none)"} is outside your own site, school or organisation.`,
        );
      }
    }
    // An allowed check without a person (a list, a creation before IDs exist) is recorded per person later.
    if (personal && check.personId !== null) this.audit.record({ ...check, outcome: "ALLOWED" });
  }

  /** Records a write the caller was allowed to make, once the person's ID exists. */
  recordWrite(category: DataCategory, personId: string, field: string, operation: string): void {
    this.audit.record({ category, action: "WRITE", personId, field, operation, outcome: "ALLOWED" });
  }

  /** Like authorize, but answers false instead of throwing (refusals are still recorded). */
  async allows(check: AccessCheck): Promise<boolean> {
    try {
      await this.authorize(check);
      return true;
    } catch {
      return false;
    }
  }

  /** The level for filtering lists: ALL, OWN (filter to own people) or NONE. */
  level(category: DataCategory, action: AuditAction = "READ") {
    return accessLevel(this.caller.roles, category, action);
  }
}
