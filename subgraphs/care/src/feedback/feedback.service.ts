import {
  assertMonth,
  badInput,
  conflict,
  notFound,
  once,
  requireText,
  statistic,
  SuppressedCount,
  suppressCount,
  suppressCounts,
  SuppressedStatistic,
  todayInBrussels,
} from "@reception-graph/kit";
import { randomInt } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import { validLanguage } from "../services/service.service";
import { FeedbackCategory, FeedbackChannelKind } from "./feedback.entity";
import { RegisterFeedbackChannelInput } from "./feedback.inputs";

/** Longest submission or answer: a few paragraphs, enough for a complaint, bounded for a public page. */
export const MAX_FEEDBACK_TEXT = 2000;
const SITE_CODE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
const SITE_CODE_LENGTH = 8;
/** A site code is public and short: a clash is possible, so a new one is drawn a few times. */
const SITE_CODE_ATTEMPTS = 5;

export function isSiteCode(value: string): boolean {
  return new RegExp(`^[a-z0-9]{${SITE_CODE_LENGTH}}$`).test(value);
}

/** An unguessable-enough public code (36^8 ≈ 2.8·10^12), drawn from the system's secure random source. */
function newSiteCode(): string {
  return Array.from({ length: SITE_CODE_LENGTH }, () => SITE_CODE_ALPHABET[randomInt(SITE_CODE_ALPHABET.length)]).join(
    "",
  );
}

/** A day that must not lie after today; BAD_USER_INPUT naming the field otherwise. */
function notInFuture(day: string | null | undefined, field: string): string {
  const today = todayInBrussels();
  if (day == null) return today;
  if (day > today) throw badInput(field, `${field} ${day} is in the future (today is ${today}).`);
  return day;
}

/** Registers a channel of a site; a DIGITAL one gets its public site code. Returns the channel's ID. */
export async function registerChannel(
  dataSource: DataSource,
  input: RegisterFeedbackChannelInput,
  subject: string,
): Promise<string> {
  const description = input.description?.trim() ? requireText(input.description, "input.description") : null;
  return dataSource.transaction(async (manager) => {
    const { id } = await once(
      manager,
      { subject, operation: "registerFeedbackChannel" },
      input.idempotencyKey,
      input,
      async () => {
        for (let attempt = 0; attempt < SITE_CODE_ATTEMPTS; attempt++) {
          const code = input.kind === FeedbackChannelKind.DIGITAL ? newSiteCode() : null;
          const rows: { id: string }[] = await manager.query(
            `INSERT INTO feedback_channel (site_id, kind, description, site_code) VALUES ($1, $2, $3, $4)
             ON CONFLICT (site_code) DO NOTHING RETURNING id`,
            [input.siteId, input.kind, description, code],
          );
          if (rows.length) return rows[0].id;
        }
        throw new Error("no free site code found after several attempts");
      },
    );
    return id;
  });
}

/** The normalised values of a submission, checked before anything is written. */
export interface FeedbackValues {
  siteId: string;
  channelId: string;
  category: FeedbackCategory;
  text: string;
  language: string;
  personId: string | null;
  receivedOn: string;
}

export function validText(text: string, field: string): string {
  return requireText(text, field, MAX_FEEDBACK_TEXT);
}

export function validFeedbackLanguage(language: string, field: string): string {
  return validLanguage(language, field);
}

export function validReceivedOn(day: string | null | undefined, field: string): string {
  return notInFuture(day, field);
}

/**
 * Writes one submission. No author, no time of day, a random ID: an
 * anonymous row (personId null) cannot be traced to a person or to whoever
 * entered it. Returns its ID.
 */
export async function insertFeedback(manager: EntityManager | DataSource, v: FeedbackValues): Promise<string> {
  const [row] = await manager.query(
    `INSERT INTO feedback (site_id, channel_id, category, text, language, anonymous, person_id, received_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [v.siteId, v.channelId, v.category, v.text, v.language, v.personId === null, v.personId, v.receivedOn],
  );
  return row.id as string;
}

/** A linked submission, repeat-safe by the caller's key (the caller is known anyway: the audit names them). */
export async function insertLinkedFeedback(
  db: EntityManager,
  v: FeedbackValues,
  subject: string,
  key: string | null | undefined,
  input: unknown,
): Promise<string> {
  return db.transaction(async (manager) => {
    const { id } = await once(manager, { subject, operation: "submitFeedback" }, key, input, () =>
      insertFeedback(manager, v),
    );
    return id;
  });
}

/** Answers and closes a submission under a row lock; CONFLICT when it was answered already. */
export async function respond(db: EntityManager, feedbackId: string, text: string, on: string | null | undefined) {
  const response = validText(text, "input.response");
  const respondedOn = notInFuture(on, "input.respondedOn");
  await db.transaction(async (manager) => {
    const [f] = await manager.query(
      `SELECT received_on::text AS received_on, responded_on FROM feedback WHERE id = $1 FOR UPDATE`,
      [feedbackId],
    );
    if (!f) throw notFound("Feedback", feedbackId);
    if (f.responded_on !== null) throw conflict(`Feedback ${feedbackId} is CLOSED already: it was answered.`);
    if (respondedOn < f.received_on) {
      throw badInput(
        "input.respondedOn",
        `input.respondedOn ${respondedOn} is before the day the feedback came in (${f.received_on}).`,
      );
    }
    await manager.query(`UPDATE feedback SET response = $2, responded_on = $3 WHERE id = $1`, [
      feedbackId,
      response,
      respondedOn,
    ]);
  });
}

/** The DIGITAL channel behind a public site code, or null. */
export async function digitalChannelByCode(
  dataSource: DataSource,
  siteCode: string,
): Promise<{ id: string; siteId: string } | null> {
  if (!isSiteCode(siteCode)) return null;
  const [row] = await dataSource.query(
    `SELECT id, site_id FROM feedback_channel WHERE site_code = $1 AND kind = 'DIGITAL'`,
    [siteCode],
  );
  return row ? { id: row.id, siteId: row.site_id } : null;
}

export interface OverviewRow {
  siteId: string;
  month: string;
  channels: number;
  received: SuppressedCount;
  closed: SuppressedCount;
  stillOpen: SuppressedCount;
  medianDaysToRespond: SuppressedStatistic;
  byCategory: { category: FeedbackCategory; count: SuppressedCount }[];
}

/**
 * The monthly overview of the given sites (null: every site with a channel or
 * a submission), in one statement. Received and the categories count
 * submissions that came in during the month; closed and the median those
 * answered during it; still open those received by its last day and not
 * answered by then.
 */
export async function monthlyOverview(
  dataSource: DataSource,
  month: string,
  siteIds: string[] | null,
): Promise<OverviewRow[]> {
  assertMonth(month, "month");
  const categories = Object.values(FeedbackCategory);
  const rows: Record<string, unknown>[] = await dataSource.query(
    `WITH bounds AS (
       SELECT $1::date AS first, ($1::date + interval '1 month' - interval '1 day')::date AS last
     ), sites AS (
       SELECT unnest($2::uuid[]) AS site_id WHERE $2::uuid[] IS NOT NULL
       UNION SELECT site_id FROM feedback_channel WHERE $2::uuid[] IS NULL
       UNION SELECT site_id FROM feedback WHERE $2::uuid[] IS NULL
     )
     SELECT s.site_id::text AS site_id,
       (SELECT count(*) FROM feedback_channel c WHERE c.site_id = s.site_id)::int AS channels,
       count(f.id) FILTER (WHERE f.received_on BETWEEN b.first AND b.last)::int AS received,
       count(f.id) FILTER (WHERE f.responded_on BETWEEN b.first AND b.last)::int AS closed,
       count(f.id) FILTER (WHERE f.received_on <= b.last AND (f.responded_on IS NULL OR f.responded_on > b.last))::int
         AS still_open,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY f.responded_on - f.received_on)
         FILTER (WHERE f.responded_on BETWEEN b.first AND b.last) AS median_days,
       ${categories
         .map(
           (_, i) =>
             `count(f.id) FILTER (WHERE f.received_on BETWEEN b.first AND b.last AND f.category = $${i + 3})::int AS c${i}`,
         )
         .join(",\n       ")}
     FROM sites s CROSS JOIN bounds b LEFT JOIN feedback f ON f.site_id = s.site_id
     GROUP BY s.site_id
     ORDER BY s.site_id`,
    [`${month}-01`, siteIds, ...categories],
  );
  return rows.map((r) => {
    // The categories split `received`, which is shown: the kit's complementary rule over them.
    const byCategory = suppressCounts(categories.map((_, i) => r[`c${i}`] as number));
    return {
      siteId: r.site_id as string,
      month,
      channels: r.channels as number,
      received: suppressCount(r.received as number),
      closed: suppressCount(r.closed as number),
      stillOpen: suppressCount(r.still_open as number),
      medianDaysToRespond: statistic(r.median_days === null ? null : Number(r.median_days), r.closed as number),
      byCategory: categories.map((category, i) => ({ category, count: byCategory[i] })),
    };
  });
}
