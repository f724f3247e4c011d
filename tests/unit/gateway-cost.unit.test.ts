// The gateway's cost rule and limits, without a network: page sizes multiply (literal, variable, default),
// a connection's edges are not counted twice, plain lists count as `listSize`, objects crossing to another
// partner weigh extra, introspection is free and a fragment named like it is not; and every operation the
// repository's own code sends (tests, demo loader, explorer examples, dashboard, export routes) and every
// trusted document fits within the default limits, so that the limits refuse only what no real caller asks.
import { Supergraph } from "@apollo/federation-internals";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DocumentNode,
  getIntrospectionQuery,
  Kind,
  Lexer,
  OperationDefinitionNode,
  parse,
  Source,
  TokenKind,
  validate,
} from "graphql";
import { subjectAccessOperation } from "../../gateway/src/dpo/subject-access";
import { indicatorsOperation } from "../../gateway/src/reports/indicator-report";
import { DEFAULT_LIMITS, limitsFromEnv } from "../../gateway/src/limits/config";
import { DEFAULT_COST_WEIGHTS, operationCost, subgraphMapOf } from "../../gateway/src/limits/cost";
import { TRUSTED_DOCUMENTS_MANIFEST, TrustedDocuments } from "../../gateway/src/limits/trusted-documents";
import { buildTrustedDocumentManifest, manifestText } from "../../scripts/trusted-documents";
import { dashboardOperations, repositoryOperations } from "../support/operations";

const sdl = readFileSync(join(__dirname, "..", "..", "schema", "supergraph.graphql"), "utf8");
const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
const subgraphs = subgraphMapOf(sdl);

function operationOf(document: DocumentNode): OperationDefinitionNode {
  return document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
}

function cost(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  return operationCost(schema, subgraphs, document, operationOf(document), variables);
}

function tokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/** The aliases and directives armor's rules find over their limits (errors reported, not thrown). */
function armorRejections(document: DocumentNode): string[] {
  const rejected: string[] = [];
  validate(schema, document, [
    maxAliasesRule({
      n: DEFAULT_LIMITS.maxAliases,
      propagateOnRejection: false,
      onReject: [(_c, e) => rejected.push(e.message)],
    }),
    maxDirectivesRule({
      n: DEFAULT_LIMITS.maxDirectives,
      propagateOnRejection: false,
      onReject: [(_c, e) => rejected.push(e.message)],
    }),
  ]);
  return rejected;
}

test("a page multiplies its fields; the connection's edges are not multiplied again", () => {
  // people (1) + 100 × (edges 1 + node 1 + id 1 + givenName 1)
  expect(cost(`{ people(first: 100) { edges { node { id givenName } } } }`)).toEqual({ cost: 401, hops: 0 });
  expect(cost(`query Q($n: Int) { people(first: $n) { edges { node { id } } } }`, { n: 10 }).cost).toBe(31);
  // A variable's default, then the subgraphs' default page of 50.
  expect(cost(`query Q($n: Int = 20) { people(first: $n) { edges { node { id } } } }`).cost).toBe(61);
  expect(cost(`{ people { edges { node { id } } } }`).cost).toBe(1 + DEFAULT_COST_WEIGHTS.defaultPage * 3);
});

test("aliases add up: 100 aliases of people(first: 100) cost a hundred times one", () => {
  const one = cost(`{ people(first: 100) { edges { node { id } } } }`).cost;
  const many = cost(
    `{ ${Array.from({ length: 100 }, (_, i) => `p${i}: people(first: 100) { edges { node { id } } }`).join(" ")} }`,
  );
  expect(many.cost).toBe(100 * one);
  expect(many.cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
});

test("a field another partner resolves is a hop, weighed per object crossing", () => {
  const local = cost(`{ people(first: 10) { edges { node { givenName } } } }`);
  const crossing = cost(`{ people(first: 10) { edges { node { placement { id } } } } }`);
  expect(local.hops).toBe(0);
  // placement is housing's, reached from social's people: one hop per person of the page.
  expect(crossing.hops).toBe(10);
  expect(crossing.cost).toBe(local.cost + 10 * (DEFAULT_COST_WEIGHTS.hopCost + 1));
});

test("a plain list without first counts as listSize objects", () => {
  const one = cost(`query Q($id: ID!) { person(id: $id) { household { id } } }`).cost;
  const members = cost(`query Q($id: ID!) { person(id: $id) { household { id members { id } } } }`).cost;
  expect(members - one).toBe(1 + DEFAULT_COST_WEIGHTS.listSize);
});

test("introspection costs nothing, but a fragment named like it is counted as any fragment", () => {
  expect(cost(getIntrospectionQuery()).cost).toBe(0);
  const viaFragment = cost(
    `query Q { ...__schema } fragment __schema on Query { people(first: 100) { edges { node { id } } } }`,
  );
  expect(viaFragment.cost).toBe(cost(`{ people(first: 100) { edges { node { id } } } }`).cost);
});

test("the limits come from the environment, and a bad value stops the start naming it", () => {
  expect(limitsFromEnv({})).toEqual(DEFAULT_LIMITS);
  expect(limitsFromEnv({ GRAPHQL_MAX_COST: "900", TRUSTED_DOCUMENTS: "OFF" })).toMatchObject({
    maxCost: 900,
    trustedDocuments: "off",
  });
  expect(() => limitsFromEnv({ RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(
    'RATE_LIMIT_PER_MINUTE="lots" is not a positive whole number.',
  );
  expect(() => limitsFromEnv({ TRUSTED_DOCUMENTS: "some" })).toThrow(
    'TRUSTED_DOCUMENTS="some" is not one of apps, off, all.',
  );
});

test("every operation the repository's code sends fits within the default limits", () => {
  const found = repositoryOperations(["tests", "scripts", "gateway/src", "bench"]);
  const sar = parse(subjectAccessOperation(schema));
  // The exports' operations are built from pieces: the indicators (all sites, one site) and the subject access.
  for (const withSite of [false, true]) {
    const document = parse(indicatorsOperation(withSite));
    found.push({
      file: "gateway/src/reports/indicator-report.ts",
      name: "Indicators",
      document,
      operation: operationOf(document),
    });
  }
  const dashboard = dashboardOperations();
  expect(dashboard.map((o) => o.name)).toEqual(expect.arrayContaining(["DashboardIndicators", "DashboardFeedback"]));
  found.push(...dashboard);
  found.push({
    file: "gateway/src/dpo/subject-access.ts",
    name: "SubjectAccessExport",
    document: sar,
    operation: operationOf(sar),
  });
  // A lower bound: the collector reads what it should (tests alone hold hundreds of operations).
  expect(found.length).toBeGreaterThan(400);
  const over: string[] = [];
  for (const op of found) {
    // Pages asked through a variable at their largest (100; the audit trail's 200 is a literal).
    const { cost: c } = operationCost(schema, subgraphs, op.document, op.operation, { first: 100, n: 100 });
    if (c > DEFAULT_LIMITS.maxCost) over.push(`${op.file} ${op.name}: cost ${c}`);
    const t = tokens(readableSource(op.document));
    if (t > DEFAULT_LIMITS.maxTokens) over.push(`${op.file} ${op.name}: ${t} tokens`);
    for (const message of armorRejections(op.document)) over.push(`${op.file} ${op.name}: ${message}`);
  }
  // The one deliberately over-deep operation is refused by the depth rule first, and is within the cost.
  expect(over).toEqual([]);
});

function readableSource(document: DocumentNode): string {
  return document.loc?.source.body ?? "";
}

test("the trusted-documents manifest is what the .graphql files give today, each document valid and within the limits", () => {
  const fresh = buildTrustedDocumentManifest();
  expect(readFileSync(TRUSTED_DOCUMENTS_MANIFEST, "utf8")).toBe(manifestText(fresh));
  expect(fresh.operations.length).toBeGreaterThanOrEqual(8);
  const documents = TrustedDocuments.load();
  expect(documents.size).toBe(fresh.operations.length);
  for (const op of fresh.operations) {
    const document = parse(op.body);
    expect(validate(schema, document)).toEqual([]);
    expect(documents.get(op.id)?.body).toBe(op.body);
    expect(operationCost(schema, subgraphs, document, operationOf(document), { first: 100 }).cost).toBeLessThanOrEqual(
      DEFAULT_LIMITS.maxCost,
    );
  }
});

test("a manifest whose id is not the hash of its body is refused at start", () => {
  expect(
    () =>
      new TrustedDocuments({
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ id: "0".repeat(64), name: "Sites", type: "query", body: "query Sites { sites { id } }" }],
      }),
  ).toThrow(/is not the sha256 of its body/);
});
