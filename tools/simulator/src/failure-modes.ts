/** How the simulated fleet misbehaves. Rates are per device per interval. */
export interface FailureModes {
  /** Chance that a healthy device goes silent. */
  failureRate: number;
  /** Chance that a silent device comes back. */
  recoveryRate: number;
  /** Share of devices that flap: up and down every few intervals. */
  flappingShare: number;
  /** Chance that a device reports a fault (degraded) this interval. */
  degradedRate: number;
  /** Number of sites that go dark (collector and all) at darkAtSec for darkForSec. */
  darkSites: number;
  darkAtSec: number;
  darkForSec: number;
  /** Device clocks are skewed by up to this many seconds either way (ts in samples; liveness must not care). */
  clockSkewSec: number;
}

export const noFailures: FailureModes = {
  failureRate: 0,
  recoveryRate: 0,
  flappingShare: 0,
  degradedRate: 0,
  darkSites: 0,
  darkAtSec: 0,
  darkForSec: 0,
  clockSkewSec: 0,
};

const FAULTS = ['recording-stopped', 'video-loss', 'tamper', 'storage-full'] as const;

/** Per-device behaviour, decided once per interval. */
export class DeviceBehaviour {
  private silent = false;
  private readonly flapPeriod: number;
  readonly skewMs: number;

  constructor(
    private readonly modes: FailureModes,
    private readonly random: () => number,
  ) {
    this.flapPeriod = random() < modes.flappingShare ? 2 + Math.floor(random() * 3) : 0;
    this.skewMs = Math.round((random() * 2 - 1) * modes.clockSkewSec * 1000);
  }

  /** Whether the device reports in this round, and the fault it reports. */
  next(round: number): { reports: boolean; fault?: string } {
    if (this.flapPeriod > 0) return { reports: Math.floor(round / this.flapPeriod) % 2 === 0 };
    if (this.silent) {
      if (this.random() < this.modes.recoveryRate) this.silent = false;
    } else if (this.random() < this.modes.failureRate) this.silent = true;
    if (this.silent) return { reports: false };
    if (this.random() < this.modes.degradedRate)
      return { reports: true, fault: FAULTS[Math.floor(this.random() * FAULTS.length)] };
    return { reports: true };
  }
}
