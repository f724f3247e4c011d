import { DataSource } from "typeorm";
import { Caller, Purpose } from "../auth/caller";

export type AuditAction = "READ" | "WRITE";
export type AuditOutcome = "ALLOWED" | "REFUSED";

export interface AuditRecord {
  personId: string | null;
  category: string;
  field: string;
  operation: string;
  action: AuditAction;
  outcome: AuditOutcome;
  reason?: string;
}

interface PendingRow {
  personId: string | null;
  category: string;
  fields: Set<string>;
  operation: string;
  action: AuditAction;
  outcome: AuditOutcome;
  reason: string | null;
}

/**
 * Collects the audit lines of one request (per request) and writes them in
 * one INSERT before the response leaves: a response whose audit cannot be
 * written is replaced by an error, so no read goes unrecorded.
 */
export class AuditTrail {
  private readonly rows = new Map<string, PendingRow>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly caller: Caller,
    private readonly purpose: Purpose | null,
    private readonly requestId: string,
  ) {}

  record(r: AuditRecord): void {
    const key = [r.personId ?? "", r.category, r.operation, r.action, r.outcome, r.reason ?? ""].join("|");
    const row = this.rows.get(key);
    if (row) {
      row.fields.add(r.field);
      return;
    }
    this.rows.set(key, {
      personId: r.personId,
      category: r.category,
      fields: new Set([r.field]),
      operation: r.operation,
      action: r.action,
      outcome: r.outcome,
      reason: r.reason ?? null,
    });
  }

  get size(): number {
    return this.rows.size;
  }

  async flush(): Promise<void> {
    if (this.rows.size === 0) return;
    const payload = [...this.rows.values()].map((r) => ({
      person_id: r.personId,
      category: r.category,
      fields: [...r.fields].sort(),
      operation: r.operation,
      action: r.action,
      outcome: r.outcome,
      reason: r.reason,
    }));
    try {
      await this.dataSource.query(
        `INSERT INTO audit_log (subject, organisation, roles, purpose, request_id,
                              person_id, category, fields, operation, action, outcome, reason)
       SELECT $1, $2, $3::text[], $4, $5, r.person_id, r.category, r.fields, r.operation, r.action, r.outcome, r.reason
       FROM jsonb_to_recordset($6::jsonb) AS r(person_id uuid, category text, fields text[], operation text,
                                               action text, outcome text, reason text)`,
        [this.caller.sub, this.caller.org, this.caller.roles, this.purpose, this.requestId, JSON.stringify(payload)],
      );
    } catch (e) {
      // The write a line records may already be committed: keep the lines in the server log rather than lose them.
      console.error(
        "[audit] could not write these audit lines; recorded here instead:",
        JSON.stringify({
          subject: this.caller.sub,
          org: this.caller.org,
          roles: this.caller.roles,
          purpose: this.purpose,
          requestId: this.requestId,
          at: new Date().toISOString(),
          lines: payload,
        }),
      );
      throw e;
    }
    this.rows.clear();
  }
}
