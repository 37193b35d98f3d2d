/**
 * The collector handler against mocked ECS and CloudWatch clients: the blog's one cluster, batching,
 * missing clusters, refused PutMetricData chunks, malformed events, exact tick timestamps, the summary line.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, PublishError } from '../../../functions/collector/collect';
import { type CollectRequest, MalformedEventError, parseEvent } from '../../../functions/collector/event';
import { clients, handler } from '../../../functions/collector/index';
import { DEFAULT_METRICS, metricDefinition } from '../../../modules/metrics/catalog';
import { cluster, givenEcs, inputsOf, putRequests, freshFakesForEachTest } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const names = (n: number) => Array.from({ length: n }, (_, i) => `cluster-${String(i).padStart(4, '0')}`);
const TICK = { intervalSeconds: 5, offsetSeconds: 15, executionStartTime: '2026-11-26T10:00:00.250Z' };

/** A request for the blog's four metrics of these clusters. */
const request = (clusters: string[], timestamp = new Date('2026-11-26T10:00:00Z')): CollectRequest => ({
  clusters,
  namespace: 'ECS',
  timestamp,
  metrics: DEFAULT_METRICS.map((name) => metricDefinition(name)!),
  services: {},
});

freshFakesForEachTest(ecs, cloudwatch);

describe('one cluster, as the blog did it', () => {
  test('publishes its four counts, dimension ClusterName, unit Count, 1-second resolution, at the tick', async () => {
    givenEcs(ecs, [cluster('prod-api')]);
    await handler({ input: { clusters: ['prod-api'], namespace: 'ECS' }, tick: TICK });
    expect(inputsOf(ecs, DescribeClustersCommand)).toEqual([{ clusters: ['prod-api'] }]);
    const timestamp = new Date('2026-11-26T10:00:15Z');
    const dims = [{ Name: 'ClusterName', Value: 'prod-api' }];
    const datum = (MetricName: string, Value: number) => ({ MetricName, Dimensions: dims, Timestamp: timestamp, Value, Unit: 'Count', StorageResolution: 1 });
    expect(putRequests(cloudwatch)).toEqual([
      {
        Namespace: 'ECS',
        MetricData: [datum('RunningTask', 7), datum('PendingTask', 2), datum('ActiveServices', 3), datum('RegisteredContainerInstances', 1)],
      },
    ]);
  });

  test("accepts the blog's own event and publishes to the ECS namespace", async () => {
    givenEcs(ecs, [cluster('ECSEsgaroth')]);
    await handler({ ECSClusterName: 'ECSEsgaroth' });
    const put = putRequests(cloudwatch)[0];
    expect(put.Namespace).toBe('ECS');
    expect(put.MetricData!.map((d) => [d.MetricName, d.Dimensions])).toEqual(DEFAULT_METRICS.map((m) => [m, [{ Name: 'ClusterName', Value: 'ECSEsgaroth' }]]));
  });

  test('publishes to the configured namespace', async () => {
    givenEcs(ecs, [cluster('a')]);
    await handler({ clusters: ['a'], namespace: 'Platform/ECS' });
    expect(putRequests(cloudwatch)[0].Namespace).toBe('Platform/ECS');
  });

  test('a cluster with zero of everything and a 255-character name is published, zeros included', async () => {
    const long = 'c'.repeat(255);
    givenEcs(ecs, [cluster(long, { runningTasksCount: 0, pendingTasksCount: 0, activeServicesCount: 0, registeredContainerInstancesCount: 0 })]);
    const result = await handler({ clusters: [long] });
    expect(putRequests(cloudwatch)[0].MetricData!.map((d) => [d.MetricName, d.Dimensions![0].Value, d.Value])).toEqual(
      DEFAULT_METRICS.map((m) => [m, long, 0]),
    );
    expect(result).toMatchObject({ clusters: 1, datums: 4, skipped: [], lost: [] });
  });
});

describe('batching', () => {
  test.each([
    [1, [1], [4]],
    [100, [100], [400]],
    [101, [100, 1], [404]],
    [250, [100, 100, 50], [1000]],
    [251, [100, 100, 51], [1000, 4]],
    [1000, Array(10).fill(100), [1000, 1000, 1000, 1000]],
  ])('%i clusters: DescribeClusters of %j clusters, PutMetricData of %j datums', async (count, describes, puts) => {
    givenEcs(
      ecs,
      names(count).map((name) => cluster(name)),
    );
    const summary = await collect(request(names(count)), clients);
    expect(inputsOf(ecs, DescribeClustersCommand).map((input) => input.clusters!.length)).toEqual(describes);
    expect(putRequests(cloudwatch).map((put) => put.MetricData!.length)).toEqual(puts);
    // Every cluster is published exactly once.
    const published = putRequests(cloudwatch)
      .flatMap((put) => put.MetricData!)
      .filter((d) => d.MetricName === 'RunningTask')
      .map((d) => d.Dimensions![0].Value);
    expect(published).toEqual(names(count));
    expect(summary).toEqual({
      clusters: count,
      services: 0,
      datums: count * 4,
      refusedDatums: 0,
      calls: { DescribeClusters: describes.length, ListServices: 0, DescribeServices: 0, PutMetricData: puts.length },
      retries: 0,
      skipped: [],
      lost: [],
    });
  });

  test('datums follow the order of the cluster list, whatever order ECS answers in', async () => {
    ecs.on(DescribeClustersCommand).resolves({
      clusters: ['c', 'a', 'b'].map((clusterName, i) => ({
        clusterName,
        status: 'ACTIVE',
        runningTasksCount: i,
        pendingTasksCount: 0,
        activeServicesCount: 0,
        registeredContainerInstancesCount: 0,
      })),
    });
    await collect(request(['a', 'b', 'c']), clients);
    const order = putRequests(cloudwatch)[0]
      .MetricData!.filter((d) => d.MetricName === 'RunningTask')
      .map((d) => d.Dimensions![0].Value);
    expect(order).toEqual(['a', 'b', 'c']);
  });
});

describe('a missing or inaccessible cluster', () => {
  test('a missing cluster is reported and skipped; the others are published', async () => {
    givenEcs(ecs, [cluster('a'), cluster('b')]);
    const result = await handler({ clusters: ['a', 'gone', 'b'], namespace: 'ECS' });
    expect(result.skipped).toEqual([{ cluster: 'gone', reason: 'MISSING' }]);
    const published = putRequests(cloudwatch)[0].MetricData!;
    expect([...new Set(published.map((d) => d.Dimensions![0].Value))]).toEqual(['a', 'b']);
  });

  test('an INACTIVE (deleted) cluster is reported and skipped', async () => {
    givenEcs(ecs, [cluster('old', { status: 'INACTIVE' }), cluster('live')]);
    const result = await handler({ clusters: ['old', 'live'] });
    expect(result.skipped).toEqual([{ cluster: 'old', reason: 'INACTIVE' }]);
    expect(result.clusters).toBe(1);
  });

  test('a DescribeClusters chunk that fails loses only its clusters: the rest is published, then the tick fails naming them', async () => {
    givenEcs(
      ecs,
      names(150).map((name) => cluster(name)),
    );
    ecs
      .on(DescribeClustersCommand, { clusters: names(150).slice(100) })
      .rejects(Object.assign(new Error('User is not authorized to perform: ecs:DescribeClusters'), { name: 'AccessDeniedException' }));
    const error = await collect(request(names(150)), clients).catch((e) => e);
    expect(putRequests(cloudwatch).map((put) => put.MetricData!.length)).toEqual([400]);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.name).toBe('PublishError');
    expect(error.message).toBe(
      `DescribeClusters failed for clusters ${names(150).slice(100, 120).join(', ')} and 30 more: AccessDeniedException: User is not authorized to perform: ecs:DescribeClusters`,
    );
    expect(error.summary).toMatchObject({ clusters: 100, datums: 400, refusedDatums: 0 });
    expect(error.lostClusters).toEqual(names(150).slice(100));
  });
});

describe('a refused PutMetricData chunk', () => {
  test('does not stop the other chunks; the invocation then fails naming what was lost', async () => {
    givenEcs(
      ecs,
      names(751).map((name) => cluster(name)),
    );
    cloudwatch
      .on(PutMetricDataCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .resolves({});
    const error = await collect(request(names(751)), clients).catch((e) => e);
    expect(putRequests(cloudwatch).map((put) => put.MetricData!.length)).toEqual([1000, 1000, 1000, 4]);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.summary.refusedDatums).toBe(1000);
    expect(error.summary.datums).toBe(2004);
    expect(error.lostClusters).toEqual(names(500).slice(250));
    expect(error.message).toBe(
      `PutMetricData failed for 1000 datums of clusters ${names(500).slice(250, 270).join(', ')} and 230 more: Throttling: Rate exceeded`,
    );
  });

  test('the error reaches the state machine as a PublishError, after one summary line at ERROR', async () => {
    givenEcs(ecs, [cluster('a'), cluster('b')]);
    cloudwatch.on(PutMetricDataCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    await expect(handler({ clusters: ['a', 'b'] })).rejects.toThrow('PutMetricData failed for 8 datums of clusters a, b: Throttling: Rate exceeded');
    expect(console.error).toHaveBeenCalledTimes(1);
    expect(console.info).not.toHaveBeenCalled();
    expect((console.error as jest.Mock).mock.calls[0][0]).toMatchObject({
      event: 'collection failed',
      clusters: 2,
      datums: 0,
      refusedDatums: 8,
      calls: { DescribeClusters: 1, PutMetricData: 1 },
      lost: 2,
      lostItems: [
        { api: 'PutMetricData', cluster: 'a', reason: 'Throttling: Rate exceeded' },
        { api: 'PutMetricData', cluster: 'b', reason: 'Throttling: Rate exceeded' },
      ],
      error: 'PublishError: PutMetricData failed for 8 datums of clusters a, b: Throttling: Rate exceeded',
    });
  });
});

describe('malformed events publish nothing', () => {
  test.each([
    [null, 'Malformed event: expected a JSON object, got null'],
    [[1], 'Malformed event: expected a JSON object, got [1]'],
    [{}, 'Malformed event: expected "clusters" (an array of ECS cluster names) or "ECSClusterName" (a string)'],
    [{ clusters: 'a' }, 'Malformed event: expected "clusters" (an array of ECS cluster names) or "ECSClusterName" (a string)'],
    [{ clusters: [] }, 'Malformed event: "clusters" is empty: list at least one ECS cluster name'],
    [{ clusters: ['a', 3] }, 'Malformed event: clusters[1] must be a non-empty string, got 3'],
    [{ ECSClusterName: '' }, 'Malformed event: ECSClusterName must be a non-empty string'],
    [{ clusters: ['a'], namespace: 5 }, 'Malformed event: namespace must be a non-empty string, got 5'],
    [{ input: 'x', tick: TICK }, 'Malformed event: "input" must be the execution input object'],
    [{ input: { clusters: ['a'] }, tick: { ...TICK, intervalSeconds: 7 } }, 'Malformed event: tick.intervalSeconds must divide 60, got 7'],
    [{ input: { clusters: ['a'] }, tick: { ...TICK, offsetSeconds: 3 } }, 'Malformed event: tick.offsetSeconds must be a multiple of the interval, got 3'],
    [
      { input: { clusters: ['a'] }, tick: { ...TICK, executionStartTime: 'soon' } },
      'Malformed event: tick.executionStartTime must be an ISO 8601 time, got "soon"',
    ],
    [{ input: { clusters: ['a'], scheduledTime: 7 }, tick: TICK }, 'Malformed event: scheduledTime must be an ISO 8601 time, got 7'],
    [
      { clusters: ['a'], metrics: ['RunningTask', 'RunningTasks'] },
      'Malformed event: metrics[1]: "RunningTasks" is not a metric the collector knows: use one of RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances, RunningEC2Task, RunningFargateTask, PendingEC2Task, PendingFargateTask, ActiveEC2Services, ActiveFargateServices, DrainingEC2Services, DrainingFargateServices, RunningCount, DesiredCount, PendingCount',
    ],
    [
      { clusters: ['a'], metrics: ['runningtask'] },
      'Malformed event: metrics[0]: "runningtask" is not a metric the collector knows: did you mean "RunningTask"? use one of',
    ],
    [
      { clusters: ['a'], metrics: [] },
      'Malformed event: metrics: the metric list is empty: list at least one metric, such as RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances',
    ],
    [{ clusters: ['a'], metrics: 'RunningTask' }, 'Malformed event: "metrics" must be an array of metric names, got "RunningTask"'],
    [{ clusters: ['a'], services: { a: 'all' } }, 'Malformed event: "services" must map cluster names to lists of service names or "*", got {"a":"all"}'],
    [
      { clusters: ['a'], metrics: ['RunningCount'], services: { a: [] } },
      'Malformed event: services.a: no services listed for "a": list service names, or use "*" for all services of the cluster',
    ],
    [
      { clusters: ['a'], metrics: ['RunningCount'], services: { a: ['web', 'web'] } },
      'Malformed event: services.a[1]: "web" is listed twice (also at index 0): list each service once',
    ],
    [
      { clusters: ['a'], metrics: ['RunningCount'], services: { b: '*' } },
      'Malformed event: services.b: "b" is not in clusters: add it to clusters, or remove it from services',
    ],
    [
      { clusters: ['a'], metrics: ['RunningCount'] },
      'Malformed event: metrics: RunningCount is a per-service metric, but services names no cluster: name the services to collect, e.g. services: { "my-cluster": "*" }, or remove it from metrics',
    ],
    [
      { clusters: ['a'], services: { a: '*' } },
      'Malformed event: services: services are named for a, but metrics selects no per-service metric: add RunningCount, DesiredCount, PendingCount to metrics, or remove services',
    ],
  ])('%j → %s', async (event, message) => {
    await expect(handler(event)).rejects.toThrow(MalformedEventError);
    await expect(handler(event)).rejects.toThrow(message);
    expect(ecs.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
    expect((console.error as jest.Mock).mock.calls[0][0]).toMatchObject({
      event: 'collection failed',
      datums: 0,
      error: expect.stringContaining(message),
    });
  });
});

describe('exact ticks', () => {
  const at = (tick: object, input: object = { clusters: ['a'] }) => parseEvent({ input, tick }).timestamp.toISOString();

  test('an execution that starts 12.3 s past the minute publishes its first tick at :00 with a 5 s interval, the next at :05', () => {
    const start = '2026-11-26T10:00:12.300Z';
    expect(at({ intervalSeconds: 5, offsetSeconds: 0, executionStartTime: start })).toBe('2026-11-26T10:00:00.000Z');
    expect(at({ intervalSeconds: 5, offsetSeconds: 5, executionStartTime: start })).toBe('2026-11-26T10:00:05.000Z');
  });

  test.each([
    // interval, execution start, offset → tick
    [5, '2026-11-26T10:00:09.999Z', 0, '2026-11-26T10:00:00.000Z'],
    [5, '2026-11-26T10:00:10.000Z', 0, '2026-11-26T10:00:00.000Z'],
    [5, '2026-11-26T10:00:10.001Z', 0, '2026-11-26T10:00:00.000Z'],
    [5, '2026-11-26T10:00:14.999Z', 0, '2026-11-26T10:00:00.000Z'],
    [5, '2026-11-26T10:00:00.000Z', 55, '2026-11-26T10:00:55.000Z'],
    [5, '2026-11-26T10:00:12.300Z', 55, '2026-11-26T10:00:55.000Z'],
    [1, '2026-11-26T10:00:59.999Z', 0, '2026-11-26T10:00:00.000Z'],
    [1, '2026-11-26T10:00:59.999Z', 1, '2026-11-26T10:00:01.000Z'],
    [12, '2026-11-26T10:00:23.999Z', 0, '2026-11-26T10:00:00.000Z'],
    [12, '2026-11-26T10:00:24.000Z', 48, '2026-11-26T10:00:48.000Z'],
    [30, '2026-12-31T23:59:45.000Z', 30, '2026-12-31T23:59:30.000Z'],
  ])('%i s interval, execution started %s, offset %i s → %s', (intervalSeconds, executionStartTime, offsetSeconds, tick) => {
    expect(at({ intervalSeconds, offsetSeconds, executionStartTime })).toBe(tick);
  });

  test('the ticks of a minute are one per interval bucket: no two in one bucket, no bucket skipped', () => {
    for (const interval of [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30]) {
      const ticks = Array.from({ length: 60 / interval }, (_, k) =>
        Date.parse(at({ intervalSeconds: interval, offsetSeconds: k * interval, executionStartTime: '2026-11-26T10:00:07.777Z' })),
      );
      const buckets = ticks.map((t) => t / (interval * 1000));
      expect(buckets.every(Number.isInteger)).toBe(true);
      expect(buckets.map((b, i) => b - buckets[0] - i)).toEqual(Array(60 / interval).fill(0));
    }
  });

  /** Every tick of consecutive executions, as bucket numbers of the interval. */
  const bucketsOf = (interval: number, executions: Array<{ executionStartTime: string; scheduledTime?: string }>) =>
    executions.flatMap(({ executionStartTime, scheduledTime }) =>
      Array.from(
        { length: 60 / interval },
        (_, k) =>
          Date.parse(
            at(
              { intervalSeconds: interval, offsetSeconds: k * interval, executionStartTime },
              scheduledTime ? { clusters: ['a'], scheduledTime } : { clusters: ['a'] },
            ),
          ) /
          (interval * 1000),
      ),
    );
  const consecutive = (buckets: number[]) => buckets.every((b, i) => b === buckets[0] + i);

  test('with the schedule (default), consecutive minutes tile the buckets whatever the start jitter', () => {
    const buckets = bucketsOf(5, [
      { scheduledTime: '2026-11-26T10:00:00Z', executionStartTime: '2026-11-26T10:00:04.900Z' },
      { scheduledTime: '2026-11-26T10:01:00Z', executionStartTime: '2026-11-26T10:01:00.100Z' },
      { scheduledTime: '2026-11-26T10:02:00Z', executionStartTime: '2026-11-26T10:02:02.500Z' },
    ]);
    expect(buckets).toHaveLength(36);
    expect(consecutive(buckets)).toBe(true);
  });

  test('with the EventBridge rule, start jitter inside a bucket and across a bucket edge both tile', () => {
    expect(consecutive(bucketsOf(5, [{ executionStartTime: '2026-11-26T10:00:12.300Z' }, { executionStartTime: '2026-11-26T10:01:14.200Z' }]))).toBe(true);
    const crossing = bucketsOf(5, [{ executionStartTime: '2026-11-26T10:00:14.900Z' }, { executionStartTime: '2026-11-26T10:01:15.100Z' }]);
    expect(consecutive(crossing)).toBe(true);
  });

  test('the scheduled time wins over the execution start', () => {
    expect(
      at(
        { intervalSeconds: 10, offsetSeconds: 50, executionStartTime: '2026-11-26T10:01:00.900Z' },
        { clusters: ['a'], scheduledTime: '2026-11-26T10:01:00Z' },
      ),
    ).toBe('2026-11-26T10:01:50.000Z');
  });

  test('a direct invocation is stamped with the current second', () => {
    expect(parseEvent({ clusters: ['a'] }, () => Date.parse('2026-11-26T10:00:12.987Z')).timestamp.toISOString()).toBe('2026-11-26T10:00:12.000Z');
  });

  test('a repeated invocation for the same tick (Express is at-least-once) publishes identical requests', async () => {
    givenEcs(
      ecs,
      names(300).map((name) => cluster(name)),
    );
    const event = { input: { clusters: names(300), namespace: 'ECS' }, tick: TICK };
    await handler(event);
    const first = putRequests(cloudwatch);
    cloudwatch.resetHistory();
    // A retry comes later: the execution start in the event, not the clock, sets the timestamp.
    await handler(structuredClone(event));
    expect(first.length).toBe(2);
    expect(putRequests(cloudwatch)).toEqual(first);
  });
});

describe('the summary line', () => {
  test('one line per invocation: tick, clusters, services, datums, calls, retries, duration, failures', async () => {
    givenEcs(ecs, [cluster('a')]);
    await handler({ input: { clusters: ['a', 'gone'] }, tick: TICK });
    expect(console.info).not.toHaveBeenCalled();
    expect(console.warn).toHaveBeenCalledTimes(1);
    expect((console.warn as jest.Mock).mock.calls[0]).toEqual([
      {
        event: 'collected',
        tick: '2026-11-26T10:00:15.000Z',
        clusters: 1,
        services: 0,
        datums: 4,
        calls: { DescribeClusters: 1, ListServices: 0, DescribeServices: 0, PutMetricData: 1 },
        retries: 0,
        durationMs: expect.any(Number),
        skipped: 1,
        lost: 0,
        skippedItems: [{ cluster: 'gone', reason: 'MISSING' }],
      },
    ]);
  });

  test('at INFO when nothing was skipped', async () => {
    givenEcs(ecs, [cluster('a')]);
    await handler({ clusters: ['a'] });
    expect(console.info).toHaveBeenCalledTimes(1);
    expect(console.warn).not.toHaveBeenCalled();
  });

  test('lists at most 20 failures; the counts stay complete', async () => {
    givenEcs(ecs, []);
    await handler({ clusters: names(30) });
    const line = (console.warn as jest.Mock).mock.calls[0][0];
    expect(line.skipped).toBe(30);
    expect(line.skippedItems).toHaveLength(20);
    expect(cloudwatch.calls()).toHaveLength(0);
  });
});

test('the SDK clients are created once, at load', async () => {
  givenEcs(ecs, [cluster('a')]);
  const before = clients.ecs;
  await handler({ clusters: ['a'] });
  await handler({ clusters: ['a'] });
  expect(clients.ecs).toBe(before);
});
