/**
 * Group commit: callers submit one item each and await their own result, the batcher runs many of them in one call.
 * A group (an organisation) is flushed at once while fewer than `maxInFlight` of its runs are in flight, so a lone
 * item waits for nobody; under load, items pile up meanwhile and go together in the next run (at most `maxBatch`).
 * When a batch of several fails, each item is run alone, so one bad item fails only its own caller.
 */
export class GroupBatcher<I, R> {
  private readonly queued = new Map<string, Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }>>();
  private readonly inFlight = new Map<string, number>();

  /** `run(group, items)` returns one result per item, in order; at most `maxInFlight` runs per group at a time. */
  constructor(
    private readonly run: (group: string, items: I[]) => Promise<R[]>,
    private readonly maxBatch = 100,
    private readonly maxInFlight = 1,
  ) {}

  submit(group: string, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const q = this.queued.get(group) ?? [];
      q.push({ item, resolve, reject });
      this.queued.set(group, q);
      if ((this.inFlight.get(group) ?? 0) < this.maxInFlight) void this.flush(group);
    });
  }

  private async flush(group: string): Promise<void> {
    const q = this.queued.get(group);
    if (!q?.length) {
      this.queued.delete(group);
      return;
    }
    const batch = q.splice(0, this.maxBatch);
    this.inFlight.set(group, (this.inFlight.get(group) ?? 0) + 1);
    try {
      await this.settle(group, batch);
    } finally {
      const left = this.inFlight.get(group)! - 1;
      if (left) this.inFlight.set(group, left);
      else this.inFlight.delete(group);
      void this.flush(group);
    }
  }

  private async settle(group: string, batch: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }>): Promise<void> {
    try {
      const results = await this.run(group, batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (err) {
      if (batch.length === 1) return batch[0]!.reject(err);
      await Promise.all(batch.map((b) => this.settle(group, [b])));
    }
  }
}
