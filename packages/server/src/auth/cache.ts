/**
 * A short-lived, in-process cache of who a credential belongs to and of a
 * user's access context per ecosystem. It saves two queries on every request.
 * Changes made through this process clear it at once; other instances see a
 * change after at most the TTL (one to two seconds; see README, "Running
 * several instances").
 */
export class TtlCache<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.expires <= now) {
      this.map.delete(key);
      return undefined;
    }
    return e.value;
  }

  set(key: string, value: V, now = Date.now()): void {
    if (this.map.size >= this.maxEntries) this.map.clear();
    this.map.set(key, { value, expires: now + this.ttlMs });
  }

  clear(): void {
    this.map.clear();
  }
}
