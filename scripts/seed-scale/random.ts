import { createHash } from "node:crypto";

/**
 * The seeder's only sources of chance and identity, so that one seed gives one data set: a small
 * seeded PRNG (sfc32, seeded from SHA-256 of the seed and a stream name, so each subgraph draws
 * from its own stream and adding a table to one leaves the others unchanged) and IDs derived from
 * the seed, a kind and a counter (SHA-1, laid out as a version-5 UUID).
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: string) {
    const h = createHash("sha256").update(`${seed}:${stream}`).digest();
    [this.a, this.b, this.c, this.d] = [0, 4, 8, 12].map((i) => h.readUInt32LE(i));
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys of `weights`, each with a probability proportional to its weight. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

/** Picks indexes in proportion to fixed weights (municipalities by inhabitants, sites by size) in O(log n). */
export class WeightedIndex {
  private readonly cumulative: number[];

  constructor(weights: readonly number[]) {
    let sum = 0;
    this.cumulative = weights.map((w) => (sum += w));
  }

  draw(random: Random): number {
    const r = random.next() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** IDs as version-5-shaped UUIDs of (seed, kind, counter): stable across runs, distinct across seeds. */
export function idMaker(seed: number): (kind: string, n: number) => string {
  return (kind, n) => {
    const h = createHash("sha1").update(`reception-graph-seed:${seed}:${kind}:${n}`).digest();
    h[6] = (h[6] & 0x0f) | 0x50;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString("hex");
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  };
}

const DAY_MS = 86_400_000;

/** Days are whole numbers (days since 1970-01-01, UTC) inside the seeder; these turn them into SQL values. */
export function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

// Millions of dates are formatted per run: each day's text is made once.
const dayText = new Map<number, string>();

export function isoDate(day: number): string {
  let text = dayText.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayText.set(day, text);
  }
  return text;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** A moment on a day: `minute` minutes after 08:00 UTC (office hours), as an ISO timestamp. */
export function isoAt(day: number, minute = 0): string {
  const m = 8 * 60 + minute;
  if (m < 0 || m >= 24 * 60) return new Date(day * DAY_MS + m * 60_000).toISOString();
  return `${isoDate(day)}T${two(Math.floor(m / 60))}:${two(m % 60)}:00.000Z`;
}

/** "YYYY-MM" of a day. */
export function monthOf(day: number): string {
  return isoDate(day).slice(0, 7);
}

/** The first day of the month after `day`'s month. */
export function nextMonthStart(day: number): number {
  const d = new Date(day * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS);
}

/** Whole years between a birth day and a day (the age on that day). */
export function ageOn(birthDay: number, day: number): number {
  const b = new Date(birthDay * DAY_MS);
  const d = new Date(day * DAY_MS);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate()))
    age--;
  return age;
}
