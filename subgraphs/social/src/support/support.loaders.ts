import { groupBy, indexBy, isUuid, findIn } from "@reception-graph/kit";
import DataLoader from "dataloader";
import { DataSource } from "typeorm";
import { RentDue, SupportDecision, SupportPayment } from "./support.entity";
import { RENT_SHARE } from "./support.service";

/** Support loaders of one request (per request). */
export function createSupportLoaders(dataSource: DataSource) {
  return {
    supportDecisionById: new DataLoader<string, SupportDecision | null>(async (ids) =>
      indexBy(ids, await findIn(dataSource, SupportDecision, "id", ids.filter(isUuid)), (d) => d.id),
    ),
    /** A person's decisions, the latest start first: the first one is the current decision. */
    supportDecisionsByPerson: new DataLoader<string, SupportDecision[]>(async (ids) => {
      const rows = await findIn(dataSource, SupportDecision, "personId", ids.filter(isUuid), {
        order: { startDate: "DESC" },
      });
      return groupBy(ids, rows, (d) => d.personId);
    }),
    paymentsByDecision: new DataLoader<string, SupportPayment[]>(async (ids) => {
      const rows = await findIn(dataSource, SupportPayment, "supportDecisionId", ids.filter(isUuid), {
        order: { month: "ASC" },
      });
      return groupBy(ids, rows, (p) => p.supportDecisionId);
    }),
    /** Rent due per "personId|YYYY-MM"; months are validated before they get here. */
    rentDue: new DataLoader<string, RentDue | null>(async (keys) => {
      const pairs = keys.map((k) => k.split("|"));
      const rows: { key: string; livingWage: number | null; paidInOrBefore: boolean }[] = await dataSource.query(
        `WITH k AS (
           SELECT person_id, month, (month || '-01')::date AS first_day
           FROM unnest($1::uuid[], $2::text[]) AS k(person_id, month)
         )
         SELECT k.person_id || '|' || k.month AS key, d.category,
                (SELECT r.monthly_amount FROM living_wage_rate r
                  WHERE r.category = d.category AND r.effective_from <= k.first_day
                  ORDER BY r.effective_from DESC LIMIT 1) AS "livingWage",
                EXISTS (SELECT 1 FROM support_payment p JOIN support_decision pd ON pd.id = p.support_decision_id
                         WHERE pd.person_id = k.person_id AND p.month <= k.month) AS "paidInOrBefore",
                (SELECT min(p.month) FROM support_payment p JOIN support_decision pd ON pd.id = p.support_decision_id
                  WHERE pd.person_id = k.person_id) AS "firstPaidMonth"
         FROM k
         -- The decision in force in that month (started before the month ends), else the first one to come.
         JOIN LATERAL (
           SELECT d.category, d.start_date < k.first_day + interval '1 month' AS started, d.start_date
           FROM support_decision d WHERE d.person_id = k.person_id
           ORDER BY 2 DESC, CASE WHEN d.start_date < k.first_day + interval '1 month' THEN d.start_date END DESC NULLS LAST,
                    d.start_date ASC
           LIMIT 1
         ) d ON true`,
        [pairs.map((p) => (isUuid(p[0]) ? p[0] : "00000000-0000-0000-0000-000000000000")), pairs.map((p) => p[1])],
      );
      const byKey = new Map(
        rows.map(({ key, livingWage, paidInOrBefore }) => {
          const due = paidInOrBefore && livingWage != null && livingWage > 0;
          return [key, { paid: paidInOrBefore, amount: due ? Math.round(livingWage * RENT_SHARE * 100) / 100 : null }];
        }),
      );
      return keys.map((k) => byKey.get(k) ?? null);
    }),
  };
}
