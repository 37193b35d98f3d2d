/** mapBounded: never more than the bound at once, every item done, results in order. */
import { mapBounded, Semaphore } from '../../../functions/collector/bounded';

const tick = () => new Promise((resolve) => setImmediate(resolve));

test.each([1, 3, 50])('with a bound of %i, at most that many tasks run at once and all 120 finish in order', async (bound) => {
  let running = 0;
  let peak = 0;
  const results = await mapBounded(
    Array.from({ length: 120 }, (_, i) => i),
    bound,
    async (i) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      await tick();
      running--;
      return i * 2;
    },
  );
  expect(peak).toBe(bound);
  expect(results).toEqual(Array.from({ length: 120 }, (_, i) => i * 2));
});

test('no items, no tasks', async () => {
  await expect(mapBounded([], 5, () => Promise.reject(new Error('called')))).resolves.toEqual([]);
});

test.each([0, -1, 1.5, NaN])('a bound of %p is refused', async (bound) => {
  await expect(mapBounded([1], bound, async (x) => x)).rejects.toThrow(`bound must be a positive integer, got ${bound}`);
});

describe('Semaphore', () => {
  test.each([1, 4])('with a max of %i, never more tasks at once, each finishes, answers go to their callers', async (max) => {
    const semaphore = new Semaphore(max);
    let running = 0;
    let peak = 0;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        semaphore.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await tick();
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(max);
    expect(answers).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  test('a failing task frees its slot and its caller gets the error', async () => {
    const semaphore = new Semaphore(1);
    await expect(semaphore.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(semaphore.run(async () => 'next')).resolves.toBe('next');
  });

  test.each([0, 2.5])('a max of %p is refused', (max) => {
    expect(() => new Semaphore(max)).toThrow(`max must be a positive integer, got ${max}`);
  });
});
