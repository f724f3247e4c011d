import type { ApolloServer } from "@apollo/server";
import { assertUuid, hasRole, isPublicErrorCode } from "@reception-graph/kit";
import express from "express";
import {
  getNamedType,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  isNonNullType,
  isObjectType,
  isUnionType,
} from "graphql";
import { RouteError, routeError, runOperation } from "../operation-route";
import type { GatewayContext } from "../server";

export const SUBJECT_ACCESS_OPERATION_NAME = "SubjectAccessExport";
export const SUBJECT_ACCESS_TRAIL_OPERATION_NAME = "SubjectAccessAuditTrail";

/** The audit lines naming the person, a page at a time (the largest page the graph gives). */
const TRAIL_OPERATION = `query ${SUBJECT_ACCESS_TRAIL_OPERATION_NAME}($personId: ID!, $after: String) {
  auditTrail(personId: $personId, first: 200, after: $after) {
    edges { node { id at subgraph requestId subject organisation roles onBehalfOf purpose operation outcome
      accesses { category fields action outcome reason } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** Bound on the pages of one export's trail: 200,000 lines; a longer trail fails the export loudly. */
const MAX_TRAIL_PAGES = 1000;

/**
 * Person fields of the special category (GDPR art. 9: health), declared HEALTH in the subgraphs. The
 * export puts them in their own marked section; a unit test keeps this list equal to the declarations.
 */
export const SPECIAL_CATEGORY_FIELDS: readonly string[] = ["careContacts", "supportPlan", "legalSessions"];

/**
 * Fields of the objects the person's records name that are about other people (how many live in the
 * room): left out of the export, and refused to its claim by the subgraphs anyway.
 */
const ABOUT_OTHERS = new Set(["Room.occupied"]);

/** Types whose data is about several people at once: the export keeps only their ID (the person's link to it). */
const SHARED_TYPES = new Set(["Household"]);

/**
 * How deep the selection follows objects below the person: the person's own records (a placement, an
 * enrolment, a support plan) and the objects they name (a site, a school, a plan's sessions), whose plain
 * fields only. Deeper lists belong to those objects, not to the person (a school's waiting list).
 */
const MAX_NESTING = 2;

function hasRequiredArgument(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined);
}

/**
 * The selection of one object type: every field without required arguments, nested objects in full,
 * but never another Person (possible duplicates, a referral's person…), only the ID of a household,
 * and no type twice on one path (cycles).
 */
function selectionOf(type: GraphQLNamedType, path: readonly string[], depth: number): string | null {
  if (isUnionType(type)) {
    const parts = type
      .getTypes()
      .map((t) => [t.name, selectionOf(t, path, depth)] as const)
      .filter(([, s]) => s !== null)
      .map(([name, s]) => `... on ${name} ${s}`);
    return parts.length ? `{ __typename ${parts.join(" ")} }` : null;
  }
  if (!isObjectType(type)) return "";
  if (SHARED_TYPES.has(type.name)) return "{ id }";
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (hasRequiredArgument(field) || ABOUT_OTHERS.has(`${type.name}.${field.name}`)) continue;
    const target = getNamedType(field.type);
    if (!isObjectType(target) && !isUnionType(target)) {
      parts.push(field.name);
      continue;
    }
    if (target.name === "Person" || path.includes(target.name) || depth > MAX_NESTING) continue;
    const inner = selectionOf(target, [...path, target.name], depth + 1);
    if (inner) parts.push(`${field.name} ${inner}`);
  }
  return parts.length ? `{ ${parts.join(" ")} }` : null;
}

/**
 * The export's one operation, generated from the public schema's Person type: every field of the person
 * in all four subgraphs, so that a field added later is exported without anyone remembering to.
 */
export function subjectAccessOperation(schema: GraphQLSchema): string {
  const person = schema.getType("Person");
  if (!isObjectType(person)) throw new Error("The public schema has no Person type.");
  const selection = selectionOf(person, ["Person"], 1);
  return `query ${SUBJECT_ACCESS_OPERATION_NAME}($personId: ID!) { person(id: $personId) ${selection} }`;
}

/** The export document: the person's data, the special category apart and marked, and who asked. */
export function subjectAccessDocument(
  personId: string,
  person: Record<string, unknown>,
  context: Pick<GatewayContext, "caller" | "requestId">,
  auditTrail: unknown[],
): Record<string, unknown> {
  const ordinary: Record<string, unknown> = {};
  const special: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(person)) {
    (SPECIAL_CATEGORY_FIELDS.includes(field) ? special : ordinary)[field] = value;
  }
  return {
    export: {
      kind: "SUBJECT_ACCESS",
      legalBasis: "GDPR article 15 (right of access by the data subject)",
      personId,
      generatedAt: new Date().toISOString(),
      requestedBy: { subject: context.caller.sub, organisation: context.caller.org },
      requestId: context.requestId,
      sources: ["social", "housing", "care", "education"],
    },
    person: ordinary,
    specialCategory: {
      category: "HEALTH",
      specialCategory: true,
      notice:
        "Special category personal data (GDPR article 9: health). It appears only in this export; handle and send it accordingly.",
      data: special,
    },
    auditTrail: {
      notice:
        "Every recorded access to this person's data in the four subgraphs, oldest first: who, when, why, which fields; never the values.",
      entries: auditTrail,
    },
  };
}

export interface SubjectAccessOptions {
  apollo: ApolloServer<GatewayContext>;
  /** The public schema the export's selection is generated from (the gateway's, as loaded). */
  apiSchema: () => GraphQLSchema | null;
  /** The context /graphql would build for this request (caller, purpose defaulting to AUDIT, request ID). */
  context: (req: express.Request, operation: string) => Promise<GatewayContext>;
}

/**
 * Assembles the export of one person. The caller must be a DPO stating purpose AUDIT (the default here);
 * only then does the context carry `subjectAccess`, which the gateway signs into the internal tokens of
 * this request alone (claim `sar`), and which the subgraphs honour for that one person.
 */
export async function subjectAccessExport(
  opts: SubjectAccessOptions,
  context: GatewayContext,
  rawPersonId: string,
): Promise<Record<string, unknown>> {
  if (!hasRole(context.caller, "DPO")) {
    throw routeError(
      "FORBIDDEN",
      `Only the data protection officer (role DPO) may export a person's data; your roles are ${context.caller.roles.join(", ")}.`,
    );
  }
  if (context.purpose !== "AUDIT") {
    throw routeError("FORBIDDEN", `A subject-access export is made for purpose AUDIT, not ${context.purpose}.`, {
      purpose: context.purpose,
    });
  }
  let personId: string;
  try {
    personId = assertUuid(rawPersonId, "personId");
  } catch (e) {
    throw routeError("BAD_USER_INPUT", (e as Error).message, { field: "personId" });
  }
  const schema = opts.apiSchema();
  if (!schema) throw routeError("UNAVAILABLE", "The graph's schema is not loaded yet; try again in a minute.");
  const withClaim: GatewayContext = { ...context, subjectAccess: personId, internalTokens: {} };
  const data = await runOperation<{ person: Record<string, unknown> | null }, GatewayContext>(
    opts.apollo,
    withClaim,
    subjectAccessOperation(schema),
    SUBJECT_ACCESS_OPERATION_NAME,
    { personId },
  );
  if (!data.person) {
    throw routeError("NOT_FOUND", `Person ${JSON.stringify(personId)} was not found.`, { field: "personId" });
  }
  const trail = await auditTrailOf(opts, context, personId);
  return subjectAccessDocument(personId, data.person, context, trail);
}

interface TrailPage {
  auditTrail: { edges: { node: unknown }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

/**
 * Every audit line naming the person, all pages, oldest first (each page asked is audited too, so the
 * export's own reads are in it). Asked as the DPO, without the export's claim: the audit trail is theirs.
 */
async function auditTrailOf(
  opts: Pick<SubjectAccessOptions, "apollo">,
  context: GatewayContext,
  personId: string,
): Promise<unknown[]> {
  const lines: unknown[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_TRAIL_PAGES; page++) {
    const data: TrailPage = await runOperation<TrailPage, GatewayContext>(
      opts.apollo,
      { ...context, subjectAccess: undefined, internalTokens: {} },
      TRAIL_OPERATION,
      SUBJECT_ACCESS_TRAIL_OPERATION_NAME,
      { personId, after },
    );
    lines.push(...data.auditTrail.edges.map((e) => e.node));
    if (!data.auditTrail.pageInfo.hasNextPage) return lines;
    after = data.auditTrail.pageInfo.endCursor;
  }
  throw routeError(
    "QUERY_TOO_COMPLEX",
    `The audit trail of ${personId} is longer than one export holds; ask for it by period.`,
  );
}

/** GET /dpo/subject-access/:personId.json: one person's export, as a download (see subjectAccessExport). */
export function subjectAccessRouter(opts: SubjectAccessOptions): express.Router {
  const router = express.Router();
  router.get("/dpo/subject-access/:file", async (req, res, next) => {
    res.set({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
    try {
      const file = String(req.params.file);
      if (!file.endsWith(".json")) {
        throw routeError("NOT_FOUND", "The export is served as JSON: /dpo/subject-access/<personId>.json.");
      }
      // The caller first: an anonymous request learns nothing, not even whether the ID is well formed.
      const context = await opts.context(req, SUBJECT_ACCESS_OPERATION_NAME);
      const personId = file.slice(0, -".json".length);
      const document = await subjectAccessExport(opts, context, personId);
      res
        .type("application/json; charset=utf-8")
        .set("content-disposition", `attachment; filename="subject-access-${personId}.json"`)
        .send(JSON.stringify(document, null, 2));
    } catch (e) {
      const known =
        e instanceof RouteError
          ? e
          : e instanceof GraphQLError && isPublicErrorCode(e.extensions.code)
            ? routeError(String(e.extensions.code), e.message)
            : null;
      if (!known) {
        next(e);
        return;
      }
      res.status(known.status).json({ errors: known.errors });
    }
  });
  return router;
}
