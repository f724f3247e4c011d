import type express from "express";
import { GatewayCaller, TokenVerifier } from "../auth";

/**
 * Who sent a request, as the limits need to know before GraphQL runs: the verified caller of a valid
 * bearer token, else null. Verified once per request and shared by the rate limit and the
 * trusted-documents check; the GraphQL context verifies the token again and gives the 401.
 */
export class RequestCallers {
  private readonly seen = new WeakMap<express.Request, Promise<GatewayCaller | null>>();

  constructor(private readonly verify: TokenVerifier) {}

  of(req: express.Request): Promise<GatewayCaller | null> {
    let caller = this.seen.get(req);
    if (!caller) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
      caller = match ? this.verify(match[1]).catch(() => null) : Promise.resolve(null);
      this.seen.set(req, caller);
    }
    return caller;
  }
}

/** The client's address as the socket shows it (behind a proxy, every client shares the proxy's). */
export function clientAddress(req: express.Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}

/** A GraphQL error body, the shape every refusal of the gateway answers with. */
export function refuse(
  res: express.Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}
