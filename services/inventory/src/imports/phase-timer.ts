/** Wall time per named phase, for one log line that says where an import spent its time. */
export class PhaseTimer {
  private last = performance.now();
  private readonly phases = new Map<string, number>();

  mark(name: string): void {
    const now = performance.now();
    this.phases.set(name, (this.phases.get(name) ?? 0) + now - this.last);
    this.last = now;
  }

  /** Adds another timer's phases to this one's (chunks that ran side by side: the sums exceed the wall time). */
  add(other: PhaseTimer): void {
    for (const [name, ms] of other.phases) this.phases.set(name, (this.phases.get(name) ?? 0) + ms);
  }

  summary(): string {
    return [...this.phases].map(([n, ms]) => `${n} ${Math.round(ms)} ms`).join(', ');
  }
}
