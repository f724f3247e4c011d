import { indexBy, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { Municipality } from "./municipality.entity";

/** Counts per municipality, for the Municipality fields. */
export interface MunicipalityStats {
  validatedPlaces: number;
  offeredPlaces: number;
  siteCount: number;
  allocatedPersons: number;
}

/** Municipality loaders of one request. */
export function createMunicipalityLoaders(dataSource: DataSource) {
  return {
    municipalityByNis: new DataLoader<string, Municipality | null>(async (codes) =>
      indexBy(codes, await findIn(dataSource, Municipality, "nisCode", [...codes]), (m) => m.nisCode),
    ),
    municipalityStats: new DataLoader<string, MunicipalityStats>(async (codes) => {
      const rows: (MunicipalityStats & { nisCode: string })[] = await dataSource.query(
        `SELECT m.nis_code AS "nisCode",
                COALESCE((SELECT SUM(o.places) FROM housing_offer o WHERE o.nis_code = m.nis_code AND o.status = 'VALIDATED'), 0) AS "validatedPlaces",
                COALESCE((SELECT SUM(o.places) FROM housing_offer o WHERE o.nis_code = m.nis_code AND o.status <> 'REJECTED'), 0) AS "offeredPlaces",
                (SELECT COUNT(*) FROM site s WHERE s.nis_code = m.nis_code) AS "siteCount",
                COALESCE((SELECT SUM(a.persons) FROM allocation a WHERE a.nis_code = m.nis_code), 0) AS "allocatedPersons"
         FROM municipality m WHERE m.nis_code = ANY($1::text[])`,
        [codes],
      );
      const byNis = new Map(rows.map((r) => [r.nisCode, r]));
      return codes.map(
        (c) => byNis.get(c) ?? { nisCode: c, validatedPlaces: 0, offeredPlaces: 0, siteCount: 0, allocatedPersons: 0 },
      );
    }),
  };
}
