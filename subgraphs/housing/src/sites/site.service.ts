import {
  assertNisCode,
  badInput,
  Caller,
  conflict,
  driverErrorOf,
  isUuid,
  notFound,
  once,
  requireText,
} from "@reception-graph/kit";
import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { requireMunicipality } from "../municipalities/municipality.service";
import { insertOffer, referenceTaken } from "../offers/offer.service";
import { MIN_FLOOR_AREA_PER_PERSON_M2, Room } from "./room.entity";
import { AddRoomInput, RegisterSiteInput, SiteFilter } from "./site.inputs";
import { Site } from "./site.entity";

/** Registers a site and its housing offer (TO_VALIDATE) in one transaction. Returns the site ID. */
export async function registerSite(dataSource: DataSource, input: RegisterSiteInput, caller: Caller): Promise<string> {
  const name = requireText(input.name, "input.name", 200);
  const operator = requireText(input.operator, "input.operator", 200);
  const address = requireText(input.address, "input.address", 300);
  const provider = input.provider != null ? requireText(input.provider, "input.provider", 200) : operator;
  const reference =
    input.offerReference != null ? requireText(input.offerReference, "input.offerReference", 100) : null;
  try {
    return await registerSiteInTransaction(dataSource, input, caller, { name, operator, address, provider, reference });
  } catch (e) {
    // The site and its offer are one transaction: a taken reference leaves no site behind either.
    if (referenceTaken(e))
      throw conflict(`An offer with reference ${reference} already exists; choose another offerReference.`, {
        field: "input.offerReference",
      });
    throw e;
  }
}

function registerSiteInTransaction(
  dataSource: DataSource,
  input: RegisterSiteInput,
  caller: Caller,
  text: { name: string; operator: string; address: string; provider: string; reference: string | null },
): Promise<string> {
  const { name, operator, address, provider, reference } = text;
  return dataSource.transaction(async (manager) => {
    const nisCode = await requireMunicipality(manager, input.nisCode, "input.nisCode");
    const { id } = await once(
      manager,
      { subject: caller.sub, operation: "registerSite" },
      input.idempotencyKey,
      input,
      async () => {
        const site = await manager.getRepository(Site).save(
          manager.create(Site, {
            name,
            kind: input.kind,
            operator,
            nisCode,
            address,
            sustainable: input.sustainable,
            accessible: input.accessible ?? false,
          }),
        );
        await insertOffer(manager, caller, {
          reference: reference ?? `SITE-${site.id}`,
          provider,
          nisCode,
          places: 0,
          kind: input.kind,
          sustainable: input.sustainable,
          availableFrom: null,
          siteId: site.id,
          note: `Registered with site ${name}.`,
        });
        return site.id;
      },
    );
    return id;
  });
}

/** Adds a room; refuses beds beyond 4 m² per person. The site's capacity follows by trigger. */
export async function addRoom(dataSource: DataSource, input: AddRoomInput, subject: string): Promise<string> {
  if (!isUuid(input.siteId))
    throw badInput("input.siteId", `siteId ${JSON.stringify(input.siteId)} is not a valid ID.`);
  const label = requireText(input.label, "input.label", 50);
  if (!Number.isInteger(input.beds) || input.beds < 1 || input.beds > 50)
    throw badInput("input.beds", `beds ${input.beds} must be a whole number from 1 to 50.`);
  if (!Number.isFinite(input.floorAreaM2) || input.floorAreaM2 <= 0 || input.floorAreaM2 > 10000)
    throw badInput("input.floorAreaM2", `floorAreaM2 ${input.floorAreaM2} must be a positive area in m².`);
  const maxBeds = Math.floor(input.floorAreaM2 / MIN_FLOOR_AREA_PER_PERSON_M2);
  if (input.beds > maxBeds) {
    throw badInput(
      "input.beds",
      `Room ${label} has ${input.floorAreaM2} m², enough for ${maxBeds} bed(s) at ${MIN_FLOOR_AREA_PER_PERSON_M2} m² per person; ${input.beds} beds is too many.`,
    );
  }
  return dataSource
    .transaction(async (manager) => {
      const site = await manager.getRepository(Site).findOneBy({ id: input.siteId.toLowerCase() });
      if (!site) throw notFound("Site", input.siteId);
      const { id } = await once(manager, { subject, operation: "addRoom" }, input.idempotencyKey, input, async () => {
        const taken = await manager.getRepository(Room).findOneBy({ siteId: site.id, label });
        if (taken) throw badInput("input.label", `Site ${site.name} already has a room labelled ${label}.`);
        const room = await manager.getRepository(Room).save(
          manager.create(Room, {
            id: randomUUID(),
            siteId: site.id,
            label,
            beds: input.beds,
            floorAreaM2: input.floorAreaM2,
            accessible: input.accessible ?? false,
          }),
        );
        return room.id;
      });
      return id;
    })
    .catch((e) => {
      // Two rooms with one label added at the same moment: the unique (site, label) constraint refuses the second.
      const driver = driverErrorOf(e);
      if (driver.code === "23505" && driver.constraint === "room_site_id_label_key")
        throw badInput("input.label", `The site already has a room labelled ${label}.`);
      throw e;
    });
}

/** Sites by name; all given filters apply together. */
export function listSites(dataSource: DataSource, f: SiteFilter): Promise<Site[]> {
  const qb = dataSource.getRepository(Site).createQueryBuilder("s");
  if (f.kind) qb.andWhere("s.kind = :kind", { kind: f.kind });
  if (f.nisCode != null) qb.andWhere("s.nis_code = :nis", { nis: assertNisCode(f.nisCode, "filter.nisCode") });
  if (f.sustainable != null) qb.andWhere("s.sustainable = :sus", { sus: f.sustainable });
  if (f.province)
    qb.andWhere("s.nis_code IN (SELECT nis_code FROM municipality WHERE province = :province)", {
      province: f.province,
    });
  if (f.validationStatus)
    qb.andWhere("s.id IN (SELECT site_id FROM housing_offer WHERE status = :vs AND site_id IS NOT NULL)", {
      vs: f.validationStatus,
    });
  return qb.orderBy("s.name", "ASC").addOrderBy("s.id", "ASC").getMany();
}
