import type express from "express";
import { GatewayCaller, TokenVerifier } from "../auth";

/**
 * Who sent a request, as the limits need to know before GraphQL runs: the verified caller of a valid
 * bearer token, else null. A request's token is verified once: the rate limit, the trusted-documents check
 * and the request's context (which gives the 401 for a refused token) share the one verification.
 */
export class RequestCallers {
  private readonly seen = new WeakMap<express.Request, { token: string; verified: Promise<GatewayCaller> }>();

  constructor(private readonly verify: TokenVerifier) {}

  /** The token verifier for one request: a token this request's verification already answered is not checked again. */
  verifierFor(req: express.Request): TokenVerifier {
    return (token) => {
      const seen = this.seen.get(req);
      if (seen?.token === token) return seen.verified;
      const verified = this.verify(token);
      // Awaited by whoever asks; a refusal is theirs to report, never an unhandled rejection here.
      verified.catch(() => undefined);
      this.seen.set(req, { token, verified });
      return verified;
    };
  }

  of(req: express.Request): Promise<GatewayCaller | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    return match ? this.verifierFor(req)(match[1]).catch(() => null) : Promise.resolve(null);
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
