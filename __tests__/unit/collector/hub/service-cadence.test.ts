/**
 * The hub's service cadence (input `serviceIntervalSeconds`): on a tick whose offset is a multiple
 * of it every target's services are described and the hub publishes their datums and its service
 * fleet-health series; on the others, DescribeClusters only, and the four other series.
 */
import { parseHubEvent } from '../../../../functions/collector/hub/hub-event';
import { handleHubEvent } from '../../../../functions/collector/index';
import type { HubCollectorInput } from '../../../../modules/contract/collector-event';
import { putRequests } from '../../../support/fake-aws';
import { givenSpokeEcs, HUB_TARGET_LIST, hubFakes } from '../../../support/fake-spokes';

const { ecs, cloudwatch, context, givenTargetList, freshHub } = hubFakes();

const A = '111111111111';
const B = '222222222222';
const HUB = 'ecs-highres-hub';
const COUNTS = { runningTasksCount: 7, pendingTasksCount: 0, activeServicesCount: 1, registeredContainerInstancesCount: 1 };
const short = { runningCount: 1, desiredCount: 3, pendingCount: 0 };
const INPUT: HubCollectorInput = {
  targetList: HUB_TARGET_LIST,
  spokeRole: { name: 'ecs-highres-spoke', path: '/platform/', sessionName: 'ecs-highres-hub' },
  namespace: 'ECS/Fleet',
  metrics: ['RunningTask', 'RunningCount'],
  health: { pipeline: HUB },
  serviceIntervalSeconds: 30,
};
const tick = (offsetSeconds: number) => ({ intervalSeconds: 10, offsetSeconds, executionStartTime: '2026-12-01T10:00:00.300Z' });

let calls: ReturnType<typeof givenSpokeEcs>;
beforeEach(() => {
  givenTargetList({
    v1: [
      { account: A, region: 'us-east-1', clusters: ['prod'], services: { prod: ['api'] } },
      { account: B, region: 'eu-west-1', clusters: ['prod'], services: { prod: ['api', 'web'] } },
    ],
  });
  calls = givenSpokeEcs(ecs, {
    [`${A}/us-east-1`]: { prod: { ...COUNTS, services: { api: short } } },
    [`${B}/eu-west-1`]: { prod: { ...COUNTS, services: { api: short, web: short } } },
  });
});

async function hubTick(offsetSeconds: number) {
  await handleHubEvent(freshHub(), { input: INPUT, tick: tick(offsetSeconds) }, context);
  return {
    commands: calls.calls.map((c) => `${c.from} ${c.command}`).sort(),
    names: putRequests(cloudwatch)
      .flatMap((put) => put.MetricData!)
      .map((d) => d.MetricName),
  };
}

test('a service tick (offset 30): DescribeServices in each target, service datums and the service series', async () => {
  const { commands, names } = await hubTick(30);
  expect(commands).toEqual([
    `${A}/us-east-1 DescribeClusters`,
    `${A}/us-east-1 DescribeServices`,
    `${B}/eu-west-1 DescribeClusters`,
    `${B}/eu-west-1 DescribeServices`,
  ]);
  expect(names).toEqual([
    'RunningTask',
    'RunningCount',
    'RunningTask',
    'RunningCount',
    'RunningCount',
    'ClustersWithNoRunningTask',
    'PendingTasks',
    'UnreadClusters',
    'UnreadAccountRegions',
    'ServicesBelowDesired',
    'TaskShortfall',
  ]);
});

test('another tick (offset 20): DescribeClusters only, no service datum and no service series', async () => {
  const { commands, names } = await hubTick(20);
  expect(commands).toEqual([`${A}/us-east-1 DescribeClusters`, `${B}/eu-west-1 DescribeClusters`]);
  expect(names).toEqual(['RunningTask', 'RunningTask', 'ClustersWithNoRunningTask', 'PendingTasks', 'UnreadClusters', 'UnreadAccountRegions']);
});

test('the hub event checks it like the collector: a multiple of the interval', () => {
  expect(() => parseHubEvent({ input: { ...INPUT, serviceIntervalSeconds: 15 }, tick: tick(0) })).toThrow(
    /serviceIntervalSeconds \(15\) must be a multiple of tick.intervalSeconds \(10\)/,
  );
});
