import { DataSource } from "typeorm";
import { createPeopleLoaders } from "./people/person.loaders";

/** All DataLoaders of the social subgraph, built per request in the context factory. */
export function createSocialLoaders(dataSource: DataSource) {
  return { ...createPeopleLoaders(dataSource) };
}

export type SocialLoaders = ReturnType<typeof createSocialLoaders>;
