/**
 * Bounds on work in flight, for the collector's calls and so a fleet of 1,000 account-regions never has 1,000 connections and
 * calls open at the same moment: one task per item (mapBounded), or calls from anywhere (Semaphore).
 */

/** `task(item)` for every item, at most `bound` at a time, results in the items' order. */
export async function mapBounded<T, R>(items: readonly T[], bound: number, task: (item: T) => Promise<R>): Promise<R[]> {
  if (!Number.isInteger(bound) || bound < 1) throw new RangeError(`bound must be a positive integer, got ${bound}`);
  const results = new Array<R>(items.length);
  let next = 0;
  // Each worker takes the next item when it is done with its own: never more than `bound` in flight.
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(bound, items.length) }, worker));
  return results;
}

/**
 * At most `max` tasks at once, the others waiting in order: for calls made from many places
 * at once (every account-region asking for its credentials), where mapBounded cannot bound them.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`max must be a positive integer, got ${max}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.max) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The finished task hands its slot to the next waiting one, so `running` never exceeds `max`.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
