import {
  assertMonth,
  assertUuid,
  badInput,
  conflict,
  driverErrorOf,
  isIsoDate,
  notFound,
  once,
  todayInBrussels,
} from "@reception-graph/kit";
import { DataSource, EntityManager } from "typeorm";
import { Person } from "../people/person.entity";
import { monthOf, pastOrToday } from "../shared/dates";
import { LivingWageRate, SupportCategory, SupportDecision, SupportPayment } from "./support.entity";
import { AddLivingWageRateInput, DecideSupportInput, RecordSupportPaymentInput } from "./support.inputs";

/** The equivalent living wage starts with the temporary protection (March 2022); the rate table starts in 2022. */
const EARLIEST_START = "2022-01-01";

/** Share of the living wage (leefloon) residents pay as rent (domain.md, "Rent"); housing learns only the result. */
export const RENT_SHARE = 0.3;

/** The rate in force on a day: the one with the latest effective date on or before it. */
export async function rateInForce(
  m: EntityManager | DataSource,
  category: SupportCategory,
  on: string,
): Promise<LivingWageRate | null> {
  return m
    .getRepository(LivingWageRate)
    .createQueryBuilder("r")
    .where("r.category = :category AND r.effective_from <= :on", { category, on })
    .orderBy("r.effective_from", "DESC")
    .limit(1)
    .getOne();
}

/** Euro amounts are kept in cents (numeric(10, 2)). */
function toCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Decides support: the monthly amount is copied from the rate in force on the
 * start date and kept, whatever rates are added later. A later decision for
 * the same person ends the previous one the day before it starts.
 */
export async function decideSupport(db: EntityManager, input: DecideSupportInput, by: string): Promise<string> {
  const personId = assertUuid(input.personId, "input.personId");
  const today = todayInBrussels();
  if (!isIsoDate(input.startDate))
    throw badInput("input.startDate", `startDate ${JSON.stringify(input.startDate)} is not a date.`);
  if (input.startDate < EARLIEST_START)
    throw badInput("input.startDate", `startDate ${input.startDate} is before ${EARLIEST_START}.`);
  if (input.startDate > addDays(today, 366))
    throw badInput("input.startDate", `startDate ${input.startDate} is more than a year ahead.`);
  return db.transaction(async (m) => {
    const { id } = await once(m, { subject: by, operation: "decideSupport" }, input.idempotencyKey, input, async () => {
      // Locking the person serialises decisions about them.
      const person = await m
        .getRepository(Person)
        .createQueryBuilder("p")
        .setLock("pessimistic_write")
        .where("p.id = :personId", { personId })
        .getOne();
      if (!person) throw notFound("Person", personId);
      const rate = await rateInForce(m, input.category, input.startDate);
      if (!rate) {
        throw badInput(
          "input.startDate",
          `No living-wage rate for ${input.category} is in force on ${input.startDate}; add one first.`,
        );
      }
      const decisions = m.getRepository(SupportDecision);
      // Locked, so that a payment on it being recorded at the same moment is seen (or sees the new end).
      const latest = await decisions
        .createQueryBuilder("d")
        .setLock("pessimistic_write")
        .where("d.person_id = :personId", { personId })
        .orderBy("d.start_date", "DESC")
        .limit(1)
        .getOne();
      if (latest && latest.startDate >= input.startDate) {
        throw conflict(
          `Person ${personId} already has a support decision (${latest.id}) starting ${latest.startDate}; ` +
            `a new decision must start after it.`,
          { existingId: latest.id },
        );
      }
      if (latest && (latest.endDate === null || latest.endDate >= input.startDate)) {
        // Ending the current decision must not leave months it already paid after its new end
        // (they could then be paid a second time on the new decision).
        const endMonth = monthOf(addDays(input.startDate, -1));
        const [paidAfter] = await m.query(
          `SELECT max(month) AS month FROM support_payment WHERE support_decision_id = $1 AND month > $2`,
          [latest.id, endMonth],
        );
        if (paidAfter?.month) {
          throw conflict(
            `Support decision ${latest.id} is already paid up to ${paidAfter.month}; ` +
              `a new decision for person ${personId} can start from the month after it, not on ${input.startDate}.`,
            { existingId: latest.id },
          );
        }
        await decisions.update({ id: latest.id }, { endDate: addDays(input.startDate, -1) });
      }
      const saved = await decisions.save(
        m.create(SupportDecision, {
          personId,
          category: input.category,
          startDate: input.startDate,
          decidedOn: today,
          monthlyAmount: rate.monthlyAmount,
          rateEffectiveFrom: rate.effectiveFrom,
          decidedBy: by,
        }),
      );
      return saved.id;
    });
    return id;
  });
}

export async function recordSupportPayment(
  db: EntityManager,
  input: RecordSupportPaymentInput,
  by: string,
): Promise<string> {
  const decisionId = assertUuid(input.supportDecisionId, "input.supportDecisionId");
  const month = assertMonth(input.month, "input.month");
  const paidOn = pastOrToday(input.paidOn, "input.paidOn");
  // Stored in cents: an amount that rounds to 0.00 or to 10000 would break the table's checks (INTERNAL).
  const amount = input.amount == null ? null : toCents(input.amount);
  if (amount != null && !(amount > 0 && amount < 10000)) {
    throw badInput("input.amount", `amount ${input.amount} must be at least 0.01 and less than 10000 euro.`);
  }
  const thisMonth = monthOf(todayInBrussels());
  if (month > thisMonth) throw badInput("input.month", `month ${month} is in the future (this month is ${thisMonth}).`);
  try {
    return await db.transaction(async (m) => {
      const { id } = await once(
        m,
        { subject: by, operation: "recordSupportPayment" },
        input.idempotencyKey,
        input,
        async () => {
          // Shared lock: a new decision ending this one at the same moment waits, or is waited for.
          const decision = await m
            .getRepository(SupportDecision)
            .createQueryBuilder("d")
            .setLock("pessimistic_read")
            .where("d.id = :decisionId", { decisionId })
            .getOne();
          if (!decision) throw notFound("Support decision", decisionId);
          if (month < monthOf(decision.startDate)) {
            throw badInput("input.month", `month ${month} is before the decision starts (${decision.startDate}).`);
          }
          if (decision.endDate && month > monthOf(decision.endDate)) {
            throw badInput("input.month", `month ${month} is after the decision ended (${decision.endDate}).`);
          }
          if (paidOn < decision.startDate) {
            throw badInput("input.paidOn", `paidOn ${paidOn} is before the decision starts (${decision.startDate}).`);
          }
          const saved = await m.getRepository(SupportPayment).save(
            m.create(SupportPayment, {
              supportDecisionId: decisionId,
              month,
              amount: amount ?? decision.monthlyAmount,
              paidOn,
              recordedBy: by,
            }),
          );
          return saved.id;
        },
      );
      return id;
    });
  } catch (e) {
    if (driverErrorOf(e).constraint === "support_payment_once_per_month") {
      throw conflict(`Support for ${month} is already recorded as paid on decision ${decisionId}.`);
    }
    throw e;
  }
}

export async function addLivingWageRate(dataSource: DataSource, input: AddLivingWageRateInput): Promise<void> {
  if (!isIsoDate(input.effectiveFrom))
    throw badInput("input.effectiveFrom", `effectiveFrom ${JSON.stringify(input.effectiveFrom)} is not a date.`);
  if (input.effectiveFrom < EARLIEST_START)
    throw badInput("input.effectiveFrom", `effectiveFrom ${input.effectiveFrom} is before ${EARLIEST_START}.`);
  const monthlyAmount = toCents(input.monthlyAmount);
  if (!(monthlyAmount > 0 && monthlyAmount < 10000))
    throw badInput(
      "input.monthlyAmount",
      `monthlyAmount ${input.monthlyAmount} must be at least 0.01 and less than 10000 euro.`,
    );
  try {
    await dataSource.getRepository(LivingWageRate).insert({
      category: input.category,
      effectiveFrom: input.effectiveFrom,
      monthlyAmount,
    });
  } catch (e) {
    if (driverErrorOf(e).code === "23505") {
      throw conflict(`A ${input.category} rate effective from ${input.effectiveFrom} already exists.`);
    }
    throw e;
  }
}
