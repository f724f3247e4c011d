import { Caller, isUuid } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";

/**
 * The "own" scope of access.md for a SITE_COORDINATOR: people with an open
 * placement at one of the caller's sites. Housing holds the placements, so
 * this is local data; peers ask it through `_ownPeople`.
 */
export function createOwnScopeLoaders(dataSource: DataSource, caller: Caller) {
  return {
    /** "Own" people of a SITE_COORDINATOR: an open placement at one of the caller's sites. */
    ownPerson: new DataLoader<string, boolean>(async (ids) => {
      const sites = caller.sites.filter(isUuid);
      if (sites.length === 0) return ids.map(() => false);
      const rows: { person_id: string }[] = await dataSource.query(
        `SELECT DISTINCT person_id FROM placement
         WHERE person_id = ANY($1::uuid[]) AND site_id = ANY($2::uuid[]) AND move_out_date IS NULL`,
        [ids.filter(isUuid), sites],
      );
      const own = new Set(rows.map((r) => r.person_id));
      return ids.map((id) => own.has(id));
    }),
  };
}

/** The IDs among `ids` that the loader says are the caller's own. */
export async function ownAmong(ownPerson: DataLoader<string, boolean>, ids: readonly string[]): Promise<string[]> {
  const own = await ownPerson.loadMany(ids);
  return ids.filter((_, i) => own[i] === true);
}
