import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { GraphQLSchema, parse } from "graphql";
import { buildSchema, BuildSchemaOptions, createResolversMap } from "type-graphql";
import { copyDeclarations, enforceDataCategories } from "./access/data-category";
import { authChecker } from "./auth/auth-checker";
import { DateScalar, scalarsMap } from "./scalars";
import { RejectNulCharacters } from "./text-input";

/** The Federation 2 directives subgraphs may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])';

/** The root types' descriptions, the same in every subgraph so that composition keeps them. */
const QUERY_DESCRIPTION =
  "What partners can read. Each subgraph (social, housing, care, education) answers the fields of its own data; " +
  "who may read what depends on the caller's role, organisation and stated purpose (x-purpose header).";
const MUTATION_DESCRIPTION =
  "What partners can record or change. Each change goes to the subgraph that owns the data and is checked " +
  "against the caller's role, organisation and stated purpose.";

export type ReferenceResolvers = GraphQLResolverMap<unknown>;

/** Turns `{ Type: (representation, ctx, info) => entity }` into the `__resolveReference` resolver map. */
export function referenceResolvers<TContext>(
  byType: Record<string, (reference: any, context: TContext, info: any) => unknown>,
): ReferenceResolvers {
  return Object.fromEntries(
    Object.entries(byType).map(([type, resolve]) => [type, { __resolveReference: resolve }]),
  ) as ReferenceResolvers;
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers, the way
 * type-graphql's federation-2 example does: build with skipCheck, print with
 * directives, hand the SDL and resolvers (with __resolveReference) to buildSubgraphSchema.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck" | "authChecker" | "scalarsMap">,
  referenceResolvers?: ReferenceResolvers,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    orphanedTypes: [...(options.orphanedTypes ?? [])],
    // Every subgraph stores text in PostgreSQL, which cannot hold a NUL character.
    globalMiddlewares: [RejectNulCharacters, ...(options.globalMiddlewares ?? [])],
    scalarsMap,
    authChecker,
    skipCheck: true,
    validate: false,
  });
  // type-graphql gives the root types no description; the public schema describes every type.
  const queryType = schema.getQueryType();
  if (queryType) queryType.description = QUERY_DESCRIPTION;
  const mutationType = schema.getMutationType();
  if (mutationType) mutationType.description = MUTATION_DESCRIPTION;
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`;
  const resolvers: GraphQLResolverMap<unknown> = {
    ...(createResolversMap(schema) as GraphQLResolverMap<unknown>),
    Date: DateScalar,
  };
  // Reference resolvers go in the map buildSubgraphSchema reads, so it stores them where _entities looks.
  for (const [typeName, extra] of Object.entries(referenceResolvers ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(extra as object) } as never;
  }
  // Every declared personal field is checked and audited as declared, whichever resolver serves it.
  enforceDataCategories(schema, resolvers as Record<string, any>);
  const subgraph = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  copyDeclarations(schema, subgraph);
  return subgraph;
}
