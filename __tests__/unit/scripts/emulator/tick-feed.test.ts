/** The sandbox's live view: ticks released in order per pipeline, and each tick's values as lines. */
import { TickOrder, tickLines, tickValueLines, type TickValue } from '../../../../scripts/lib/emulator/tick-feed';

const OFFSETS = [0, 5, 10, 15];

describe('ticks in order per pipeline', () => {
  test('a tick that ends before an earlier one is held back until the earlier one is in', () => {
    const order = new TickOrder<string>();
    order.expect('a', OFFSETS);
    expect(order.arrive('a', 5, 'a+5')).toEqual([]);
    expect(order.arrive('a', 10, 'a+10')).toEqual([]);
    expect(order.arrive('a', 0, 'a+0')).toEqual(['a+0', 'a+5', 'a+10']);
    expect(order.arrive('a', 15, 'a+15')).toEqual(['a+15']);
  });

  test("pipelines are ordered apart: one pipeline's late tick holds back none of another's", () => {
    const order = new TickOrder<string>();
    order.expect('a', OFFSETS);
    order.expect('b', [0, 10]);
    expect(order.arrive('a', 5, 'a+5')).toEqual([]);
    expect(order.arrive('b', 0, 'b+0')).toEqual(['b+0']);
    expect(order.arrive('b', 10, 'b+10')).toEqual(['b+10']);
    expect(order.arrive('a', 0, 'a+0')).toEqual(['a+0', 'a+5']);
  });

  test('a retried tick is shown after its first try; a tick already shown, or of an unknown pipeline or offset, at once', () => {
    const order = new TickOrder<string>();
    order.expect('a', OFFSETS);
    expect(order.arrive('a', 5, 'a+5 failed')).toEqual([]);
    expect(order.arrive('a', 5, 'a+5 retried')).toEqual([]);
    expect(order.arrive('a', 0, 'a+0')).toEqual(['a+0', 'a+5 failed', 'a+5 retried']);
    expect(order.arrive('a', 0, 'a+0 again')).toEqual(['a+0 again']);
    expect(order.arrive('a', 7, 'a+7')).toEqual(['a+7']);
    expect(order.arrive('z', 0, 'z+0')).toEqual(['z+0']);
  });

  test('at the end, what was held back behind a tick that never came, and the ticks that never came', () => {
    const order = new TickOrder<string>();
    order.expect('a', OFFSETS);
    order.arrive('a', 0, 'a+0');
    order.arrive('a', 10, 'a+10');
    expect(order.finish('a')).toEqual({ held: ['a+10'], missing: [5, 15] });
    expect(order.finish('a')).toEqual({ held: [], missing: [] });
  });
});

const value = (metric: string, dimensions: Record<string, string>, v: number): TickValue => ({ key: { namespace: 'ECS', metric, dimensions }, value: v });

describe('a tick as lines', () => {
  test("one line per cluster and per service, by name, the blog's four metrics first and in their order; fleet-health series left out", () => {
    const values = [
      value('RegisteredContainerInstances', { ClusterName: 'prod-api' }, 3),
      value('RunningTask', { ClusterName: 'prod-api' }, 7),
      value('ActiveServices', { ClusterName: 'prod-api' }, 0),
      value('PendingTask', { ClusterName: 'prod-api' }, 2),
      value('DesiredCount', { ClusterName: 'prod-api', ServiceName: 'web' }, 2),
      value('RunningTask', { ClusterName: 'batch' }, 1),
      value('ClustersWithoutRunningTasks', {}, 0),
    ];
    expect(tickValueLines(values)).toEqual([
      'batch         RunningTask 1',
      'prod-api      RunningTask 7  PendingTask 2  ActiveServices 0  RegisteredContainerInstances 3',
      'prod-api web  DesiredCount 2',
    ]);
  });

  test("a hub's series say their account and region", () => {
    expect(tickValueLines([value('RunningTask', { ClusterName: 'staging', AccountId: '222222222222', Region: 'us-west-2' }, 2)])).toEqual([
      '222222222222/us-west-2 staging  RunningTask 2',
    ]);
  });

  test("the header says the offset, the place, the tick's time, the datums and what was skipped; the values follow, indented", () => {
    const outcome = { ok: true as const, payload: { datums: 4, skipped: [{ cluster: 'prod-workers', reason: 'MISSING' }] } };
    expect(tickLines('111111111111/us-east-1', 5, '2026-12-01T12:00:05.000Z', outcome, [value('RunningTask', { ClusterName: 'prod-api' }, 7)])).toEqual([
      '+05 s 111111111111/us-east-1 (12:00:05): 4 datums, skipped prod-workers (MISSING)',
      '    prod-api  RunningTask 7',
    ]);
    expect(tickLines('999999999999/eu-west-1', 30, undefined, { ok: true, payload: { datums: 20, skipped: 0 } }, [])).toEqual([
      '+30 s 999999999999/eu-west-1: 20 datums',
    ]);
  });

  test('a failed tick says why', () => {
    expect(tickLines('111111111111/us-east-1', 0, undefined, { ok: false, errorMessage: 'Task timed out after 5 seconds' }, [])).toEqual([
      '+00 s 111111111111/us-east-1: failed: Task timed out after 5 seconds',
    ]);
  });
});
