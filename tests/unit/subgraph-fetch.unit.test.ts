// Scenario: the gateway calls a subgraph that answers, one that never answers, one whose port is closed and
// one behind a proxy that answers 503 or HTML. The fetcher keeps keep-alive sockets for successive calls,
// drops it on its own side once idle (before the subgraph would, avoiding the ECONNRESET race), and gives up
// at its timeout; each failure maps to "the partner is not answering", named in words a coordinator reads,
// while other failures keep their own error. Timeouts come from SUBGRAPH_TIMEOUT_MS and <NAME>_TIMEOUT_MS.
import { GraphQLError } from "graphql";
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import { AddressInfo, Socket } from "node:net";
import { askedFields, partnerUnavailable, unavailableReason } from "../../gateway/src/partners";
import {
  createSubgraphFetcher,
  DEFAULT_SUBGRAPH_TIMEOUT_MS,
  subgraphTimeoutMs,
} from "../../gateway/src/subgraph-fetch";
import { freePort } from "../support/faults/process";

interface TestServer {
  url: string;
  sockets: Socket[];
  closed: () => number;
  close(): Promise<void>;
}

async function server(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestServer> {
  const sockets: Socket[] = [];
  let closed = 0;
  const http: Server = createServer(handler);
  // As the subgraphs do (kit's server.ts): idle sockets outlive the gateway's.
  http.keepAliveTimeout = 65_000;
  http.on("connection", (s: Socket) => {
    sockets.push(s);
    s.on("close", () => closed++);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`,
    sockets,
    closed: () => closed,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

const post = { method: "POST", headers: { "content-type": "application/json" }, body: "{}" };
const json = (_req: IncomingMessage, res: ServerResponse) =>
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: { ok: true } }));

describe("timeouts from the environment", () => {
  test("default, SUBGRAPH_TIMEOUT_MS for all, <NAME>_TIMEOUT_MS for one", () => {
    expect(subgraphTimeoutMs("care", {})).toBe(DEFAULT_SUBGRAPH_TIMEOUT_MS);
    expect(subgraphTimeoutMs("care", { SUBGRAPH_TIMEOUT_MS: "2500" })).toBe(2500);
    expect(subgraphTimeoutMs("care", { SUBGRAPH_TIMEOUT_MS: "2500", CARE_TIMEOUT_MS: "800" })).toBe(800);
    expect(subgraphTimeoutMs("social", { SUBGRAPH_TIMEOUT_MS: "2500", CARE_TIMEOUT_MS: "800" })).toBe(2500);
  });

  test.each(["0", "-5", "1.5", "soon"])("a timeout of %j is refused naming the variable and the value", (value) => {
    expect(() => subgraphTimeoutMs("housing", { HOUSING_TIMEOUT_MS: value })).toThrow(
      `HOUSING_TIMEOUT_MS must be a positive whole number of milliseconds, not ${JSON.stringify(value)}.`,
    );
  });
});

describe("the fetcher", () => {
  test("successive calls share keep-alive sockets, which the gateway closes once idle", async () => {
    const s = await server(json);
    try {
      const fetcher = createSubgraphFetcher(1000, 300);
      for (let i = 0; i < 10; i++) expect(await (await fetcher(s.url, post)).json()).toEqual({ data: { ok: true } });
      // Ten calls, one or two sockets: the pool may open a second when the next call comes before it has seen the
      // first one's request body written (undici), never one per call.
      const opened = s.sockets.length;
      expect(opened).toBeGreaterThanOrEqual(1);
      expect(opened).toBeLessThanOrEqual(2);
      expect(s.closed()).toBe(0);
      // Idle past the gateway's idle time (300 ms here, 30 s in service) but far below the server's 65 s.
      await new Promise((r) => setTimeout(r, 900));
      expect(s.closed()).toBe(opened);
      // The next call opens a fresh socket instead of writing onto one the server may be closing.
      await (await fetcher(s.url, post)).json();
      expect(s.sockets).toHaveLength(opened + 1);
    } finally {
      await s.close();
    }
  });

  test("a subgraph that never answers: aborted at the timeout, read as the partner not answering", async () => {
    const s = await server(() => undefined);
    try {
      const started = Date.now();
      const error = await createSubgraphFetcher(300)(s.url, post).catch((e: unknown) => e);
      expect(unavailableReason(error)).toBe("timed out");
      expect(Date.now() - started).toBeLessThan(3 * 300);
    } finally {
      await s.close();
    }
  });

  test("a body that stops half-way is bounded by the same timeout", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"data":');
    });
    try {
      // Long enough for the headers to arrive on a loaded CI machine (at 300 ms they once did not, and the fetch
      // itself timed out): this case is about the body stopping after them.
      const res = await createSubgraphFetcher(1500)(s.url, post);
      expect(res.status).toBe(200);
      const error = await res.json().catch((e: unknown) => e);
      expect(unavailableReason(error)).toBe("timed out");
    } finally {
      await s.close();
    }
  });

  test("a closed port: ECONNREFUSED, the partner not answering", async () => {
    const port = await freePort();
    const error = await createSubgraphFetcher(1000)(`http://127.0.0.1:${port}/graphql`, post).catch((e: unknown) => e);
    expect(unavailableReason(error)).toBe("ECONNREFUSED");
  });

  test("a connection cut before the answer: the partner not answering, named by the client's code", async () => {
    const s = await server((req) => req.socket.destroy());
    try {
      const error = await createSubgraphFetcher(1000)(s.url, post).catch((e: unknown) => e);
      expect(unavailableReason(error)).toBe("UND_ERR_SOCKET");
    } finally {
      await s.close();
    }
  });

  test("JSON that does not parse: the partner not answering", async () => {
    const s = await server((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end("<html>"));
    try {
      const error = await (await createSubgraphFetcher(1000)(s.url, post)).json().catch((e: unknown) => e);
      expect(unavailableReason(error)).toBe("answer was not JSON");
    } finally {
      await s.close();
    }
  });
});

describe("which failures mean 'not answering'", () => {
  const fromResponse = (status: number) =>
    new GraphQLError(`${status}: x`, { extensions: { response: { status, body: "<html>" } } });

  test.each([502, 503, 504])("a proxy's %d", (status) => {
    expect(unavailableReason(fromResponse(status))).toBe(`HTTP ${status}`);
  });

  test("RemoteGraphQLDataSource's 'Expected JSON response body'", () => {
    expect(unavailableReason(new Error("Expected JSON response body, but received: <html>"))).toBe(
      "answer was not JSON",
    );
  });

  test("other failures keep their own error", () => {
    expect(unavailableReason(fromResponse(400))).toBeNull();
    expect(unavailableReason(fromResponse(500))).toBeNull();
    expect(unavailableReason(new Error("Expected data._entities"))).toBeNull();
    expect(unavailableReason(null)).toBeNull();
  });
});

describe("what the caller reads", () => {
  test("the entity fields asked of the subgraph, in words", () => {
    const query = `query People__care__1($representations:[_Any!]!){_entities(representations:$representations){...on Person{__typename id referrals{status} careContacts{id}}}}`;
    expect(askedFields(query)).toEqual(["referrals", "care contacts"]);
    const e = partnerUnavailable("care", query);
    expect(e.message).toMatch(/^care is not answering; referrals and care contacts are missing\./);
    expect(e.extensions).toEqual({ code: "UNAVAILABLE", service: "care" });
  });

  test("one field, and root fields", () => {
    expect(partnerUnavailable("care", `{_entities(representations:[]){...on Person{referrals{id}}}}`).message).toMatch(
      /^care is not answering; referrals are missing\./,
    );
    expect(partnerUnavailable("housing", `query S { sites { id } placement { id } }`).message).toMatch(
      /^housing is not answering; sites and placement are missing\./,
    );
    expect(partnerUnavailable("housing", `{ placement { id } }`).message).toMatch(/; placement is missing\./);
  });

  test("without a readable operation, the partner's own phrase", () => {
    expect(partnerUnavailable("housing").message).toMatch(
      /^housing is not answering; sites, rooms and placements are missing\./,
    );
    expect(partnerUnavailable("education", "not { graphql").message).toMatch(/schools, assessments and enrolments/);
  });
});
