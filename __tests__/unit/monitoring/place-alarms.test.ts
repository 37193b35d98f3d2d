/**
 * The hub's alarms (and a "*" pipeline's), pure: one alarm per setting per listed cluster with
 * AccountId and Region in its dimensions and name; one Metrics Insights alarm per setting for an
 * account-region whose clusters are found at run time.
 */
import { describeProblem } from '../../../modules/common/errors';
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { type MetricAlarmProps, resolveMetricAlarm } from '../../../modules/monitoring/metric-alarms';
import { monitoringProblems, type MonitoredPipelineSettings, monitoringSettings, publishedDefinitions } from '../../../modules/monitoring/monitoring-settings';
import { insightsPeriod, METRICS_INSIGHTS_ALARM_LIMITS, placeAlarms } from '../../../modules/monitoring/place-alarms';
import { hubPlaces, ownPlace } from '../../../modules/monitoring/watched-places';

const PIPELINE = { name: 'ecs-highres', namespace: 'ECS', intervalSeconds: 5 };
const TARGETS: TargetListEntry[] = [
  { account: '111111111111', region: 'us-east-1', clusters: ['prod', 'batch'], services: { prod: ['web'] } },
  { account: '222222222222', region: 'eu-west-1', clusters: ['prod'] },
  { account: '333333333333', region: 'ap-south-1', clusters: '*' },
];
const PENDING: MetricAlarmProps = { metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 };

/** GIVEN alarm settings and places; WHEN the alarms are built */
function alarmsOf(settings: MetricAlarmProps[], places = hubPlaces(TARGETS), metrics = DEFAULT_METRICS) {
  return placeAlarms(
    settings.map((a) => resolveMetricAlarm(a, 5)),
    { ...PIPELINE, metrics: publishedDefinitions(metrics) },
    places,
  );
}

describe('listed clusters: one alarm per cluster, AccountId and Region in the dimensions and the name', () => {
  const { perPlace, problems } = alarmsOf([PENDING]);

  test('named <name> <account>/<region> <cluster> <metric> <cmp> <threshold>, two accounts\' "prod" apart', () => {
    expect(problems).toEqual([]);
    expect(perPlace.map((alarms) => alarms.map((a) => a.name))).toEqual([
      ['ecs-highres 111111111111/us-east-1 prod PendingTask > 5', 'ecs-highres 111111111111/us-east-1 batch PendingTask > 5'],
      ['ecs-highres 222222222222/eu-west-1 prod PendingTask > 5'],
      ['ecs-highres 333333333333/ap-south-1 * PendingTask > 5'],
    ]);
    expect(perPlace[1][0]).toMatchObject({
      id: '222222222222-eu-west-1-prod-PendingTask-above-5',
      namespace: 'ECS',
      metricName: 'PendingTask',
      dimensions: { ClusterName: 'prod', AccountId: '222222222222', Region: 'eu-west-1' },
      statistic: 'Maximum',
      periodSeconds: 10,
      threshold: 5,
      comparison: 'GreaterThanThreshold',
    });
    expect(perPlace[1][0].query).toBeUndefined();
  });

  test("a setting's clusters pick those names in every account-region that has them", () => {
    const { perPlace: picked, problems: none } = alarmsOf([{ ...PENDING, clusters: ['batch'] }]);
    expect(none).toEqual([]);
    expect(picked.map((alarms) => alarms.map((a) => a.name))).toEqual([
      ['ecs-highres 111111111111/us-east-1 batch PendingTask > 5'],
      [],
      // Found at run time: the listed name is watched as named.
      ['ecs-highres 333333333333/ap-south-1 batch PendingTask > 5'],
    ]);
  });

  test('a cluster no account-region lists is refused, naming the ones there are', () => {
    const listedOnly = hubPlaces(TARGETS.slice(0, 2));
    expect(alarmsOf([{ ...PENDING, clusters: ['nope'] }], listedOnly).problems).toEqual([
      { path: [0, 'clusters', 0], problem: '"nope" is not a cluster of any account-region the pipeline collects: use one of prod, batch' },
    ]);
  });

  test('per-service alarms: one per listed service, with the service, account and region', () => {
    const { perPlace: services } = alarmsOf([{ metric: 'RunningCount', comparison: 'LessThanThreshold', threshold: 1 }], hubPlaces(TARGETS.slice(0, 2)), [
      ...DEFAULT_METRICS,
      'RunningCount',
    ]);
    expect(services[0].map((a) => [a.name, a.dimensions])).toEqual([
      [
        'ecs-highres 111111111111/us-east-1 prod/web RunningCount < 1',
        { ClusterName: 'prod', ServiceName: 'web', AccountId: '111111111111', Region: 'us-east-1' },
      ],
    ]);
    expect(services[1]).toEqual([]);
  });
});

describe('problems that name their account-region', () => {
  test('a per-service alarm on a cluster collecting all its services ("*") is refused, naming the account-region', () => {
    const places = hubPlaces([
      { account: '111111111111', region: 'us-east-1', clusters: ['prod'], services: { prod: '*' } },
      { account: '222222222222', region: 'eu-west-1', clusters: ['prod'], services: { prod: ['web'] } },
    ]);
    const { perPlace, problems } = alarmsOf([{ metric: 'RunningCount', comparison: 'LessThanThreshold', threshold: 1 }], places, [
      ...DEFAULT_METRICS,
      'RunningCount',
    ]);
    expect(problems).toEqual([
      {
        path: [0, 'metric'],
        problem:
          'RunningCount is a per-service metric and cluster "prod" publishes all its services ("*"), whose names are known only at run time: list its services in services, or leave "prod" out of clusters (in 111111111111/us-east-1)',
      },
    ]);
    expect(perPlace[1].map((a) => a.name)).toEqual(['ecs-highres 222222222222/eu-west-1 prod/web RunningCount < 1']);
  });

  test("a listed cluster's problem points at its index in the setting, not in the account-region", () => {
    const places = hubPlaces([
      { account: '111111111111', region: 'us-east-1', clusters: ['prod'], services: { prod: ['web'] } },
      // Here "batch" is the first watched cluster, and the setting's second.
      { account: '222222222222', region: 'us-east-1', clusters: ['batch'] },
    ]);
    const { problems } = alarmsOf([{ metric: 'RunningCount', comparison: 'LessThanThreshold', threshold: 1, clusters: ['prod', 'batch'] }], places, [
      ...DEFAULT_METRICS,
      'RunningCount',
    ]);
    expect(problems).toEqual([
      { path: [0, 'clusters', 1], problem: '"batch" publishes no per-service metrics, so it has no RunningCount: list its services in services' },
    ]);
  });
});

describe('"*": one Metrics Insights alarm per setting (CloudWatch alarms on Metrics Insights queries)', () => {
  test('limits named: 200 such alarms per account and region by default, 1-minute data, the latest 3 hours', () => {
    expect(METRICS_INSIGHTS_ALARM_LIMITS).toEqual({ alarmsPerRegion: 200, minimumPeriodSeconds: 60, evaluatedSeconds: 10_800 });
    expect([10, 30, 60, 90, 120].map(insightsPeriod)).toEqual([60, 60, 60, 120, 120]);
  });

  test('the hub: GROUP BY ClusterName within the account and region, each cluster a contributor, the highest first', () => {
    const [alarm] = alarmsOf([PENDING]).perPlace[2];
    expect(alarm.query).toEqual({
      expression: `SELECT MAX(PendingTask) FROM SCHEMA("ECS", AccountId, ClusterName, Region) WHERE AccountId = '333333333333' AND Region = 'ap-south-1' GROUP BY ClusterName ORDER BY MAX() DESC`,
    });
    expect(alarm).toMatchObject({ id: '333333333333-ap-south-1-*-PendingTask-above-5', periodSeconds: 60, evaluationPeriods: 3, threshold: 5 });
    expect(alarm.description).toMatch(/periods of 60 s \(the setting's 10 s: Metrics Insights reads 1-minute data\)/);
  });

  test('a "*" pipeline of one account-region: its own dimensions, no WHERE; a "below" alarm lowest first, its statistic kept', () => {
    const [[alarm]] = alarmsOf(
      [{ metric: 'RunningTask', comparison: 'LessThanThreshold', threshold: 1, statistic: 'Average', periodSeconds: 120 }],
      [ownPlace('*', {})],
    ).perPlace;
    expect(alarm.name).toBe('ecs-highres * RunningTask < 1');
    expect(alarm.query!.expression).toBe('SELECT AVG(RunningTask) FROM SCHEMA("ECS", ClusterName) GROUP BY ClusterName ORDER BY AVG() ASC');
    expect(alarm.periodSeconds).toBe(120);
  });

  test('more than 3 hours of periods is refused for a Metrics Insights alarm, saying why', () => {
    expect(alarmsOf([{ ...PENDING, periodSeconds: 3600, evaluationPeriods: 4 }]).problems).toEqual([
      {
        path: [0, 'evaluationPeriods'],
        problem:
          '4 periods of 3600 s is 14400 s, but an alarm on clusters found at run time (a Metrics Insights alarm) evaluates only the latest 10800 s: use fewer or shorter periods',
      },
    ]);
  });

  test('an unpublished metric is refused once, not once per account-region', () => {
    expect(alarmsOf([{ ...PENDING, metric: 'RunningCount' }]).problems).toEqual([
      {
        path: [0, 'metric'],
        problem:
          'RunningCount is not published by this pipeline: add it to metrics, or alarm on one of RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances',
      },
    ]);
  });
});

describe("monitoringProblems with the hub's targets", () => {
  const settings = (alarms: MetricAlarmProps[], name = 'ecs-highres'): MonitoredPipelineSettings => ({
    ...PIPELINE,
    name,
    clusters: [],
    services: {},
    metrics: DEFAULT_METRICS,
    ...monitoringSettings({ alarms }, 5),
  });
  const env = { partition: 'aws', region: 'eu-west-1', account: '999999999999' };

  test('the same setting twice makes the same alarm names: refused with its path', () => {
    expect(monitoringProblems(settings([PENDING, PENDING]), env, TARGETS).map(describeProblem)).toContain(
      'alarms[1]: makes the alarm "ecs-highres 111111111111/us-east-1 prod PendingTask > 5" that alarms[0] makes too: alarms on one metric need different comparisons or thresholds',
    );
  });

  test('an alarm name of 255 characters is accepted; 256 refused, naming it', () => {
    // The longest name: <name> + " 111111111111/us-east-1 batch PendingTask > 5" (45 characters).
    const atLimit = 'p'.repeat(210);
    expect(monitoringProblems(settings([PENDING], atLimit), env, TARGETS)).toEqual([]);
    const over = 'p'.repeat(211);
    expect(monitoringProblems(settings([PENDING], over), env, TARGETS).map(describeProblem)).toEqual([
      `alarms[0]: the alarm name "${over} 111111111111/us-east-1 batch PendingTask > 5" is 256 characters, over CloudWatch's 255: use a shorter pipeline name`,
    ]);
  });

  test('clusters "*" without targets (one account-region) is checked as places too', () => {
    expect(monitoringProblems({ ...settings([{ ...PENDING, metric: 'Nope' }]), clusters: '*' }, env).map(describeProblem)).toEqual([
      expect.stringMatching(/^alarms\[0\]\.metric: /),
    ]);
  });
});
