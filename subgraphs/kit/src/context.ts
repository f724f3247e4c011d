import { DataSource } from "typeorm";
import { AccessControl } from "./access/access-control";
import { PeerConfig, PeerLink, PersonScope } from "./access/person-scope";
import { AuditTrail } from "./audit/audit-trail";
import { Caller, Purpose } from "./auth/caller";
import { VerifiedInternalToken } from "./auth/internal-token";
import { SubgraphName, SUBGRAPH_NAMES } from "./config";
import type { RequestRecord } from "./observability/request";
import { assertOperationName, safeRequestId } from "./request-meta";

/** What every resolver of every subgraph receives; built per request. */
export interface SubgraphContext<TLoaders = unknown> {
  caller: Caller;
  purpose: Purpose | null;
  requestId: string;
  /** The client's operation name as the gateway received it ("anonymous" when unnamed). */
  operation: string;
  dataSource: DataSource;
  audit: AuditTrail;
  access: AccessControl;
  loaders: TLoaders;
  /** Forwards this request's internal token to peers (questions the public graph does not answer). */
  link: PeerLink;
  /** The HTTP request's log and metrics record (observability), when the context was built from a request. */
  requestRecord?: RequestRecord;
}

export interface ContextParts<TLoaders> {
  /** Builds the DataLoaders of one request (and the request's links to peers, if it needs any). */
  loaders: (dataSource: DataSource, caller: Caller, request: RequestInfo) => TLoaders;
  /**
   * Optional: which people are the caller's own (site, school, organisation),
   * from local data or by asking peers (see PersonScope).
   */
  ownScope?: (args: OwnScopeArgs<TLoaders>) => PersonScope | null;
}

/** What a loader factory may need beyond the caller: the purpose, request ID and the link to peer subgraphs. */
export interface RequestInfo {
  purpose: Purpose | null;
  requestId: string;
  peers: PeerConfig;
  /** Forwards this request's internal token to peers. */
  link: PeerLink;
}

export interface OwnScopeArgs<TLoaders> {
  dataSource: DataSource;
  caller: Caller;
  purpose: Purpose | null;
  requestId: string;
  loaders: TLoaders;
  link: PeerLink;
}

/** The subgraph named by an x-relayed-by header, or null: only a subgraph's name is ever written into the audit. */
export function relayedBy(header: unknown): SubgraphName | null {
  const value = Array.isArray(header) ? header[0] : header;
  return (SUBGRAPH_NAMES as readonly unknown[]).includes(value) ? (value as SubgraphName) : null;
}

/** Who the caller acts for or through, for the audit: the token's actor, else the peer that relayed the call. */
export function onBehalfOf(caller: Caller, relayed: SubgraphName | null): string | null {
  if (caller.act) return caller.act;
  return relayed ? `via ${relayed}` : null;
}

/** Where a request is answered and how it came: the subgraph's name, and the peer that relayed it, if one did. */
export interface RequestOrigin {
  subgraph: SubgraphName;
  relayedBy?: SubgraphName | null;
}

/** Assembles a request's context from a verified identity (per request). */
export function buildContext<TLoaders>(
  dataSource: DataSource,
  identity: Omit<VerifiedInternalToken, "tokenId" | "audience">,
  parts: ContextParts<TLoaders>,
  peers: PeerConfig = { urls: {} },
  origin?: RequestOrigin,
): SubgraphContext<TLoaders> {
  // The token is the gateway's, but a subgraph trusts no request ID or operation name it could not store safely.
  assertOperationName(identity.operation);
  const requestId = safeRequestId(identity.requestId);
  const audit = new AuditTrail(dataSource, identity.caller, identity.purpose, requestId, {
    subgraph: origin?.subgraph ?? "unknown",
    operationName: identity.operation && identity.operation !== "anonymous" ? identity.operation : null,
    onBehalfOf: onBehalfOf(identity.caller, origin?.relayedBy ?? null),
  });
  const link: PeerLink = { peers, token: identity.token, requestId, from: origin?.subgraph };
  const loaders = parts.loaders(dataSource, identity.caller, { purpose: identity.purpose, requestId, peers, link });
  const own = parts.ownScope
    ? parts.ownScope({ dataSource, caller: identity.caller, purpose: identity.purpose, requestId, loaders, link })
    : null;
  return {
    caller: identity.caller,
    purpose: identity.purpose,
    requestId,
    operation: identity.operation || "anonymous",
    dataSource,
    audit,
    access: new AccessControl(identity.caller, identity.purpose, audit, own, identity.subjectAccess ?? null),
    loaders,
    link,
  };
}
