import {
  assertNisCode,
  badInput,
  Caller,
  conflict,
  driverErrorOf,
  isIsoDate,
  isUuid,
  KeyColumn,
  keysetPage,
  KeysetPage,
  notFound,
  once,
  requireText,
  todayInBrussels,
} from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { requireMunicipality } from "../municipalities/municipality.service";
import { SiteKind } from "../sites/site.entity";
import { HousingOffer, ValidationStatus } from "./housing-offer.entity";
import { canTransition } from "./offer-status";
import { ChangeValidationStatusInput, HousingOfferFilter, RegisterHousingOfferInput } from "./offer.inputs";

export interface OfferData {
  reference: string;
  provider: string;
  nisCode: string;
  places: number;
  kind: SiteKind;
  sustainable: boolean;
  availableFrom: string | null;
  siteId?: string | null;
  note?: string | null;
}

/** Inserts an offer with status TO_VALIDATE and the first line of its history. */
export async function insertOffer(manager: EntityManager, caller: Caller, data: OfferData): Promise<string> {
  const [{ id }] = await manager.query(
    `INSERT INTO housing_offer (reference, provider, nis_code, places, kind, sustainable, available_from, site_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      data.reference,
      data.provider,
      data.nisCode,
      data.places,
      data.kind,
      data.sustainable,
      data.availableFrom,
      data.siteId ?? null,
    ],
  );
  await recordStatus(manager, caller, id, null, ValidationStatus.TO_VALIDATE, data.note ?? null, null);
  return id;
}

async function recordStatus(
  manager: EntityManager,
  caller: Caller,
  offerId: string,
  from: ValidationStatus | null,
  to: ValidationStatus,
  note: string | null,
  effectiveOn: string | null,
): Promise<void> {
  await manager.query(
    `INSERT INTO offer_status_change (offer_id, from_status, status, by_subject, by_organisation, note, effective_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [offerId, from, to, caller.sub, caller.org, note, effectiveOn],
  );
}

/** True when an insert failed because the offer reference is already used (the reference is the offer's key). */
export function referenceTaken(e: unknown): boolean {
  const driver = driverErrorOf(e);
  return driver.code === "23505" && driver.constraint === "housing_offer_reference_key";
}

export function validatePlaces(places: number, field: string): number {
  if (!Number.isInteger(places) || places < 0 || places > 100000)
    throw badInput(field, `places ${places} must be a whole number from 0 to 100000.`);
  return places;
}

export async function registerHousingOffer(
  dataSource: DataSource,
  input: RegisterHousingOfferInput,
  caller: Caller,
): Promise<string> {
  const provider = requireText(input.provider, "input.provider", 200);
  const reference = input.reference != null ? requireText(input.reference, "input.reference", 100) : null;
  const places = validatePlaces(input.places, "input.places");
  if (input.availableFrom != null && !isIsoDate(input.availableFrom))
    throw badInput("input.availableFrom", `availableFrom ${JSON.stringify(input.availableFrom)} is not a date.`);
  try {
    return await dataSource.transaction(async (manager) => {
      const nisCode = await requireMunicipality(manager, input.nisCode, "input.nisCode");
      const { id } = await once(
        manager,
        { subject: caller.sub, operation: "registerHousingOffer" },
        input.idempotencyKey,
        input,
        () =>
          insertOffer(manager, caller, {
            reference: reference ?? `OFFER-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
            provider,
            nisCode,
            places,
            kind: input.kind,
            sustainable: input.sustainable,
            availableFrom: input.availableFrom ?? null,
          }),
      );
      return id;
    });
  } catch (e) {
    if (referenceTaken(e)) throw conflict(`An offer with reference ${reference} already exists.`);
    throw e;
  }
}

/**
 * Moves an offer along the status machine; the offer row is locked so two
 * coordinators cannot cross. The new status takes effect on `effectiveOn`
 * (default today): a decision may be recorded after the fact, but never for a
 * day to come nor before the offer's previous status took effect, so the
 * status in effect on any day is well defined.
 */
export async function changeValidationStatus(
  dataSource: DataSource,
  input: ChangeValidationStatusInput,
  caller: Caller,
): Promise<string> {
  if (!isUuid(input.offerId))
    throw badInput("input.offerId", `offerId ${JSON.stringify(input.offerId)} is not a valid ID.`);
  const note = input.note != null && input.note.trim() ? requireText(input.note, "input.note", 2000) : null;
  const today = todayInBrussels();
  const effectiveOn = input.effectiveOn ?? today;
  if (!isIsoDate(effectiveOn))
    throw badInput("input.effectiveOn", `effectiveOn ${JSON.stringify(effectiveOn)} is not a date.`);
  if (effectiveOn > today)
    throw badInput(
      "input.effectiveOn",
      `effectiveOn ${effectiveOn} is after today (${today}); record a status once it has taken effect.`,
    );
  return dataSource.transaction(async (manager) => {
    const offer = await manager
      .getRepository(HousingOffer)
      .createQueryBuilder("o")
      .setLock("pessimistic_write")
      .where("o.id = :id", { id: input.offerId.toLowerCase() })
      .getOne();
    if (!offer) throw notFound("Housing offer", input.offerId);
    if (!canTransition(offer.status, input.status)) {
      throw conflict(
        `Offer ${offer.reference} is ${offer.status}; it cannot move to ${input.status}` +
          (offer.status === ValidationStatus.REJECTED || offer.status === ValidationStatus.VALIDATED
            ? ` (nothing leaves ${offer.status}).`
            : "."),
      );
    }
    const [previous] = await manager.query(
      `SELECT to_char(effective_on, 'YYYY-MM-DD') AS "effectiveOn", status FROM offer_status_change
       WHERE offer_id = $1 AND effective_on IS NOT NULL ORDER BY effective_on DESC, at DESC LIMIT 1`,
      [offer.id],
    );
    if (previous && effectiveOn < previous.effectiveOn)
      throw badInput(
        "input.effectiveOn",
        `effectiveOn ${effectiveOn} is before ${previous.effectiveOn}, the day offer ${offer.reference}'s previous status (${previous.status}) took effect.`,
      );
    await manager.query(`UPDATE housing_offer SET status = $2, updated_at = now() WHERE id = $1`, [
      offer.id,
      input.status,
    ]);
    await recordStatus(manager, caller, offer.id, offer.status, input.status, note, effectiveOn);
    return offer.id;
  });
}

/** One page of housing offers, newest first, and the total matching the filter. */
/** Newest first; the keyset cursors follow this order. */
export const OFFER_ORDER: KeyColumn[] = [
  { sql: "o.created_at", cast: "timestamptz", desc: true },
  { sql: "o.id", cast: "uuid" },
];

/** One page of offers under a filter: the total, and up to limit + 1 IDs with their sort keys after the cursor. */
export function listHousingOffers(dataSource: DataSource, f: HousingOfferFilter, page: KeysetPage) {
  const qb = dataSource.getRepository(HousingOffer).createQueryBuilder("o");
  if (f.status) qb.andWhere("o.status = :status", { status: f.status });
  if (f.nisCode != null) qb.andWhere("o.nis_code = :nis", { nis: assertNisCode(f.nisCode, "filter.nisCode") });
  if (f.kind) qb.andWhere("o.kind = :kind", { kind: f.kind });
  if (f.sustainable != null) qb.andWhere("o.sustainable = :sus", { sus: f.sustainable });
  if (f.province)
    qb.andWhere("o.nis_code IN (SELECT nis_code FROM municipality WHERE province = :province)", {
      province: f.province,
    });
  return keysetPage(qb, "o.id", OFFER_ORDER, page);
}
