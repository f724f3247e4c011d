import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import { DataSource, EntityManager } from "typeorm";
import { Caller, Purpose } from "../auth/caller";
import { recordAuditWrite } from "./audit-counters";
import { pgPoolOf } from "../entity-rows";
import { serviceLogger } from "../observability/logger";

export type AuditAction = "READ" | "WRITE";
export type AuditOutcome = "ALLOWED" | "REFUSED";

export interface AuditRecord {
  personId: string | null;
  category: string;
  field: string;
  /**
   * Where in the operation the access happened ("Q/people"); accepted from callers, not stored: the record
   * names the request's operation once, and `field` says where.
   */
  operation?: string;
  action: AuditAction;
  outcome: AuditOutcome;
  reason?: string;
}

/** One element of a record's `entries` (the compact form of audit_log, see AuditRecords1764950000000). */
export interface AuditCompactEntry {
  /** Category. */
  c: string;
  /** Fields, sorted. */
  f: string[];
  a: "R" | "W";
  o: "A" | "R";
  /** Reason of a refusal. */
  r?: string;
  /** Indexes into the record's person_ids; absent when the entry names no person. */
  p?: number[];
}

/** What one audit record says, before the database numbers, dates and chains it. */
export interface AuditRecordContent {
  personIds: string[];
  entries: AuditCompactEntry[];
  refused: boolean;
}

/**
 * Decisions collected for one record. A person's decision for one category,
 * action, outcome and reason is one line listing its fields; lines with the
 * same fields then share one entry listing their people.
 */
class RecordCollector {
  private readonly lines = new Map<string, { personId: string | null; r: AuditRecord; fields: Set<string> }>();

  add(r: AuditRecord): void {
    const key = [r.personId ?? "", r.category, r.action, r.outcome, r.reason ?? ""].join("|");
    const line = this.lines.get(key);
    if (line) line.fields.add(r.field);
    else this.lines.set(key, { personId: r.personId, r, fields: new Set([r.field]) });
  }

  get size(): number {
    return this.lines.size;
  }

  /**
   * Takes into this collector's lines the fields of `other`'s lines with the same key (the same person,
   * category, action, outcome and reason); returns those keys, for `other` to drop once this record is stored.
   */
  absorbSame(other: RecordCollector): string[] {
    const keys: string[] = [];
    for (const [key, line] of this.lines) {
      const same = other.lines.get(key);
      if (!same) continue;
      for (const f of same.fields) line.fields.add(f);
      keys.push(key);
    }
    return keys;
  }

  drop(keys: readonly string[]): void {
    for (const key of keys) this.lines.delete(key);
  }

  clear(): void {
    this.lines.clear();
  }

  build(): AuditRecordContent {
    const personIds = [...new Set([...this.lines.values()].flatMap((l) => (l.personId ? [l.personId] : [])))].sort();
    const index = new Map(personIds.map((id, i) => [id, i]));
    const entries = new Map<string, AuditCompactEntry>();
    for (const { personId, r, fields } of this.lines.values()) {
      const f = [...fields].sort();
      // A line about no person stays its own entry: merged with people it would seem to name them.
      const key = JSON.stringify([r.category, f, r.action, r.outcome, r.reason ?? null, personId === null]);
      let entry = entries.get(key);
      if (!entry) {
        entry = { c: r.category, f, a: r.action === "READ" ? "R" : "W", o: r.outcome === "ALLOWED" ? "A" : "R" };
        if (r.reason) entry.r = r.reason;
        if (personId !== null) entry.p = [];
        entries.set(key, entry);
      }
      if (personId !== null) entry.p!.push(index.get(personId)!);
    }
    for (const e of entries.values()) e.p?.sort((a, b) => a - b);
    return { personIds, entries: [...entries.values()], refused: [...entries.values()].some((e) => e.o === "R") };
  }
}

/** Who asked, for what, through what: the same for every record of a request. */
export interface AuditRequestInfo {
  /** The subgraph writing the records (for its timing counters). */
  subgraph: string;
  /** The client's operation name, when the gateway passed one. */
  operationName?: string | null;
  /** The token's actor (RFC 8693 `act`), else "via <subgraph>" when a peer relayed the caller's request. */
  onBehalfOf?: string | null;
}

/** The write transaction currently open, per async call chain, so recordWrite knows where its decision goes. */
const openTransaction = new AsyncLocalStorage<{ trail: AuditTrail; writes: RecordCollector }>();

/**
 * The audit of one request (per request). Read decisions, allowed and
 * refused, are collected and written as ONE record before the response
 * leaves (flush); a response whose record cannot be written is replaced by an
 * error. Write decisions are recorded inside `transaction`, whose record is
 * inserted with the same transaction before it commits: no data without its
 * line.
 */
export class AuditTrail {
  private readonly reads = new RecordCollector();
  private operationType = "query";
  private rootFields: string[] = [];
  private readonly info: AuditRequestInfo;

  constructor(
    private readonly dataSource: DataSource,
    private readonly caller: Caller,
    private readonly purpose: Purpose | null,
    private readonly requestId: string,
    info: AuditRequestInfo = { subgraph: "unknown" },
  ) {
    this.info = info;
  }

  /** The operation's type and root fields in this subgraph, named when the client gave no operation name. */
  describeOperation(type: string, rootFields: readonly string[]): void {
    this.operationType = type;
    this.rootFields = [...rootFields];
  }

  /** "query PeopleList", or the root fields when unnamed: "mutation placeHousehold". */
  get operation(): string {
    const name = this.info.operationName || this.rootFields.join(",") || "anonymous";
    return `${this.operationType} ${name}`.slice(0, 300);
  }

  /**
   * Records a decision. An allowed write made inside `transaction` goes into that transaction's record;
   * everything else (reads, refusals) into the request's, which is written even when a transaction rolls back.
   */
  record(r: AuditRecord): void {
    const open = openTransaction.getStore();
    if (open && open.trail === this && r.action === "WRITE" && r.outcome === "ALLOWED") open.writes.add(r);
    else this.reads.add(r);
  }

  /** Records an allowed write; only inside `transaction`, so that the line commits with the data. */
  recordWrite(r: Omit<AuditRecord, "action" | "outcome">): void {
    const open = openTransaction.getStore();
    if (!open || open.trail !== this) {
      throw new Error(
        `recordWrite(${r.category}, ${r.field}) outside ctx.access.transaction: a write's audit line must commit with it.`,
      );
    }
    open.writes.add({ ...r, action: "WRITE", outcome: "ALLOWED" });
  }

  /** Read decisions waiting for flush. */
  get size(): number {
    return this.reads.size;
  }

  /**
   * Runs `work` in a transaction of this subgraph's database and, before it
   * commits, inserts with the same transaction one record of the decisions
   * recorded inside it. If that insert fails, nothing of the transaction stays.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (openTransaction.getStore()?.trail === this) {
      throw new Error("ctx.access.transaction is already open: run the work in the manager it gave.");
    }
    let stored: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const writes = new RecordCollector();
      const result = await openTransaction.run({ trail: this, writes }, () => work(manager));
      if (writes.size > 0) {
        // The check made before the write ("may write") and the write itself are one line, in the write's record.
        const absorbed = writes.absorbSame(this.reads);
        await this.insert(manager, writes.build());
        stored = absorbed;
      }
      return result;
    });
    // Committed: the request's record need not repeat them. Rolled back: they stay there, as the attempt.
    this.reads.drop(stored);
    return result;
  }

  /** Writes the request's read record (one INSERT); throws when it cannot, and the response is withheld. */
  async flush(): Promise<void> {
    if (this.reads.size === 0) return;
    const content = this.reads.build();
    try {
      await this.insert(this.dataSource, content);
    } catch (e) {
      // No personal data leaves without its record; the server log keeps what it would have said.
      serviceLogger(this.info.subgraph).error(
        { requestId: this.requestId, subject: this.caller.sub, operation: this.operation, record: content },
        "could not write this audit record; the response is withheld",
      );
      throw e;
    }
    this.reads.clear();
  }

  private async insert(db: DataSource | EntityManager, content: AuditRecordContent): Promise<void> {
    const started = performance.now();
    let serverMs = 0;
    const values = [
      this.requestId,
      this.caller.sub,
      this.caller.org,
      this.caller.roles,
      this.info.onBehalfOf ?? null,
      this.purpose,
      this.operation,
      content.personIds,
      JSON.stringify(content.entries),
      content.refused,
    ];
    try {
      let rows: { server_ms: number }[];
      const pool = db instanceof DataSource ? pgPoolOf(db) : null;
      if (db instanceof DataSource && pool) {
        // A read's record is one statement outside any transaction: sent straight through the driver's pool
        // as a prepared statement (parsed once per connection), counted like every other statement.
        db.logger.logQuery(INSERT_AUDIT_RECORD);
        rows = (await pool.query({ name: "audit_insert_record", text: INSERT_AUDIT_RECORD, values })).rows as {
          server_ms: number;
        }[];
      } else {
        rows = await db.query(INSERT_AUDIT_RECORD, values);
      }
      serverMs = rows[0]?.server_ms ?? 0;
    } finally {
      recordAuditWrite(this.info.subgraph, performance.now() - started, serverMs);
    }
  }
}

// id, at, prev_hash and hash are set by the chain trigger, never by the application.
const INSERT_AUDIT_RECORD = `INSERT INTO audit_log (request_id, subject, organisation, roles, on_behalf_of, purpose,
                             operation, person_ids, entries, refused)
  VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8::uuid[], $9::jsonb, $10)
  RETURNING (extract(epoch FROM clock_timestamp() - statement_timestamp()) * 1000)::float8 AS server_ms`;
