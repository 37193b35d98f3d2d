/**
 * Each execution of the state machine is one minute of ticks. With the EventBridge rule trigger
 * the collector knows only when the execution started, some time after the minute it was fired
 * for: every tick of consecutive minutes must still be published once, none twice, none missed,
 * whatever the start delays, up to the interval and across interval boundaries.
 */
import { parseEvent } from '../../../functions/collector/event';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';

const MINUTE = 60_000;
const FIRST_MINUTE = Date.parse('2026-11-26T09:59:00Z');

/** The tick timestamps (ms) one execution publishes, given what its Tasks pass the collector. */
function ticksOf(intervalSeconds: number, executionStart: number, input: Record<string, unknown> = { clusters: ['a'] }): number[] {
  return Array.from({ length: 60 / intervalSeconds }, (_, k) =>
    parseEvent({
      input,
      tick: { intervalSeconds, offsetSeconds: k * intervalSeconds, executionStartTime: new Date(executionStart).toISOString() },
    }).timestamp.getTime(),
  );
}

/** Start delays (ms after the minute): on the minute, just after it, both sides of the first interval boundary, the interval itself. */
const delaysUpTo = (intervalSeconds: number) => [0, 1, 250, intervalSeconds * 1000 - 1, intervalSeconds * 1000];

test('every allowed interval is covered', () => {
  expect([...ALLOWED_INTERVALS]).toEqual([1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]);
});

describe.each([...ALLOWED_INTERVALS])('%i s interval, rule trigger (execution start only)', (interval) => {
  const delays = delaysUpTo(interval);

  test.each(delays)('an execution started %i ms after its minute publishes exactly that minute’s ticks', (delay) => {
    const expected = Array.from({ length: 60 / interval }, (_, k) => FIRST_MINUTE + k * interval * 1000);
    expect(ticksOf(interval, FIRST_MINUTE + delay)).toEqual(expected);
  });

  test('consecutive minutes with delays straddling an interval boundary publish every tick once', () => {
    // Each pair of consecutive minutes: one started just before a boundary, the next at or just after it, and the reverse.
    const sequence = [0, interval * 1000 - 1, interval * 1000, 1, interval * 1000 - 1, 0, interval * 1000];
    const ticks = sequence.flatMap((delay, minute) => ticksOf(interval, FIRST_MINUTE + minute * MINUTE + delay));
    const expected = Array.from({ length: (sequence.length * 60) / interval }, (_, k) => FIRST_MINUTE + k * interval * 1000);
    expect(ticks).toEqual(expected);
  });
});

test('a scheduled time names the minute, whatever the execution start', () => {
  const scheduled = FIRST_MINUTE + MINUTE;
  const ticks = ticksOf(5, scheduled + 29_999, { clusters: ['a'], scheduledTime: new Date(scheduled).toISOString() });
  expect(ticks[0]).toBe(scheduled);
  expect(ticks[11]).toBe(scheduled + 55_000);
});

test('a scheduled time off the minute (a direct invocation) still stamps the ticks of its own minute, not of the next', () => {
  const scheduled = FIRST_MINUTE + 7_000;
  const ticks = ticksOf(5, scheduled, { clusters: ['a'], scheduledTime: new Date(scheduled).toISOString() });
  expect(ticks).toEqual(Array.from({ length: 12 }, (_, k) => FIRST_MINUTE + k * 5_000));
});

test('start delays beyond the interval, up to the end of the minute, keep the minute too', () => {
  for (const interval of ALLOWED_INTERVALS) {
    for (const delay of [interval * 1000 + 1, 30_000, 59_999]) {
      expect(ticksOf(interval, FIRST_MINUTE + delay)[0]).toBe(FIRST_MINUTE);
    }
  }
});
