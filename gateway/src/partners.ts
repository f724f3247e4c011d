import { domainError, SubgraphName } from "@reception-graph/kit";
import { GraphQLError, Kind, parse, SelectionSetNode } from "graphql";

/**
 * What each partner's service holds, in a coordinator's words: what is missing when it does not answer and
 * the fields asked of it cannot be read from the request.
 */
export const PARTNER_DATA: Record<SubgraphName, string> = {
  social: "people's details, households and case files",
  housing: "sites, rooms and placements",
  care: "referrals, care and protection",
  education: "schools, assessments and enrolments",
};

/** System errors of a connection that failed or was cut: the subgraph is down, restarting or unreachable. */
const CONNECTION_ERRORS = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  // undici's names (the gateway's subgraph client): the other side closed the socket, or it never connected.
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** Answers of a proxy or load balancer in front of a subgraph that could not reach it. */
const GATEWAY_STATUSES = new Set([502, 503, 504]);

/**
 * Why a failed gateway→subgraph call means "the partner is not answering", or null when it is another failure
 * (a refusal, a bug) that keeps its own error: timeout, connection refused or cut, a proxy's 502/503/504,
 * or an answer that is not JSON.
 */
export function unavailableReason(error: unknown): string | null {
  const e = error as {
    name?: string;
    type?: string;
    code?: string;
    errno?: string;
    message?: string;
    extensions?: { response?: { status?: number } };
  } | null;
  if (!e || typeof e !== "object") return null;
  if (e.name === "AbortError" || e.name === "TimeoutError" || e.type === "aborted") return "timed out";
  const code = e.code ?? e.errno;
  if (code && CONNECTION_ERRORS.has(code)) return code;
  if (e.type === "invalid-json") return "answer was not JSON";
  if (e.type === "system") return code ?? "connection failed";
  const status = e.extensions?.response?.status;
  if (typeof status === "number" && GATEWAY_STATUSES.has(status)) return `HTTP ${status}`;
  // RemoteGraphQLDataSource's own words for a 200 whose body is not a JSON object.
  if (typeof e.message === "string" && e.message.startsWith("Expected JSON response body"))
    return "answer was not JSON";
  return null;
}

/** "careContacts" → "care contacts". */
function words(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

function fieldsOf(selections: SelectionSetNode, into: Set<string>): void {
  for (const s of selections.selections) {
    if (s.kind === Kind.FIELD && !s.name.value.startsWith("__")) into.add(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) fieldsOf(s.selectionSet, into);
  }
}

/**
 * The fields the gateway asked of a subgraph in one fetch, as a coordinator reads them: the entity fields
 * inside `_entities`, else the root fields. Empty when the operation cannot be read.
 */
export function askedFields(query: string | undefined): string[] {
  if (!query) return [];
  try {
    const document = parse(query, { noLocation: true });
    const fields = new Set<string>();
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const root of definition.selectionSet.selections) {
        if (root.kind === Kind.FIELD && root.name.value === "_entities" && root.selectionSet) {
          fieldsOf(root.selectionSet, fields);
        } else if (root.kind === Kind.FIELD && !root.name.value.startsWith("__")) {
          fields.add(root.name.value);
        }
      }
    }
    // Keys the gateway asks back (id) say nothing of what the caller misses.
    fields.delete("id");
    return [...fields].map(words);
  } catch {
    return [];
  }
}

function listed(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The error a caller gets for the part of an answer a partner did not give: code UNAVAILABLE,
 * `extensions.service` the subgraph, and a message naming what is missing, e.g.
 * "care is not answering; referrals are missing." The rest of the answer stays.
 */
export function partnerUnavailable(service: SubgraphName, query?: string): GraphQLError {
  const fields = askedFields(query);
  const missing = fields.length ? listed(fields) : PARTNER_DATA[service];
  const plural = fields.length !== 1 || /(s|people)$/.test(fields[0]);
  const verb = plural ? "are" : "is";
  return domainError(
    "UNAVAILABLE",
    `${service} is not answering; ${missing} ${verb} missing. The other partners' data is in the answer; try again in a minute.`,
    { service },
  );
}
