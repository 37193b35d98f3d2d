/**
 * ECS's read throttle (about 20 calls a second per account-region, burst 50): the hub's
 * parallelism is across account-regions, never many calls at one, and each account-region costs
 * ceil(clusters / 100) DescribeClusters a tick, so even a 1-second interval stays far below it.
 */
import { ECSClient } from '@aws-sdk/client-ecs';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { MAX_IN_FLIGHT } from '../../../../functions/collector/aws-calls';
import { ClusterDiscovery, CLUSTER_LIST_TTL_MS } from '../../../../functions/collector/cluster-discovery';
import { collectTargets, type HubState } from '../../../../functions/collector/hub/collect-targets';
import { EcsClientPool } from '../../../../functions/collector/hub/hub-clients';
import { SpokeCredentials } from '../../../../functions/collector/hub/spoke-credentials';
import type { HubTarget } from '../../../../functions/collector/hub/targets';
import { ALLOWED_INTERVALS } from '../../../../modules/common/rules';
import { API_LIMITS, DEFAULT_METRICS, metricDefinition } from '../../../../modules/metrics/catalog';
import { fakeClock, givenSpokeEcs, givenSts, type Spokes } from '../../../support/fake-spokes';

const sts = mockClient(STSClient);
const ecs = mockClient(ECSClient);
const COUNTS = { runningTasksCount: 7, pendingTasksCount: 2, activeServicesCount: 3, registeredContainerInstancesCount: 1 };

test("a tick of 100 account-regions × 250 clusters asks each account-region 3 times, within ECS's read rate at the shortest interval", async () => {
  const clock = fakeClock();
  givenSts(sts, clock);
  const clusters = Array.from({ length: 250 }, (_, i) => `c-${i}`);
  const targets: HubTarget[] = Array.from({ length: 100 }, (_, i) => ({ account: String(100000000000 + i), region: 'us-east-1', clusters }));
  const spokes: Spokes = Object.fromEntries(targets.map((t) => [`${t.account}/${t.region}`, Object.fromEntries(clusters.map((c) => [c, COUNTS]))]));
  const fake = givenSpokeEcs(ecs, spokes);
  const credentials = new SpokeCredentials(
    new STSClient({ region: 'us-east-1' }),
    { partition: 'aws', name: 'spoke', path: '/', sessionName: 'hub' },
    clock.now,
  );
  const state: HubState = {
    credentials,
    ecsClients: new EcsClientPool(credentials),
    discovery: new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now),
    serviceLists: new Map(),
  };

  const collection = await collectTargets({ targets, metrics: DEFAULT_METRICS.map((m) => metricDefinition(m)!), timestamp: new Date() }, state);

  expect(collection.datums).toHaveLength(100 * 250 * 4);
  const perAccountRegion = new Map<string, number>();
  for (const call of fake.calls) perAccountRegion.set(call.from, (perAccountRegion.get(call.from) ?? 0) + 1);
  const callsPerTick = Math.ceil(clusters.length / API_LIMITS.describeClustersBatch);
  expect(new Set(perAccountRegion.values())).toEqual(new Set([callsPerTick]));
  // At the shortest interval every tick is a second: 3 calls a second, against ECS's 20.
  expect(callsPerTick / Math.min(...ALLOWED_INTERVALS)).toBeLessThanOrEqual(API_LIMITS.ecsReadCallsPerSecond);
  // Calls of one account-region in flight are bounded by one AwsCalls' bound, below ECS's burst.
  expect(MAX_IN_FLIGHT).toBeLessThanOrEqual(API_LIMITS.ecsReadBurst);
});
