import DataLoader from "dataloader";
import { Arg, ClassType, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { SubgraphName } from "../config";
import type { SubgraphContext } from "../context";
import { domainError } from "../errors";
import { assertUuid } from "../validation";
import { traceHeaders } from "../observability/tracing";
import { NotPersonal } from "./data-category";
import { serviceLogger } from "../observability/logger";

/**
 * Each subgraph that holds a scope (housing: sites, care: organisations,
 * education: schools) answers this query, hidden from the public graph by
 * @inaccessible, so that the subgraph owning a person's data can tell whether
 * the person is the caller's "own" (access.md) without copying anything.
 * With `personIds`: which of them are own. Without: all of the caller's own
 * people (bounded by MAX_OWN_PEOPLE), for lists.
 */
export const OWN_PEOPLE_FIELD = "_ownPeople";

/** Most people one caller's scope may hold before a list must be narrowed (a site, a school, an organisation). */
export const MAX_OWN_PEOPLE = 50_000;

/**
 * How long a subgraph waits for a peer's whole answer before the request fails naming it, unless
 * PEER_TIMEOUT_MS says otherwise. Below the gateway's SUBGRAPH_TIMEOUT_MS (5000 ms): a peer that does not
 * answer fails the asking subgraph's request, naming the peer, before the gateway gives up on the asking
 * subgraph and would name that one instead.
 */
export const DEFAULT_PEER_TIMEOUT_MS = 3000;

/** PEER_TIMEOUT_MS, read at each call (a positive whole number of milliseconds), else the default. */
export function peerTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.PEER_TIMEOUT_MS);
  return Number.isInteger(ms) && ms > 0 ? ms : DEFAULT_PEER_TIMEOUT_MS;
}

/** Header a subgraph sends with the caller's token when it asks a peer (peerQuery): its own name, for the peer's audit. */
export const RELAYED_BY_HEADER = "x-relayed-by";

/** How a subgraph reaches its peers (URLs of their /graphql). */
export interface PeerConfig {
  urls: Partial<Record<string, string>>;
}

/** What a request may use to ask a peer: where peers are, and the gateway's token it forwards unchanged. */
export interface PeerLink {
  peers: PeerConfig;
  /** The internal token this request came with; a subgraph never signs one. */
  token: string;
  requestId: string;
  /** The subgraph asking; the peer's audit record says the call came via it. */
  from?: SubgraphName;
}

/** A peer that did not answer: the request fails naming it, it never turns into an empty answer. */
export function peerUnavailable(peer: string, what: string): Error {
  return domainError(
    "UNAVAILABLE",
    `The ${peer} service is not answering, so ${what} cannot be checked right now. Nothing was changed; try again in a minute.`,
    { service: peer },
  );
}

/**
 * Sends one operation straight to a peer subgraph (not through the gateway),
 * forwarding the request's internal token as it came: the peer applies the
 * same caller's rules. Used for questions the public graph does not answer
 * (@inaccessible fields). Refusals keep their code; an unreachable or failing
 * peer is an UNAVAILABLE error naming it.
 */
export async function peerQuery<T>(
  link: PeerLink,
  peer: SubgraphName,
  what: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const url = link.peers.urls[peer];
  if (!url) throw peerUnavailable(peer, what);
  let res: Response;
  let body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${link.token}`,
        "x-request-id": link.requestId,
        ...(link.from ? { [RELAYED_BY_HEADER]: link.from } : {}),
        ...traceHeaders(),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(peerTimeoutMs()),
    });
    body = (await res.json()) as typeof body;
  } catch (e) {
    serviceLogger(link.from ?? "peer").warn(
      { peer, error: `${(e as Error).name}: ${(e as Error).message}` },
      `${peer} did not answer`,
    );
    throw peerUnavailable(peer, what);
  }
  const first = body.errors?.[0];
  const code = first?.extensions?.code;
  if (
    first &&
    (code === "FORBIDDEN" || code === "PURPOSE_REQUIRED" || code === "BAD_USER_INPUT" || code === "NOT_FOUND")
  ) {
    throw domainError(code, `The ${peer} service refused ${what}: ${first.message}`);
  }
  if (!res.ok || first || !body.data) {
    serviceLogger(link.from ?? "peer").warn({ peer, status: res.status, code: code ?? null }, `${peer} failed`);
    throw peerUnavailable(peer, what);
  }
  return body.data;
}

/** One place that knows some of the caller's own people: local data, or a peer. */
export interface OwnPeopleSource {
  /** Which of `ids` are own; with null, all own people. */
  ownAmong(ids: readonly string[] | null): Promise<readonly string[]>;
}

/** A source answered from this subgraph's own tables. */
export function localOwnPeople(ownAmong: OwnPeopleSource["ownAmong"]): OwnPeopleSource {
  return { ownAmong };
}

/** A source answered by a peer's `_ownPeople`, on behalf of the same caller (one call per batch). */
export function peerOwnPeople(link: PeerLink, peer: SubgraphName, what: string): OwnPeopleSource {
  return {
    async ownAmong(ids) {
      const data = await peerQuery<Record<string, string[]>>(
        link,
        peer,
        what,
        `query OwnPeople($ids: [ID!]) { ${OWN_PEOPLE_FIELD}(personIds: $ids) }`,
        { ids },
      );
      return data[OWN_PEOPLE_FIELD];
    },
  };
}

/**
 * The caller's own people for one request (access.md "own"), from every
 * source that knows some of them: `isOwn` batches per request; `all()` is
 * asked once per request and lets a list filter in SQL and page by keyset,
 * so no list is cut at a number of candidates. A source that fails makes the
 * request fail loudly (UNAVAILABLE naming it), never an empty list.
 */
export class PersonScope {
  private allOwn: Promise<string[]> | null = null;
  readonly isOwn: DataLoader<string, boolean>;

  constructor(private readonly sources: readonly OwnPeopleSource[]) {
    this.isOwn = new DataLoader<string, boolean>(async (ids) => {
      const answers = await Promise.all(this.sources.map((s) => s.ownAmong(ids)));
      const own = new Set(answers.flat());
      return ids.map((id) => own.has(id));
    });
  }

  /** All of the caller's own people; refused when the scope is larger than any one site, school or organisation. */
  all(): Promise<string[]> {
    this.allOwn ??= Promise.all(this.sources.map((s) => s.ownAmong(null))).then((answers) => {
      const own = [...new Set(answers.flat())];
      if (own.length > MAX_OWN_PEOPLE) {
        throw domainError(
          "QUERY_TOO_COMPLEX",
          `Your scope holds ${own.length} people, more than the ${MAX_OWN_PEOPLE} a list can be filtered by; narrow it with a filter.`,
        );
      }
      for (const id of own) this.isOwn.prime(id, true);
      return own;
    });
    return this.allOwn;
  }
}

/** A scope from these sources, or null when the caller's roles give none. */
export function personScope(sources: readonly OwnPeopleSource[]): PersonScope | null {
  return sources.length ? new PersonScope(sources) : null;
}

/** How a subgraph that holds a scope answers "which of these people (all, when null) are the caller's own?". */
export type OwnPeopleAnswer = (ctx: SubgraphContext, personIds: readonly string[] | null) => Promise<string[]>;

/**
 * The `_ownPeople` root field a scope-holding subgraph serves to its peers
 * (asked directly, with the caller's forwarded internal token). Every such
 * subgraph answers the same root field, hence @shareable; @inaccessible
 * keeps it out of the public graph. `what` completes its description.
 */
export function ownPeopleResolver(what: string, answer: OwnPeopleAnswer): ClassType {
  @Resolver()
  class OwnPeopleResolver {
    @Query(() => [ID], { description: `Internal: the IDs among personIds (all, when omitted) ${what}.` })
    @Directive("@shareable")
    @Directive("@inaccessible")
    @NotPersonal("answers a peer about the caller's own scope with IDs it already holds; no data leaves")
    _ownPeople(
      @Ctx() ctx: SubgraphContext,
      @Arg("personIds", () => [ID], { nullable: true }) personIds?: string[] | null,
    ): Promise<string[]> {
      const ids = personIds ? personIds.map((id, i) => assertUuid(id, `personIds[${i}]`)) : null;
      return answer(ctx, ids);
    }
  }
  return OwnPeopleResolver;
}
