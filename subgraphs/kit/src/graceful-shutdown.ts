import { IncomingMessage, Server, ServerResponse } from "node:http";
import { describeError } from "./error-log";
import { serviceLogger } from "./observability/logger";

/** How long a stopping server lets its requests in flight finish before it cuts them (SHUTDOWN_GRACE_MS). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/**
 * Time a process gives itself after the grace period to stop Apollo and close its database pool: a request cut
 * at the end of the grace period may still hold a database connection, and waiting for it is not worth more.
 */
export const SHUTDOWN_CLOSE_MS = 3_000;

/** SHUTDOWN_GRACE_MS in milliseconds (default 10 s); anything but a whole number of 0 or more is refused. */
export function shutdownGraceMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.SHUTDOWN_GRACE_MS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_SHUTDOWN_GRACE_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 0)
    throw new Error(`SHUTDOWN_GRACE_MS=${JSON.stringify(raw)} is not a whole number of milliseconds (0 or more).`);
  return ms;
}

/** What a drain did: requests that finished during it, and those still running at the end of the grace period. */
export interface ShutdownReport {
  finished: number;
  cut: number;
}

/** An HTTP server that can stop without cutting its requests in flight. */
export interface DrainableServer {
  readonly draining: boolean;
  /** Requests whose response has not been sent completely yet. */
  readonly inFlight: number;
  /**
   * From this call on, /ready answers 503 `{ status: "stopping" }`, /health 200 (the process is alive) and every
   * other new request 503 with `Retry-After`, all with `Connection: close`; idle kept-alive connections are closed
   * and the requests in flight answer with `Connection: close`. Once they are done, or after `graceMs` (the rest
   * are then cut), the port is closed. Calling it again returns the same drain.
   */
  drain(graceMs: number): Promise<ShutdownReport>;
}

/**
 * Takes over the request handling of `server` (created with the app as its request listener) so that it can be
 * drained. The port stays open while requests are in flight, so that a load balancer's or orchestrator's readiness
 * probe gets a clear 503 instead of a refused connection; it closes as soon as nothing is left to finish.
 */
export function drainable(server: Server, service: string): DrainableServer {
  const handlers = server.listeners("request") as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners("request");
  const inFlight = new Set<ServerResponse>();
  let draining: Promise<ShutdownReport> | null = null;
  let settle: (() => void) | null = null;

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (draining) return refuse(req, res, service);
    inFlight.add(res);
    const done = () => {
      if (!inFlight.delete(res)) return;
      if (draining) {
        // The socket of a response that was already under way keeps alive; it is idle now.
        setImmediate(() => server.closeIdleConnections());
        if (inFlight.size === 0) settle?.();
      }
    };
    res.once("close", () => {
      if (res.writableEnded) return done();
      // The client went away first, but the handler (a write, say) still runs: it is in flight until it answers.
      const end = res.end;
      res.end = function (this: ServerResponse, ...args: Parameters<ServerResponse["end"]>) {
        const result = end.apply(this, args);
        done();
        return result;
      } as ServerResponse["end"];
    });
    for (const handle of handlers) handle.call(server, req, res);
  });

  return {
    get draining() {
      return draining !== null;
    },
    get inFlight() {
      return inFlight.size;
    },
    drain(graceMs) {
      draining ??= (async () => {
        const started = inFlight.size;
        for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
        server.closeIdleConnections();
        let timer: NodeJS.Timeout | undefined;
        if (inFlight.size > 0) {
          await new Promise<void>((done) => {
            settle = done;
            timer = setTimeout(done, graceMs);
          });
          clearTimeout(timer);
        }
        const cut = inFlight.size;
        const closed = new Promise<void>((done) => server.close(() => done()));
        // Requests still running after the grace period, and sockets that never sent one, go now.
        server.closeAllConnections();
        await closed;
        return { finished: started - cut, cut };
      })();
      return draining;
    },
  };
}

/** The answer to a request that arrives while the server drains: not ready, alive, and come back elsewhere. */
function refuse(req: IncomingMessage, res: ServerResponse, service: string): void {
  req.resume();
  const path = (req.url ?? "").split("?")[0];
  let status = 503;
  let body: unknown;
  if (path === "/ready") body = { status: "stopping", service };
  else if (path === "/health") {
    status = 200;
    body = { status: "ok", service };
  } else {
    body = {
      errors: [
        {
          message: `The ${service} is shutting down and takes no new requests; please try again.`,
          extensions: { code: "UNAVAILABLE", service },
        },
      ],
    };
  }
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    Connection: "close",
    ...(status === 503 ? { "Retry-After": "1" } : {}),
  });
  res.end(JSON.stringify(body));
}

/** What a process runs to stop: drain its server, then close what it holds. */
export type StopProcess = () => Promise<ShutdownReport>;

/**
 * Stops the process cleanly on SIGTERM or SIGINT (and when `onParentGone` calls the returned function): one line
 * when stopping, one when stopped, exit 0 when every request in flight finished and everything closed, 1 when
 * requests had to be cut or something failed to close within the grace period + SHUTDOWN_CLOSE_MS. A second
 * signal exits at once (code 1).
 */
export function stopOnSignals(service: string, stop: StopProcess, graceMs: number = shutdownGraceMs()): () => void {
  let stopping = false;
  const log = serviceLogger(service);
  const begin = (reason: string) => {
    if (stopping) {
      log.error(`${reason} again while stopping: exiting now, requests in flight are cut.`);
      process.exit(1);
    }
    stopping = true;
    log.info(`stopping (${reason}): not ready, finishing requests in flight (grace ${graceMs} ms).`);
    const started = Date.now();
    const deadline = setTimeout(() => {
      log.error(`did not stop within ${graceMs + SHUTDOWN_CLOSE_MS} ms; exiting.`);
      process.exit(1);
    }, graceMs + SHUTDOWN_CLOSE_MS);
    stop().then(
      (report) => {
        clearTimeout(deadline);
        const cut = report.cut > 0 ? `, ${report.cut} cut after the grace period` : "";
        log.info(`stopped after ${Date.now() - started} ms: ${report.finished} request(s) in flight finished${cut}.`);
        process.exit(report.cut > 0 ? 1 : 0);
      },
      (e: unknown) => {
        clearTimeout(deadline);
        log.error({ error: describeError(e) }, "failed to stop cleanly");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => begin("SIGTERM"));
  process.on("SIGINT", () => begin("SIGINT"));
  // A launcher that goes away while this process drains (it was killed, say) is no reason to cut the drain short.
  return () => {
    if (!stopping) begin("launcher gone");
  };
}
