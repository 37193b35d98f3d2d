/**
 * The dashboards under a service cadence (serviceIntervalSeconds): the per-service metrics and the
 * service fleet-health series (ServicesBelowDesired, TaskShortfall) are published on the service
 * ticks only, so their graphs' period holds one of those ticks (the dashboard's period at the
 * series' own interval: metricIntervalSeconds, seriesIntervalSeconds), and a graph shows no gap
 * between two service ticks; every other graph keeps the interval's period.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { pipelineNames } from '../../../modules/common/names';
import { fleetHealthMetricsPublished } from '../../../modules/metrics/catalog';
import { metricGraphPeriod, type Widget } from '../../../modules/monitoring/dashboard-body';
import { fleetDashboards } from '../../../modules/monitoring/fleet-dashboards';
import { fleetHealthRow } from '../../../modules/monitoring/fleet-health-row';
import { monitoringSettings, publishedDefinitions } from '../../../modules/monitoring/monitoring-settings';
import { PipelineMonitoring } from '../../../modules/monitoring/pipeline-monitoring';
import { hubPlaces } from '../../../modules/monitoring/watched-places';
import { only, synthPipeline } from '../../support/synth';

const SERVICE_SERIES = ['ServicesBelowDesired', 'TaskShortfall'];

/** THEN: each metric graph's title, its period, and the period its SEARCH expression asks for (if any). */
const graphPeriods = (widgets: readonly Pick<Widget, 'type' | 'properties'>[]) =>
  widgets
    .filter((w) => w.type === 'metric' && typeof w.properties.title === 'string' && !/per minute|duration/.test(w.properties.title as string))
    .map((w) => {
      const search = JSON.stringify(w.properties.metrics).match(/'Maximum', (\d+)\)/);
      return [w.properties.title, w.properties.period, ...(search ? [Number(search[1])] : [])];
    });

describe('metricGraphPeriod: the period that holds a datum of the metric', () => {
  test('a per-service metric: the dashboard period of the service interval (30 s, 20 s for 15 s, 60 s for 60 s)', () => {
    expect(metricGraphPeriod('RunningCount', { intervalSeconds: 5, serviceIntervalSeconds: 30 })).toBe(30);
    expect(metricGraphPeriod('DesiredCount', { intervalSeconds: 5, serviceIntervalSeconds: 15 })).toBe(20);
    expect(metricGraphPeriod('RunningCount', { intervalSeconds: 10, serviceIntervalSeconds: 60 })).toBe(60);
  });

  test("a cluster metric, or services read every tick: the interval's, as before", () => {
    expect(metricGraphPeriod('RunningTask', { intervalSeconds: 5, serviceIntervalSeconds: 30 })).toBe(5);
    expect(metricGraphPeriod('RunningCount', { intervalSeconds: 5 })).toBe(5);
    expect(metricGraphPeriod('RunningCount', { intervalSeconds: 5, serviceIntervalSeconds: 5 })).toBe(5);
  });
});

describe('the fleet-health row', () => {
  const OPTIONS = {
    region: 'us-east-1',
    namespace: 'ECS',
    pipelineName: 'ecs-highres',
    intervalSeconds: 5,
    servicesCollected: true,
    thresholds: {},
    logGroupName: '/aws/lambda/ecs-highres-collector',
  };
  const periods = (row: ReturnType<typeof fleetHealthRow>) =>
    Object.fromEntries(row.filter((w) => w.type === 'metric').map((w) => [(w.properties.title as string).replace('Fleet health: ', ''), w.properties.period]));

  test('services read every 30 s: the two service series are graphed at 30 s, the four others at 5 s', () => {
    const expected = Object.fromEntries(fleetHealthMetricsPublished(true).map((m) => [m.name, SERVICE_SERIES.includes(m.name) ? 30 : 5]));
    expect(periods(fleetHealthRow({ ...OPTIONS, serviceIntervalSeconds: 30 }))).toEqual(expected);
  });

  test('services read every tick (absent or equal to the interval): every series at 5 s', () => {
    const every5 = Object.fromEntries(fleetHealthMetricsPublished(true).map((m) => [m.name, 5]));
    expect(periods(fleetHealthRow(OPTIONS))).toEqual(every5);
    expect(periods(fleetHealthRow({ ...OPTIONS, serviceIntervalSeconds: 5 }))).toEqual(every5);
  });
});

describe("a pipeline's dashboard, synthesized", () => {
  const SERVICES = { metrics: ['RunningTask', 'RunningCount'], services: { 'prod-api': ['web', 'api'], 'prod-workers': '*' as const } };
  const widgetsOf = (tf: any): Widget[] => JSON.parse(only(tf, 'aws_cloudwatch_dashboard').dashboard_body).widgets;

  test('services read every 30 s: per-service graphs (and their SEARCH) and the service series at 30 s, the rest at 5 s', () => {
    expect(graphPeriods(widgetsOf(synthPipeline({ ...SERVICES, serviceIntervalSeconds: 30 }).tf))).toEqual([
      ['Fleet health: ClustersWithNoRunningTask', 5],
      ['Fleet health: PendingTasks', 5],
      ['Fleet health: UnreadClusters', 5],
      ['Fleet health: UnreadAccountRegions', 5],
      ['Fleet health: ServicesBelowDesired', 30],
      ['Fleet health: TaskShortfall', 30],
      ['RunningTask per cluster', 5],
      ['RunningCount per service of prod-api', 30],
      ['RunningCount per service of prod-workers', 30, 30],
    ]);
  });

  test('services read every tick: every graph at 5 s', () => {
    const periods = graphPeriods(widgetsOf(synthPipeline(SERVICES).tf));
    expect(periods).toHaveLength(9);
    expect(periods.map(([, ...p]) => p)).toEqual([[5], [5], [5], [5], [5], [5], [5], [5], [5, 5]]);
  });
});

describe("the hub's dashboards (one SEARCH row per account-region)", () => {
  const targets = [
    { account: '111111111111', region: 'us-east-1', clusters: ['prod'], services: { prod: ['api'] } },
    { account: '222222222222', region: 'eu-west-1', clusters: '*' as const },
  ];
  const dashboards = (serviceIntervalSeconds?: number) =>
    fleetDashboards({
      name: 'ecs-highres',
      region: 'eu-west-1',
      namespace: 'ECS',
      intervalSeconds: 10,
      ...(serviceIntervalSeconds === undefined ? {} : { serviceIntervalSeconds }),
      metrics: publishedDefinitions(['RunningTask', 'RunningCount']),
      places: hubPlaces(targets),
      stateMachineArn: 'arn:aws:states:eu-west-1:999999999999:stateMachine:ecs-highres',
      functionName: 'ecs-highres-collector',
      collectorTimeoutSeconds: 10,
      healthAlarmArns: [],
      placeAlarmArns: [[], []],
    });

  test('services read every 60 s: the per-service graph and its SEARCH at 60 s, the cluster graphs at 10 s', () => {
    const [dashboard] = dashboards(60);
    expect(graphPeriods(dashboard.body.widgets)).toEqual([
      ['111111111111/us-east-1 RunningTask', 10, 10],
      ['111111111111/us-east-1 RunningCount', 60, 60],
      ['222222222222/eu-west-1 RunningTask', 10, 10],
    ]);
  });

  test('services read every tick: every graph at 10 s', () => {
    expect(graphPeriods(dashboards()[0].body.widgets).map(([, ...p]) => p)).toEqual([
      [10, 10],
      [10, 10],
      [10, 10],
    ]);
  });
});

test("the hub's monitoring, synthesized, passes its service interval to its first dashboard: the fleet-health row and the rows", () => {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'hub');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const metrics = ['RunningTask', 'RunningCount'];
  new PipelineMonitoring(stack, 'monitoring', {
    settings: {
      name: 'ecs-highres',
      namespace: 'ECS',
      intervalSeconds: 5,
      serviceIntervalSeconds: 15,
      clusters: [],
      services: {},
      metrics,
      collectorTimeoutSeconds: 10,
      ...monitoringSettings({}, 5, 15),
    },
    env: { partition: 'aws', region: 'eu-west-1', account: '999999999999' },
    names: pipelineNames('ecs-highres', 'eu-west-1'),
    targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'], services: { prod: ['api'] } }],
  });
  const widgets: Widget[] = JSON.parse(only(JSON.parse(Testing.synth(stack)), 'aws_cloudwatch_dashboard').dashboard_body).widgets;
  expect(graphPeriods(widgets)).toEqual([
    ['Fleet health: ClustersWithNoRunningTask', 5],
    ['Fleet health: PendingTasks', 5],
    ['Fleet health: UnreadClusters', 5],
    ['Fleet health: UnreadAccountRegions', 5],
    ['Fleet health: ServicesBelowDesired', 20],
    ['Fleet health: TaskShortfall', 20],
    ['111111111111/us-east-1 RunningTask', 5, 5],
    ['111111111111/us-east-1 RunningCount', 20, 20],
  ]);
});
