import { buildSubgraphSchema } from "@apollo/subgraph";
import { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { addResolversToSchema } from "@graphql-tools/schema";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { GraphQLSchema, parse } from "graphql";
import { buildSchema, BuildSchemaOptions, createResolversMap } from "type-graphql";
import { authChecker } from "./auth/auth-checker";
import { DateScalar, scalarsMap } from "./scalars";

/** The Federation 2 directives subgraphs may use. */
const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@override"])';

export type ReferenceResolvers = GraphQLResolverMap<unknown>;

/**
 * Builds a Federation 2 subgraph schema from type-graphql resolvers, the way
 * type-graphql's federation-2 example does: build with skipCheck, print with
 * directives, hand the SDL to buildSubgraphSchema, then add __resolveReference.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck" | "authChecker" | "scalarsMap">,
  referenceResolvers?: ReferenceResolvers,
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    ...options,
    orphanedTypes: [...(options.orphanedTypes ?? [])],
    scalarsMap,
    authChecker,
    skipCheck: true,
    validate: false,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`;
  const federated = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: { ...(createResolversMap(schema) as GraphQLResolverMap<unknown>), Date: DateScalar },
  });
  if (referenceResolvers) {
    addResolversToSchema({ schema: federated, resolvers: referenceResolvers, updateResolversInPlace: true });
  }
  return federated;
}
