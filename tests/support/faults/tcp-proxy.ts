import { createConnection, createServer, Server, Socket } from "node:net";

export interface TcpProxy {
  /** The loopback port the proxy listens on: give it to the client instead of the target's. */
  port: number;
  /** `http://127.0.0.1:<port>` followed by `path` (e.g. "/graphql"), for an HTTP target. */
  url(path?: string): string;
  /** Holds every chunk, both ways, `ms` before passing it on (0: no delay), like a slow or congested link. */
  delay(ms: number): void;
  /** Destroys the live connections and stops listening: new connections are refused (ECONNREFUSED). */
  cut(): Promise<void>;
  /** Passes traffic again without delay, listening on the same port. */
  restore(): Promise<void>;
  /** Connections accepted so far (a lower bound for tests that the client went through the proxy). */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy in front of a subgraph or a database, to make its connection slow, cut it, or refuse
 * it, while the server behind it keeps running unchanged.
 */
export async function startTcpProxy(target: { host?: string; port: number }, listenPort = 0): Promise<TcpProxy> {
  const host = target.host ?? "127.0.0.1";
  let delayMs = 0;
  let accepted = 0;
  const live = new Set<Socket>();

  /** Copies `from` to `to`, each chunk after the current delay, in order even when the delay changes. */
  function pipe(from: Socket, to: Socket): void {
    let notBefore = 0;
    let pending = 0;
    let ended = false;
    const endIfDrained = () => {
      if (ended && pending === 0) to.end();
    };
    from.on("data", (chunk) => {
      if (delayMs === 0 && pending === 0) {
        to.write(chunk);
        return;
      }
      notBefore = Math.max(Date.now() + delayMs, notBefore);
      pending++;
      setTimeout(() => {
        pending--;
        if (!to.destroyed) to.write(chunk);
        endIfDrained();
      }, notBefore - Date.now());
    });
    from.on("end", () => {
      ended = true;
      endIfDrained();
    });
  }

  function onConnection(client: Socket): void {
    accepted++;
    const upstream = createConnection({ host, port: target.port });
    for (const s of [client, upstream]) {
      live.add(s);
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
      s.on("close", () => {
        live.delete(s);
        // One side gone: the other goes too, as a broken link would.
        client.destroy();
        upstream.destroy();
      });
    }
    pipe(client, upstream);
    pipe(upstream, client);
  }

  let server: Server | null = null;
  let port = listenPort;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer(onConnection);
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        port = (s.address() as { port: number }).port;
        server = s;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      for (const socket of live) socket.destroy();
      if (!s) return resolve();
      s.close(() => resolve());
    });

  await listen();
  return {
    get port() {
      return port;
    },
    url: (path = "") => `http://127.0.0.1:${port}${path}`,
    delay(ms) {
      delayMs = ms;
    },
    cut: stopListening,
    async restore() {
      delayMs = 0;
      if (!server) await listen();
    },
    connections: () => accepted,
    close: stopListening,
  };
}
