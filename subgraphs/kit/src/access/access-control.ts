import { EntityManager } from "typeorm";
import { domainError } from "../errors";
import { Caller, Purpose } from "../auth/caller";
import { AuditAction, AuditTrail } from "../audit/audit-trail";
import { accessLevel, categoryWords, DataCategory, NON_PERSONAL, purposeAllows } from "./access-matrix";
import { PersonScope } from "./person-scope";

export interface AccessCheck {
  category: DataCategory;
  action: AuditAction;
  /** null when the data concerns no single person (a list before filtering, a creation before IDs exist). */
  personId: string | null;
  field: string;
  operation: string;
  /**
   * A field below the root (reached through an object already checked), not a root field. Only matters in
   * a subject-access export: there a field about no single person is readable only below the root.
   */
  nested?: boolean;
}

/** The audit reason of a read allowed by a subject-access export (GDPR art. 15). */
export const SUBJECT_ACCESS = "SUBJECT_ACCESS";

type Refusal = "PURPOSE_REQUIRED" | "FORBIDDEN";

/**
 * Applies access.md to one request (per request): the stated purpose, the
 * role's grant, and the own scope; records every allowed and refused access
 * in the audit trail. A decision about one person and category is taken once
 * per request and reused by every field that asks again.
 */
export class AccessControl {
  private readonly decisions = new Map<string, Promise<void>>();
  /** Checks still running: a response may leave before a sibling field's check ends (its parent was nulled). */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    readonly caller: Caller,
    readonly purpose: Purpose | null,
    private readonly audit: AuditTrail,
    readonly scope: PersonScope | null,
    private readonly subjectAccessOf: string | null = null,
  ) {}

  /**
   * The person of this request's subject-access export: only for a DPO stating purpose AUDIT whose
   * internal token carries the gateway's `sar` claim (signed on the export route alone); else null.
   */
  get subjectAccess(): string | null {
    return this.subjectAccessOf && this.purpose === "AUDIT" && this.caller.roles.includes("DPO")
      ? this.subjectAccessOf
      : null;
  }

  /**
   * Whether the export's exception opens this read: reading (never writing) that one person, or a field
   * below the root about no single person (the parts of the person's own records; every Person field
   * names its person, so another person's data stays closed). A root field about nobody stays closed.
   */
  private opensSubjectAccess(check: Pick<AccessCheck, "personId" | "action" | "nested">): boolean {
    const subject = this.subjectAccess;
    if (!subject || check.action !== "READ") return false;
    return check.personId === null ? check.nested === true : check.personId === subject;
  }

  /** Whether a read of this person is the subject-access export's (resolvers with their own rules ask it). */
  isSubjectAccess(personId: string | null): boolean {
    return personId !== null && this.opensSubjectAccess({ personId, action: "READ" });
  }

  private refuse(check: AccessCheck, code: Refusal, message: string): Error {
    if (!NON_PERSONAL.has(check.category)) this.audit.record({ ...check, outcome: "REFUSED", reason: code });
    return domainError(code, message, { category: check.category, ...(this.purpose ? { purpose: this.purpose } : {}) });
  }

  /**
   * Purpose and role, without looking at a person: may this caller, for this
   * purpose, read (or change) this category at all? Throws PURPOSE_REQUIRED
   * or FORBIDDEN (recorded); returns the level the role gives (ALL or OWN).
   */
  authorizeCategory(check: Omit<AccessCheck, "personId"> & { personId?: string | null }): "ALL" | "OWN" {
    const full = { ...check, personId: check.personId ?? null };
    if (this.opensSubjectAccess(full)) return "ALL";
    const words = categoryWords(check.category);
    if (!NON_PERSONAL.has(check.category)) {
      if (!this.purpose) {
        throw this.refuse(
          full,
          "PURPOSE_REQUIRED",
          `Reading or changing personal data (${check.field}, ${words}) needs a stated purpose: send the x-purpose header.`,
        );
      }
      if (!purposeAllows(this.purpose, check.category)) {
        throw this.refuse(
          full,
          "FORBIDDEN",
          `The purpose ${this.purpose} does not cover ${words} data (${check.field}); state a purpose that does.`,
        );
      }
    }
    const level = accessLevel(this.caller.roles, check.category, check.action);
    if (level === "NONE") {
      throw this.refuse(
        full,
        "FORBIDDEN",
        `Role ${this.caller.roles.join(", ") || "(none)"} may not ${check.action === "READ" ? "read" : "change"} ` +
          `${words} data (${check.field}).`,
      );
    }
    return level;
  }

  /** Follows a check until it ends, so that its audit line is written with the request's (see settled). */
  track<T>(work: Promise<T>): Promise<T> {
    const done: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
    return work;
  }

  /**
   * Waits for every check of the request, including those of fields whose
   * answer was dropped after a sibling failed: each attempt to read a person
   * leaves its line, allowed or refused. Bounded by the peers' timeout.
   */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** Resolves when allowed; throws PURPOSE_REQUIRED or FORBIDDEN otherwise, after recording the refusal. */
  authorize(check: AccessCheck): Promise<void> {
    if (check.personId === null) {
      try {
        this.authorizeCategory(check);
        return Promise.resolve();
      } catch (e) {
        return Promise.reject(e);
      }
    }
    const key = `${check.personId}|${check.category}|${check.action}`;
    let decision = this.decisions.get(key);
    if (!decision) {
      decision = this.track(this.decide(check));
      this.decisions.set(key, decision);
    } else if (!NON_PERSONAL.has(check.category)) {
      // The same decision, reached again through another field: the audit line lists that field too.
      const recorded = decision.then(
        () => this.audit.record({ ...check, outcome: "ALLOWED", ...this.allowedReason(check) }),
        (e: { extensions?: { code?: string } }) => {
          const code = e?.extensions?.code;
          if (code === "FORBIDDEN" || code === "PURPOSE_REQUIRED") {
            this.audit.record({ ...check, outcome: "REFUSED", reason: code });
          }
        },
      );
      this.track(recorded);
    }
    return decision;
  }

  private async decide(check: AccessCheck): Promise<void> {
    const level = this.authorizeCategory(check);
    if (level === "OWN") {
      const own = check.personId !== null && this.scope !== null && (await this.scope.isOwn.load(check.personId));
      if (!own) {
        throw this.refuse(
          check,
          "FORBIDDEN",
          `${check.field} of person ${check.personId} is outside your own site, school or organisation.`,
        );
      }
    }
    if (!NON_PERSONAL.has(check.category))
      this.audit.record({ ...check, outcome: "ALLOWED", ...this.allowedReason(check) });
  }

  /** An allowed read by the export says so in its audit line. */
  private allowedReason(check: AccessCheck): { reason?: string } {
    return this.opensSubjectAccess(check) ? { reason: SUBJECT_ACCESS } : {};
  }

  /**
   * A record that belongs to the caller's own site, school or organisation by
   * itself (see DataCategoryDeclaration.ownRecord): purpose and role are
   * checked, own scope is met by the record, and the read is audited.
   */
  async authorizeOwnRecord(check: AccessCheck): Promise<void> {
    this.authorizeCategory(check);
    if (!NON_PERSONAL.has(check.category) && check.personId !== null) {
      this.audit.record({ ...check, outcome: "ALLOWED", ...this.allowedReason(check) });
    }
  }

  /**
   * Runs a write in one transaction of this subgraph's database; the writes
   * recorded inside it (recordWrite) are inserted in the same transaction
   * before it commits, so data and audit record commit together or not at all.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.audit.transaction(work);
  }

  /**
   * Records a write the caller was allowed to make, once the person's ID
   * exists. Only inside `transaction`: outside it this throws, so a write
   * whose line could be lost fails instead.
   */
  recordWrite(category: DataCategory, personId: string, field: string, operation: string): void {
    this.audit.recordWrite({ category, personId, field, operation });
  }

  /** Like authorize, but answers false instead of throwing (refusals are still recorded). */
  async allows(check: AccessCheck): Promise<boolean> {
    try {
      await this.authorize(check);
      return true;
    } catch (e) {
      if ((e as { extensions?: { code?: string } }).extensions?.code === "UNAVAILABLE") throw e;
      return false;
    }
  }

  /** The level for filtering lists: ALL, OWN (filter to own people) or NONE. */
  level(category: DataCategory, action: AuditAction = "READ") {
    return accessLevel(this.caller.roles, category, action);
  }
}
