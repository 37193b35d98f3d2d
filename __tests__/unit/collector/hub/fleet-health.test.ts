/**
 * The hub's fleet-health series: one set for the whole hub (dimension Pipeline=<hub pipeline>, no
 * account or region), summed over every target, after every account-region's datums in the same
 * requests; UnreadAccountRegions counts the targets whose AssumeRole, ListClusters or every read failed.
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { PublishError } from '../../../../functions/collector/collect';
import type { HubSummary } from '../../../../functions/collector/hub/hub-collector';
import { parseHubEvent } from '../../../../functions/collector/hub/hub-event';
import { handleHubEvent } from '../../../../functions/collector/index';
import type { HubCollectorInput } from '../../../../modules/contract/collector-event';
import { putRequests } from '../../../support/fake-aws';
import { ACCOUNT_A, ACCOUNT_B, givenSpokeEcs, givenSts, HUB_TARGET_LIST, hubFakes, type Spokes, TWO_BY_TWO_TARGETS } from '../../../support/fake-spokes';

const { sts, ecs, cloudwatch, context, givenTargetList, freshHub } = hubFakes();

const A = ACCOUNT_A;
const B = ACCOUNT_B;
const HUB = 'ecs-highres-hub';
const TIMESTAMP = new Date('2026-11-30T10:00:10Z');
const COUNTS = { runningTasksCount: 7, pendingTasksCount: 2, activeServicesCount: 3, registeredContainerInstancesCount: 1 };
const SPOKES: Spokes = {
  [`${A}/us-east-1`]: { prod: COUNTS, batch: COUNTS },
  [`${A}/eu-west-1`]: { prod: COUNTS },
  [`${B}/us-east-1`]: { prod: COUNTS },
  [`${B}/eu-west-1`]: { web: COUNTS },
};
const INPUT: HubCollectorInput = {
  targetList: HUB_TARGET_LIST,
  spokeRole: { name: 'ecs-highres-spoke', path: '/platform/', sessionName: 'ecs-highres-hub' },
  namespace: 'ECS/Fleet',
  metrics: ['RunningTask'],
  health: { pipeline: HUB },
};
const TICK = { intervalSeconds: 5, offsetSeconds: 10, executionStartTime: '2026-11-30T10:00:00.300Z' };

/** One hub tick; its summary, from the result or from the PublishError it throws. */
async function tick(input: Partial<HubCollectorInput> = {}): Promise<{ summary: HubSummary; error?: PublishError<HubSummary> }> {
  const hub = freshHub();
  const collected = jest.spyOn(hub, 'collect');
  try {
    await handleHubEvent(hub, { input: { ...INPUT, ...input }, tick: TICK }, context);
    return { summary: await collected.mock.results[0].value };
  } catch (error) {
    if (!(error instanceof PublishError)) throw error;
    return { summary: error.summary as HubSummary, error: error as PublishError<HubSummary> };
  }
}

const datum = (MetricName: string, Value: number) => ({
  MetricName,
  Dimensions: [{ Name: 'Pipeline', Value: HUB }],
  Timestamp: TIMESTAMP,
  Value,
  Unit: 'Count',
  StorageResolution: 1,
});
const FOUR = ['ClustersWithNoRunningTask', 'PendingTasks', 'UnreadClusters', 'UnreadAccountRegions'];
const series = (...values: number[]) => [...FOUR, 'ServicesBelowDesired', 'TaskShortfall'].slice(0, values.length).map((name, i) => datum(name, values[i]));

/** THEN: the datums of the hub's fleet health, as sent. */
const healthDatums = () =>
  putRequests(cloudwatch)
    .flatMap((put) => put.MetricData!)
    .filter((d) => d.Dimensions![0].Name === 'Pipeline');

beforeEach(() => givenTargetList({ v1: TWO_BY_TWO_TARGETS }));

describe('the fleet-health series of a hub', () => {
  test('one set for the whole hub, zeros published, at the end of the one request', async () => {
    givenSpokeEcs(ecs, SPOKES);
    await tick();
    const [request] = putRequests(cloudwatch);
    expect(putRequests(cloudwatch)).toHaveLength(1);
    expect(request.MetricData!.slice(0, 5).every((d) => d.MetricName === 'RunningTask')).toBe(true);
    // 5 clusters of 2 pending tasks each.
    expect(request.MetricData!.slice(5)).toEqual(series(0, 10, 0, 0));
  });

  test('clusters with services and no running task are counted over every account-region and named account/region/cluster', async () => {
    givenSpokeEcs(ecs, {
      ...SPOKES,
      [`${A}/us-east-1`]: { prod: { ...COUNTS, runningTasksCount: 0 }, batch: { ...COUNTS, runningTasksCount: 0, activeServicesCount: 0 } },
      [`${B}/eu-west-1`]: { web: { ...COUNTS, runningTasksCount: 0 } },
    });
    const { summary } = await tick();
    expect(healthDatums()).toEqual(series(2, 10, 0, 0));
    expect(summary.health?.noRunningTask).toEqual([`${A}/us-east-1/prod`, `${B}/eu-west-1/web`]);
  });

  test('AssumeRole denied in one account: its account-regions unread, its listed clusters unread ("*": not known); the rest published', async () => {
    givenSts(sts, { now: Date.now }, [B]);
    givenSpokeEcs(ecs, SPOKES);
    const { summary, error } = await tick();
    expect(error).toBeDefined();
    expect(healthDatums()).toEqual(series(0, 6, 1, 2));
    expect(summary.health?.unreadAccountRegions).toEqual([`${B}/us-east-1`, `${B}/eu-west-1`]);
    expect(summary.health?.unreadClusters).toEqual([`${B}/us-east-1/prod`]);
    // The summary line names them, for the alarm's Logs Insights query.
    expect((console.error as jest.Mock).mock.calls[0][0].health).toEqual({
      pipeline: HUB,
      ClustersWithNoRunningTask: 0,
      PendingTasks: 6,
      UnreadClusters: 1,
      UnreadAccountRegions: 2,
      unreadClusters: `${B}/us-east-1/prod`,
      unreadAccountRegions: `${B}/us-east-1, ${B}/eu-west-1`,
    });
  });

  test('every DescribeClusters of an account-region throttled: that account-region and its clusters unread', async () => {
    givenSpokeEcs(ecs, SPOKES, { failing: [`${A}/us-east-1`] });
    await tick();
    expect(healthDatums()).toEqual(series(0, 6, 2, 1));
  });

  test('ListClusters of a "*" account-region failing: that account-region unread', async () => {
    givenSpokeEcs(ecs, SPOKES, { failing: [`${B}/eu-west-1`] });
    await tick();
    expect(healthDatums()).toEqual(series(0, 8, 0, 1));
  });

  test('a MISSING cluster: unread, its account-region read', async () => {
    givenTargetList({ v1: [{ account: A, region: 'us-east-1', clusters: ['prod', 'gone'] }] });
    givenSpokeEcs(ecs, SPOKES);
    const { summary } = await tick();
    expect(healthDatums()).toEqual(series(0, 2, 1, 0));
    expect(summary.health?.unreadClusters).toEqual([`${A}/us-east-1/gone`]);
  });

  test('services collected: short services summed over the account-regions', async () => {
    const services = (running: number, desired: number) => ({ runningCount: running, desiredCount: desired, pendingCount: 0 });
    givenTargetList({
      v1: [
        { account: A, region: 'us-east-1', clusters: ['prod'], services: { prod: ['api', 'web'] } },
        { account: B, region: 'us-east-1', clusters: ['prod'], services: { prod: ['api'] } },
      ],
    });
    givenSpokeEcs(ecs, {
      [`${A}/us-east-1`]: { prod: { ...COUNTS, services: { api: services(1, 4), web: services(2, 2) } } },
      [`${B}/us-east-1`]: { prod: { ...COUNTS, services: { api: services(0, 2) } } },
    });
    const { summary } = await tick({ metrics: ['RunningTask', 'RunningCount'] });
    expect(healthDatums()).toEqual(series(0, 4, 0, 0, 2, 5));
    expect(summary.health?.shortServices).toEqual([
      { service: `${A}/us-east-1/prod/api`, shortfall: 3 },
      { service: `${B}/us-east-1/prod/api`, shortfall: 2 },
    ]);
  });

  test('without services: ServicesBelowDesired and TaskShortfall are not published', async () => {
    givenSpokeEcs(ecs, SPOKES);
    await tick();
    expect(healthDatums().map((d) => d.MetricName)).toEqual(FOUR);
  });

  test('an input without health (an older hub stack): no fleet-health datum', async () => {
    givenSpokeEcs(ecs, SPOKES);
    const { health: _none, ...older } = INPUT;
    const { summary } = await tick({ ...older, health: undefined });
    expect(healthDatums()).toEqual([]);
    expect(putRequests(cloudwatch)[0].MetricData).toHaveLength(5);
    expect(summary.health).toBeUndefined();
  });

  test('a refused request carrying them: charged to the hub itself, and the tick fails naming them', async () => {
    givenSpokeEcs(ecs, SPOKES);
    cloudwatch.on(PutMetricDataCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    const { summary, error } = await tick();
    expect(summary.lost.filter((l) => l.accountRegion === 'hub')).toEqual([
      { accountRegion: 'hub', api: 'PutMetricData', cluster: `Pipeline=${HUB}`, reason: 'Throttling: Rate exceeded' },
    ]);
    expect(summary.refusedDatums).toBe(9);
    expect(error?.message).toMatch(
      /^the hub's fleet-health datums were refused: Pipeline=ecs-highres-hub: PutMetricData failed: Throttling: Rate exceeded\n4 of 4 account-regions lost datums/,
    );
  });
});

describe("the hub input's health", () => {
  test('is read from the execution input; a malformed one is refused before anything is called', () => {
    expect(parseHubEvent({ input: INPUT, tick: TICK }).health).toEqual({ pipeline: HUB });
    expect(() => parseHubEvent({ input: { ...INPUT, health: { pipeline: '' } }, tick: TICK })).toThrow(/health must be \{ "pipeline": "<pipeline name>" \}/);
  });
});
