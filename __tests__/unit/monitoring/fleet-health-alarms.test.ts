/**
 * The fleet-health alarms: 10-second alarms on the series the collector publishes once per place,
 * on by default, a handful per pipeline (and for the hub) whatever its clusters; their settings,
 * their problems, and the exact alarm resources of a synthesized pipeline and hub.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DEFAULT_METRICS } from '../../../modules/subpaths/metrics';
import { pipelineNames } from '../../../modules/common/names';
import { FLEET_HEALTH_ALARM_DEFAULTS } from '../../../modules/common/settings';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { FLEET_HEALTH_DIMENSION, FLEET_HEALTH_METRIC_NAMES, metricDefinition } from '../../../modules/metrics/catalog';
import {
  FLEET_HEALTH_ALARMED_SERIES,
  fleetHealthAlarmDefinitions,
  fleetHealthAlarmsProblems,
  type FleetHealthAlarmsProps,
  publishedFleetHealthSeries,
  resolveFleetHealthAlarms,
} from '../../../modules/monitoring/fleet-health-alarms';
import { type MonitoringProps, monitoringSettings } from '../../../modules/monitoring/monitoring-settings';
import { PipelineMonitoring } from '../../../modules/monitoring/pipeline-monitoring';
import { synthPipeline } from '../../support/synth';
import { healthFields } from '../../../functions/collector/summary-line';
import { summaryLinesQuery, summaryListField } from '../../../modules/monitoring/fleet-health-alarms';

const [NO_TASK, BELOW_DESIRED, UNREAD_CLUSTERS, UNREAD_REGIONS] = FLEET_HEALTH_ALARMED_SERIES;

/** The fleet-health alarms of a synthesized stack, by metric name. */
const fleetHealthAlarms = (tf: any): Record<string, any> =>
  Object.fromEntries(
    Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm ?? {})
      .filter((a) => a.dimensions?.[FLEET_HEALTH_DIMENSION] !== undefined)
      .map((a) => [a.metric_name, a]),
  );

describe('the alarmed series and their defaults', () => {
  test('four series have an alarm, each a fleet-health series of the catalog; PendingTasks and TaskShortfall are graphed only', () => {
    expect(FLEET_HEALTH_ALARMED_SERIES).toHaveLength(4);
    for (const series of FLEET_HEALTH_ALARMED_SERIES) expect(FLEET_HEALTH_METRIC_NAMES).toContain(series);
    expect(FLEET_HEALTH_METRIC_NAMES.filter((name) => !(FLEET_HEALTH_ALARMED_SERIES as string[]).includes(name))).toHaveLength(2);
  });

  test('a team is woken at the first breaching period for a cluster with no task or a short service; unread reads need 2 of 3', () => {
    expect(resolveFleetHealthAlarms(undefined)).toEqual([
      { series: NO_TASK, threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1 },
      { series: BELOW_DESIRED, threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1 },
      { series: UNREAD_CLUSTERS, threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2 },
      { series: UNREAD_REGIONS, threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2 },
    ]);
    expect(resolveFleetHealthAlarms(true)).toEqual(resolveFleetHealthAlarms(undefined));
  });

  test('false turns them all off; by series, false leaves one out and fields replace its defaults', () => {
    expect(resolveFleetHealthAlarms(false)).toEqual([]);
    const setting = { [NO_TASK]: false, [UNREAD_CLUSTERS]: { threshold: 3, evaluationPeriods: 6 } } as FleetHealthAlarmsProps;
    expect(resolveFleetHealthAlarms(setting)).toEqual([
      FLEET_HEALTH_ALARM_DEFAULTS[BELOW_DESIRED] && { series: BELOW_DESIRED, threshold: 1, evaluationPeriods: 1, datapointsToAlarm: 1 },
      { series: UNREAD_CLUSTERS, threshold: 3, evaluationPeriods: 6, datapointsToAlarm: 2 },
      { series: UNREAD_REGIONS, threshold: 1, evaluationPeriods: 3, datapointsToAlarm: 2 },
    ]);
    // Fewer periods than the default's datapoints: the datapoints follow them down.
    expect(resolveFleetHealthAlarms({ [UNREAD_REGIONS]: { evaluationPeriods: 1 } } as FleetHealthAlarmsProps)[3]).toMatchObject({
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    });
  });

  test('impossible settings are problems at the series and field, with the fix', () => {
    const alarms = resolveFleetHealthAlarms({
      [NO_TASK]: { threshold: Number.NaN },
      [BELOW_DESIRED]: { evaluationPeriods: 2, datapointsToAlarm: 3 },
      [UNREAD_CLUSTERS]: { evaluationPeriods: 9000 },
    } as FleetHealthAlarmsProps);
    expect(fleetHealthAlarmsProblems(alarms, { intervalSeconds: 5 })).toEqual([
      { path: [NO_TASK, 'threshold'], problem: 'NaN is not a threshold: use a finite number' },
      { path: [BELOW_DESIRED, 'datapointsToAlarm'], problem: expect.stringContaining('3 datapoints to alarm is more than the 2 evaluation periods') },
      { path: [UNREAD_CLUSTERS, 'evaluationPeriods'], problem: expect.stringContaining("9000 periods of 10 s cover 90000 s, over CloudWatch's 86400 s limit") },
    ]);
    expect(fleetHealthAlarmsProblems(resolveFleetHealthAlarms(undefined), { intervalSeconds: 5 })).toEqual([]);
  });
});

describe('the alarms of a place', () => {
  const place = {
    pipelineName: 'ecs-highres',
    namespace: 'ECS',
    intervalSeconds: 5,
    servicesCollected: true,
    logGroupName: '/aws/lambda/ecs-highres-collector',
    dashboardName: 'ecs-highres-us-east-1',
    scope: 'this account-region',
  };

  test('one per alarmed series the place publishes: the service series only where services are collected', () => {
    const alarms = resolveFleetHealthAlarms(undefined);
    expect(fleetHealthAlarmDefinitions(alarms, place).map((a) => a.metricName)).toEqual(FLEET_HEALTH_ALARMED_SERIES);
    expect(fleetHealthAlarmDefinitions(alarms, { ...place, servicesCollected: false }).map((a) => a.metricName)).toEqual([
      NO_TASK,
      UNREAD_CLUSTERS,
      UNREAD_REGIONS,
    ]);
  });

  test('at a 15 s interval the period is 30 s, the shortest high-resolution period holding a datum of every tick', () => {
    const [alarm] = fleetHealthAlarmDefinitions(resolveFleetHealthAlarms(undefined), { ...place, intervalSeconds: 15 });
    expect(alarm.periodSeconds).toBe(30);
    expect(alarm.description).toContain('fires within 55 s');
  });

  test('the series published: 4, 6 where services are collected, none when the collector publishes none', () => {
    const four = publishedDefinitionsOf(DEFAULT_METRICS);
    const withServices = publishedDefinitionsOf([...DEFAULT_METRICS, 'RunningCount']);
    expect(publishedFleetHealthSeries({ metrics: four, services: {} })).toBe(4);
    expect(publishedFleetHealthSeries({ metrics: four, services: { prod: ['web'] } })).toBe(4);
    expect(publishedFleetHealthSeries({ metrics: withServices, services: { prod: ['web'] } })).toBe(6);
    expect(publishedFleetHealthSeries({ metrics: withServices, services: {} }, [{ services: {} }, { services: { prod: '*' } }])).toBe(6);
    expect(publishedFleetHealthSeries({ metrics: withServices, services: {}, fleetHealth: false })).toBe(0);
  });
});

const publishedDefinitionsOf = (names: readonly string[]) => names.map((name) => metricDefinition(name)!);

describe('a synthesized pipeline', () => {
  test('with no alarm settings at all gets the 3 fleet-health alarms (no services collected), exactly these', () => {
    const { tf, pipeline } = synthPipeline();
    expect(pipeline.monitoring.fleetHealthAlarms).toHaveLength(3);
    const description = (what: string, series: string, m: number, n: number, within: number) =>
      `${what} ${series} of this account-region reached 1 (Maximum) in ${m} of ${n} periods of 10 s (namespace ECS, Pipeline=ecs-highres, published every 5 s; fires within ${within} s). ` +
      `Which ones: the first row of the dashboard ecs-highres-us-east-1 graphs it, and the collector's summary lines name them (Logs Insights on /aws/lambda/ecs-highres-collector: ` +
      `fields @timestamp, message.health.${series.charAt(0).toLowerCase()}${series.slice(1)} | filter message.health.${series} >= 1 | sort @timestamp desc | limit 20). ` +
      'No data (INSUFFICIENT_DATA) means the collector did not publish: see the pipeline-health alarms.';
    const alarm = (series: string, m: number, n: number, what: string, within: number) => ({
      alarm_name: `ecs-highres fleet health ${series} >= 1`,
      alarm_description: description(what, series, m, n, within),
      namespace: 'ECS',
      metric_name: series,
      dimensions: { Pipeline: 'ecs-highres' },
      statistic: 'Maximum',
      period: 10,
      evaluation_periods: n,
      datapoints_to_alarm: m,
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      treat_missing_data: 'missing',
    });
    const alarms = fleetHealthAlarms(tf);
    for (const a of Object.values<any>(alarms)) delete a['//'];
    expect(alarms).toEqual({
      [NO_TASK]: alarm(NO_TASK, 1, 1, 'Clusters that have services but no task running.', 25),
      [UNREAD_CLUSTERS]: alarm(UNREAD_CLUSTERS, 2, 3, 'Clusters the collector should have read this tick and did not.', 35),
      [UNREAD_REGIONS]: alarm(UNREAD_REGIONS, 2, 3, 'Account-regions the collector could not read at all this tick.', 35),
    });
    for (const a of Object.values<any>(alarms)) expect(a.alarm_description.length).toBeLessThanOrEqual(1024);
  });

  test('their number does not grow with the clusters: 100 clusters, or "*", still 3', () => {
    const clusters = Array.from({ length: 100 }, (_, i) => `cluster-${i}`);
    expect(Object.keys(fleetHealthAlarms(synthPipeline({ clusters }).tf))).toHaveLength(3);
    expect(Object.keys(fleetHealthAlarms(synthPipeline({ clusters: '*' }).tf))).toHaveLength(3);
  });

  test('collecting services adds the ServicesBelowDesired alarm', () => {
    const { tf } = synthPipeline({ metrics: [...DEFAULT_METRICS, 'RunningCount'], services: { 'prod-api': ['web'] } });
    expect(Object.keys(fleetHealthAlarms(tf)).sort()).toEqual([...FLEET_HEALTH_ALARMED_SERIES].sort());
    expect(fleetHealthAlarms(tf)[BELOW_DESIRED]).toMatchObject({ period: 10, evaluation_periods: 1, datapoints_to_alarm: 1, threshold: 1 });
  });

  test('fleetHealthAlarms: false makes none; settings per series are passed through', () => {
    expect(fleetHealthAlarms(synthPipeline({ fleetHealthAlarms: false }).tf)).toEqual({});
    const tf = synthPipeline({
      fleetHealthAlarms: { [NO_TASK]: { threshold: 2, evaluationPeriods: 3, datapointsToAlarm: 2 }, [UNREAD_REGIONS]: false } as FleetHealthAlarmsProps,
    }).tf;
    expect(Object.keys(fleetHealthAlarms(tf))).toEqual([NO_TASK, UNREAD_CLUSTERS]);
    expect(fleetHealthAlarms(tf)[NO_TASK]).toMatchObject({
      alarm_name: `ecs-highres fleet health ${NO_TASK} >= 2`,
      threshold: 2,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
    });
  });

  test('an impossible setting is refused before anything is written, naming the field', () => {
    expect(() => synthPipeline({ fleetHealthAlarms: { [BELOW_DESIRED]: { datapointsToAlarm: 2 } } as FleetHealthAlarmsProps })).toThrow(
      `fleetHealthAlarms.${BELOW_DESIRED}.datapointsToAlarm: 2 datapoints to alarm is more than the 1 evaluation periods`,
    );
  });
});

describe('the hub', () => {
  const ENV = { partition: 'aws', region: 'eu-west-1', account: '999999999999' };
  function synthHub(targets: TargetListEntry[], props: MonitoringProps = {}, metrics: readonly string[] = DEFAULT_METRICS) {
    const stack = new TerraformStack(Testing.app(), 'hub');
    new AwsProvider(stack, 'aws', { region: ENV.region });
    const monitoring = new PipelineMonitoring(stack, 'monitoring', {
      settings: {
        name: 'fleet',
        namespace: 'ECS',
        intervalSeconds: 5,
        clusters: [],
        services: {},
        metrics,
        collectorTimeoutSeconds: 10,
        ...monitoringSettings(props, 5),
      },
      env: ENV,
      names: pipelineNames('fleet', ENV.region),
      targets,
    });
    return { monitoring, tf: JSON.parse(Testing.synth(stack)) };
  }
  const targets = (n: number, clusters: string[] | '*'): TargetListEntry[] =>
    Array.from({ length: n }, (_, i) => ({ account: String(100_000_000_000 + i), region: 'us-east-1', clusters }));

  test('one set for the whole fleet, whatever its account-regions: 3 alarms for 2 or 100 account-regions, listed or "*"', () => {
    for (const fleet of [targets(2, ['a', 'b']), targets(100, ['a', 'b', 'c']), targets(100, '*')]) {
      const alarms = fleetHealthAlarms(synthHub(fleet).tf);
      expect(Object.keys(alarms)).toEqual([NO_TASK, UNREAD_REGIONS, UNREAD_CLUSTERS]);
      for (const alarm of Object.values<any>(alarms)) {
        expect(alarm.dimensions).toEqual({ Pipeline: 'fleet' });
        expect(alarm.alarm_description).toContain('of the whole fleet (every member account-region)');
        expect(alarm.alarm_description).toContain('the first row of the dashboard fleet-eu-west-1 graphs it');
      }
    }
  });

  test('a member collecting services adds the ServicesBelowDesired alarm', () => {
    const fleet = [...targets(2, ['a']), { account: '222222222222', region: 'eu-west-1', clusters: ['prod'], services: { prod: ['web'] } }];
    const alarms = fleetHealthAlarms(synthHub(fleet, {}, [...DEFAULT_METRICS, 'RunningCount']).tf);
    expect(Object.keys(alarms)).toContain(BELOW_DESIRED);
  });
});

describe("the Logs Insights query of an alarm's description", () => {
  test("reads the fields the collector's summary line writes: the series' value, and the list that names what it counts", () => {
    // GIVEN the summary line's health field of a tick with one of each problem (the collector's own function)
    const fields = healthFields({
      pipeline: 'ecs-highres',
      servicesCollected: true,
      values: { ClustersWithNoRunningTask: 1, PendingTasks: 0, UnreadClusters: 1, UnreadAccountRegions: 1, ServicesBelowDesired: 1, TaskShortfall: 2 },
      noRunningTask: ['111111111111/us-east-1/prod'],
      unreadClusters: ['111111111111/us-east-1/gone'],
      unreadAccountRegions: ['222222222222/eu-west-1'],
      shortServices: [{ service: '111111111111/us-east-1/prod/web', shortfall: 2 }],
    });
    // THEN every alarmed series' value and list are where the queries look for them (message.health.<field>)
    for (const series of FLEET_HEALTH_ALARMED_SERIES) {
      expect([series, fields[series]]).toEqual([series, 1]);
      const list = summaryListField(series).replace('message.health.', '');
      expect([series, fields[list]]).toEqual([series, expect.stringMatching(/^\d{12}\//)]);
      expect(summaryLinesQuery(series, 1)).toBe(
        `fields @timestamp, message.health.${list} | filter message.health.${series} >= 1 | sort @timestamp desc | limit 20`,
      );
    }
  });
});
