import { DataSource } from "typeorm";
import { createPlacementLoaders } from "./placements/placement.loaders";

/** All DataLoaders of the housing subgraph, built per request in the context factory. */
export function createHousingLoaders(dataSource: DataSource) {
  return { ...createPlacementLoaders(dataSource) };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
