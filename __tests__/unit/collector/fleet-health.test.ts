/**
 * The fleet-health series of a per-account-region pipeline (modules/metrics/fleet-health.ts): one
 * set per tick with the dimension Pipeline, zeros included, after the cluster datums in the same
 * PutMetricData requests; none for an input without `health` (an older stack's).
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, PublishError } from '../../../functions/collector/collect';
import { type CollectRequest, MalformedEventError, parseEvent } from '../../../functions/collector/event';
import { clients } from '../../../functions/collector/index';
import { ClusterDiscovery } from '../../../functions/collector/cluster-discovery';
import { ServiceListCache } from '../../../functions/collector/service-list-cache';
import { ACCOUNT, cluster, givenEcs, putRequests, REGION, service } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const TIMESTAMP = new Date('2026-11-26T10:00:05Z');
const PIPELINE = 'ecs-highres';
const HOME = { partition: 'aws', account: ACCOUNT, region: REGION };

const request = (input: Record<string, unknown>): CollectRequest => parseEvent({ health: { pipeline: PIPELINE }, ...input }, () => TIMESTAMP.getTime());

/** THEN: the datum of one fleet-health series, exactly as sent. */
const datum = (MetricName: string, Value: number) => ({
  MetricName,
  Dimensions: [{ Name: 'Pipeline', Value: PIPELINE }],
  Timestamp: TIMESTAMP,
  Value,
  Unit: 'Count',
  StorageResolution: 1,
});

/** THEN: the fleet-health datums sent, in order (every datum whose dimension is Pipeline). */
const healthDatums = () =>
  putRequests(cloudwatch)
    .flatMap((put) => put.MetricData!)
    .filter((d) => d.Dimensions![0].Name === 'Pipeline');

const fourSeries = (values: [number, number, number, number]) =>
  ['ClustersWithNoRunningTask', 'PendingTasks', 'UnreadClusters', 'UnreadAccountRegions'].map((name, i) => datum(name, values[i]));
const sixSeries = (values: [number, number, number, number, number, number]) => [
  ...fourSeries(values.slice(0, 4) as [number, number, number, number]),
  datum('ServicesBelowDesired', values[4]),
  datum('TaskShortfall', values[5]),
];

beforeEach(() => {
  ecs.reset();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
});

describe('the fleet-health series of a pipeline', () => {
  test('a healthy cluster: the four series, zeros published, after the cluster datums in the same request', async () => {
    givenEcs(ecs, [cluster('a', { pendingTasksCount: 0 })]);
    const summary = await collect(request({ clusters: ['a'] }), clients);
    expect(putRequests(cloudwatch)).toHaveLength(1);
    const datums = putRequests(cloudwatch)[0].MetricData!;
    expect(datums.map((d) => d.MetricName)).toEqual([
      'RunningTask',
      'PendingTask',
      'ActiveServices',
      'RegisteredContainerInstances',
      'ClustersWithNoRunningTask',
      'PendingTasks',
      'UnreadClusters',
      'UnreadAccountRegions',
    ]);
    expect(datums.slice(4)).toEqual(fourSeries([0, 0, 0, 0]));
    expect(summary.datums).toBe(8);
  });

  test('pending tasks are summed over the clusters read', async () => {
    givenEcs(ecs, [cluster('a', { pendingTasksCount: 2 }), cluster('b', { pendingTasksCount: 5 })]);
    await collect(request({ clusters: ['a', 'b'] }), clients);
    expect(healthDatums()).toEqual(fourSeries([0, 7, 0, 0]));
  });

  test('a cluster with services and no running task counts; an idle cluster without services does not', async () => {
    givenEcs(ecs, [
      cluster('down', { runningTasksCount: 0, activeServicesCount: 2, pendingTasksCount: 1 }),
      cluster('idle', { runningTasksCount: 0, activeServicesCount: 0, pendingTasksCount: 0 }),
      cluster('up', { runningTasksCount: 3, activeServicesCount: 2, pendingTasksCount: 0 }),
    ]);
    const summary = await collect(request({ clusters: ['down', 'idle', 'up'] }), clients, { home: HOME });
    expect(healthDatums()).toEqual(fourSeries([1, 1, 0, 0]));
    expect(summary.health?.noRunningTask).toEqual([`${ACCOUNT}/${REGION}/down`]);
  });

  test('a MISSING cluster is unread; the account-region was read', async () => {
    givenEcs(ecs, [cluster('a', { pendingTasksCount: 0 })]);
    const summary = await collect(request({ clusters: ['a', 'gone'] }), clients, { home: HOME });
    expect(healthDatums()).toEqual(fourSeries([0, 0, 1, 0]));
    expect(summary.health?.unreadClusters).toEqual([`${ACCOUNT}/${REGION}/gone`]);
  });

  test('an INACTIVE cluster is unread', async () => {
    givenEcs(ecs, [cluster('a', { pendingTasksCount: 0 }), cluster('old', { status: 'INACTIVE' })]);
    await collect(request({ clusters: ['a', 'old'] }), clients);
    expect(healthDatums()).toEqual(fourSeries([0, 0, 1, 0]));
  });

  test('a throttled DescribeClusters: its clusters unread, and with no call answered the account-region too; published, then the tick fails', async () => {
    ecs.on(DescribeClustersCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const error = (await collect(request({ clusters: ['a', 'b'] }), clients, { home: HOME }).catch((e) => e)) as PublishError;
    expect(error).toBeInstanceOf(PublishError);
    expect(putRequests(cloudwatch).map((put) => put.MetricData)).toEqual([fourSeries([0, 0, 2, 1])]);
    expect(error.summary.health?.unreadAccountRegions).toEqual([`${ACCOUNT}/${REGION}`]);
  });

  test('one of two DescribeClusters calls throttled: its 100 clusters unread, the account-region read', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    givenEcs(
      ecs,
      names.map((name) => cluster(name, { pendingTasksCount: 0 })),
    );
    ecs.on(DescribeClustersCommand, { clusters: names.slice(0, 100) }).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(collect(request({ clusters: names }), clients)).rejects.toBeInstanceOf(PublishError);
    expect(healthDatums()).toEqual(fourSeries([0, 0, 100, 0]));
  });

  test('"*" whose cluster list cannot be read: the account-region is unread, its clusters unknown', async () => {
    ecs.on(ListClustersCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(collect(request({ clusters: '*' }), clients, { discovery: new ClusterDiscovery() })).rejects.toBeInstanceOf(PublishError);
    expect(putRequests(cloudwatch).map((put) => put.MetricData)).toEqual([fourSeries([0, 0, 0, 1])]);
  });

  test('services short of their desired count: ServicesBelowDesired and TaskShortfall', async () => {
    givenEcs(ecs, [
      cluster('prod', {
        pendingTasksCount: 0,
        services: [
          service('api', { runningCount: 2, desiredCount: 5 }),
          service('web', { runningCount: 3, desiredCount: 3 }),
          service('worker', { runningCount: 0, desiredCount: 1 }),
          service('over', { runningCount: 4, desiredCount: 2 }),
        ],
      }),
    ]);
    const summary = await collect(request({ clusters: ['prod'], metrics: ['RunningTask', 'RunningCount'], services: { prod: '*' } }), clients, {
      serviceLists: new ServiceListCache(),
    });
    expect(healthDatums()).toEqual(sixSeries([0, 0, 0, 0, 2, 4]));
    expect(summary.health?.shortServices).toEqual([
      { service: 'prod/api', shortfall: 3 },
      { service: 'prod/worker', shortfall: 1 },
    ]);
  });

  test('services collected and none short: the two service series published as zeros', async () => {
    givenEcs(ecs, [cluster('prod', { pendingTasksCount: 0, services: [service('web', { runningCount: 3, desiredCount: 3 })] })]);
    await collect(request({ clusters: ['prod'], metrics: ['RunningCount'], services: { prod: ['web'] } }), clients);
    expect(healthDatums()).toEqual(sixSeries([0, 0, 0, 0, 0, 0]));
  });

  test('services not configured: ServicesBelowDesired and TaskShortfall are not published', async () => {
    givenEcs(ecs, [cluster('prod', { pendingTasksCount: 0, services: [service('api', { runningCount: 0, desiredCount: 5 })] })]);
    await collect(request({ clusters: ['prod'] }), clients);
    expect(healthDatums().map((d) => d.MetricName)).toEqual(['ClustersWithNoRunningTask', 'PendingTasks', 'UnreadClusters', 'UnreadAccountRegions']);
  });

  test('an input without health (an older stack): nothing but the cluster datums', async () => {
    givenEcs(ecs, [cluster('a', { runningTasksCount: 0 })]);
    const summary = await collect(
      parseEvent({ clusters: ['a', 'gone'] }, () => TIMESTAMP.getTime()),
      clients,
    );
    expect(putRequests(cloudwatch)[0].MetricData!.map((d) => d.MetricName)).toEqual([
      'RunningTask',
      'PendingTask',
      'ActiveServices',
      'RegisteredContainerInstances',
    ]);
    expect(summary.health).toBeUndefined();
  });

  test('the health datums share the last request with cluster datums: 1,000 a request', async () => {
    const names = Array.from({ length: 250 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    givenEcs(
      ecs,
      names.map((name) => cluster(name, { pendingTasksCount: 0 })),
    );
    await collect(request({ clusters: names }), clients);
    expect(putRequests(cloudwatch).map((put) => put.MetricData!.length)).toEqual([1000, 4]);
    expect(putRequests(cloudwatch)[1].MetricData!).toEqual(fourSeries([0, 0, 0, 0]));
  });

  test('a refused request carrying the health datums is charged to Pipeline=<name>', async () => {
    givenEcs(ecs, [cluster('a')]);
    cloudwatch.on(PutMetricDataCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    const error = (await collect(request({ clusters: ['a'] }), clients).catch((e) => e)) as PublishError;
    expect(error.summary.lost.map((l) => l.cluster)).toEqual(['a', `Pipeline=${PIPELINE}`]);
  });
});

describe('the health of the input', () => {
  test.each([
    ['null', null],
    ['a string', 'ecs-highres'],
    ['no pipeline', {}],
    ['an empty pipeline', { pipeline: '' }],
    ['a number', { pipeline: 7 }],
    ['a pipeline longer than a dimension value', { pipeline: 'x'.repeat(1025) }],
  ])('%s is refused, naming the field', (_, health) => {
    const parse = () => parseEvent({ clusters: ['a'], health }, () => TIMESTAMP.getTime());
    expect(parse).toThrow(MalformedEventError);
    expect(parse).toThrow(/health must be \{ "pipeline": "<pipeline name>" \}/);
  });

  test('from the state machine: the execution input carries it', () => {
    const parsed = parseEvent({
      input: { clusters: ['a'], health: { pipeline: PIPELINE } },
      tick: { intervalSeconds: 5, offsetSeconds: 5, executionStartTime: '2026-11-26T10:00:00.123Z' },
    });
    expect(parsed.health).toEqual({ pipeline: PIPELINE });
    expect(parsed.timestamp).toEqual(TIMESTAMP);
  });
});
