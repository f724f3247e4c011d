import { DataSource } from "typeorm";
import { AccessControl } from "./access/access-control";
import { PeerConfig, PeerLink, PersonScope } from "./access/person-scope";
import { AuditTrail } from "./audit/audit-trail";
import { Caller, Purpose } from "./auth/caller";
import { VerifiedInternalToken } from "./auth/internal-token";
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

/** Assembles a request's context from a verified identity (per request). */
export function buildContext<TLoaders>(
  dataSource: DataSource,
  identity: Omit<VerifiedInternalToken, "tokenId" | "audience">,
  parts: ContextParts<TLoaders>,
  peers: PeerConfig = { urls: {} },
): SubgraphContext<TLoaders> {
  // The token is the gateway's, but a subgraph trusts no request ID or operation name it could not store safely.
  assertOperationName(identity.operation);
  const requestId = safeRequestId(identity.requestId);
  const audit = new AuditTrail(dataSource, identity.caller, identity.purpose, requestId);
  const link: PeerLink = { peers, token: identity.token, requestId };
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
  };
}
