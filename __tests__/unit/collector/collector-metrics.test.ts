/** The metrics beyond the blog's four: the EC2/Fargate capacity split and per-service counts. */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, DescribeServicesCommand, ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect } from '../../../functions/collector/collect';
import { type CollectRequest, parseEvent } from '../../../functions/collector/event';
import { clients } from '../../../functions/collector/index';
import { ServiceListCache } from '../../../functions/collector/service-list-cache';
import { CLUSTER_STATISTICS_METRICS } from '../../../modules/metrics/catalog';
import { cluster, type FakeService, givenEcs, inputsOf, publishedValues, putRequests, service } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const TIMESTAMP = new Date('2026-11-26T10:00:05Z');

/** The request a direct invocation with this input makes, stamped at TIMESTAMP. */
const request = (input: Record<string, unknown>): CollectRequest => parseEvent(input, () => TIMESTAMP.getTime());
const services = (n: number, prefix = 'svc') => Array.from({ length: n }, (_, i) => service(`${prefix}-${String(i).padStart(3, '0')}`, { runningCount: i }));

beforeEach(() => {
  ecs.reset();
  cloudwatch.reset();
  cloudwatch.on(PutMetricDataCommand).resolves({});
});

describe('the capacity split (DescribeClusters statistics)', () => {
  const statistics = {
    runningEC2TasksCount: 3,
    runningFargateTasksCount: 5,
    pendingEC2TasksCount: 0,
    pendingFargateTasksCount: 1,
    activeEC2ServiceCount: 2,
    activeFargateServiceCount: 4,
    drainingEC2ServiceCount: 0,
    drainingFargateServiceCount: 1,
  };

  test('asks for STATISTICS only when a capacity-split metric is selected', async () => {
    givenEcs(ecs, [cluster('a', { statistics })]);
    await collect(request({ clusters: ['a'] }), clients);
    await collect(request({ clusters: ['a'], metrics: ['RunningTask', 'RunningFargateTask'] }), clients);
    expect(inputsOf(ecs, DescribeClustersCommand)).toEqual([{ clusters: ['a'] }, { clusters: ['a'], include: ['STATISTICS'] }]);
  });

  test('publishes each split metric from its statistic, in the order selected, with the blog metrics', async () => {
    givenEcs(ecs, [cluster('a', { statistics })]);
    const all = CLUSTER_STATISTICS_METRICS.map((m) => m.name);
    await collect(request({ clusters: ['a'], metrics: ['RunningTask', ...all] }), clients);
    expect(publishedValues(cloudwatch)).toEqual([
      'RunningTask a = 7',
      'RunningEC2Task a = 3',
      'RunningFargateTask a = 5',
      'PendingEC2Task a = 0',
      'PendingFargateTask a = 1',
      'ActiveEC2Services a = 2',
      'ActiveFargateServices a = 4',
      'DrainingEC2Services a = 0',
      'DrainingFargateServices a = 1',
    ]);
    expect(putRequests(cloudwatch)[0].MetricData![1]).toEqual({
      MetricName: 'RunningEC2Task',
      Dimensions: [{ Name: 'ClusterName', Value: 'a' }],
      Timestamp: TIMESTAMP,
      Value: 3,
      Unit: 'Count',
      StorageResolution: 1,
    });
  });

  test('reads a statistic whatever the case of its key (the ECS reference writes "RunningFargateTasksCount")', async () => {
    givenEcs(ecs, [cluster('a', { statistics: { RunningFargateTasksCount: 9 } })]);
    await collect(request({ clusters: ['a'], metrics: ['RunningFargateTask'] }), clients);
    expect(publishedValues(cloudwatch)).toEqual(['RunningFargateTask a = 9']);
  });

  test('a statistic ECS does not return is reported and not published as a made-up 0', async () => {
    givenEcs(ecs, [cluster('a', { statistics: { runningEC2TasksCount: 3 } })]);
    const summary = await collect(request({ clusters: ['a'], metrics: ['RunningEC2Task', 'RunningFargateTask'] }), clients);
    expect(publishedValues(cloudwatch)).toEqual(['RunningEC2Task a = 3']);
    expect(summary.skipped).toEqual([{ cluster: 'a', reason: 'ECS gave no runningFargateTasksCount for RunningFargateTask' }]);
  });
});

describe('per-service counts', () => {
  test('named services: DescribeServices in chunks of 10, no ListServices, dimensions ClusterName and ServiceName', async () => {
    givenEcs(ecs, [cluster('prod', { services: services(23) })]);
    const named = services(23).map((s) => s.name);
    await collect(request({ clusters: ['prod'], metrics: ['RunningCount', 'DesiredCount', 'PendingCount'], services: { prod: named } }), clients);
    expect(ecs.commandCalls(ListServicesCommand)).toHaveLength(0);
    expect(inputsOf(ecs, DescribeServicesCommand)).toEqual([
      { cluster: 'prod', services: named.slice(0, 10) },
      { cluster: 'prod', services: named.slice(10, 20) },
      { cluster: 'prod', services: named.slice(20) },
    ]);
    const datums = putRequests(cloudwatch)[0].MetricData!;
    expect(datums).toHaveLength(69);
    expect(datums.slice(0, 3)).toEqual(
      [
        ['RunningCount', 0],
        ['DesiredCount', 5],
        ['PendingCount', 1],
      ].map(([MetricName, Value]) => ({
        MetricName,
        Dimensions: [
          { Name: 'ClusterName', Value: 'prod' },
          { Name: 'ServiceName', Value: 'svc-000' },
        ],
        Timestamp: TIMESTAMP,
        Value,
        Unit: 'Count',
        StorageResolution: 1,
      })),
    );
  });

  test('"*": ListServices 100 at a time with nextToken, then DescribeServices of every service', async () => {
    givenEcs(ecs, [cluster('big', { services: services(250) })]);
    const summary = await collect(request({ clusters: ['big'], metrics: ['RunningCount'], services: { big: '*' } }), clients, {
      serviceLists: new ServiceListCache(),
    });
    expect(inputsOf(ecs, ListServicesCommand)).toEqual([
      { cluster: 'big', maxResults: 100, nextToken: undefined },
      { cluster: 'big', maxResults: 100, nextToken: '100' },
      { cluster: 'big', maxResults: 100, nextToken: '200' },
    ]);
    expect(inputsOf(ecs, DescribeServicesCommand).map((input) => input.services!.length)).toEqual(Array(25).fill(10));
    expect(publishedValues(cloudwatch)).toEqual(services(250).map((s, i) => `RunningCount big/${s.name} = ${i}`));
    expect(summary).toMatchObject({
      clusters: 1,
      services: 250,
      datums: 250,
      calls: { DescribeClusters: 1, ListServices: 3, DescribeServices: 25, PutMetricData: 1 },
    });
  });

  test('cluster metrics and service metrics together: per cluster, its metrics then its services by name', async () => {
    givenEcs(ecs, [cluster('a', { services: [service('web'), service('api')] }), cluster('b', { services: [service('worker')] })]);
    await collect(request({ clusters: ['a', 'b'], metrics: ['RunningTask', 'RunningCount'], services: { a: '*', b: ['worker'] } }), clients, {
      serviceLists: new ServiceListCache(),
    });
    expect(publishedValues(cloudwatch)).toEqual([
      'RunningTask a = 7',
      'RunningCount a/api = 4',
      'RunningCount a/web = 4',
      'RunningTask b = 7',
      'RunningCount b/worker = 4',
    ]);
  });

  test('a cluster with zero services publishes its cluster counts, zeros included, and no service datum', async () => {
    givenEcs(ecs, [cluster('empty', { runningTasksCount: 0, services: [] })]);
    const summary = await collect(
      request({ clusters: ['empty'], metrics: ['RunningTask', 'ActiveServices', 'RunningCount'], services: { empty: '*' } }),
      clients,
      { serviceLists: new ServiceListCache() },
    );
    expect(publishedValues(cloudwatch)).toEqual(['RunningTask empty = 0', 'ActiveServices empty = 0']);
    expect(inputsOf(ecs, ListServicesCommand)).toHaveLength(1);
    expect(ecs.commandCalls(DescribeServicesCommand)).toHaveLength(0);
    expect(summary).toMatchObject({ services: 0, datums: 2, skipped: [], lost: [] });
  });

  test('a service scaled to 0 publishes 0, 0, 0', async () => {
    givenEcs(ecs, [cluster('a', { services: [service('idle', { runningCount: 0, desiredCount: 0, pendingCount: 0 })] })]);
    await collect(request({ clusters: ['a'], metrics: ['RunningCount', 'DesiredCount', 'PendingCount'], services: { a: ['idle'] } }), clients);
    expect(publishedValues(cloudwatch)).toEqual(['RunningCount a/idle = 0', 'DesiredCount a/idle = 0', 'PendingCount a/idle = 0']);
  });

  test('a named service that does not exist is reported, not fatal; the others are published', async () => {
    givenEcs(ecs, [cluster('a', { services: [service('web')] })]);
    const summary = await collect(request({ clusters: ['a'], metrics: ['RunningCount'], services: { a: ['web', 'typo'] } }), clients);
    expect(publishedValues(cloudwatch)).toEqual(['RunningCount a/web = 4']);
    expect(summary.skipped).toEqual([{ cluster: 'a', service: 'typo', reason: 'MISSING' }]);
    expect(summary.lost).toEqual([]);
  });

  test('a deleted (INACTIVE) service is reported; a DRAINING one is still published', async () => {
    givenEcs(ecs, [cluster('a', { services: [service('old', { status: 'INACTIVE' }), service('going', { status: 'DRAINING', runningCount: 1 })] })]);
    const summary = await collect(request({ clusters: ['a'], metrics: ['RunningCount'], services: { a: ['old', 'going'] } }), clients);
    expect(publishedValues(cloudwatch)).toEqual(['RunningCount a/going = 1']);
    expect(summary.skipped).toEqual([{ cluster: 'a', service: 'old', reason: 'INACTIVE' }]);
  });

  test('services of a missing cluster are not asked for: the cluster is reported once', async () => {
    givenEcs(ecs, [cluster('a', { services: [service('web')] })]);
    const summary = await collect(request({ clusters: ['a', 'gone'], metrics: ['RunningCount'], services: { a: ['web'], gone: '*' } }), clients, {
      serviceLists: new ServiceListCache(),
    });
    expect(inputsOf(ecs, ListServicesCommand)).toEqual([]);
    expect(inputsOf(ecs, DescribeServicesCommand)).toEqual([{ cluster: 'a', services: ['web'] }]);
    expect(summary.skipped).toEqual([{ cluster: 'gone', reason: 'MISSING' }]);
  });

  test('255-character cluster and service names: 1,000 datums a request, each body under the 1 MB PutMetricData limit', async () => {
    const clusterName = 'c'.repeat(255);
    const fakeServices: FakeService[] = Array.from({ length: 700 }, (_, i) => service(`${String(i).padStart(3, '0')}${'s'.repeat(252)}`));
    givenEcs(ecs, [cluster(clusterName, { services: fakeServices })]);
    await collect(request({ clusters: [clusterName], metrics: ['RunningCount', 'DesiredCount', 'PendingCount'], services: { [clusterName]: '*' } }), clients, {
      serviceLists: new ServiceListCache(),
    });
    const puts = putRequests(cloudwatch);
    expect(puts.map((put) => put.MetricData!.length)).toEqual([1000, 1000, 100]);
    for (const put of puts) {
      for (const datum of put.MetricData!) {
        expect(datum.Dimensions!.map((d) => d.Value!.length)).toEqual([255, 255]);
      }
    }
  });
});

describe('the service list cache', () => {
  test('lists a "*" cluster once a minute: ticks in between make only DescribeServices calls', async () => {
    let now = Date.parse('2026-11-26T10:00:00Z');
    const cache = new ServiceListCache(60_000, () => now);
    givenEcs(ecs, [cluster('a', { services: services(3) })]);
    const tick = () => collect(request({ clusters: ['a'], metrics: ['RunningCount'], services: { a: '*' } }), clients, { serviceLists: cache });

    for (let k = 0; k < 12; k++) {
      await tick();
      now += 5_000;
    }
    expect(ecs.commandCalls(ListServicesCommand)).toHaveLength(1);
    expect(ecs.commandCalls(DescribeServicesCommand)).toHaveLength(12);
    // 60 s after the listing: listed again.
    await tick();
    expect(ecs.commandCalls(ListServicesCommand)).toHaveLength(2);
  });

  test('a new service appears within a minute; a deleted one makes the next tick list again', async () => {
    let now = 0;
    const cache = new ServiceListCache(60_000, () => now);
    const tick = () => collect(request({ clusters: ['a'], metrics: ['RunningCount'], services: { a: '*' } }), clients, { serviceLists: cache });

    givenEcs(ecs, [cluster('a', { services: [service('web'), service('api')] })]);
    await tick();
    // 'api' is deleted and 'new' created.
    givenEcs(ecs, [cluster('a', { services: [service('web'), service('new')] })]);
    now = 5_000;
    cloudwatch.resetHistory();
    const summary = await tick();
    expect(summary.skipped).toEqual([{ cluster: 'a', service: 'api', reason: 'MISSING' }]);
    expect(publishedValues(cloudwatch)).toEqual(['RunningCount a/web = 4']);
    now = 10_000;
    cloudwatch.resetHistory();
    await tick();
    expect(ecs.commandCalls(ListServicesCommand)).toHaveLength(2);
    expect(publishedValues(cloudwatch)).toEqual(['RunningCount a/new = 4', 'RunningCount a/web = 4']);
  });

  test('the cache is per cluster, and named lists never use it', async () => {
    const cache = new ServiceListCache(60_000, () => 0);
    givenEcs(ecs, [cluster('a', { services: [service('web')] }), cluster('b', { services: [service('api')] })]);
    const tick = () =>
      collect(request({ clusters: ['a', 'b'], metrics: ['RunningCount'], services: { a: '*', b: ['api'] } }), clients, { serviceLists: cache });
    await tick();
    await tick();
    expect(inputsOf(ecs, ListServicesCommand)).toEqual([{ cluster: 'a', maxResults: 100, nextToken: undefined }]);
    expect(cache.get('a')).toEqual(['web']);
    expect(cache.get('b')).toBeUndefined();
  });
});
