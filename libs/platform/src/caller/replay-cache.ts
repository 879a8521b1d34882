/**
 * The `jti`s this process has accepted, each kept until its assertion expires: a second use is a replay. Per process
 * (per replica): a replay sent to another replica within the assertion's few seconds is not seen here (see
 * docs/platform.md, "Caller assertions", for why this is not Redis).
 *
 * Entries are kept in insertion order, which is expiry order up to clock differences between gateway replicas, so
 * pruning from the head is amortised O(1). When full of live entries it refuses new ones (fail closed) rather than
 * forget one that could then be replayed.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly capacity = 200_000,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  /** Records `jti` until `exp` (epoch seconds): 'fresh' the first time, 'replayed' after, 'full' when no room. */
  remember(jti: string, exp: number): 'fresh' | 'replayed' | 'full' {
    this.prune();
    if (this.seen.has(jti)) return 'replayed';
    if (this.seen.size >= this.capacity) return 'full';
    this.seen.set(jti, exp);
    return 'fresh';
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(): void {
    const now = this.nowSeconds();
    for (const [jti, exp] of this.seen) {
      if (exp >= now) break;
      this.seen.delete(jti);
    }
  }
}
