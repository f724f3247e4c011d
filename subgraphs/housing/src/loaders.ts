import { Caller, groupBy, indexBy, isUuid, RequestInfo } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource, In } from "typeorm";
import { CommitteeMember, ResidentsCommittee } from "./committees/committee.entity";
import { Municipality } from "./municipalities/municipality.entity";
import { HousingOffer, OfferStatusChange } from "./offers/housing-offer.entity";
import { SocialPeer } from "./peers/social-peer";
import { Placement } from "./placements/placement.entity";
import { RentCharge } from "./rent/rent-charge.entity";
import { Room } from "./sites/room.entity";
import { Site } from "./sites/site.entity";
import { StockLevel } from "./stock/stock-level.entity";

/** Counts per municipality, for the Municipality fields. */
export interface MunicipalityStats {
  validatedPlaces: number;
  offeredPlaces: number;
  siteCount: number;
  allocatedPersons: number;
}

/** One page of a site's residents (open placements). */
export interface ResidentsPageKey {
  siteId: string;
  limit: number;
  offset: number;
}

/** All DataLoaders of the housing subgraph, built per request in the context factory. */
export function createHousingLoaders(dataSource: DataSource, caller: Caller, request: RequestInfo) {
  const uuids = (ids: readonly string[]) => ids.filter(isUuid);
  return {
    /** Link to the social subgraph for this request, on behalf of the same caller and purpose. */
    social: new SocialPeer(request.peers, caller, request.purpose, request.requestId),

    siteById: new DataLoader<string, Site | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(Site).findBy({ id: In(uuids(ids)) }), (s) => s.id),
    ),
    municipalityByNis: new DataLoader<string, Municipality | null>(async (codes) =>
      indexBy(
        codes,
        await dataSource.getRepository(Municipality).findBy({ nisCode: In([...codes]) }),
        (m) => m.nisCode,
      ),
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
    sitesByNis: new DataLoader<string, Site[]>(async (codes) =>
      groupBy(
        codes,
        await dataSource.getRepository(Site).find({ where: { nisCode: In([...codes]) }, order: { name: "ASC" } }),
        (s) => s.nisCode,
      ),
    ),
    offerById: new DataLoader<string, HousingOffer | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(HousingOffer).findBy({ id: In(uuids(ids)) }), (o) => o.id),
    ),
    offerBySite: new DataLoader<string, HousingOffer | null>(async (ids) =>
      indexBy(
        ids,
        await dataSource.getRepository(HousingOffer).findBy({ siteId: In(uuids(ids)) }),
        (o) => o.siteId ?? "",
      ),
    ),
    historyByOffer: new DataLoader<string, OfferStatusChange[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(OfferStatusChange)
          .find({ where: { offerId: In(uuids(ids)) }, order: { at: "ASC" } }),
        (c) => c.offerId,
      ),
    ),
    roomsBySite: new DataLoader<string, Room[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource.getRepository(Room).find({ where: { siteId: In(uuids(ids)) }, order: { label: "ASC" } }),
        (r) => r.siteId,
      ),
    ),
    roomById: new DataLoader<string, Room | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(Room).findBy({ id: In(uuids(ids)) }), (r) => r.id),
    ),
    placementById: new DataLoader<string, Placement | null>(async (ids) =>
      indexBy(ids, await dataSource.getRepository(Placement).findBy({ id: In(uuids(ids)) }), (p) => p.id),
    ),
    placementsByPerson: new DataLoader<string, Placement[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(Placement)
          .find({ where: { personId: In(uuids(ids)) }, order: { moveInDate: "DESC", createdAt: "DESC" } }),
        (p) => p.personId,
      ),
    ),
    residentsPage: new DataLoader<ResidentsPageKey, { items: Placement[]; total: number }, string>(
      async (keys) => {
        const siteIds = [...new Set(keys.map((k) => k.siteId))];
        const rows: { id: string; site_id: string; rn: number; total: number }[] = await dataSource.query(
          `SELECT id, site_id, ROW_NUMBER() OVER w - 1 AS rn, COUNT(*) OVER (PARTITION BY site_id) AS total
           FROM placement WHERE site_id = ANY($1::uuid[]) AND move_out_date IS NULL
           WINDOW w AS (PARTITION BY site_id ORDER BY move_in_date, household_id, id)`,
          [siteIds],
        );
        const wanted = rows.filter((r) =>
          keys.some((k) => k.siteId === r.site_id && r.rn >= k.offset && r.rn < k.offset + k.limit),
        );
        const full = await dataSource.getRepository(Placement).findBy({ id: In(wanted.map((r) => r.id)) });
        const byId = new Map(full.map((p) => [p.id, p]));
        return keys.map((k) => {
          const site = rows.filter((r) => r.site_id === k.siteId);
          const items = site
            .filter((r) => r.rn >= k.offset && r.rn < k.offset + k.limit)
            .sort((a, b) => a.rn - b.rn)
            .map((r) => byId.get(r.id)!);
          return { items, total: site[0]?.total ?? 0 };
        });
      },
      { cacheKeyFn: (k) => `${k.siteId}|${k.limit}|${k.offset}` },
    ),
    stockBySite: new DataLoader<string, StockLevel[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource.getRepository(StockLevel).find({ where: { siteId: In(uuids(ids)) }, order: { item: "ASC" } }),
        (s) => s.siteId,
      ),
    ),
    currentCommitteeBySite: new DataLoader<string, ResidentsCommittee | null>(async (ids) => {
      const rows = await dataSource
        .getRepository(ResidentsCommittee)
        .find({ where: { siteId: In(uuids(ids)) }, order: { termStart: "DESC", createdAt: "DESC" } });
      // The latest term started is the committee in office.
      return groupBy(ids, rows, (c) => c.siteId).map((list) => list[0] ?? null);
    }),
    committeeMembers: new DataLoader<string, CommitteeMember[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource.getRepository(CommitteeMember).findBy({ committeeId: In(uuids(ids)) }),
        (m) => m.committeeId,
      ),
    ),
    rentChargesByHousehold: new DataLoader<string, RentCharge[]>(async (ids) =>
      groupBy(
        ids,
        await dataSource
          .getRepository(RentCharge)
          .find({ where: { householdId: In(uuids(ids)) }, order: { month: "DESC" } }),
        (c) => c.householdId,
      ),
    ),
    /** "Own" people of a SITE_COORDINATOR: an open placement at one of the caller's sites. */
    ownPerson: new DataLoader<string, boolean>(async (ids) => {
      const sites = caller.sites.filter(isUuid);
      if (sites.length === 0) return ids.map(() => false);
      const rows: { person_id: string }[] = await dataSource.query(
        `SELECT DISTINCT person_id FROM placement
         WHERE person_id = ANY($1::uuid[]) AND site_id = ANY($2::uuid[]) AND move_out_date IS NULL`,
        [uuids(ids), sites],
      );
      const own = new Set(rows.map((r) => r.person_id));
      return ids.map((id) => own.has(id));
    }),
  };
}

export type HousingLoaders = ReturnType<typeof createHousingLoaders>;
