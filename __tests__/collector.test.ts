import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, PublishError } from '../functions/collector/collect';
import { MalformedEventError, parseEvent } from '../functions/collector/event';
import { clients, handler } from '../functions/collector/index';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const names = (n: number) => Array.from({ length: n }, (_, i) => `cluster-${String(i).padStart(4, '0')}`);
const TICK = { intervalSeconds: 5, offsetSeconds: 15, executionStartTime: '2026-11-26T10:00:00.250Z' };

/** ECS answers each DescribeClusters with the clusters asked for, except those in `missing`. */
function ecsKnows(missing: string[] = []) {
  ecs.on(DescribeClustersCommand).callsFake(({ clusters }: { clusters: string[] }) => ({
    clusters: clusters
      .filter((name) => !missing.includes(name))
      .map((name, i) => ({
        clusterName: name,
        clusterArn: `arn:aws:ecs:us-east-1:111111111111:cluster/${name}`,
        status: 'ACTIVE',
        runningTasksCount: 7 + i,
        pendingTasksCount: 2,
        activeServicesCount: 3,
        registeredContainerInstancesCount: 1,
      })),
    failures: clusters
      .filter((name) => missing.includes(name))
      .map((name) => ({ arn: `arn:aws:ecs:us-east-1:111111111111:cluster/${name}`, reason: 'MISSING' })),
  }));
}

beforeEach(() => {
  ecs.reset();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

describe('one cluster, as the blog did it', () => {
  test('publishes its four counts, dimension ClusterName, unit Count, 1-second resolution, at the tick', async () => {
    ecsKnows();
    await handler({ input: { clusters: ['prod-api'], namespace: 'ECS' }, tick: TICK });
    expect(ecs.commandCalls(DescribeClustersCommand).map((c) => c.args[0].input)).toEqual([{ clusters: ['prod-api'] }]);
    const timestamp = new Date('2026-11-26T10:00:15Z');
    const dims = [{ Name: 'ClusterName', Value: 'prod-api' }];
    expect(cloudwatch.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input)).toEqual([
      {
        Namespace: 'ECS',
        MetricData: [
          { MetricName: 'RunningTask', Dimensions: dims, Timestamp: timestamp, Value: 7, Unit: 'Count', StorageResolution: 1 },
          { MetricName: 'PendingTask', Dimensions: dims, Timestamp: timestamp, Value: 2, Unit: 'Count', StorageResolution: 1 },
          { MetricName: 'ActiveServices', Dimensions: dims, Timestamp: timestamp, Value: 3, Unit: 'Count', StorageResolution: 1 },
          {
            MetricName: 'RegisteredContainerInstances',
            Dimensions: dims,
            Timestamp: timestamp,
            Value: 1,
            Unit: 'Count',
            StorageResolution: 1,
          },
        ],
      },
    ]);
  });

  test('accepts the blog\'s own event and publishes to the ECS namespace', async () => {
    ecsKnows();
    await handler({ ECSClusterName: 'ECSEsgaroth' });
    const put = cloudwatch.commandCalls(PutMetricDataCommand)[0].args[0].input;
    expect(put.Namespace).toBe('ECS');
    expect(put.MetricData!.map((d) => [d.MetricName, d.Dimensions])).toEqual(
      ['RunningTask', 'PendingTask', 'ActiveServices', 'RegisteredContainerInstances'].map((m) => [
        m,
        [{ Name: 'ClusterName', Value: 'ECSEsgaroth' }],
      ]),
    );
  });

  test('publishes to the configured namespace', async () => {
    ecsKnows();
    await handler({ clusters: ['a'], namespace: 'Platform/ECS' });
    expect(cloudwatch.commandCalls(PutMetricDataCommand)[0].args[0].input.Namespace).toBe('Platform/ECS');
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
    ecsKnows();
    const summary = await collect(
      { clusters: names(count), namespace: 'ECS', timestamp: new Date('2026-11-26T10:00:00Z') },
      clients,
    );
    expect(ecs.commandCalls(DescribeClustersCommand).map((c) => c.args[0].input.clusters!.length)).toEqual(describes);
    expect(cloudwatch.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input.MetricData!.length)).toEqual(puts);
    // Every cluster is published exactly once.
    const published = cloudwatch
      .commandCalls(PutMetricDataCommand)
      .flatMap((c) => c.args[0].input.MetricData!)
      .filter((d) => d.MetricName === 'RunningTask')
      .map((d) => d.Dimensions![0].Value);
    expect(published).toEqual(names(count));
    expect(summary).toEqual({
      clusters: count,
      datums: count * 4,
      describeCalls: describes.length,
      putCalls: puts.length,
      skipped: [],
    });
  });
});

describe('failures', () => {
  test('a missing cluster is reported and skipped; the others are published', async () => {
    ecsKnows(['gone']);
    const result = await handler({ clusters: ['a', 'gone', 'b'], namespace: 'ECS' });
    expect(result.skipped).toEqual([{ cluster: 'gone', reason: 'MISSING' }]);
    const published = cloudwatch.commandCalls(PutMetricDataCommand)[0].args[0].input.MetricData!;
    expect(new Set(published.map((d) => d.Dimensions![0].Value))).toEqual(new Set(['a', 'b']));
    expect(console.warn).toHaveBeenCalledWith(JSON.stringify({ message: 'cluster skipped', cluster: 'gone', reason: 'MISSING' }));
  });

  test('an INACTIVE (deleted) cluster is reported and skipped', async () => {
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [
        { clusterName: 'old', status: 'INACTIVE', runningTasksCount: 0 },
        { clusterName: 'live', status: 'ACTIVE', runningTasksCount: 1 },
      ],
    });
    const result = await handler({ clusters: ['old', 'live'] });
    expect(result.skipped).toEqual([{ cluster: 'old', reason: 'INACTIVE' }]);
    expect(result.clusters).toBe(1);
  });

  test('a refused PutMetricData chunk does not stop the others; the invocation then fails naming what was lost', async () => {
    ecsKnows();
    cloudwatch
      .on(PutMetricDataCommand)
      .resolvesOnce({})
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
      .resolves({});
    const error = await collect({ clusters: names(751), namespace: 'ECS', timestamp: new Date(0) }, clients).catch((e) => e);
    expect(cloudwatch.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input.MetricData!.length)).toEqual([
      1000, 1000, 1000, 4,
    ]);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.lostDatums).toBe(1000);
    expect(error.lostClusters).toEqual(names(500).slice(250));
  });

  test('the PublishError says how many datums of which clusters were lost, and why', async () => {
    ecsKnows();
    cloudwatch.on(PutMetricDataCommand).rejects(new Error('Rate exceeded'));
    await expect(handler({ clusters: ['a', 'b'] })).rejects.toThrow(
      'PutMetricData failed for 8 datums of clusters a, b: Rate exceeded',
    );
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
    [{ input: { clusters: ['a'] }, tick: { ...TICK, executionStartTime: 'soon' } }, 'Malformed event: tick.executionStartTime must be an ISO 8601 time, got "soon"'],
    [{ input: { clusters: ['a'], scheduledTime: 7 }, tick: TICK }, 'Malformed event: scheduledTime must be an ISO 8601 time, got 7'],
  ])('%j → %s', async (event, message) => {
    await expect(handler(event)).rejects.toThrow(new MalformedEventError(message.replace('Malformed event: ', '')));
    await expect(handler(event)).rejects.toThrow(message);
    expect(ecs.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
  });
});

describe('tick timestamps', () => {
  const at = (input: object, tick: object) => parseEvent({ input, tick }).timestamp.toISOString();

  test('the execution start floored to the interval, plus the offset', () => {
    expect(at({ clusters: ['a'] }, { intervalSeconds: 5, offsetSeconds: 0, executionStartTime: '2026-11-26T10:00:12.300Z' })).toBe(
      '2026-11-26T10:00:10.000Z',
    );
    expect(at({ clusters: ['a'] }, { intervalSeconds: 5, offsetSeconds: 5, executionStartTime: '2026-11-26T10:00:12.300Z' })).toBe(
      '2026-11-26T10:00:15.000Z',
    );
  });

  test('the scheduled time wins over the execution start', () => {
    expect(
      at(
        { clusters: ['a'], scheduledTime: '2026-11-26T10:01:00Z' },
        { intervalSeconds: 10, offsetSeconds: 50, executionStartTime: '2026-11-26T10:01:00.900Z' },
      ),
    ).toBe('2026-11-26T10:01:50.000Z');
  });

  test('a direct invocation is stamped with the current second', () => {
    expect(parseEvent({ clusters: ['a'] }, () => Date.parse('2026-11-26T10:00:12.987Z')).timestamp.toISOString()).toBe(
      '2026-11-26T10:00:12.000Z',
    );
  });
});

test('the SDK clients are created once, at load', async () => {
  ecsKnows();
  const before = clients.ecs;
  await handler({ clusters: ['a'] });
  await handler({ clusters: ['a'] });
  expect(clients.ecs).toBe(before);
});
