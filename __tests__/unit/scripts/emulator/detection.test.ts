/** The detection harness's pure part: the payload it invokes the deployed collector with, tick by tick. */
import { parseEvent } from '../../../../functions/collector/event';
import type { DeployedPipeline } from '../../../../scripts/lib/emulator/deployment';
import { tickPayload } from '../../../../scripts/lib/emulator/detection';

const pipeline = (input: string) =>
  ({ intervalSeconds: 5, tickOffsets: [0, 5], trigger: { kind: 'schedule', stateMachineArn: 'arn:sm', input } }) as unknown as DeployedPipeline;

test("each tick's payload is what the state machine's Task sends: the trigger's input with its scheduled time, and the tick", () => {
  const minute = new Date('2026-12-02T03:04:00Z');
  const payload = tickPayload(pipeline('{"clusters":["prod-api"],"namespace":"ECS","scheduledTime":"<aws.scheduler.scheduled-time>"}'), minute, 25);
  expect(payload).toEqual({
    input: { clusters: ['prod-api'], namespace: 'ECS', scheduledTime: '2026-12-02T03:04:00.000Z' },
    tick: { intervalSeconds: 5, offsetSeconds: 25, executionStartTime: '2026-12-02T03:04:00.000Z' },
  });
  // The collector stamps every datum of the tick with the minute plus the offset, whenever it is invoked.
  expect(parseEvent(payload, () => Date.parse('2026-12-02T03:30:00Z')).timestamp.toISOString()).toBe('2026-12-02T03:04:25.000Z');
});

test('a rule has no scheduled time: the execution start, the minute, is the base', () => {
  const minute = new Date('2026-12-02T03:04:00Z');
  const payload = tickPayload(pipeline('{"clusters":["prod-api"]}'), minute, 55);
  expect(parseEvent(payload).timestamp.toISOString()).toBe('2026-12-02T03:04:55.000Z');
});
