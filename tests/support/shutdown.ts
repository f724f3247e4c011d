import { SubgraphName } from "@reception-graph/kit";
import { request as httpRequest } from "node:http";
import { CreatedDatabase } from "./db";
import { startServiceProcess, ServiceProcess } from "./faults/process";
import { internalToken, TEST_INTERNAL_KEYS, TokenClaims } from "./tokens";

/** The social worker whose registrations the shutdown tests send (an idempotency key belongs to its caller). */
export const REGISTRAR: TokenClaims = { sub: "sw-shutdown", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };

export const REGISTER_HOUSEHOLD = `mutation Register($input: RegisterHouseholdInput!) {
  registerHousehold(input: $input) { id members { id givenName } }
}`;

/** A two-person household, keyed for a repeat-safe registration. */
export function householdInput(idempotencyKey: string, familyName: string) {
  return {
    idempotencyKey,
    members: [
      { givenName: "Olena", familyName, birthDate: "1985-03-02", sex: "FEMALE" },
      { givenName: "Taras", familyName, birthDate: "2014-09-21", sex: "MALE" },
    ],
  };
}

/** The social subgraph as its own process on `db` (migrating as its owner role, serving as its application role). */
export function startSocialProcess(db: CreatedDatabase, env: Record<string, string> = {}): Promise<ServiceProcess> {
  return startServiceProcess({
    entry: "subgraphs/social/src/main.ts",
    portVariable: "SOCIAL_PORT",
    env: {
      SOCIAL_DATABASE_URL: db.url,
      SOCIAL_MIGRATION_DATABASE_URL: db.ownerUrl,
      INTERNAL_TOKEN_PUBLIC_KEYS: TEST_INTERNAL_KEYS.publicKeyPem,
      ...env,
    },
    readyTimeoutMs: 120_000,
  });
}

/** POSTs an operation straight to a subgraph process as the gateway would (an internal token for it). */
export async function postToSubgraph(
  baseUrl: string,
  subgraph: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
  as: TokenClaims = REGISTRAR,
): Promise<{ status: number; body: any; connection: string | null }> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await internalToken(as, "CASE_MANAGEMENT", [subgraph])}`,
      "x-purpose": "CASE_MANAGEMENT",
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json(), connection: res.headers.get("connection") };
}

/** One HTTP request on a connection of its own (no pooled keep-alive socket), as a new client would send it. */
export function freshRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text
        }
        resolve({ status: res.statusCode!, headers: res.headers, body });
      });
    });
    req.once("error", reject);
    req.end(init.body);
  });
}

/** The registration a new client would send during a drain, on its own connection. */
export async function freshRegistration(baseUrl: string, key: string, familyName: string) {
  return freshRequest(`${baseUrl}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${await internalToken(REGISTRAR, "CASE_MANAGEMENT", ["social"])}`,
    },
    body: JSON.stringify({ query: REGISTER_HOUSEHOLD, variables: { input: householdInput(key, familyName) } }),
  });
}
