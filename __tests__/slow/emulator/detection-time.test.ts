/**
 * Detection time, proved on the emulator: each topology deployed once (a pipeline per
 * account-region with listed and with "*" clusters; a hub reading a listed and a "*"
 * account-region of a member), then the deployed collector run tick by tick over one minute with
 * the trigger's own input while a service loses its tasks right after the tick of 25 s. What was
 * published is read back as CloudWatch stores it, the alarms are read as the emulator holds them,
 * and each alarm is run over the data by the evaluator written from CloudWatch's documented rules
 * (moto stores alarms but never evaluates them): the test asserts the evaluation that fires.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  type EvaluatedAlarm,
  evaluatedAlarm,
  evaluations,
  firstAlarm,
  type StatisticSet,
  worstDetectionSeconds,
} from '../../../scripts/lib/emulator/alarm-evaluator';
import type { DeployedPipeline } from '../../../scripts/lib/emulator/deployment';
import { runTicks, serviceLosesItsTasks, setDesiredCount, statisticSets, type TickOutcome } from '../../../scripts/lib/emulator/detection';
import type { RegionSeed } from '../../../scripts/lib/emulator/ecs-seeds';
import { CloudWatchReader, type SeriesKey, seriesLabel } from '../../../scripts/lib/emulator/metrics-readback';
import { FLEET_HEALTH_DIMENSION, FLEET_HEALTH_METRICS } from '../../../modules/metrics/catalog';
import { detectionTime } from '../../../modules/monitoring/detection-time';
import { requireEmulatorTools } from '../../../scripts/lib/emulator/moto-server';
import { type DeployedScenario, runScenario, type SeededScenario } from '../../../scripts/lib/emulator/scenario';
import { TIER_TIMEOUT_MS } from '../../support/emulator';

/**
 * The tick after which the services lose their tasks: the tick of 30 s is the first to read it,
 * and opens the period [30 s, 40 s), the slowest place for a change to land (the period ends a
 * whole period after the tick that reads it).
 */
const LAST_HEALTHY_TICK_SECONDS = 25;
/** From the change to the evaluation that fires: when evaluations fall on period ends (40 s), and at the worst whole-second phase (49 s). */
const ALIGNED_SECONDS = 15;
const WORST_SECONDS = 24;

/** A cluster whose one service (wanting 2 tasks) loses them. */
const losing = (name: string, service: string) => ({ name, containerInstances: 1, runningTasks: 0, services: { [service]: 2 } });

const PIPELINES: SeededScenario = {
  name: 'detection: a pipeline per account-region',
  config: '__tests__/support/fleets/detection.json',
  seeds: [
    // Listed clusters, services collected on prod-api.
    { account: '111111111111', region: 'us-east-1', clusters: [losing('prod-api', 'web'), { name: 'prod-workers', containerInstances: 1, runningTasks: 2 }] },
    // clusters "*": both discovered.
    { account: '111111111111', region: 'eu-west-1', clusters: [losing('prod-eu', 'api'), { name: 'batch-eu', containerInstances: 1, runningTasks: 1 }] },
  ],
  execute: false,
  countActiveServices: true,
};

const HUB: SeededScenario = {
  name: 'detection: a hub',
  config: 'examples/hub.yaml',
  seeds: [
    { account: '111111111111', region: 'us-east-1', clusters: [losing('prod-api', 'web'), { name: 'prod-workers', containerInstances: 1, runningTasks: 2 }] },
    { account: '111111111111', region: 'eu-west-1', clusters: [{ name: 'prod-eu', containerInstances: 1, runningTasks: 3 }, losing('batch-eu', 'jobs')] },
    { account: '222222222222', region: 'us-west-2', clusters: [{ name: 'staging', containerInstances: 1, runningTasks: 1 }] },
    { account: '222222222222', region: 'eu-central-1', clusters: [{ name: 'staging-eu', containerInstances: 1, runningTasks: 1 }] },
  ],
  execute: false,
  countActiveServices: true,
};

/** One pipeline's minute: its ticks, every series of its namespace read back, and its alarms. */
interface PipelineMinute {
  readonly stack: string;
  readonly pipeline: DeployedPipeline;
  readonly minute: number;
  readonly ticks: readonly TickOutcome[];
  readonly series: ReadonlyArray<{ readonly key: SeriesKey; readonly samples: readonly StatisticSet[] }>;
  readonly alarms: readonly MetricAlarm[];
  /** The same alarms as Terraform applied them (its state's values), by name. */
  readonly appliedAlarms: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/** The services that lose their tasks in the place a pipeline reads (the hub: every member account-region). */
function losingServices(seeds: readonly RegionSeed[], pipeline: DeployedPipeline, hub: boolean) {
  return seeds
    .filter((seed) => hub || (seed.account === pipeline.account && seed.region === pipeline.region))
    .flatMap((seed) =>
      seed.clusters.flatMap((cluster) =>
        Object.entries(cluster.services ?? {}).map(([service, desired]) => ({
          place: { account: seed.account, region: seed.region, cluster: cluster.name },
          service,
          desired,
        })),
      ),
    );
}

/** Runs one minute of ticks of every pipeline of the deployment, the services losing their tasks after the tick of 25 s. */
async function runMinutes(deployed: DeployedScenario, hub: boolean): Promise<PipelineMinute[]> {
  const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const out: PipelineMinute[] = [];
  for (const { stack, pipeline, appliedResources } of deployed.stacks) {
    if (!pipeline) continue;
    const services = losingServices(deployed.seeds, pipeline, hub);
    // Healthy first: under moto's model UpdateService runs the desired count.
    for (const s of services) await setDesiredCount(deployed.endpoint, s.place, s.service, s.desired);
    const ticks = await runTicks(deployed.frontEndpoint, pipeline, minute, async (offset) => {
      if (offset === LAST_HEALTHY_TICK_SECONDS + pipeline.intervalSeconds) {
        for (const s of services) await serviceLosesItsTasks(deployed.endpoint, s.place, s.service, s.desired);
      }
    });
    const reader = new CloudWatchReader(deployed.endpoint, pipeline.account, pipeline.region);
    const namespace = (JSON.parse(pipeline.trigger.input) as { namespace?: string }).namespace ?? 'ECS';
    const keys = [...new Map((await reader.listMetrics(namespace)).map((key) => [seriesLabel(key), key])).values()];
    const series = [];
    for (const key of keys) {
      series.push({
        key,
        samples: await statisticSets(
          deployed.endpoint,
          pipeline.account,
          pipeline.region,
          key,
          new Date(minute.getTime() - 60_000),
          new Date(minute.getTime() + 120_000),
        ),
      });
    }
    const alarmNames = appliedResources.filter((r) => r.type === 'aws_cloudwatch_metric_alarm').map((r) => r.values.alarm_name as string);
    const appliedAlarms = new Map(
      appliedResources.filter((r) => r.type === 'aws_cloudwatch_metric_alarm').map((r) => [r.values.alarm_name as string, r.values] as const),
    );
    out.push({ stack, pipeline, minute: minute.getTime(), ticks, series, alarms: await reader.alarms(alarmNames), appliedAlarms });
  }
  return out;
}

const results = new Map<string, PipelineMinute[]>();
const failures = new Map<string, Error>();
const workRoot = mkdtempSync(path.join(tmpdir(), 'ecs-highres-emulator-detection-'));

beforeAll(async () => {
  requireEmulatorTools();
  const settled = await Promise.allSettled(
    [PIPELINES, HUB].map(async (scenario, i) => {
      let minutes: PipelineMinute[] = [];
      await runScenario(scenario, {
        workRoot: path.join(workRoot, String(i)),
        // Every stack applied once; the other emulator tests plan and destroy these stacks.
        verify: false,
        whileDeployed: async (deployed) => {
          minutes = await runMinutes(deployed, scenario === HUB);
        },
      });
      return minutes;
    }),
  );
  settled.forEach((outcome, i) => {
    const name = [PIPELINES, HUB][i].name;
    if (outcome.status === 'fulfilled') results.set(name, outcome.value);
    else failures.set(name, outcome.reason as Error);
  });
}, TIER_TIMEOUT_MS);

afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

function minutesOf(scenario: SeededScenario): PipelineMinute[] {
  const failure = failures.get(scenario.name);
  if (failure) throw failure;
  const found = results.get(scenario.name);
  if (!found || found.length === 0) throw new Error(`${scenario.name}: no pipeline ran`);
  return found;
}

function pipelineIn(scenario: SeededScenario, region: string): PipelineMinute {
  const found = minutesOf(scenario).find((m) => m.pipeline.region === region);
  if (!found) throw new Error(`${scenario.name}: no pipeline in ${region}`);
  return found;
}

/** Each tick's value of a series (Maximum of the tick's statistic set), by offset; undefined where nothing was published. */
function valuesByTick(minute: PipelineMinute, metric: string, dimensions: Record<string, string>): Array<number | undefined> {
  const label = seriesLabel({ namespace: minute.series[0]?.key.namespace ?? 'ECS', metric, dimensions });
  const samples = minute.series.find((s) => seriesLabel(s.key) === label)?.samples ?? [];
  return minute.pipeline.tickOffsets.map((offset) => samples.find((s) => s.timestamp === minute.minute + offset * 1000)?.maximum);
}

/** The alarm on one series, as the emulator holds it. */
function alarmOn(minute: PipelineMinute, metric: string, dimensions: Record<string, string>): { alarm: EvaluatedAlarm; samples: readonly StatisticSet[] } {
  const matches = minute.alarms.filter(
    (a) => a.MetricName === metric && JSON.stringify(Object.fromEntries((a.Dimensions ?? []).map((d) => [d.Name, d.Value]))) === JSON.stringify(dimensions),
  );
  if (matches.length !== 1) throw new Error(`${minute.stack}: ${matches.length} alarms on ${metric} ${JSON.stringify(dimensions)}`);
  const [described] = matches;
  const key = minute.series.find(
    (s) => s.key.namespace === described.Namespace && s.key.metric === metric && seriesLabel(s.key) === seriesLabel({ ...s.key, dimensions }),
  );
  return { alarm: evaluatedAlarm(described), samples: key?.samples ?? [] };
}

/** A value up to the last healthy tick (25 s), another from the first tick that reads the change (30 s) on. */
const BEFORE_AND_AFTER = (before: number, after: number) => Array.from({ length: 12 }, (_, i) => (i * 5 <= LAST_HEALTHY_TICK_SECONDS ? before : after));

describe.each([
  ['listed clusters', 'us-east-1', 'prod-api'],
  ['clusters "*"', 'eu-west-1', 'prod-eu'],
])('a pipeline per account-region, %s', (_, region, cluster) => {
  test('every tick of the minute succeeds, and the cluster runs its 2 tasks until the tick of 25 s and none from the tick of 30 s', () => {
    const minute = pipelineIn(PIPELINES, region);
    expect(minute.ticks.map((t) => [t.offsetSeconds, t.ok, t.errorMessage])).toEqual(minute.pipeline.tickOffsets.map((o) => [o, true, undefined]));
    expect(valuesByTick(minute, 'RunningTask', { ClusterName: cluster })).toEqual(BEFORE_AND_AFTER(2, 0));
  });
});

test("DescribeClusters answers count the cluster's ACTIVE service, as ECS does (moto alone answers 0): ActiveServices of prod-api is 1 at every tick", () => {
  expect(valuesByTick(pipelineIn(PIPELINES, 'us-east-1'), 'ActiveServices', { ClusterName: 'prod-api' })).toEqual(BEFORE_AND_AFTER(1, 1));
});

test("a listed cluster's 10-second RunningTask alarm (Maximum below 1), as the emulator holds it, fires at the evaluation after the first period without a task", () => {
  const minute = pipelineIn(PIPELINES, 'us-east-1');
  const { alarm, samples } = alarmOn(minute, 'RunningTask', { ClusterName: 'prod-api' });
  expect(alarm).toMatchObject({ periodSeconds: 10, evaluationPeriods: 1, comparison: 'LessThanThreshold', threshold: 1, statistic: 'Maximum' });
  const changed = minute.minute + LAST_HEALTHY_TICK_SECONDS * 1000;
  const window = { fromMs: minute.minute, afterMs: changed, toMs: minute.minute + 60_000 };
  expect(evaluations(alarm, samples, minute.minute, changed).at(-1)?.state).toBe('OK');
  // The period [30 s, 40 s) is the first without a task: judged at 40 s on period ends, at 49 s at the worst phase.
  expect((firstAlarm(alarm, samples, window)!.at - changed) / 1000).toBe(ALIGNED_SECONDS);
  expect(worstDetectionSeconds(alarm, samples, window)).toBe(WORST_SECONDS);
});

function hubMinute(): PipelineMinute {
  const minutes = minutesOf(HUB);
  expect(minutes.map((m) => m.stack)).toEqual([expect.stringMatching(/-hub$/)]);
  return minutes[0];
}

describe.each([
  ['listed clusters', 'us-east-1', 'prod-api'],
  ['clusters "*"', 'eu-west-1', 'batch-eu'],
])('a hub, a member account-region with %s', (_, region, cluster) => {
  test("every tick of the minute succeeds, and the member's cluster runs its 2 tasks until the tick of 25 s and none from the tick of 30 s", () => {
    const minute = hubMinute();
    expect(minute.ticks.map((t) => [t.offsetSeconds, t.ok, t.errorMessage])).toEqual(minute.pipeline.tickOffsets.map((o) => [o, true, undefined]));
    expect(valuesByTick(minute, 'RunningTask', { ClusterName: cluster, AccountId: '111111111111', Region: region })).toEqual(BEFORE_AND_AFTER(2, 0));
  });
});

/** The `Pipeline` dimension of the place's fleet-health series: its state machine's name. */
const healthDimensions = (minute: PipelineMinute): Record<string, string> => ({
  [FLEET_HEALTH_DIMENSION]: minute.pipeline.stateMachineArn.split(':').at(-1)!,
});

const FLEET_HEALTH_NAMES: readonly string[] = FLEET_HEALTH_METRICS.map((m) => m.name);

/** Each fleet-health series' value before the change and from the tick that reads it on. */
type Expected = Readonly<Record<string, readonly [number, number]>>;
const everyPlace: Expected = { UnreadClusters: [0, 0], UnreadAccountRegions: [0, 0] };

describe.each([
  [
    'a pipeline per account-region, listed clusters (services collected)',
    () => pipelineIn(PIPELINES, 'us-east-1'),
    { ...everyPlace, ClustersWithNoRunningTask: [0, 1], PendingTasks: [0, 2], ServicesBelowDesired: [0, 1], TaskShortfall: [0, 2] } as Expected,
  ],
  [
    'a pipeline per account-region, clusters "*"',
    () => pipelineIn(PIPELINES, 'eu-west-1'),
    { ...everyPlace, ClustersWithNoRunningTask: [0, 1], PendingTasks: [0, 2] } as Expected,
  ],
  ['a hub, a listed and a "*" member account-region', hubMinute, { ...everyPlace, ClustersWithNoRunningTask: [0, 2], PendingTasks: [0, 4] } as Expected],
])('%s: the fleet-health series', (_, minuteOf, expected) => {
  test("the deployed trigger's input asks the collector for them, named after the state machine", () => {
    const minute = minuteOf();
    const input = JSON.parse(minute.pipeline.trigger.input) as { health?: { pipeline?: string } };
    expect(input.health).toEqual({ pipeline: healthDimensions(minute)[FLEET_HEALTH_DIMENSION] });
  });

  test('each is published at every tick, zeros included, and changes at the first tick that reads the lost tasks; no other fleet-health series', () => {
    const minute = minuteOf();
    const dimensions = healthDimensions(minute);
    const published = minute.series.filter((s) => FLEET_HEALTH_NAMES.includes(s.key.metric)).map((s) => seriesLabel(s.key));
    expect(published.sort()).toEqual(
      Object.keys(expected)
        .map((metric) => seriesLabel({ namespace: minute.series[0].key.namespace, metric, dimensions }))
        .sort(),
    );
    for (const [metric, [before, after]] of Object.entries(expected)) {
      expect({ metric, values: valuesByTick(minute, metric, dimensions) }).toEqual({ metric, values: BEFORE_AND_AFTER(before, after) });
    }
  });

  test("each fleet-health alarm, as the emulator holds it, is OK before the change; on a series that changes it fires within detectionTime's bound", () => {
    const minute = minuteOf();
    const dimensions = healthDimensions(minute);
    const alarms = minute.alarms.filter((a) => FLEET_HEALTH_NAMES.includes(a.MetricName ?? ''));
    expect(alarms.length).toBeGreaterThan(0);
    const changed = minute.minute + LAST_HEALTHY_TICK_SECONDS * 1000;
    const window = { fromMs: minute.minute, afterMs: changed, toMs: minute.minute + 60_000 };
    const fired = [];
    for (const described of alarms) {
      const { alarm, samples } = alarmOn(minute, described.MetricName!, dimensions);
      // What the emulator describes is the definition Terraform applied: nothing the evaluation uses is lost on the way.
      const applied = minute.appliedAlarms.get(alarm.name)!;
      expect(alarm).toEqual({
        name: applied.alarm_name,
        periodSeconds: applied.period,
        evaluationPeriods: applied.evaluation_periods,
        datapointsToAlarm: applied.datapoints_to_alarm,
        threshold: applied.threshold,
        comparison: applied.comparison_operator,
        statistic: applied.statistic,
        treatMissingData: applied.treat_missing_data,
      });
      expect({ alarm: alarm.name, periodSeconds: alarm.periodSeconds }).toEqual({ alarm: alarm.name, periodSeconds: 10 });
      const before = evaluations(alarm, samples, minute.minute, changed).at(-1);
      expect({ alarm: alarm.name, before: before?.state }).toEqual({ alarm: alarm.name, before: 'OK' });
      const [was, now] = expected[described.MetricName!];
      if (was === now) {
        expect({ alarm: alarm.name, fired: firstAlarm(alarm, samples, window) }).toEqual({ alarm: alarm.name, fired: undefined });
        continue;
      }
      const bound = detectionTime({
        intervalSeconds: minute.pipeline.intervalSeconds,
        periodSeconds: alarm.periodSeconds,
        datapointsToAlarm: alarm.datapointsToAlarm ?? alarm.evaluationPeriods,
      });
      const aligned = (firstAlarm(alarm, samples, window)!.at - changed) / 1000;
      const worst = worstDetectionSeconds(alarm, samples, window)!;
      expect({ alarm: alarm.name, aligned, worst }).toEqual({ alarm: alarm.name, aligned: ALIGNED_SECONDS, worst: WORST_SECONDS });
      expect(aligned).toBeLessThanOrEqual(bound.alignedSeconds);
      expect(worst).toBeLessThanOrEqual(bound.worstSeconds);
      fired.push(alarm.name);
    }
    expect(fired.length).toBeGreaterThan(0);
  });
});
