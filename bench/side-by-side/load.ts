import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";

export interface LoadResult {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  /** Requests whose answer was not a 200 with data of the expected shape and no errors. */
  failures: number;
  firstFailures: string[];
}

export interface Exchange {
  status: number;
  body: any;
}

/** One keep-alive pool per target, as a client application holds one. */
export function client(url: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const target = new URL(url);
  return {
    post(body: unknown, headers: Record<string, string>): Promise<Exchange> {
      const payload = Buffer.from(JSON.stringify(body));
      return new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: "POST",
            headers: { "content-type": "application/json", "content-length": payload.length, ...headers },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
              const text = Buffer.concat(chunks).toString("utf8");
              let parsed: unknown = null;
              try {
                parsed = JSON.parse(text);
              } catch {
                parsed = { unparsed: text.slice(0, 300) };
              }
              resolve({ status: res.statusCode ?? 0, body: parsed });
            });
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(payload);
      });
    },
    close: () => agent.destroy(),
  };
}
export type Client = ReturnType<typeof client>;

/** What is wrong with one answer (status, errors, shape), or null. */
export function judge(res: Exchange, check: (data: any) => string | null): string | null {
  if (res.status !== 200) return `status ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`;
  if (res.body?.errors?.length) return `errors: ${JSON.stringify(res.body.errors).slice(0, 300)}`;
  return check(res.body?.data);
}

/**
 * `total` requests, `concurrency` at a time; request i is built by `send(i)` (each i its own variables), and
 * every answer is judged.
 */
export async function runLoad(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Exchange>,
  check: (data: any) => string | null,
): Promise<LoadResult> {
  let next = 0;
  let failures = 0;
  const firstFailures: string[] = [];
  const latenciesMs: number[] = [];
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const s = performance.now();
        let wrong: string | null;
        try {
          wrong = judge(await send(i), check);
        } catch (e) {
          wrong = `request failed: ${(e as Error).message}`;
        }
        latenciesMs.push(performance.now() - s);
        if (wrong) {
          failures++;
          if (firstFailures.length < 3) firstFailures.push(wrong);
        }
      }
    }),
  );
  return { requests: total, seconds: (performance.now() - t) / 1000, latenciesMs, failures, firstFailures };
}
