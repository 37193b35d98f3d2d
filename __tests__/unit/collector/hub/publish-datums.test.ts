/**
 * Publishing the hub's datums: PutMetricData in the hub's namespace, 1,000 datums a request, in
 * order; a refused request is charged to the account-regions and clusters it carried, and only to them.
 */
import { CloudWatchClient, PutMetricDataCommand, type PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsCalls } from '../../../../functions/collector/aws-calls';
import { ClusterDiscovery } from '../../../../functions/collector/cluster-discovery';
import { collectTargets, describeLostAccountRegions, type HubState } from '../../../../functions/collector/hub/collect-targets';
import { EcsClientPool } from '../../../../functions/collector/hub/hub-clients';
import { publishHubDatums } from '../../../../functions/collector/hub/publish-datums';
import { SpokeCredentials } from '../../../../functions/collector/hub/spoke-credentials';
import type { HubTarget } from '../../../../functions/collector/hub/targets';
import { DEFAULT_METRICS, metricDefinition } from '../../../../modules/metrics/catalog';
import { fakeClock, givenSpokeEcs, givenSts } from '../../../support/fake-spokes';

const sts = mockClient(STSClient);
const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const COUNTS = { runningTasksCount: 7, pendingTasksCount: 2, activeServicesCount: 3, registeredContainerInstancesCount: 1 };
const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const TARGETS: HubTarget[] = [
  { account: A, region: 'us-east-1', clusters: names(250, 'a') },
  { account: B, region: 'us-east-1', clusters: names(250, 'b') },
  { account: C, region: 'eu-west-1', clusters: names(100, 'c') },
];
const puts = () => cloudwatch.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input as PutMetricDataCommandInput);

/** The tick's datums and reports, collected from three fake spokes. */
async function collected() {
  const clock = fakeClock();
  givenSts(sts, clock);
  givenSpokeEcs(
    ecs,
    Object.fromEntries(TARGETS.map((t) => [`${t.account}/${t.region}`, Object.fromEntries((t.clusters as string[]).map((n) => [n, COUNTS]))])),
  );
  const credentials = new SpokeCredentials(
    new STSClient({ region: 'us-east-1' }),
    { partition: 'aws', name: 'spoke', path: '/', sessionName: 'hub' },
    clock.now,
  );
  const state: HubState = { credentials, ecsClients: new EcsClientPool(credentials), discovery: new ClusterDiscovery(), serviceLists: new Map() };
  return collectTargets({ targets: TARGETS, metrics: DEFAULT_METRICS.map((m) => metricDefinition(m)!), timestamp: new Date('2026-11-30T10:00:05Z') }, state);
}
const hubCalls = () => new AwsCalls({ ecs: new ECSClient({ region: 'us-east-1' }), cloudwatch: new CloudWatchClient({ region: 'us-east-1' }) });

beforeEach(() => {
  sts.reset();
  ecs.reset();
  cloudwatch.reset();
});

test('2,400 datums go out as 1,000 + 1,000 + 400, in order, to the hub namespace', async () => {
  cloudwatch.on(PutMetricDataCommand).resolves({});
  const { datums, reports } = await collected();
  const published = await publishHubDatums('ECS', datums, reports, hubCalls());
  expect(puts().map((p) => [p.Namespace, p.MetricData!.length])).toEqual([
    ['ECS', 1000],
    ['ECS', 1000],
    ['ECS', 400],
  ]);
  expect(puts().flatMap((p) => p.MetricData!)).toEqual(datums);
  expect(published).toMatchObject({ published: 2400, refused: 0 });
  expect(published.reports).toEqual(reports);
});

test('a refused request loses only the datums it carried, charged to their account-region and clusters', async () => {
  cloudwatch.on(PutMetricDataCommand).resolves({});
  cloudwatch
    .on(PutMetricDataCommand)
    .resolvesOnce({})
    .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
    .resolves({});
  const { datums, reports } = await collected();
  const published = await publishHubDatums('ECS', datums, reports, hubCalls());
  expect(puts()).toHaveLength(3);
  expect(published).toMatchObject({ published: 1400, refused: 1000 });
  const [a, b, c] = published.reports;
  expect(a.lost).toEqual([]);
  expect(c.lost).toEqual([]);
  expect(b.refusedDatums).toBe(1000);
  expect(b.lost).toEqual(names(250, 'b').map((cluster) => ({ api: 'PutMetricData', cluster, reason: 'Throttling: Rate exceeded' })));
  expect(describeLostAccountRegions(published.reports)).toBe(
    // The message is bounded (report.ts): the first 20 clusters, then the count of the rest.
    `${B}/us-east-1: PutMetricData failed for 1000 datums of clusters ${names(20, 'b').join(', ')} and 230 more: Throttling: Rate exceeded`,
  );
});

test('a request that spans two account-regions charges each for its own part', async () => {
  cloudwatch.on(PutMetricDataCommand).rejects(Object.assign(new Error('Internal'), { name: 'InternalServiceFault' }));
  const { datums, reports } = await collected();
  // Shifted by 400, the first request carries 600 of A's datums and 400 of B's, the second 600 of B's and C's 400.
  const shifted = datums.slice(400);
  const published = await publishHubDatums('ECS', shifted, reports, hubCalls());
  expect(published.reports.map((r) => r.refusedDatums)).toEqual([600, 1000, 400]);
});
