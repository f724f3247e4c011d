import { ReferralStatus as S } from "./referral.entity";

/** The referral lifecycle of domain.md: which statuses each status may move to. */
export const NEXT: Record<S, readonly S[]> = {
  [S.DRAFT]: [S.SENT, S.CANCELLED],
  [S.SENT]: [S.ACCEPTED, S.DECLINED, S.CANCELLED],
  [S.ACCEPTED]: [S.IN_PROGRESS, S.CANCELLED],
  [S.IN_PROGRESS]: [S.COMPLETED, S.CANCELLED],
  [S.DECLINED]: [],
  [S.COMPLETED]: [],
  [S.CANCELLED]: [],
};

/** Only the receiving partner answers a referral. */
export const RECEIVER_ONLY: ReadonlySet<S> = new Set([S.ACCEPTED, S.DECLINED]);

/** Statuses after which a referral can no longer be overdue. */
export const CLOSED: readonly S[] = [S.COMPLETED, S.DECLINED, S.CANCELLED];

export function canMove(from: S, to: S): boolean {
  return NEXT[from].includes(to);
}

export function isOverdue(r: { dueDate: string | null; status: S }, today: string): boolean {
  return r.dueDate !== null && r.dueDate < today && !CLOSED.includes(r.status);
}
