// The kit's drain of an HTTP server (graceful-shutdown.ts), on a plain Node server whose one route answers when the
// test says so: a drain with nothing in flight ends at once; a request in flight finishes and gets
// `Connection: close` while /ready says "stopping" and new requests are refused; a request that outlives the grace
// period is cut and counted. SHUTDOWN_GRACE_MS is read with a default and a bad value is refused naming it.
import { createServer, request, Server } from "node:http";
import { AddressInfo } from "node:net";
import { DEFAULT_SHUTDOWN_GRACE_MS, drainable, DrainableServer, shutdownGraceMs } from "@reception-graph/kit";

let server: Server;
let drain: DrainableServer;
let base: string;
/** Answers of /slow requests waiting for the test. */
const waiting: (() => void)[] = [];

beforeEach(async () => {
  server = createServer((req, res) => {
    if (req.url === "/slow") waiting.push(() => res.end("slow done"));
    else res.end("fast");
  });
  drain = drainable(server, "unit");
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
  server.closeAllConnections();
  server.close();
  waiting.length = 0;
});

/** A GET on a new connection. */
function get(path: string): Promise<{ status: number; connection?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode!, connection: res.headers.connection, body }));
    })
      .once("error", reject)
      .end();
  });
}

async function untilWaiting(n: number): Promise<void> {
  while (waiting.length < n) await new Promise((done) => setTimeout(done, 10));
}

test("SHUTDOWN_GRACE_MS: 10 s by default, a whole number of milliseconds, anything else refused by name", () => {
  expect(shutdownGraceMs({})).toBe(DEFAULT_SHUTDOWN_GRACE_MS);
  expect(DEFAULT_SHUTDOWN_GRACE_MS).toBe(10_000);
  expect(shutdownGraceMs({ SHUTDOWN_GRACE_MS: "2500" })).toBe(2500);
  expect(shutdownGraceMs({ SHUTDOWN_GRACE_MS: "0" })).toBe(0);
  for (const bad of ["-1", "1.5", "ten", "10s"])
    expect(() => shutdownGraceMs({ SHUTDOWN_GRACE_MS: bad })).toThrow(`SHUTDOWN_GRACE_MS="${bad}"`);
});

test("with nothing in flight the drain ends at once and the port closes", async () => {
  expect((await get("/fast")).body).toBe("fast");
  expect(await drain.drain(60_000)).toEqual({ finished: 0, cut: 0 });
  await expect(get("/fast")).rejects.toThrow(/ECONNREFUSED/);
});

test("a request in flight finishes with Connection: close while /ready is 503 and new requests are refused", async () => {
  const slow = get("/slow");
  await untilWaiting(1);
  const drained = drain.drain(60_000);
  expect(drain.draining).toBe(true);
  expect(drain.inFlight).toBe(1);
  const ready = await get("/ready");
  expect(ready.status).toBe(503);
  expect(JSON.parse(ready.body)).toEqual({ status: "stopping", service: "unit" });
  expect((await get("/health")).status).toBe(200);
  const refused = await get("/fast");
  expect(refused.status).toBe(503);
  expect(JSON.parse(refused.body).errors[0].extensions).toEqual({ code: "UNAVAILABLE", service: "unit" });
  // The refused request never reached the application.
  expect(waiting).toHaveLength(1);
  waiting[0]();
  expect(await slow).toEqual({ status: 200, connection: "close", body: "slow done" });
  expect(await drained).toEqual({ finished: 1, cut: 0 });
  // A second stop gets the same drain.
  expect(await drain.drain(0)).toEqual({ finished: 1, cut: 0 });
});

test("a request that outlives the grace period is cut and counted", async () => {
  const slow = get("/slow");
  await untilWaiting(1);
  expect(await drain.drain(100)).toEqual({ finished: 0, cut: 1 });
  await expect(slow).rejects.toThrow(/socket hang up|ECONNRESET/);
});
