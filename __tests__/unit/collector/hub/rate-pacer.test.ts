/**
 * The AssumeRole pacer: a token bucket that lets `burst` calls start at once, then one every
 * 1/perSecond, in the order asked, on a fake clock (jest's fake timers move Date.now and setTimeout together).
 */
import { RatePacer } from '../../../../functions/collector/hub/rate-pacer';

beforeEach(() => {
  jest.useFakeTimers({ now: Date.parse('2026-12-02T10:00:00Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

/** Lets the granted promises' callbacks run. */
const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

test('a burst at once, then one start every 1/perSecond, in the order asked', async () => {
  const pacer = new RatePacer({ perSecond: 10, burst: 3 });
  const started: number[] = [];
  for (let i = 0; i < 8; i++) void pacer.take().then(() => started.push(i));
  await flush();
  expect(started).toEqual([0, 1, 2]);
  // 10 a second: the 4th after 100 ms, not before.
  await jest.advanceTimersByTimeAsync(99);
  expect(started).toEqual([0, 1, 2]);
  await jest.advanceTimersByTimeAsync(1);
  expect(started).toEqual([0, 1, 2, 3]);
  await jest.advanceTimersByTimeAsync(400);
  expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect(pacer.granted).toBe(8);
});

test('over any window, starts stay within burst + perSecond × window', async () => {
  const pacer = new RatePacer({ perSecond: 300 / 19, burst: 1 });
  const at: number[] = [];
  for (let i = 0; i < 60; i++) void pacer.take().then(() => at.push(Date.now()));
  await jest.advanceTimersByTimeAsync(10_000);
  expect(at).toHaveLength(60);
  const start = at[0];
  for (const windowMs of [100, 1_000, 2_500]) {
    for (const from of at) {
      const inWindow = at.filter((t) => t >= from && t < from + windowMs).length;
      expect(inWindow).toBeLessThanOrEqual(1 + Math.ceil(((300 / 19) * windowMs) / 1000));
    }
  }
  // 60 starts at 15.8 a second after one at once: the last after about 59 / 15.8 = 3.7 s.
  expect(at[59] - start).toBeGreaterThanOrEqual(3_700);
  expect(at[59] - start).toBeLessThan(3_800);
});

test('after an idle while the bucket refills, to its burst and no more', async () => {
  const pacer = new RatePacer({ perSecond: 100, burst: 4 });
  const first: number[] = [];
  for (let i = 0; i < 4; i++) void pacer.take().then(() => first.push(i));
  await flush();
  expect(first).toHaveLength(4);
  await jest.advanceTimersByTimeAsync(60_000);
  const again: number[] = [];
  for (let i = 0; i < 6; i++) void pacer.take().then(() => again.push(i));
  await flush();
  // A minute idle refills 4 tokens, not 6,000.
  expect(again).toEqual([0, 1, 2, 3]);
  await jest.advanceTimersByTimeAsync(20);
  expect(again).toHaveLength(6);
});

test('a pace that is no rate is refused', () => {
  expect(() => new RatePacer({ perSecond: 0, burst: 1 })).toThrow('perSecond must be a positive number, got 0');
  expect(() => new RatePacer({ perSecond: 5, burst: 0 })).toThrow('burst must be a positive integer, got 0');
});
