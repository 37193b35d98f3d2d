/**
 * Runs one task per item with at most `bound` running at once, so a fleet of 1,000
 * account-regions never has 1,000 connections and calls open at the same moment.
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
