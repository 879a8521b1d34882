/** Wall time per named phase, for one log line that says where an import spent its time. */
export class PhaseTimer {
  private last = performance.now();
  private readonly phases: [string, number][] = [];

  mark(name: string): void {
    const now = performance.now();
    this.phases.push([name, now - this.last]);
    this.last = now;
  }

  summary(): string {
    return this.phases.map(([n, ms]) => `${n} ${Math.round(ms)} ms`).join(', ');
  }
}
