/**
 * The fleet-health alarms and graphs of a hub whose tick fans out over shards: every shard
 * publishes the series (dimension Pipeline only) with its own shard's counts at the tick's
 * timestamp, so the alarms read the shards' sum per tick (metric math over Sum, SampleCount and
 * Maximum), a period missing a crashed shard's datums has no value instead of a low one, and the
 * dashboard's first row graphs the Sum per tick. One shard (the default) keeps the Maximum alarms.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { FLEET_HEALTH_DIMENSION } from '../../../modules/metrics/catalog';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { alarmMetricCount } from '../../../modules/monitoring/alarm-definition';
import {
  FLEET_HEALTH_ALARMED_SERIES,
  fleetHealthAlarmDefinitions,
  fleetHealthAlarmPeriod,
  resolveFleetHealthAlarms,
  shardedAlarmPeriod,
  shardedFleetHealthQueries,
} from '../../../modules/monitoring/fleet-health-alarms';
import { fleetHealthRow, fleetHealthRowSize, shardedGraphPeriod } from '../../../modules/monitoring/fleet-health-row';
import { type RangePoint, stateFromRange } from '../../../scripts/lib/emulator/alarm-evaluator';
import { alarmValue, evaluateMetricMath, type SynthesizedMetricQuery } from '../../support/metric-math';

const [NO_TASK, , UNREAD_CLUSTERS, UNREAD_REGIONS] = FLEET_HEALTH_ALARMED_SERIES;
const PLACE = {
  pipelineName: 'fleet',
  namespace: 'ECS',
  intervalSeconds: 5,
  servicesCollected: false,
  logGroupName: '/aws/lambda/fleet-collector',
  dashboardName: 'fleet-eu-west-1',
  scope: 'the whole fleet (every member account-region)',
};

describe('the period of a sharded alarm holds the same number of ticks in every period', () => {
  test.each([
    [1, 10],
    [2, 10],
    [3, 30],
    [4, 60],
    [5, 10],
    [6, 30],
    [10, 10],
    [12, 60],
    [15, 30],
    [20, 60],
    [30, 30],
  ])('a series every %i s: alarm period %i s (the unsharded alarm keeps the shortest that holds a tick)', (interval, period) => {
    expect(shardedAlarmPeriod(interval)).toBe(period);
    expect(period % interval).toBe(0);
    const metric = { publishedBy: 'always' as const };
    expect(fleetHealthAlarmPeriod(metric, { intervalSeconds: interval, shards: 3 })).toBe(period);
    expect(fleetHealthAlarmPeriod(metric, { intervalSeconds: interval, shards: 1 })).toBe(fleetHealthAlarmPeriod(metric, { intervalSeconds: interval }));
  });

  test('graphs too: the interval where a graph accepts it (one tick per period), else the shortest period it divides', () => {
    expect([1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30].map((i) => [i, shardedGraphPeriod(i)])).toEqual([
      [1, 1],
      [2, 10],
      [3, 30],
      [4, 20],
      [5, 5],
      [6, 30],
      [10, 10],
      [12, 60],
      [15, 30],
      [20, 20],
      [30, 30],
    ]);
  });
});

describe('the queries of a sharded alarm', () => {
  test('several ticks per period: Sum, SampleCount and Maximum of the series, the per-tick count, and the gated total it watches', () => {
    expect(shardedFleetHealthQueries({ shards: 3, ticksPerPeriod: 2, threshold: 5 })).toEqual([
      { id: 's', statistic: 'Sum', returnData: false },
      { id: 'n', statistic: 'SampleCount', returnData: false },
      { id: 'm', statistic: 'Maximum', returnData: false },
      { id: 'tick', expression: 'IF(m > s / 2, m, s / 2)', label: 'the larger of the worst shard and the mean per-tick total', returnData: false },
      { id: 'total', expression: 'IF(n >= 6 OR tick >= 5, tick)', label: "the fleet's count per tick (3 shards)", returnData: true },
    ]);
  });

  test('one tick per period (10-s interval): the Sum is the count, Maximum is not read', () => {
    expect(shardedFleetHealthQueries({ shards: 4, ticksPerPeriod: 1, threshold: 1 })).toEqual([
      { id: 's', statistic: 'Sum', returnData: false },
      { id: 'n', statistic: 'SampleCount', returnData: false },
      { id: 'total', expression: 'IF(n >= 4 OR s >= 1, s)', label: "the fleet's count per tick (4 shards)", returnData: true },
    ]);
  });

  test('the definitions: one alarm per series as before, its name unchanged, billed for the statistics it reads', () => {
    const sharded = fleetHealthAlarmDefinitions(resolveFleetHealthAlarms(undefined), { ...PLACE, shards: 3 });
    const single = fleetHealthAlarmDefinitions(resolveFleetHealthAlarms(undefined), PLACE);
    expect(sharded.map((a) => a.name)).toEqual(single.map((a) => a.name));
    expect(single.every((a) => a.metricMath === undefined && a.statistic === 'Maximum' && alarmMetricCount(a) === 1)).toBe(true);
    expect(sharded.map((a) => [a.statistic, a.periodSeconds, alarmMetricCount(a)])).toEqual(sharded.map(() => ['Sum', 10, 3]));
    expect(sharded[0].description).toBe(
      'Clusters that have services but no task running. ClustersWithNoRunningTask of the whole fleet (every member account-region) reached 1 in 1 of 1 periods of 10 s ' +
        "(namespace ECS, Pipeline=fleet, published every 5 s by each of the tick's 3 shards; fires within 25 s, 30 s for a count spread over shards). " +
        "The value is the fleet's count per tick, the shards' sum: the larger of the worst shard's datum and Sum / 2 ticks per period; " +
        "a period missing a shard's datum (SampleCount under 6) has no value unless it breaches anyway, so a crashed shard never reads OK. " +
        "Which ones: the first row of the dashboard fleet-eu-west-1 graphs it, and the collector's summary lines name them " +
        '(Logs Insights on /aws/lambda/fleet-collector: fields @timestamp, message.health.clustersWithNoRunningTask | filter message.health.ClustersWithNoRunningTask >= 1 | sort @timestamp desc | limit 20). ' +
        'No data (INSUFFICIENT_DATA) means the collector did not publish: see the pipeline-health alarms.',
    );
  });
});

/** A datum of one shard at one tick (seconds since a period-aligned start). */
interface Datum {
  readonly second: number;
  readonly shard: number;
  readonly value: number;
}

/**
 * The statistics of each period as CloudWatch stores them: every shard's datum of a tick lands in
 * the same 1-second statistic set, and a period's statistics are over every datum in it.
 */
function periodStatistics(data: readonly Datum[], periodSeconds: number): Map<number, Record<string, number>> {
  const out = new Map<number, Record<string, number>>();
  for (const d of data) {
    const start = Math.floor(d.second / periodSeconds) * periodSeconds;
    const s = out.get(start) ?? { Sum: 0, SampleCount: 0, Maximum: Number.NEGATIVE_INFINITY, Minimum: Number.POSITIVE_INFINITY };
    out.set(start, { Sum: s.Sum + d.value, SampleCount: s.SampleCount + 1, Maximum: Math.max(s.Maximum, d.value), Minimum: Math.min(s.Minimum, d.value) });
  }
  return out;
}

/** Every tick (5 s) of `periods` 10-s periods from `fromSecond`, each shard publishing `datumOf(shard, tick)`; `undefined` publishes nothing. */
function ticks(fromSecond: number, periods: number, shards: number, datumOf: (shard: number, tick: number) => number | undefined): Datum[] {
  const out: Datum[] = [];
  for (let tick = 0; tick < periods * 2; tick++) {
    for (let shard = 0; shard < shards; shard++) {
      const value = datumOf(shard, tick);
      if (value !== undefined) out.push({ second: fromSecond + tick * 5, shard, value });
    }
  }
  return out;
}

describe('a synthesized hub whose tick fans out over 3 shards', () => {
  const targets: TargetListEntry[] = ['111111111111', '222222222222', '333333333333'].map((account) => ({ account, region: 'us-east-1', clusters: ['prod'] }));
  const stack = new TerraformStack(Testing.app(), 'hub');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new EcsHighResMetricsHub(stack, 'hub', {
    account: '999999999999',
    region: 'eu-west-1',
    name: 'fleet',
    targets,
    shards: 3,
    fleetHealthAlarms: { [UNREAD_CLUSTERS]: { threshold: 5 } },
  });
  const tf = JSON.parse(Testing.synth(stack));
  const alarms: Record<string, any> = Object.fromEntries(
    Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm)
      .filter((a) => a.alarm_name.startsWith('fleet fleet health '))
      .map((a) => [a.alarm_name, a]),
  );
  const metricOf = (stat: string) => ({ namespace: 'ECS', metric_name: UNREAD_CLUSTERS, dimensions: { [FLEET_HEALTH_DIMENSION]: 'fleet' }, stat, period: 10 });

  test('each fleet-health alarm is a metric math alarm over the series, exactly', () => {
    expect(Object.keys(alarms).sort()).toEqual(
      [`fleet fleet health ${NO_TASK} >= 1`, `fleet fleet health ${UNREAD_CLUSTERS} >= 5`, `fleet fleet health ${UNREAD_REGIONS} >= 1`].sort(),
    );
    const alarm = alarms[`fleet fleet health ${UNREAD_CLUSTERS} >= 5`];
    const { alarm_description, ...rest } = alarm;
    expect(alarm_description).toContain("published every 5 s by each of the tick's 3 shards");
    expect(rest).toEqual({
      alarm_name: `fleet fleet health ${UNREAD_CLUSTERS} >= 5`,
      metric_query: [
        { id: 's', return_data: false, metric: metricOf('Sum') },
        { id: 'n', return_data: false, metric: metricOf('SampleCount') },
        { id: 'm', return_data: false, metric: metricOf('Maximum') },
        { id: 'tick', expression: 'IF(m > s / 2, m, s / 2)', label: 'the larger of the worst shard and the mean per-tick total', return_data: false },
        { id: 'total', expression: 'IF(n >= 6 OR tick >= 5, tick)', label: "the fleet's count per tick (3 shards)", return_data: true },
      ],
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      threshold: 5,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'missing',
    });
    // No plain-metric fields beside the queries: CloudWatch refuses both at once.
    for (const a of Object.values<any>(alarms)) {
      expect([a.metric_name, a.namespace, a.statistic, a.period, a.dimensions]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    }
  });

  test("the dashboard's first row graphs the shards' Sum per tick, at the interval", () => {
    const dashboard = Object.values<any>(tf.resource.aws_cloudwatch_dashboard)[0];
    const graphs = JSON.parse(dashboard.dashboard_body).widgets.filter((w: any) => w.properties.title?.startsWith('Fleet health: '));
    expect(graphs.map((w: any) => w.properties)).toEqual(
      [
        ['ClustersWithNoRunningTask', 'Clusters that have services but no task running.', 1],
        ['PendingTasks', 'Tasks placed but not yet running, over the whole place.', undefined],
        ['UnreadClusters', 'Clusters the collector should have read this tick and did not.', 5],
        ['UnreadAccountRegions', 'Account-regions the collector could not read at all this tick.', 1],
      ].map(([name, description, threshold]) => ({
        title: `Fleet health: ${name}`,
        view: 'timeSeries',
        stacked: false,
        region: 'eu-west-1',
        period: 5,
        stat: 'Sum',
        metrics: [['ECS', name, 'Pipeline', 'fleet', { label: `${description} (the 3 shards' sum per tick)` }]],
        yAxis: { left: { min: 0 } },
        ...(threshold === undefined ? {} : { annotations: { horizontal: [{ label: 'alarm', value: threshold }] } }),
      })),
    );
  });

  test('the evaluation of its expression over 3 shards, one of them crashed: the total when complete, no value rather than OK when a shard is missing', () => {
    const queries: SynthesizedMetricQuery[] = alarms[`fleet fleet health ${UNREAD_CLUSTERS} >= 5`].metric_query;
    const valueAt = (data: Datum[]) => [...periodStatistics(data, 10)].map(([start, stats]) => [start, alarmValue(queries, stats)]);
    // 2 unread clusters on each shard, every tick: the fleet has 6, though no shard reaches 5 (a Maximum alarm stays OK).
    expect(valueAt(ticks(0, 2, 3, () => 2))).toEqual([
      [0, 6],
      [10, 6],
    ]);
    // Nothing unread: 0, a real OK.
    expect(valueAt(ticks(0, 1, 3, () => 0))).toEqual([[0, 0]]);
    // Shard 2 crashed (publishes nothing), the two others read 2 each: the fleet's count is unknown, so no value.
    expect(valueAt(ticks(0, 3, 3, (shard) => (shard === 2 ? undefined : 2)))).toEqual([
      [0, undefined],
      [10, undefined],
      [20, undefined],
    ]);
    // Shard 2 crashed, the others read 3 each: 6 already breaches 5 without it, so the value stands.
    expect(valueAt(ticks(0, 1, 3, (shard) => (shard === 2 ? undefined : 3)))).toEqual([[0, 6]]);
    // Shard 2 missed one tick of the period (late or lost), every datum 1: no value for that period only.
    expect(valueAt(ticks(0, 2, 3, (shard, tick) => (shard === 2 && tick === 1 ? undefined : 1)))).toEqual([
      [0, undefined],
      [10, 3],
    ]);
    // A count that appears at the period's second tick: the period's mean holds it half (3), the next whole period in full.
    expect(valueAt(ticks(0, 2, 3, (_shard, tick) => (tick === 0 ? 0 : 2)))).toEqual([
      [0, 3],
      [10, 6],
    ]);
  });

  test("the alarm's state over those periods (CloudWatch's rules, 2 of 3, missing data missing): ALARM on the fleet's total, INSUFFICIENT_DATA, never OK, while a shard is down", () => {
    const queries: SynthesizedMetricQuery[] = alarms[`fleet fleet health ${UNREAD_CLUSTERS} >= 5`].metric_query;
    const alarm = { evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'missing' as const };
    const range = (data: Datum[]): RangePoint[] =>
      [...periodStatistics(data, 10)].map(([, stats]) => {
        const value = alarmValue(queries, stats);
        return value === undefined ? 'missing' : value >= 5 ? 'breaching' : 'notBreaching';
      });
    expect(stateFromRange(range(ticks(0, 5, 3, () => 2)), alarm, 'OK')).toBe('ALARM');
    expect(stateFromRange(range(ticks(0, 5, 3, () => 0)), alarm, 'ALARM')).toBe('OK');
    expect(stateFromRange(range(ticks(0, 5, 3, (shard) => (shard === 2 ? undefined : 2))), alarm, 'OK')).toBe('INSUFFICIENT_DATA');
    // What the worst-shard Maximum (the alarm before this fix) made of the same data: OK on every count.
    const maximum = (data: Datum[]): RangePoint[] => [...periodStatistics(data, 10)].map(([, s]) => (s.Maximum >= 5 ? 'breaching' : 'notBreaching'));
    expect(stateFromRange(maximum(ticks(0, 5, 3, () => 2)), alarm, 'OK')).toBe('OK');
    expect(stateFromRange(maximum(ticks(0, 5, 3, (shard) => (shard === 2 ? undefined : 2))), alarm, 'OK')).toBe('OK');
  });

  test('at the default threshold of 1, the value breaches exactly when some shard counts 1 or more, as the Maximum alarm did', () => {
    const queries: SynthesizedMetricQuery[] = alarms[`fleet fleet health ${NO_TASK} >= 1`].metric_query;
    for (const values of [
      [0, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0],
      [0, 0, 0, 0, 0, 3],
      [1, 1, 1, 1, 1, 1],
    ]) {
      const data = values.map((value, k) => ({ second: k < 3 ? 0 : 5, shard: k % 3, value }));
      const stats = periodStatistics(data, 10).get(0)!;
      expect([values, (alarmValue(queries, stats) ?? 0) >= 1]).toEqual([values, stats.Maximum >= 1]);
    }
  });
});

describe('settings checked at the sharded period', () => {
  const hub = (shards: number) => {
    const stack = new TerraformStack(Testing.app(), 'hub');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    return () =>
      new EcsHighResMetricsHub(stack, 'hub', {
        account: '999999999999',
        region: 'eu-west-1',
        name: 'fleet',
        targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'] }],
        intervalSeconds: 4,
        shards,
        fleetHealthAlarms: { [UNREAD_CLUSTERS]: { evaluationPeriods: 2000 } },
      });
  };

  test('2,000 periods fit a day at 10 s (one shard) but not at 60 s (4-s interval, shards): refused, naming the field and what fits', () => {
    expect(fleetHealthAlarmPeriod({ publishedBy: 'always' }, { intervalSeconds: 4, shards: 2 })).toBe(60);
    expect(hub(1)).not.toThrow();
    expect(hub(2)).toThrow(
      `fleetHealthAlarms.${UNREAD_CLUSTERS}.evaluationPeriods: 2000 periods of 60 s cover 120000 s, over CloudWatch's 86400 s limit for periods under an hour: use at most 1440 evaluation periods`,
    );
  });
});

describe('the evaluator of the tests reads metric math as the User Guide documents it', () => {
  test('IF without a false value drops the point; missing values count as 0 in arithmetic and comparisons; a division by zero drops it', () => {
    expect(evaluateMetricMath('IF(a > 1, a)', { a: 0 })).toBeUndefined();
    expect(evaluateMetricMath('IF(a > 1, a)', { a: 2 })).toBe(2);
    expect(evaluateMetricMath('IF(a, b, c)', { a: 1, b: undefined, c: 3 })).toBe(0);
    expect(evaluateMetricMath('IF(a, b, c)', { a: undefined, b: 1, c: 3 })).toBeUndefined();
    expect(evaluateMetricMath('a - b', { a: 5, b: undefined })).toBe(5);
    expect(evaluateMetricMath('a > 15 AND b > 15', { a: 30, b: 20 })).toBe(1);
    expect(evaluateMetricMath('a < b', { a: 0, b: undefined })).toBe(0);
    expect(evaluateMetricMath('a / b', { a: 1, b: 0 })).toBeUndefined();
    expect(() => evaluateMetricMath('MAX(a)', { a: 1 })).toThrow('not supported');
  });
});

describe('one shard (the default) is unchanged', () => {
  test('the row keeps Maximum at the interval; a sharded row with several ticks per period graphs Sum over them divided by their number', () => {
    const options = {
      region: 'eu-west-1',
      namespace: 'ECS',
      pipelineName: 'fleet',
      intervalSeconds: 2,
      servicesCollected: false,
      thresholds: {},
      logGroupName: 'g',
    };
    expect(fleetHealthRow(options)[0].properties).toMatchObject({ period: 5, stat: 'Maximum' });
    const sharded = fleetHealthRow({ ...options, shards: 3 });
    expect(sharded[0].properties).toMatchObject({
      period: 10,
      stat: 'Sum',
      metrics: [
        ['ECS', 'ClustersWithNoRunningTask', 'Pipeline', 'fleet', { id: 's', visible: false }],
        [{ expression: 's / 5', id: 'total', label: "Clusters that have services but no task running. (the 3 shards' sum per tick)" }],
      ],
    });
    expect(fleetHealthRowSize(sharded)).toEqual({ widgets: 5, metrics: 8 });
    expect(fleetHealthRowSize(fleetHealthRow(options))).toEqual({ widgets: 5, metrics: 4 });
  });
});
