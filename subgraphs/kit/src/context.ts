import { DataSource } from "typeorm";
import { AccessControl, OwnScopeLoader } from "./access/access-control";
import { PeerConfig } from "./access/own-people";
import { AuditTrail } from "./audit/audit-trail";
import { Caller, Purpose } from "./auth/caller";
import { InternalIdentity } from "./auth/internal-token";
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
   * from local data or by asking peers (see peerOwnScopeLoader).
   */
  ownScope?: (args: OwnScopeArgs<TLoaders>) => OwnScopeLoader | null;
}

/** What a loader factory may need beyond the caller: the purpose, request ID and peer subgraphs. */
export interface RequestInfo {
  purpose: Purpose | null;
  requestId: string;
  peers: PeerConfig;
}

export interface OwnScopeArgs<TLoaders> {
  dataSource: DataSource;
  caller: Caller;
  purpose: Purpose | null;
  requestId: string;
  loaders: TLoaders;
  peers: PeerConfig;
}

/** Assembles a request's context from a verified identity (per request). */
export function buildContext<TLoaders>(
  dataSource: DataSource,
  identity: InternalIdentity & { operation?: string },
  parts: ContextParts<TLoaders>,
  peers: PeerConfig = { urls: {}, internalTokenSecret: "" },
): SubgraphContext<TLoaders> {
  // The token is the gateway's, but a subgraph trusts no request ID or operation name it could not store safely.
  assertOperationName(identity.operation);
  const requestId = safeRequestId(identity.requestId);
  const audit = new AuditTrail(dataSource, identity.caller, identity.purpose, requestId);
  const loaders = parts.loaders(dataSource, identity.caller, { purpose: identity.purpose, requestId, peers });
  const own = parts.ownScope
    ? parts.ownScope({ dataSource, caller: identity.caller, purpose: identity.purpose, requestId, loaders, peers })
    : null;
  return {
    caller: identity.caller,
    purpose: identity.purpose,
    requestId,
    operation: identity.operation || "anonymous",
    dataSource,
    audit,
    access: new AccessControl(identity.caller, identity.purpose, audit, own),
    loaders,
  };
}
