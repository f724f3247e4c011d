import { createHash } from "node:crypto";
import { GraphQLResolveInfo } from "graphql";
import {
  Arg,
  ClassType,
  Ctx,
  Directive,
  Field,
  ID,
  InputType,
  Int,
  Info,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from "type-graphql";
import { DataSource } from "typeorm";
import { Personal } from "../access/data-category";
import { peerQuery, PeerLink } from "../access/person-scope";
import { fieldName } from "../auth/auth-checker";
import { PURPOSES } from "../auth/caller";
import { SubgraphName, SUBGRAPH_NAMES } from "../config";
import type { SubgraphContext } from "../context";
import { badInput, notFound } from "../errors";
import { DateScalar } from "../scalars";
import { assertUuid } from "../validation";
import {
  AUDIT_RECORD_COLUMNS,
  AuditChainVerification as ChainResult,
  AuditRecordFromDb,
  verifyAuditChain,
} from "./audit-chain";

/** Largest page of the DPO's audit queries. */
export const MAX_AUDIT_PAGE = 200;
export const DEFAULT_AUDIT_PAGE = 50;

// ---------------------------------------------------------------------------------------------------------
// Internal: what every subgraph answers about its own audit_log (asked by social with the DPO's token).
// ---------------------------------------------------------------------------------------------------------

@InputType({ description: "Internal: which audit records of one subgraph; all given conditions apply together." })
@Directive("@inaccessible")
export class AuditRecordFilter {
  @Field(() => ID, { nullable: true, description: "Records naming this person." })
  personId?: string | null;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => String, { nullable: true })
  organisation?: string | null;

  @Field(() => Boolean, { nullable: true, description: "True: records with a refusal; false: without." })
  refused?: boolean | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => Date, { nullable: true, description: "From this instant (inclusive)." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Until this instant (exclusive)." })
  to?: Date | null;
}

@ObjectType({ description: "Internal: one audit record of one subgraph, as stored (never the values read)." })
@Directive("@shareable")
@Directive("@inaccessible")
@Personal("AUDIT_TRAIL")
export class AuditRecordRow {
  @Field(() => ID)
  id: string;

  @Field({ description: "UTC, with microseconds: the order of the records." })
  at: string;

  @Field()
  requestId: string;

  @Field()
  subject: string;

  @Field()
  organisation: string;

  @Field(() => [String])
  roles: string[];

  @Field(() => String, { nullable: true })
  onBehalfOf: string | null;

  @Field(() => String, { nullable: true })
  purpose: string | null;

  @Field()
  operation: string;

  @Field(() => [ID])
  personIds: string[];

  @Field({ description: "The compact entries, as JSON text." })
  entries: string;

  @Field()
  refused: boolean;
}

@ObjectType({ description: "The first record of a chain that does not verify, and why." })
@Directive("@shareable")
@Personal("AUDIT_TRAIL")
export class AuditChainBreak {
  @Field(() => ID, { description: "The number of the audit record where the chain breaks." })
  id: string;

  @Field({ description: "When the record was written (UTC, with microseconds)." })
  at: string;

  @Field({
    description: "Why the record does not verify, e.g. its hash does not match its content or the record before it.",
  })
  reason: string;
}

@ObjectType("AuditChainVerification", {
  description: "The verification of one subgraph's audit hash chain over a period.",
})
@Directive("@shareable")
@Personal("AUDIT_TRAIL")
export class AuditChainReport {
  @Field({ description: "The subgraph whose chain this is." })
  subgraph: string;

  @Field(() => Int, { description: "How many audit records of the period were checked." })
  rowsChecked: number;

  @Field({ description: "True when every record of the period links to the one before and matches its hash." })
  intact: boolean;

  @Field(() => AuditChainBreak, {
    description: "The first record that does not verify; null when the chain is intact.",
    nullable: true,
  })
  firstBroken: AuditChainBreak | null;
}

/** The keyset of one subgraph's records: after (at, id); at as printed below. */
const ROW_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,19})$/;
/** Larger than any id: "(at, id) > (t, MAX_ID)" means "after the instant t". */
const MAX_ID = "9223372036854775807";

/**
 * One page of this subgraph's audit records matching the filter, in (at, id) order, after the keyset
 * `after` ("<at>|<id>"). One statement; the person filter uses the GIN index on person_ids.
 */
export async function auditRecordsPage(
  dataSource: DataSource,
  filter: AuditRecordFilter,
  first: number,
  after: string | null,
): Promise<AuditRecordRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (filter.personId) add(`person_ids @> ARRAY[?::uuid]`, assertUuid(filter.personId, "filter.personId"));
  if (filter.subject) add(`subject = ?`, filter.subject);
  if (filter.organisation) add(`organisation = ?`, filter.organisation);
  if (filter.purpose) add(`purpose = ?`, filter.purpose);
  if (filter.refused === true) where.push(`refused`);
  if (filter.refused === false) where.push(`NOT refused`);
  if (filter.from) add(`at >= ?`, filter.from);
  if (filter.to) add(`at < ?`, filter.to);
  if (after) {
    const m = ROW_CURSOR.exec(after);
    if (!m) throw badInput("after", `Cursor ${JSON.stringify(after.slice(0, 60))} is not an audit position.`);
    params.push(m[1], m[2]);
    where.push(`(at, id) > ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_AUDIT_PAGE + 1) {
    throw badInput("first", `first is ${String(first)}; it must be between 1 and ${MAX_AUDIT_PAGE}.`);
  }
  params.push(first);
  const rows = (await dataSource.query(
    `SELECT ${AUDIT_RECORD_COLUMNS}
     FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY at, id LIMIT $${params.length}`,
    params,
  )) as AuditRecordFromDb[];
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    requestId: r.request_id,
    subject: r.subject,
    organisation: r.organisation,
    roles: r.roles,
    onBehalfOf: r.on_behalf_of,
    purpose: r.purpose,
    operation: r.operation,
    personIds: r.person_ids,
    entries: r.entries,
    refused: r.refused,
  }));
}

/** A read of the audit trail that names no one (a filter by caller, a chain check) still leaves its line. */
function recordAuditRead(ctx: SubgraphContext, info: GraphQLResolveInfo): void {
  ctx.audit.record({
    category: "AUDIT_TRAIL",
    action: "READ",
    personId: null,
    field: fieldName(info),
    outcome: "ALLOWED",
  });
}

async function chainOf(subgraph: string, dataSource: DataSource, from: Date, to: Date): Promise<AuditChainReport> {
  const result: ChainResult = await verifyAuditChain(dataSource, from, to);
  return { subgraph, ...result };
}

/**
 * The internal audit fields every subgraph serves (include the returned resolver in its schema), hidden
 * from the public graph: social gathers them for the DPO's queries. Both are the audit trail's category
 * (a DPO stating purpose AUDIT) and are audited themselves.
 */
export function auditRecordsResolver(subgraph: SubgraphName): ClassType {
  @Resolver()
  class AuditRecordsResolver {
    @Query(() => [AuditRecordRow], {
      description: `Internal: ${subgraph}'s audit records matching the filter, in (at, id) order, after a keyset.`,
    })
    @Directive("@shareable")
    @Directive("@inaccessible")
    @Personal("AUDIT_TRAIL", {
      person: (_root, _ctx, args) =>
        args.filter?.personId ? assertUuid(args.filter.personId, "filter.personId") : null,
    })
    _auditRecords(
      @Ctx() ctx: SubgraphContext,
      @Info() info: GraphQLResolveInfo,
      @Arg("filter", () => AuditRecordFilter) filter: AuditRecordFilter,
      @Arg("first", () => Int) first: number,
      @Arg("after", () => String, { nullable: true }) after?: string | null,
    ): Promise<AuditRecordRow[]> {
      if (!filter.personId) recordAuditRead(ctx, info);
      return auditRecordsPage(ctx.dataSource, filter, first, after ?? null);
    }

    @Query(() => AuditChainReport, {
      description: `Internal: verifies ${subgraph}'s audit hash chain over the records dated in [from, to).`,
    })
    @Directive("@shareable")
    @Directive("@inaccessible")
    @Personal("AUDIT_TRAIL")
    _auditChain(
      @Ctx() ctx: SubgraphContext,
      @Info() info: GraphQLResolveInfo,
      @Arg("from", () => Date) from: Date,
      @Arg("to", () => Date) to: Date,
    ): Promise<AuditChainReport> {
      recordAuditRead(ctx, info);
      return chainOf(subgraph, ctx.dataSource, from, to);
    }
  }
  return AuditRecordsResolver;
}

// ---------------------------------------------------------------------------------------------------------
// The merge: pages of the four subgraphs in (at, subgraph, id) order, behind one keyset cursor.
// ---------------------------------------------------------------------------------------------------------

/** One subgraph's records as a source of the merge: its own database, or a peer asked with the caller's token. */
export interface AuditSource {
  subgraph: SubgraphName;
  page(filter: AuditRecordFilter, first: number, after: string | null): Promise<AuditRecordRow[]>;
  chain(from: Date, to: Date): Promise<AuditChainReport>;
}

export function localAuditSource(subgraph: SubgraphName, dataSource: DataSource): AuditSource {
  return {
    subgraph,
    page: (filter, first, after) => auditRecordsPage(dataSource, filter, first, after),
    chain: (from, to) => chainOf(subgraph, dataSource, from, to),
  };
}

const ROW_FIELDS = "id at requestId subject organisation roles onBehalfOf purpose operation personIds entries refused";

function serialisable(filter: AuditRecordFilter): Record<string, unknown> {
  return {
    ...filter,
    from: filter.from ? filter.from.toISOString() : null,
    to: filter.to ? filter.to.toISOString() : null,
  };
}

export function peerAuditSource(link: PeerLink, subgraph: SubgraphName): AuditSource {
  return {
    subgraph,
    async page(filter, first, after) {
      const data = await peerQuery<{ _auditRecords: AuditRecordRow[] }>(
        link,
        subgraph,
        "its audit records",
        `query AuditRecords($filter: AuditRecordFilter!, $first: Int!, $after: String) {
          _auditRecords(filter: $filter, first: $first, after: $after) { ${ROW_FIELDS} } }`,
        { filter: serialisable(filter), first, after },
      );
      return data._auditRecords;
    },
    async chain(from, to) {
      const data = await peerQuery<{ _auditChain: AuditChainReport }>(
        link,
        subgraph,
        "its audit chain",
        `query AuditChain($from: DateTime!, $to: DateTime!) {
          _auditChain(from: $from, to: $to) { subgraph rowsChecked intact firstBroken { id at reason } } }`,
        { from: from.toISOString(), to: to.toISOString() },
      );
      return data._auditChain;
    },
  };
}

/** The order of the merged list: time, then subgraph (in the graph's order), then the subgraph's id. */
function compareRows(a: { at: string; subgraph: string; id: string }, b: { at: string; subgraph: string; id: string }) {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const sa = SUBGRAPH_NAMES.indexOf(a.subgraph as SubgraphName);
  const sb = SUBGRAPH_NAMES.indexOf(b.subgraph as SubgraphName);
  if (sa !== sb) return sa - sb;
  return BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0;
}

interface MergedCursor {
  at: string;
  s: SubgraphName;
  id: string;
}

function fingerprint(filter: unknown): string {
  return createHash("sha256").update(JSON.stringify(filter)).digest("base64url").slice(0, 16);
}

export function encodeAuditCursor(position: MergedCursor, filter: unknown): string {
  return Buffer.from(JSON.stringify({ ...position, f: fingerprint(filter) }), "utf8").toString("base64url");
}

function decodeAuditCursor(after: string, filter: unknown): MergedCursor {
  let parsed: Partial<MergedCursor & { f: string }> | null = null;
  try {
    parsed = after.length <= 400 ? JSON.parse(Buffer.from(after, "base64url").toString("utf8")) : null;
  } catch {
    parsed = null;
  }
  const valid =
    parsed &&
    typeof parsed.at === "string" &&
    typeof parsed.id === "string" &&
    ROW_CURSOR.test(`${parsed.at}|${parsed.id}`) &&
    SUBGRAPH_NAMES.includes(parsed.s as SubgraphName);
  if (!valid) throw badInput("after", `Cursor ${JSON.stringify(after.slice(0, 60))} is not one this list gave out.`);
  if (parsed!.f !== fingerprint(filter)) {
    throw badInput("after", "This cursor belongs to another filter; start again without `after`.");
  }
  return { at: parsed!.at!, s: parsed!.s!, id: parsed!.id! };
}

/** Where one subgraph resumes after the merged position: (at, s, id) > (c.at, c.s, c.id), in its own keyset. */
function resumeAt(subgraph: SubgraphName, c: MergedCursor): string {
  const order = SUBGRAPH_NAMES.indexOf(subgraph) - SUBGRAPH_NAMES.indexOf(c.s);
  if (order === 0) return `${c.at}|${c.id}`;
  // A later subgraph resumes at the same instant (every id is at least 1); an earlier one after it.
  return order > 0 ? `${c.at}|0` : `${c.at}|${MAX_ID}`;
}

export interface MergedAuditRow extends AuditRecordRow {
  subgraph: SubgraphName;
  cursor: string;
}

export interface MergedAuditPage {
  rows: MergedAuditRow[];
  hasNextPage: boolean;
}

/**
 * One page of the records of all sources matching the filter, merged in (at, subgraph, id) order: each
 * source gives at most first + 1 records after the cursor's position, so the page is exact and no record
 * is skipped or repeated from page to page (the position is a key, not an offset).
 */
export async function mergeAuditPages(
  sources: readonly AuditSource[],
  filter: AuditRecordFilter,
  first: number,
  after: string | null,
  cursorFilter: unknown = serialisable(filter),
): Promise<MergedAuditPage> {
  const position = after ? decodeAuditCursor(after, cursorFilter) : null;
  const pages = await Promise.all(
    sources.map(async (source) => {
      const rows = await source.page(filter, first + 1, position ? resumeAt(source.subgraph, position) : null);
      return rows.map((r) => ({ ...r, subgraph: source.subgraph }));
    }),
  );
  const all = pages.flat().sort(compareRows);
  const rows = all.slice(0, first).map((r) => ({
    ...r,
    cursor: encodeAuditCursor({ at: r.at, s: r.subgraph, id: r.id }, cursorFilter),
  }));
  return { rows, hasNextPage: all.length > first };
}

// ---------------------------------------------------------------------------------------------------------
// Public: the DPO's queries (served by social).
// ---------------------------------------------------------------------------------------------------------

export enum AuditOutcomeValue {
  ALLOWED = "ALLOWED",
  REFUSED = "REFUSED",
}
registerEnumType(AuditOutcomeValue, {
  name: "AuditOutcome",
  description: "Whether an access was allowed or refused.",
  valuesConfig: {
    ALLOWED: { description: "The access was allowed." },
    REFUSED: { description: "The access was refused (no right, or no purpose stated)." },
  },
});

export enum AuditAccessAction {
  READ = "READ",
  WRITE = "WRITE",
}
/** The purposes of access.md as a GraphQL enum, for filtering the audit log. */
export const PurposeValue = Object.fromEntries(PURPOSES.map((p) => [p, p])) as { [P in (typeof PURPOSES)[number]]: P };
registerEnumType(PurposeValue, {
  name: "Purpose",
  description: "The purpose a request states (x-purpose header).",
  valuesConfig: {
    CASE_MANAGEMENT: { description: "Following up a household's case file (social workers)." },
    PLACEMENT: { description: "Placing people in housing and at sites." },
    CARE: { description: "Health, psychosocial and legal care of a person." },
    ENROLMENT: { description: "Enrolling a child in school or an adult in a Dutch course." },
    REPORTING: { description: "Aggregated figures for coordination and donors; no one named." },
    AUDIT: { description: "The data protection officer checking who accessed what." },
    ADMINISTRATION: { description: "Managing reference data and accounts (staff, sites, services)." },
  },
});

registerEnumType(AuditAccessAction, {
  name: "AuditAccessAction",
  description: "Whether data was read or written.",
  valuesConfig: {
    READ: { description: "The request read the data." },
    WRITE: { description: "The request wrote (created or changed) the data." },
  },
});

@ObjectType({
  description: "One category of data a request read or wrote, or was refused: the fields, never the values.",
})
@Personal("AUDIT_TRAIL")
export class AuditAccess {
  @Field({ description: "The data category (access.md), e.g. HEALTH." })
  category: string;

  @Field(() => [String], { description: "The fields, e.g. Person.birthDate." })
  fields: string[];

  @Field(() => AuditAccessAction, { description: "Whether the data was read or written." })
  action: AuditAccessAction;

  @Field(() => AuditOutcomeValue, { description: "Whether this access was allowed or refused." })
  outcome: AuditOutcomeValue;

  @Field(() => String, {
    nullable: true,
    description: "Why: FORBIDDEN or PURPOSE_REQUIRED for a refusal; SUBJECT_ACCESS for a DPO's export.",
  })
  reason: string | null;

  @Field(() => [ID], { description: "The people concerned; empty when the access named no one." })
  personIds: string[];
}

@ObjectType({
  description: "What one request did in one subgraph: who, on whose behalf, why, which data, with what outcome.",
})
@Personal("AUDIT_TRAIL")
export class AuditEntry {
  @Field(() => ID, { description: 'The subgraph and its record number, e.g. "care:123".' })
  id: string;

  @Field({ description: "When (UTC, with microseconds)." })
  at: string;

  @Field({ description: "The subgraph that recorded it: social, housing, care or education." })
  subgraph: string;

  @Field({ description: "The request's ID, the same in every subgraph the request reached." })
  requestId: string;

  @Field({ description: "The caller's subject (user)." })
  subject: string;

  @Field({ description: "The caller's organisation, as stated in its token." })
  organisation: string;

  @Field(() => [String], { description: "The caller's roles, as stated in its token, e.g. SOCIAL_WORKER." })
  roles: string[];

  @Field(() => String, {
    nullable: true,
    description: 'On whose behalf or through what: the token\'s actor, or "via <subgraph>" when a peer relayed it.',
  })
  onBehalfOf: string | null;

  @Field(() => String, { nullable: true, description: "The purpose the caller stated; null when none." })
  purpose: string | null;

  @Field({ description: 'The GraphQL operation, e.g. "ReadPerson" or "query people".' })
  operation: string;

  @Field(() => AuditOutcomeValue, { description: "REFUSED when any access of the request here was refused." })
  outcome: AuditOutcomeValue;

  @Field(() => [AuditAccess], {
    description: "Each category of data the request read, wrote or was refused here (fields only, never values).",
  })
  accesses: AuditAccess[];
}

@ObjectType({ description: "One audit entry in a page, with its cursor." })
@Personal("AUDIT_TRAIL")
export class AuditEntryEdge {
  @Field({ description: "Opaque position of this entry; pass it as `after` to continue from here." })
  cursor: string;

  @Field(() => AuditEntry, { description: "The audit entry itself." })
  node: AuditEntry;
}

@ObjectType({ description: "Where a page of audit entries stands." })
@Personal("AUDIT_TRAIL")
export class AuditPageInfo {
  @Field({ description: "True when more entries follow this page; continue with the last entry's cursor." })
  hasNextPage: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Cursor of the last entry: pass it as `after` for the next page.",
  })
  endCursor: string | null;
}

@ObjectType({ description: "A page of audit entries from all four subgraphs, in time order." })
@Personal("AUDIT_TRAIL")
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: "The entries of this page, in time order, each with its cursor." })
  edges: AuditEntryEdge[];

  @Field(() => AuditPageInfo, { description: "Whether more entries follow this page." })
  pageInfo: AuditPageInfo;
}

@InputType({
  description: "Which audit entries: at least one of subject, organisation, outcome, purpose; all apply together.",
})
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: "Everything this caller (token subject) did." })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: "Everything callers of this organisation did." })
  organisation?: string | null;

  @Field(() => AuditOutcomeValue, {
    nullable: true,
    description: "REFUSED: refusals only; ALLOWED: requests without one.",
  })
  outcome?: AuditOutcomeValue | null;

  @Field(() => PurposeValue, { nullable: true, description: "The stated purpose." })
  purpose?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "From this day (UTC), inclusive." })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Until this day (UTC), inclusive." })
  to?: string | null;
}

function pageSize(first: number | null | undefined): number {
  const n = first ?? DEFAULT_AUDIT_PAGE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_AUDIT_PAGE) {
    throw badInput("first", `first is ${String(first)}; it must be between 1 and ${MAX_AUDIT_PAGE}.`);
  }
  return n;
}

/** A period of days (UTC) as instants [from, to + 1 day); `to` before `from` is refused naming both. */
function period(from: string | null | undefined, to: string | null | undefined): { from?: Date; to?: Date } {
  if (from && to && to < from) throw badInput("to", `to (${to}) is before from (${from}).`);
  const day = 86_400_000;
  return {
    ...(from ? { from: new Date(`${from}T00:00:00.000Z`) } : {}),
    ...(to ? { to: new Date(new Date(`${to}T00:00:00.000Z`).getTime() + day) } : {}),
  };
}

interface CompactEntry {
  c: string;
  f: string[];
  a: "R" | "W";
  o: "A" | "R";
  r?: string;
  p?: number[];
}

/** A merged record as the DPO reads it; for one person's trail, only the accesses naming them. */
export function auditEntryOf(row: MergedAuditRow, onlyPerson: string | null = null): AuditEntry {
  const accesses = (JSON.parse(row.entries) as CompactEntry[])
    .map((e) => ({
      category: e.c,
      fields: e.f,
      action: e.a === "R" ? AuditAccessAction.READ : AuditAccessAction.WRITE,
      outcome: e.o === "A" ? AuditOutcomeValue.ALLOWED : AuditOutcomeValue.REFUSED,
      reason: e.r ?? null,
      personIds: (e.p ?? []).map((i) => row.personIds[i]),
    }))
    .filter((a) => onlyPerson === null || a.personIds.includes(onlyPerson))
    .map((a) => (onlyPerson === null ? a : { ...a, personIds: [onlyPerson] }));
  return {
    id: `${row.subgraph}:${row.id}`,
    at: row.at,
    subgraph: row.subgraph,
    requestId: row.requestId,
    subject: row.subject,
    organisation: row.organisation,
    roles: row.roles,
    onBehalfOf: row.onBehalfOf,
    purpose: row.purpose,
    operation: row.operation,
    outcome: row.refused ? AuditOutcomeValue.REFUSED : AuditOutcomeValue.ALLOWED,
    accesses,
  };
}

function connectionOf(page: MergedAuditPage, onlyPerson: string | null): AuditEntryConnection {
  return {
    edges: page.rows.map((r) => ({ cursor: r.cursor, node: auditEntryOf(r, onlyPerson) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.cursor ?? null },
  };
}

export interface AuditQueriesOptions {
  /** This subgraph (it reads its own records from its database). */
  self: SubgraphName;
  /** Whether the person exists (an unknown ID is NOT_FOUND). */
  personExists: (ctx: SubgraphContext<any>, personId: string) => Promise<boolean>;
}

/** Every subgraph's records: this one's from its database, the others' from their `_auditRecords`. */
export function auditSources(ctx: SubgraphContext<any>, self: SubgraphName): AuditSource[] {
  return SUBGRAPH_NAMES.map((name) =>
    name === self ? localAuditSource(name, ctx.dataSource) : peerAuditSource(ctx.link, name),
  );
}

/**
 * The DPO's public audit queries (include the returned resolver in the hosting subgraph, social):
 * everything recorded about one person, everything a caller, an organisation, a purpose did or every
 * refusal, and the verification of each subgraph's chain. Each is itself audited.
 */
export function auditQueriesResolver(options: AuditQueriesOptions): ClassType {
  @Resolver()
  class AuditQueriesResolver {
    @Query(() => AuditEntryConnection, {
      description:
        "DPO (purpose AUDIT): everything recorded about one person in all four subgraphs, in time order; only the " +
        `accesses naming them. Days in UTC, both inclusive; at most ${MAX_AUDIT_PAGE} entries a page.`,
    })
    @Personal("AUDIT_TRAIL", { person: (_root, _ctx, args) => assertUuid(args.personId, "personId") })
    async auditTrail(
      @Ctx() ctx: SubgraphContext,
      @Arg("personId", () => ID, { description: "The person whose accesses to list." }) rawPersonId: string,
      @Arg("from", () => DateScalar, { description: "First day included (UTC); omit for no start.", nullable: true })
      from?: string | null,
      @Arg("to", () => DateScalar, { description: "Last day included (UTC); omit for no end.", nullable: true })
      to?: string | null,
      @Arg("first", () => Int, {
        description: "How many entries to return (default 50, at most 200).",
        nullable: true,
        defaultValue: DEFAULT_AUDIT_PAGE,
      })
      first?: number | null,
      @Arg("after", () => String, {
        description: "Cursor of the last entry already seen (endCursor of the previous page); omit for the first page.",
        nullable: true,
      })
      after?: string | null,
    ): Promise<AuditEntryConnection> {
      const personId = assertUuid(rawPersonId, "personId");
      const size = pageSize(first);
      const filter: AuditRecordFilter = { personId, ...period(from, to) };
      if (!(await options.personExists(ctx, personId))) throw notFound("Person", personId);
      const page = await mergeAuditPages(auditSources(ctx, options.self), filter, size, after ?? null);
      return connectionOf(page, personId);
    }

    @Query(() => AuditEntryConnection, {
      description:
        "DPO (purpose AUDIT): what one caller (subject), one organisation, one purpose did, or every refusal, in all " +
        `four subgraphs, in time order. At least one of subject, organisation, outcome, purpose; at most ${MAX_AUDIT_PAGE} a page.`,
    })
    @Personal("AUDIT_TRAIL")
    async auditLog(
      @Ctx() ctx: SubgraphContext,
      @Info() info: GraphQLResolveInfo,
      @Arg("filter", () => AuditLogFilter, {
        description: "Whose or which accesses to list; name at least one of subject, organisation, outcome, purpose.",
      })
      f: AuditLogFilter,
      @Arg("first", () => Int, {
        description: "How many entries to return (default 50, at most 200).",
        nullable: true,
        defaultValue: DEFAULT_AUDIT_PAGE,
      })
      first?: number | null,
      @Arg("after", () => String, {
        description: "Cursor of the last entry already seen (endCursor of the previous page); omit for the first page.",
        nullable: true,
      })
      after?: string | null,
    ): Promise<AuditEntryConnection> {
      if (!f.subject && !f.organisation && !f.outcome && !f.purpose) {
        throw badInput(
          "filter",
          "Name at least one of filter.subject, filter.organisation, filter.outcome, filter.purpose.",
        );
      }
      const size = pageSize(first);
      const filter: AuditRecordFilter = {
        ...(f.subject ? { subject: f.subject } : {}),
        ...(f.organisation ? { organisation: f.organisation } : {}),
        ...(f.purpose ? { purpose: f.purpose } : {}),
        ...(f.outcome ? { refused: f.outcome === AuditOutcomeValue.REFUSED } : {}),
        ...period(f.from, f.to),
      };
      recordAuditRead(ctx, info);
      const page = await mergeAuditPages(auditSources(ctx, options.self), filter, size, after ?? null);
      return connectionOf(page, null);
    }

    @Query(() => [AuditChainReport], {
      description:
        "DPO (purpose AUDIT): verifies each subgraph's audit hash chain over the records of these days (UTC, both " +
        "inclusive), recomputing every hash; names the first broken record.",
    })
    @Personal("AUDIT_TRAIL")
    async auditChains(
      @Ctx() ctx: SubgraphContext,
      @Info() info: GraphQLResolveInfo,
      @Arg("from", () => DateScalar, { description: "First day checked (UTC, included)." }) from: string,
      @Arg("to", () => DateScalar, { description: "Last day checked (UTC, included)." }) to: string,
    ): Promise<AuditChainReport[]> {
      const p = period(from, to);
      recordAuditRead(ctx, info);
      return Promise.all(auditSources(ctx, options.self).map((s) => s.chain(p.from!, p.to!)));
    }
  }
  return AuditQueriesResolver;
}
