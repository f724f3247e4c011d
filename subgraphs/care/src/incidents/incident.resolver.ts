import {
  AuditAction,
  assertUuid,
  ConnectionType,
  forbidden,
  hasRole,
  inPageOrder,
  isUuid,
  KeyColumn,
  keysetCondition,
  keysetConnection,
  keysetOrder,
  notFound,
  operationName,
  parseKeysetPage,
  Personal,
  SubgraphContext,
  positionalBinder,
} from "@reception-graph/kit";
import { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { callerOrganisations } from "../access/care-access";
import { CareLoaders } from "../loaders";
import { Person } from "../people/person.entity";
import { Incident, IncidentAction, IncidentTransition, ownsIncident } from "./incident.entity";
import {
  AddIncidentActionInput,
  CompleteIncidentActionInput,
  IncidentFilter,
  ReportIncidentInput,
  TransitionIncidentInput,
} from "./incident.inputs";
import {
  addIncidentAction,
  completeIncidentAction,
  reportIncident,
  transitionIncident,
  validateIncident,
} from "./incident.service";

type Ctx = SubgraphContext<CareLoaders>;

export const IncidentConnection = ConnectionType(
  "Incident",
  Incident,
  "A page of incidents, newest report first, with the total matching the filter.",
  "PROTECTION",
);

/** Newest report first; the keyset cursors follow this order. */
const INCIDENT_ORDER: KeyColumn[] = [
  { sql: "i.created_at", cast: "timestamptz", desc: true },
  { sql: "i.id", cast: "uuid" },
];

/** Who an audit line about an incident names: each involved person, or nobody when none was named. */
function peopleOf(incident: { personIds: string[] }): (string | null)[] {
  return incident.personIds.length ? incident.personIds : [null];
}

/**
 * Purpose, role and the record's own scope for one incident (a site
 * coordinator of its site, a care worker of an involved organisation; a
 * social worker reads all). Refusals are recorded for every person involved;
 * an allowed read too (`recordAllowed`), while an allowed write is recorded
 * once it is done.
 */
function checkIncident(
  ctx: Ctx,
  incident: Incident,
  action: AuditAction,
  field: string,
  operation: string,
  recordAllowed: boolean,
): void {
  const people = peopleOf(incident);
  const base = { category: "PROTECTION", action, field, operation } as const;
  let level: "ALL" | "OWN";
  try {
    level = ctx.access.authorizeCategory({ ...base, personId: people[0] });
  } catch (e) {
    const reason = (e as { extensions?: { code?: string } }).extensions?.code;
    for (const personId of people.slice(1)) ctx.audit.record({ ...base, personId, outcome: "REFUSED", reason });
    throw e;
  }
  if (level === "OWN" && !ownsIncident(incident, ctx.caller)) {
    for (const personId of people) ctx.audit.record({ ...base, personId, outcome: "REFUSED", reason: "FORBIDDEN" });
    throw forbidden(
      `Incident ${incident.id} is of another site or organisation; it is ${action === "READ" ? "read" : "followed up"} ` +
        `by the site's coordinators and the care workers of the organisations involved.`,
    );
  }
  if (recordAllowed) for (const personId of people) ctx.audit.record({ ...base, personId, outcome: "ALLOWED" });
}

function recordIncidentWrite(ctx: Ctx, incident: { personIds: string[] }, field: string, operation: string): void {
  for (const personId of peopleOf(incident)) {
    ctx.audit.record({ category: "PROTECTION", action: "WRITE", personId, field, operation, outcome: "ALLOWED" });
  }
}

async function loadForWrite(ctx: Ctx, id: string, field: string, operation: string): Promise<Incident> {
  const incident = await ctx.loaders.incidentById.load(id);
  if (!incident) throw notFound("Incident", id);
  checkIncident(ctx, incident, "WRITE", field, operation, false);
  return incident;
}

async function reloaded(ctx: Ctx, id: string): Promise<Incident> {
  ctx.loaders.incidentById.clear(id);
  ctx.loaders.actionsByIncident.clear(id);
  ctx.loaders.historyByIncident.clear(id);
  return (await ctx.loaders.incidentById.load(id))!;
}

/**
 * Protection incidents (category PROTECTION): reached only through the
 * guarded entry points below, each checking the record's own scope; the
 * type's declaration checks and audits every field again per person.
 */
@Resolver(() => Incident)
export class IncidentResolver {
  @Personal("PROTECTION", { scopedBy: "resolver" })
  @Query(() => Incident, { nullable: true, description: "One incident by ID; null when unknown." })
  @Authorized()
  async incident(
    @Arg("id", () => ID, { description: "The incident's identifier." }) id: string,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Incident | null> {
    const incident = await ctx.loaders.incidentById.load(assertUuid(id, "id"));
    if (!incident) return null;
    checkIncident(ctx, incident, "READ", "Query.incident", operationName(ctx, info), true);
    return incident;
  }

  @Personal("PROTECTION", { scopedBy: "resolver" })
  @Query(() => IncidentConnection, {
    description:
      "Incidents, newest report first, by site, status or type. Lists only incidents you may see: a site " +
      "coordinator those of their sites, a care worker those involving their organisation, a social worker all.",
  })
  @Authorized()
  async incidents(
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
    @Arg("first", () => Int, { description: "How many incidents to return (default 50, at most 100).", nullable: true })
    first?: number,
    @Arg("after", () => String, {
      description: "Cursor of the last incident already seen (pageInfo.endCursor); omit for the first page.",
      nullable: true,
    })
    after?: string,
    @Arg("filter", () => IncidentFilter, {
      description: "Narrows the list; omit for all the incidents you may read.",
      nullable: true,
    })
    filter?: IncidentFilter,
  ) {
    const f = filter ?? {};
    const page = parseKeysetPage(first, after, f, INCIDENT_ORDER.length);
    const operation = operationName(ctx, info);
    const level = ctx.access.authorizeCategory({
      category: "PROTECTION",
      action: "READ",
      field: "Query.incidents",
      operation,
    });
    const where: string[] = [];
    const params: unknown[] = [];
    const param = positionalBinder(params);
    if (f.siteId != null) where.push(`i.site_id = ${param(assertUuid(f.siteId, "filter.siteId"))}`);
    if (f.status) where.push(`i.status = ${param(f.status)}`);
    if (f.type) where.push(`i.type = ${param(f.type)}`);
    if (level === "OWN") {
      // The records the caller's site or organisation holds: the same rule as ownsIncident, in SQL.
      const sites = hasRole(ctx.caller, "SITE_COORDINATOR") ? ctx.caller.sites.filter(isUuid) : [];
      const orgs = hasRole(ctx.caller, "CARE_WORKER") ? callerOrganisations(ctx.caller) : [];
      where.push(`(i.site_id = ANY(${param(sites)}::uuid[]) OR i.organisations && ${param(orgs)}::text[])`);
    }
    const filtered = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const [{ n }] = await ctx.dataSource.query(`SELECT count(*)::int AS n FROM incident i ${filtered}`, params);
    if (page.after) where.push(keysetCondition(INCIDENT_ORDER, page.after, param));
    const cond = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const rows: { id: string; k0: string; k1: string }[] = await ctx.dataSource.query(
      `SELECT i.id, i.created_at::text AS k0, i.id::text AS k1 FROM incident i ${cond}
       ORDER BY ${keysetOrder(INCIDENT_ORDER)} LIMIT ${param(page.limit + 1)}`,
      params,
    );
    const found = inPageOrder(
      rows.map((r) => ({ id: r.id, key: [r.k0, r.k1] })),
      await ctx.loaders.incidentById.loadMany(rows.map((r) => r.id)),
    );
    for (const r of found.slice(0, page.limit)) {
      checkIncident(ctx, r.node, "READ", "Query.incidents", operation, true);
    }
    return keysetConnection(found, page, n);
  }

  @Personal("PROTECTION")
  @Mutation(() => Incident, {
    description:
      "Reports an incident at a site: a site coordinator at their own sites, a care worker (whose organisation " +
      "becomes involved). People involved must be the reporter's own. Repeat-safe with idempotencyKey.",
  })
  @Authorized()
  async reportIncident(
    @Arg("input", () => ReportIncidentInput, { description: "What happened, where and how serious it is." })
    input: ReportIncidentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Incident> {
    const operation = operationName(ctx, info);
    const field = "Mutation.reportIncident";
    const careWorker = hasRole(ctx.caller, "CARE_WORKER");
    const v = validateIncident(input, ctx.caller, careWorker);
    await ctx.loaders.housing.requireSite(v.siteId, "input.siteId");
    const base = { category: "PROTECTION", action: "WRITE", field, operation } as const;
    const coordinatesSite = hasRole(ctx.caller, "SITE_COORDINATOR") && ctx.caller.sites.includes(v.siteId);
    if (!coordinatesSite && !careWorker) {
      for (const personId of peopleOf(v))
        ctx.audit.record({ ...base, personId, outcome: "REFUSED", reason: "FORBIDDEN" });
      throw forbidden(`Site coordinators report incidents at their own sites; site ${v.siteId} is not one of yours.`);
    }
    // Naming someone in a report writes protection data about them: they must be the reporter's own people.
    await Promise.all(v.personIds.map((personId) => ctx.access.authorize({ ...base, personId })));
    const { id } = await ctx.access.transaction(async (m) => {
      const reported = await reportIncident(m, input, v, ctx.caller);
      recordIncidentWrite(ctx, v, field, operation);
      return reported;
    });
    return reloaded(ctx, id);
  }

  @Personal("PROTECTION")
  @Mutation(() => Incident, {
    description: "Moves an incident on: OPEN → IN_FOLLOW_UP → CLOSED. CONFLICT on any other move. Kept in its history.",
  })
  @Authorized()
  async transitionIncident(
    @Arg("input", () => TransitionIncidentInput, { description: "The incident and its next status." })
    input: TransitionIncidentInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Incident> {
    const operation = operationName(ctx, info);
    const field = "Mutation.transitionIncident";
    const id = assertUuid(input.incidentId, "input.incidentId");
    const incident = await loadForWrite(ctx, id, field, operation);
    await ctx.access.transaction(async (m) => {
      await transitionIncident(m, { ...input, incidentId: id }, ctx.caller);
      recordIncidentWrite(ctx, incident, field, operation);
    });
    return reloaded(ctx, id);
  }

  @Personal("PROTECTION")
  @Mutation(() => Incident, {
    description: "Adds a follow-up action (what, by when) to an incident that is not closed (CONFLICT otherwise).",
  })
  @Authorized()
  async addIncidentAction(
    @Arg("input", () => AddIncidentActionInput, { description: "The incident, the action and its due day." })
    input: AddIncidentActionInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Incident> {
    const operation = operationName(ctx, info);
    const field = "Mutation.addIncidentAction";
    const id = assertUuid(input.incidentId, "input.incidentId");
    const incident = await loadForWrite(ctx, id, field, operation);
    await ctx.access.transaction(async (m) => {
      await addIncidentAction(m, { ...input, incidentId: id }, ctx.caller);
      recordIncidentWrite(ctx, incident, field, operation);
    });
    return reloaded(ctx, id);
  }

  @Personal("PROTECTION")
  @Mutation(() => Incident, {
    description: "Marks a follow-up action done on a day; CONFLICT when it was done already or the incident is closed.",
  })
  @Authorized()
  async completeIncidentAction(
    @Arg("input", () => CompleteIncidentActionInput, { description: "The action and the day it was done." })
    input: CompleteIncidentActionInput,
    @Ctx() ctx: Ctx,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Incident> {
    const operation = operationName(ctx, info);
    const field = "Mutation.completeIncidentAction";
    const actionId = assertUuid(input.actionId, "input.actionId");
    const action = await ctx.loaders.incidentActionById.load(actionId);
    if (!action) throw notFound("IncidentAction", input.actionId);
    const incident = await loadForWrite(ctx, action.incidentId, field, operation);
    await ctx.access.transaction(async (m) => {
      await completeIncidentAction(m, { ...input, actionId }, incident.id, ctx.caller);
      recordIncidentWrite(ctx, incident, field, operation);
    });
    return reloaded(ctx, incident.id);
  }

  @FieldResolver(() => [Person], { description: "People involved, as named in the report (may be none)." })
  people(@Root() incident: Incident): Person[] {
    return incident.personIds.map((id) => ({ id }));
  }

  @FieldResolver(() => [IncidentAction], { description: "Follow-up actions, oldest first." })
  actions(@Root() incident: Incident, @Ctx() ctx: Ctx): Promise<IncidentAction[]> {
    return ctx.loaders.actionsByIncident.load(incident.id);
  }

  @FieldResolver(() => [IncidentTransition], {
    description: "Every status the incident went through, oldest first, with who, when and why.",
  })
  history(@Root() incident: Incident, @Ctx() ctx: Ctx): Promise<IncidentTransition[]> {
    return ctx.loaders.historyByIncident.load(incident.id);
  }
}
