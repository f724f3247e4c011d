/** Flanders' population as the spreading key of 2022 used it (domain.md: 6.5 million). */
export const DEFAULT_REGION_POPULATION = 6_500_000;

/** The region population the spreading key divides by: HOUSING_REGION_POPULATION, else 6,500,000. */
export function regionPopulation(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.HOUSING_REGION_POPULATION;
  if (raw === undefined || raw === "") return DEFAULT_REGION_POPULATION;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`HOUSING_REGION_POPULATION=${raw} is not a positive whole number.`);
  return n;
}

/**
 * The richtcijfer: a municipality's share of a regional target, in proportion
 * to its inhabitants, rounded down to whole places. Integer arithmetic so that
 * large targets never suffer from floating-point rounding.
 */
export function targetPlaces(regionalTarget: number, inhabitants: number, population: number): number {
  return Number((BigInt(regionalTarget) * BigInt(inhabitants)) / BigInt(population));
}
