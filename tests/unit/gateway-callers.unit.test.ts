// Scenario: one request to the gateway is seen by the rate limit, the trusted-documents check and the request's
// context, each needing its caller. The token is verified once for the request: a valid caller is shared, a refused
// token is refused to each asker with the verifier's own reason, and another request (or another token) is verified
// afresh.
import type express from "express";
import { GatewayCaller, TokenVerifier } from "../../gateway/src/auth";
import { RequestCallers } from "../../gateway/src/limits/callers";

const CALLER: GatewayCaller = {
  sub: "sw-1",
  org: "OCMW_GENT",
  roles: ["SOCIAL_WORKER"],
  sites: [],
  schools: [],
  organisations: [],
};

function counting(): { verify: TokenVerifier; calls: string[] } {
  const calls: string[] = [];
  const verify: TokenVerifier = async (token) => {
    calls.push(token);
    if (token === "good") return CALLER;
    throw new Error("signature verification failed");
  };
  return { verify, calls };
}

const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as express.Request;

test("a valid token is verified once per request, whoever asks", async () => {
  const { verify, calls } = counting();
  const callers = new RequestCallers(verify);
  const req = request("Bearer good");
  expect(await callers.of(req)).toEqual(CALLER);
  expect(await callers.of(req)).toEqual(CALLER);
  expect(await callers.verifierFor(req)("good")).toEqual(CALLER);
  expect(calls).toEqual(["good"]);
  // The next request verifies its own token.
  expect(await callers.of(request("Bearer good"))).toEqual(CALLER);
  expect(calls).toEqual(["good", "good"]);
});

test("a refused token is refused to every asker with the verifier's reason, verified once", async () => {
  const { verify, calls } = counting();
  const callers = new RequestCallers(verify);
  const req = request("Bearer forged");
  expect(await callers.of(req)).toBeNull();
  await expect(callers.verifierFor(req)("forged")).rejects.toThrow("signature verification failed");
  expect(calls).toEqual(["forged"]);
});

test("no bearer token: no caller and nothing verified; another token on the same request is verified itself", async () => {
  const { verify, calls } = counting();
  const callers = new RequestCallers(verify);
  expect(await callers.of(request())).toBeNull();
  expect(await callers.of(request("Basic abc"))).toBeNull();
  expect(calls).toEqual([]);
  const req = request("Bearer forged");
  expect(await callers.of(req)).toBeNull();
  expect(await callers.verifierFor(req)("good")).toEqual(CALLER);
  expect(calls).toEqual(["forged", "good"]);
});
