/**
 * `clusters: "*"` in the per-account-region collector: every cluster of the account-region,
 * listed with ListClusters at most once a minute and kept across warm invocations, the last list
 * when listing fails, the tick lost (naming ListClusters) when there is no list at all; services
 * are still selected by cluster name.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { ClusterDiscovery, CLUSTER_LIST_TTL_MS } from '../../../functions/collector/cluster-discovery';
import { collect, PublishError } from '../../../functions/collector/collect';
import { parseEvent } from '../../../functions/collector/event';
import { clients, handler } from '../../../functions/collector/index';
import { ServiceListCache } from '../../../functions/collector/service-list-cache';
import { cluster, clusterArn, freshFakesForEachTest, givenEcs, inputsOf, publishedValues, putRequests, service } from '../../support/fake-aws';
import { fakeClock } from '../../support/fake-spokes';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
freshFakesForEachTest(ecs, cloudwatch);
const TICK = { intervalSeconds: 5, offsetSeconds: 0, executionStartTime: '2026-11-30T10:00:00Z' };
const names = (n: number) => Array.from({ length: n }, (_, i) => `c-${String(i).padStart(3, '0')}`);

/** GIVEN ListClusters pages (of `maxResults`) through these cluster names, in this order. */
function givenClusterList(list: readonly string[]) {
  ecs.on(ListClustersCommand).callsFake(async ({ maxResults = 100, nextToken }) => {
    const start = nextToken ? Number(nextToken) : 0;
    const end = start + maxResults;
    return { clusterArns: list.slice(start, end).map(clusterArn), ...(end < list.length ? { nextToken: String(end) } : {}) };
  });
}

const tick = (discovery: ClusterDiscovery, input: Record<string, unknown> = {}) =>
  collect(parseEvent({ input: { clusters: '*', namespace: 'ECS', metrics: ['RunningTask'], ...input }, tick: TICK }), clients, {
    discovery,
    serviceLists: new ServiceListCache(),
  });

test('the handler collects every cluster listed: ListClusters pages of 100, DescribeClusters by 100', async () => {
  const all = names(150);
  givenEcs(
    ecs,
    all.map((n) => cluster(n)),
  );
  givenClusterList(all);
  const summary = await handler({ input: { clusters: '*', namespace: 'ECS' }, tick: TICK });
  expect(inputsOf(ecs, ListClustersCommand)).toEqual([{ maxResults: 100 }, { maxResults: 100, nextToken: '100' }]);
  expect(inputsOf(ecs, DescribeClustersCommand)).toEqual([{ clusters: all.slice(0, 100) }, { clusters: all.slice(100) }]);
  expect(putRequests(cloudwatch).flatMap((p) => p.MetricData!)).toHaveLength(600);
  expect(summary).toMatchObject({ clusters: 150, datums: 600, calls: { ListClusters: 2, DescribeClusters: 2, PutMetricData: 1 } });
});

test('warm invocations within a minute reuse the list; after a minute a new cluster is found', async () => {
  const clock = fakeClock();
  const discovery = new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now);
  givenEcs(ecs, [cluster('a', { runningTasksCount: 1 }), cluster('b', { runningTasksCount: 2 })]);
  givenClusterList(['a']);
  await tick(discovery);
  clock.advance(CLUSTER_LIST_TTL_MS - 1);
  givenClusterList(['a', 'b']);
  const warm = await tick(discovery);
  expect(warm.calls).toMatchObject({ ListClusters: 0, DescribeClusters: 1 });
  expect(inputsOf(ecs, ListClustersCommand)).toHaveLength(1);
  clock.advance(1);
  await tick(discovery);
  expect(inputsOf(ecs, ListClustersCommand)).toHaveLength(2);
  expect(publishedValues(cloudwatch)).toEqual(['RunningTask a = 1', 'RunningTask a = 1', 'RunningTask a = 1', 'RunningTask b = 2']);
});

test('services are selected by the name of a discovered cluster', async () => {
  givenEcs(ecs, [cluster('api', { services: [service('web', { runningCount: 3 })] }), cluster('batch')]);
  givenClusterList(['api', 'batch']);
  await tick(new ClusterDiscovery(), { metrics: ['RunningTask', 'RunningCount'], services: { api: '*' } });
  expect(publishedValues(cloudwatch)).toEqual(['RunningTask api = 7', 'RunningCount api/web = 3', 'RunningTask batch = 7']);
});

test('"*" with services of a cluster that is not there: nothing of it, no error', async () => {
  givenEcs(ecs, [cluster('batch')]);
  givenClusterList(['batch']);
  const summary = await tick(new ClusterDiscovery(), { metrics: ['RunningTask', 'RunningCount'], services: { gone: '*' } });
  expect(publishedValues(cloudwatch)).toEqual(['RunningTask batch = 7']);
  expect(summary.lost).toEqual([]);
});

test('a failed listing uses the last list, reported as skipped, and the tick succeeds', async () => {
  const clock = fakeClock();
  const discovery = new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now);
  givenEcs(ecs, [cluster('a')]);
  givenClusterList(['a']);
  await tick(discovery);
  clock.advance(CLUSTER_LIST_TTL_MS);
  ecs.on(ListClustersCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
  const summary = await tick(discovery);
  expect(publishedValues(cloudwatch)).toEqual(['RunningTask a = 7', 'RunningTask a = 7']);
  expect(summary.skipped).toEqual([{ cluster: '*', reason: 'the last cluster list was used: ListClusters failed: ThrottlingException: Rate exceeded' }]);
});

test('a failed listing with no earlier list loses the tick: nothing published, the error names ListClusters', async () => {
  ecs.on(ListClustersCommand).rejects(Object.assign(new Error('not authorized to perform: ecs:ListClusters'), { name: 'AccessDeniedException' }));
  const error = await tick(new ClusterDiscovery()).catch((e) => e);
  expect(error).toBeInstanceOf(PublishError);
  expect(error.message).toBe(
    'ListClusters failed for the clusters ("*"), so none was collected: AccessDeniedException: not authorized to perform: ecs:ListClusters',
  );
  expect(inputsOf(ecs, DescribeClustersCommand)).toEqual([]);
  expect(cloudwatch.calls()).toHaveLength(0);
  expect(error.summary).toMatchObject({
    datums: 0,
    lost: [{ api: 'ListClusters', cluster: '*' }],
    calls: { ListClusters: 1, DescribeClusters: 0, PutMetricData: 0 },
  });
});

test('an account-region without clusters publishes nothing and succeeds', async () => {
  givenClusterList([]);
  const summary = await tick(new ClusterDiscovery());
  expect(summary).toMatchObject({ clusters: 0, datums: 0, calls: { ListClusters: 1, DescribeClusters: 0, PutMetricData: 0 } });
  expect(cloudwatch.calls()).toHaveLength(0);
});

test('"*" is the only string clusters may be', () => {
  expect(() => parseEvent({ clusters: 'all' })).toThrow('"clusters": "*" collects every cluster; got clusters "all"');
  expect(parseEvent({ clusters: '*' }).clusters).toBe('*');
});
