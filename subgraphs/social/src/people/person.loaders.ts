import { isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { Household } from "./household.entity";
import { Person } from "./person.entity";

/** The people and households loaders of one request (per request). */
export function createPeopleLoaders(dataSource: DataSource) {
  const people = dataSource.getRepository(Person);
  const households = dataSource.getRepository(Household);
  return {
    personById: new DataLoader<string, Person | null>(async (ids) => {
      const rows = await people.findBy({ id: In(ids.filter(isUuid)) });
      const byId = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    householdById: new DataLoader<string, Household | null>(async (ids) => {
      const rows = await households.findBy({ id: In(ids.filter(isUuid)) });
      const byId = new Map(rows.map((h) => [h.id, h]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    membersByHousehold: new DataLoader<string, Person[]>(async (ids) => {
      const rows = await people.find({
        where: { householdId: In(ids.filter(isUuid)) },
        order: { birthDate: "ASC", givenName: "ASC" },
      });
      const byHousehold = new Map<string, Person[]>(ids.map((id) => [id, []]));
      for (const p of rows) byHousehold.get(p.householdId)?.push(p);
      return ids.map((id) => byHousehold.get(id) ?? []);
    }),
  };
}

export type PeopleLoaders = ReturnType<typeof createPeopleLoaders>;
