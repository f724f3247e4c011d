import DataLoader from "dataloader";
import { Caller, Purpose } from "../auth/caller";
import { signInternalToken } from "../auth/internal-token";
import { describeError } from "../error-log";

/**
 * Each subgraph that holds a scope (housing: sites, care: organisations,
 * education: schools) answers this query, hidden from the public graph by
 * @inaccessible, so that the subgraph owning a person's data can tell whether
 * the person is the caller's "own" (access.md) without copying anything.
 */
export const OWN_PEOPLE_FIELD = "_ownPeople";

/** How a subgraph reaches its peers for scope questions (URLs of their /graphql). */
export interface PeerConfig {
  urls: Partial<Record<string, string>>;
  internalTokenSecret: string;
}

/**
 * Sends one operation straight to a peer subgraph (not through the gateway),
 * on behalf of the same caller and purpose, in a fresh internal token. Used for
 * questions the public graph does not answer (@inaccessible fields).
 */
export async function peerQuery<T>(
  url: string,
  secret: string,
  identity: { caller: Caller; purpose: Purpose | null; requestId: string; operation?: string },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const token = await signInternalToken({ ...identity, operation: identity.operation ?? "peer" }, secret);
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(5000),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (!res.ok || body.errors?.length || !body.data) {
    const first = body.errors?.[0];
    throw new Error(
      `peer query to ${url} failed (${res.status}): ${first?.extensions?.code ?? ""} ${first?.message ?? ""}`,
    );
  }
  return body.data;
}

/** Asks one peer which of these people are the caller's own; the peer applies the caller's scopes. */
export async function askOwnPeople(
  url: string,
  secret: string,
  caller: Caller,
  purpose: Purpose | null,
  requestId: string,
  personIds: readonly string[],
): Promise<Set<string>> {
  const data = await peerQuery<Record<string, string[]>>(
    url,
    secret,
    { caller, purpose, requestId, operation: "ownScope" },
    `query OwnPeople($ids: [ID!]!) { ${OWN_PEOPLE_FIELD}(personIds: $ids) }`,
    { ids: personIds },
  );
  return new Set(data[OWN_PEOPLE_FIELD]);
}

/**
 * A per-request loader answering "is this person the caller's own?" by
 * asking, in one batch, the peers named for the caller's scoped roles.
 * Fails closed: an unreachable peer means "not own".
 */
export function peerOwnScopeLoader(
  caller: Caller,
  purpose: Purpose | null,
  requestId: string,
  peers: PeerConfig,
  peerNames: readonly string[],
): DataLoader<string, boolean> {
  return new DataLoader<string, boolean>(async (ids) => {
    const own = new Set<string>();
    await Promise.all(
      peerNames.map(async (name) => {
        const url = peers.urls[name];
        if (!url) return;
        try {
          for (const id of await askOwnPeople(url, peers.internalTokenSecret, caller, purpose, requestId, ids))
            own.add(id);
        } catch (e) {
          console.error(`[scope] ${name} did not answer; treating as not own`, describeError(e));
        }
      }),
    );
    return ids.map((id) => own.has(id));
  });
}

/**
 * One "own" answer from several sources (local data, peers): a person is the
 * caller's own when any source says so. Null when there is no source.
 */
export function anyOwnScope(sources: readonly DataLoader<string, boolean>[]): DataLoader<string, boolean> | null {
  if (sources.length === 0) return null;
  if (sources.length === 1) return sources[0];
  return new DataLoader<string, boolean>(async (ids) => {
    const answers = await Promise.all(sources.map((source) => source.loadMany(ids)));
    return ids.map((_, i) => answers.some((a) => a[i] === true));
  });
}
