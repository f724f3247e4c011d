/**
 * A token bucket per client key, held in memory only and bounded: at most `maxClients` buckets; when
 * full, the least recently seen client's bucket is dropped first. A bucket that has filled up again
 * carries no information and is dropped when next seen full. The resident feedback routes key it by
 * client address; the gateway's per-caller limit (limits/rate-limits.ts) by token subject or address.
 * Each gateway process counts on its own.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(
    readonly capacity: number,
    readonly windowMs: number,
    private readonly maxClients = 10_000,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = capacity / windowMs;
  }

  /** Takes one token for this client; false when it has none left (the request is refused). */
  take(key: string): boolean {
    const now = this.now();
    const seen = this.buckets.get(key);
    const tokens = seen ? Math.min(this.capacity, seen.tokens + (now - seen.at) * this.perMs) : this.capacity;
    // Re-inserted so that the Map's order is least recently seen first.
    this.buckets.delete(key);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return false;
    }
    while (this.buckets.size >= this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }

  /** Seconds until this client has a token again (for Retry-After); at least 1 when it has none. */
  retryAfterSeconds(key: string): number {
    const seen = this.buckets.get(key);
    if (!seen) return 0;
    const tokens = Math.min(this.capacity, seen.tokens + (this.now() - seen.at) * this.perMs);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }
}
