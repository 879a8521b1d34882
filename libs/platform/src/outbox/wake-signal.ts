/** A timer that can be cut short. A `notify` that arrives while nobody waits is kept for the next `wait`. */
export class WakeSignal {
  private pending = false;
  private wakeUp?: () => void;

  notify(): void {
    if (this.wakeUp) this.wakeUp();
    else this.pending = true;
  }

  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
