import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { HouseholdMembershipEvent } from "./household-membership.entity";
import { Household } from "./household.entity";
import { Person } from "./person.entity";

/** The people and households loaders of one request (per request). */
export function createPeopleLoaders(dataSource: DataSource) {
  const people = dataSource.getRepository(Person);
  return {
    personById: new DataLoader<string, Person | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, Person, "id", ids.filter(isUuid)), (p) => p.id),
    ),
    householdById: new DataLoader<string, Household | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, Household, "id", ids.filter(isUuid)), (h) => h.id),
    ),
    /** Current members (those who have not left), eldest first. */
    membersByHousehold: new DataLoader<string, Person[]>(async (ids) => {
      const rows = await findIn(dataSource, Person, "householdId", ids.filter(isUuid), {
        isNull: { leftHouseholdOn: true },
        order: { birthDate: "ASC", givenName: "ASC" },
      });
      return groupBy(ids, rows, (p) => p.householdId);
    }),
    formerMembersByHousehold: new DataLoader<string, Person[]>(async (ids) => {
      const rows = await findIn(dataSource, Person, "householdId", ids.filter(isUuid), {
        isNull: { leftHouseholdOn: false },
        order: { leftHouseholdOn: "ASC" },
      });
      return groupBy(ids, rows, (p) => p.householdId);
    }),
    membershipEventsByHousehold: new DataLoader<string, HouseholdMembershipEvent[]>(async (ids) => {
      const rows = await findIn(dataSource, HouseholdMembershipEvent, "householdId", ids.filter(isUuid), {
        order: { date: "ASC", seq: "ASC" },
      });
      return groupBy(ids, rows, (e) => e.householdId);
    }),
    /**
     * People in another household with the same folded name (transliteration
     * variants count as the same) and the same birth date: possible duplicates.
     */
    duplicatesByPerson: new DataLoader<string, Person[]>(async (ids) => {
      const pairs: { personId: string; otherId: string }[] = await dataSource.query(
        `SELECT a.id AS "personId", b.id AS "otherId" FROM person a
         JOIN person b ON b.name_key = a.name_key AND b.birth_date = a.birth_date AND b.household_id <> a.household_id
         WHERE a.id = ANY($1::uuid[])`,
        [ids.filter(isUuid)],
      );
      const others = pairs.length ? await people.findBy({ id: In(pairs.map((p) => p.otherId)) }) : [];
      const byId = new Map(others.map((p) => [p.id, p]));
      return groupBy(
        ids,
        pairs.map((p) => ({ personId: p.personId, other: byId.get(p.otherId)! })),
        (p) => p.personId,
      ).map((list) => list.map((p) => p.other));
    }),
  };
}

export type PeopleLoaders = ReturnType<typeof createPeopleLoaders>;
