/**
 * Starts of calls spaced to a rate, for a quota counted in requests per second whatever their
 * latency (STS's AssumeRole): a token bucket of `burst` tokens, refilled at `perSecond`; a call
 * takes a token, or waits in order for the next one. In-flight bounds (Semaphore) do not bound a
 * rate: 25 calls in flight answered in 10 ms are 2,500 a second.
 */
export interface Pace {
  /** Starts a second, on average. */
  readonly perSecond: number;
  /** Starts at once after an idle while (the bucket's size), 1 or more. */
  readonly burst: number;
}

export class RatePacer {
  private tokens: number;
  private refilledAt: number;
  private readonly waiting: Array<() => void> = [];
  private timer?: ReturnType<typeof setTimeout>;
  /** Starts granted, for the tests. */
  public granted = 0;

  constructor(
    public readonly pace: Pace,
    private readonly now: () => number = Date.now,
  ) {
    if (!(pace.perSecond > 0) || !Number.isFinite(pace.perSecond)) throw new RangeError(`perSecond must be a positive number, got ${pace.perSecond}`);
    if (!Number.isInteger(pace.burst) || pace.burst < 1) throw new RangeError(`burst must be a positive integer, got ${pace.burst}`);
    this.tokens = pace.burst;
    this.refilledAt = now();
  }

  /** Resolves when a call may start: at once while tokens are left, else when the next one is due, in the order asked. */
  take(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.grant();
    });
  }

  private grant(): void {
    const now = this.now();
    this.tokens = Math.min(this.pace.burst, this.tokens + ((now - this.refilledAt) * this.pace.perSecond) / 1000);
    this.refilledAt = now;
    while (this.waiting.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.granted++;
      this.waiting.shift()!();
    }
    if (this.waiting.length > 0 && this.timer === undefined) {
      const dueMs = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.pace.perSecond));
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.grant();
      }, dueMs);
    }
  }
}
