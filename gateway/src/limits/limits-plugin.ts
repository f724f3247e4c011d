import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  validate,
} from "graphql";
import type { GatewayCaller } from "../auth";
import { LimitsConfig } from "./config";
import { operationCost, SubgraphMap } from "./cost";

function tooComplex(message: string, extra: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", ...extra, http: { status: 400 } } });
}

/** Whether an operation asks the schema itself (`__schema`, `__type` at its root, fragments followed). */
export function asksIntrospection(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const visit = (set: SelectionSetNode, seen: ReadonlySet<string>): boolean =>
    set.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === "__schema" || s.name.value === "__type";
      if (s.kind === Kind.INLINE_FRAGMENT) return visit(s.selectionSet, seen);
      const fragment = fragments.get(s.name.value);
      return !!fragment && !seen.has(s.name.value) && visit(fragment.selectionSet, new Set([...seen, s.name.value]));
    });
  return visit(operation.selectionSet, new Set());
}

/** graphql-js's refusal of a document over ParseOptions.maxTokens (16.x writes "more that"). */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/;

/** Apollo's parse options of the limits: graphql-js counts tokens as it reads and stops at the limit. */
export function limitsParseOptions(config: LimitsConfig): { maxTokens: number } {
  return { maxTokens: config.maxTokens };
}

/** "Did you mean …?" of graphql-js's validation messages. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The gateway's limits inside Apollo's request pipeline, for /graphql and the routes that run
 * operations (exports) alike:
 * - tokens: graphql-js's parser stops at `maxTokens` (Apollo's parseOptions, see `parseOptions` below), so
 *   a huge document is never parsed nor validated in full; this plugin gives that refusal our code. A
 *   document Apollo already parsed and validated (its cache, keyed by the document's sha256) is not
 *   parsed again;
 * - aliases and directives (graphql-armor's rules), once per parsed document;
 * - the cost (cost.ts), per request, since `first` may come from the variables;
 * - introspection and field suggestions only for people signed in, not for apps.
 * Each refusal is QUERY_TOO_COMPLEX (400) naming the limit and the value measured; nothing has run.
 */
export function limitsPlugin<C extends { caller?: GatewayCaller } & object>(
  config: LimitsConfig,
  subgraphs: () => SubgraphMap | null,
): ApolloServerPlugin<C> {
  const counted = new WeakMap<DocumentNode, readonly GraphQLError[]>();
  const staticChecks = (schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] => {
    let found = counted.get(document);
    if (!found) {
      const errors: GraphQLError[] = [];
      validate(schema, document, [
        maxAliasesRule({
          n: config.maxAliases,
          propagateOnRejection: false,
          onReject: [(_ctx, error) => errors.push(limitError("aliases", config.maxAliases, error))],
        }),
        maxDirectivesRule({
          n: config.maxDirectives,
          propagateOnRejection: false,
          onReject: [(_ctx, error) => errors.push(limitError("directives", config.maxDirectives, error))],
        }),
      ]);
      found = errors;
      counted.set(document, found);
    }
    return found;
  };

  return {
    async requestDidStart({ contextValue }) {
      const mayIntrospect = !!contextValue.caller && contextValue.caller.app === undefined;
      return {
        async validationDidStart() {
          return async (errors) => {
            // The schema's names are only for those who may read the schema.
            if (errors && !mayIntrospect) for (const e of errors) e.message = e.message.replace(SUGGESTION, "");
          };
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors;
          const tokens = errors?.findIndex((e) => TOKEN_LIMIT.test(e.message)) ?? -1;
          if (tokens < 0) return;
          response.body.singleResult.errors = [
            {
              message: `The document has more than ${config.maxTokens} tokens (names, values and punctuation); at most ${config.maxTokens} are allowed. Split it into smaller operations.`,
              extensions: { code: "QUERY_TOO_COMPLEX", limit: config.maxTokens },
            },
          ];
        },
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          if (!mayIntrospect && asksIntrospection(document, operation)) {
            throw new GraphQLError(
              "Introspection (reading the schema) needs a person signed in; apps run their registered operations only.",
              { extensions: { code: "FORBIDDEN", http: { status: 403 } } },
            );
          }
          const errors = staticChecks(schema, document);
          if (errors.length) throw errors[0];
          const map = subgraphs();
          if (!map) return;
          const { cost, hops } = operationCost(schema, map, document, operation, request.variables ?? {});
          if (cost > config.maxCost) {
            throw tooComplex(
              `The operation costs ${cost} (lists multiplied by their page sizes, ${hops} objects crossing between partners); ` +
                `at most ${config.maxCost} is allowed. Ask for smaller pages (first) or fewer fields, or split it.`,
              { limit: config.maxCost, cost },
            );
          }
        },
      };
    },
  };
}

function limitError(what: string, limit: number, error: GraphQLError): GraphQLError {
  const found = /found (\d+)/.exec(error.message)?.[1];
  return tooComplex(
    `The operation has ${found ?? "too many"} ${what}; at most ${limit} are allowed. Split it into smaller operations.`,
    { limit },
  );
}
