/** The dashboard: its body read back as JSON (widgets, metrics, periods, region), its name and address. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DEFAULT_METRICS, type MetricDefinition, metricDefinition } from '../../../modules/subpaths/metrics';
import { EcsHighResMetrics } from '../../../modules';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { dashboardBody, type DashboardBodyOptions, dashboardPeriod, type Widget } from '../../../modules/monitoring/dashboard-body';
import { publishedDefinitions } from '../../../modules/monitoring/monitoring-settings';
import { publishedSeries } from '../../../modules/monitoring/published-series';
import { fleetHealthRow } from '../../../modules/monitoring/fleet-health-row';
import { addressOf, only, synthPipeline } from '../../support/synth';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:111111111111:stateMachine:ecs-highres';

/** A per-service metric, from the catalog. */
const RUNNING_COUNT: MetricDefinition = metricDefinition('RunningCount')!;

/** GIVEN a pipeline's published metrics; WHEN its dashboard body is built */
function body(overrides: Partial<DashboardBodyOptions> & { services?: Record<string, string[] | '*'>; definitions?: MetricDefinition[] } = {}) {
  const { services = {}, definitions = publishedDefinitions(DEFAULT_METRICS), ...options } = overrides;
  return dashboardBody({
    region: 'us-east-1',
    namespace: 'ECS',
    intervalSeconds: 5,
    metrics: publishedSeries({ metrics: definitions, clusters: ['prod-api', 'prod-workers'], services }),
    stateMachineArn: STATE_MACHINE_ARN,
    functionName: 'ecs-highres-collector',
    collectorTimeoutSeconds: 10,
    alarmArns: [],
    ...options,
  });
}

const titles = (widgets: readonly Widget[]) => widgets.map((w) => w.properties.title);
const at = (widgets: readonly Widget[]) => widgets.map(({ x, y, width, height }) => ({ x, y, width, height }));

describe('dashboardBody', () => {
  const { start, periodOverride, widgets } = body();

  test('opens on the 3 hours CloudWatch keeps 1-second data, each graph keeping its own period', () => {
    expect({ start, periodOverride }).toEqual({ start: '-PT3H', periodOverride: 'inherit' });
  });

  test('one graph per cluster metric, then the pipeline-health row', () => {
    expect(titles(widgets)).toEqual([
      'RunningTask per cluster',
      'PendingTask per cluster',
      'ActiveServices per cluster',
      'RegisteredContainerInstances per cluster',
      'Pipeline executions per minute',
      'Collector errors and throttles per minute',
      'Collector duration (ms)',
    ]);
    expect(at(widgets)).toEqual([
      { x: 0, y: 0, width: 12, height: 6 },
      { x: 12, y: 0, width: 12, height: 6 },
      { x: 0, y: 6, width: 12, height: 6 },
      { x: 12, y: 6, width: 12, height: 6 },
      { x: 0, y: 12, width: 8, height: 6 },
      { x: 8, y: 12, width: 8, height: 6 },
      { x: 16, y: 12, width: 8, height: 6 },
    ]);
  });

  test('a cluster metric graph has a line per cluster, at the interval as period, statistic Maximum, in the region', () => {
    expect(widgets[0]).toEqual({
      type: 'metric',
      x: 0,
      y: 0,
      width: 12,
      height: 6,
      properties: {
        title: 'RunningTask per cluster',
        view: 'timeSeries',
        stacked: false,
        region: 'us-east-1',
        period: 5,
        stat: 'Maximum',
        metrics: [
          ['ECS', 'RunningTask', 'ClusterName', 'prod-api', { label: 'prod-api' }],
          ['ECS', 'RunningTask', 'ClusterName', 'prod-workers', { label: 'prod-workers' }],
        ],
        yAxis: { left: { min: 0 } },
      },
    });
    for (const graph of widgets.slice(0, 4)) {
      expect(graph.properties).toMatchObject({ period: 5, stat: 'Maximum', region: 'us-east-1' });
    }
  });

  test('the pipeline-health row: executions of the state machine, errors, throttles and duration of the collector', () => {
    const health = widgets.slice(4).map((w) => w.properties);
    expect(health[0]).toEqual({
      title: 'Pipeline executions per minute',
      view: 'timeSeries',
      stacked: false,
      region: 'us-east-1',
      period: 60,
      stat: 'Sum',
      metrics: [
        ['AWS/States', 'ExecutionsStarted', 'StateMachineArn', STATE_MACHINE_ARN, { label: 'started' }],
        ['AWS/States', 'ExecutionsFailed', 'StateMachineArn', STATE_MACHINE_ARN, { label: 'failed' }],
        ['AWS/States', 'ExecutionsTimedOut', 'StateMachineArn', STATE_MACHINE_ARN, { label: 'timed out' }],
      ],
    });
    expect(health[1].metrics).toEqual([
      ['AWS/Lambda', 'Errors', 'FunctionName', 'ecs-highres-collector', { label: 'errors' }],
      ['AWS/Lambda', 'Throttles', 'FunctionName', 'ecs-highres-collector', { label: 'throttles' }],
    ]);
    expect(health[2]).toMatchObject({
      metrics: [
        ['AWS/Lambda', 'Duration', 'FunctionName', 'ecs-highres-collector', { label: 'maximum', stat: 'Maximum' }],
        ['AWS/Lambda', 'Duration', 'FunctionName', 'ecs-highres-collector', { label: 'average', stat: 'Average' }],
      ],
      annotations: { horizontal: [{ label: 'timeout', value: 10_000 }] },
    });
  });

  test('is plain JSON: what is stringified parses back to the same object', () => {
    expect(JSON.parse(JSON.stringify(body()))).toEqual(body());
  });
});

describe('dashboardBody with per-service metrics', () => {
  // GIVEN prod-api publishes two named services and prod-workers all of its services
  const { widgets } = body({
    definitions: [metricDefinition('RunningTask')!, RUNNING_COUNT],
    services: { 'prod-api': ['web', 'worker'], 'prod-workers': '*' },
  });

  test('one graph per cluster, a line per service', () => {
    expect(titles(widgets).slice(0, 3)).toEqual([
      'RunningTask per cluster',
      'RunningCount per service of prod-api',
      'RunningCount per service of prod-workers',
    ]);
    expect(widgets[1].properties).toMatchObject({
      period: 5,
      stat: 'Maximum',
      region: 'us-east-1',
      metrics: [
        ['ECS', 'RunningCount', 'ClusterName', 'prod-api', 'ServiceName', 'web', { label: 'web' }],
        ['ECS', 'RunningCount', 'ClusterName', 'prod-api', 'ServiceName', 'worker', { label: 'worker' }],
      ],
    });
  });

  test("a cluster publishing all its services ('*') is graphed by a search, since their names are known only at run time", () => {
    expect(widgets[2].properties.metrics).toEqual([
      [
        {
          expression: `SEARCH('{"ECS","ClusterName","ServiceName"} MetricName="RunningCount" ClusterName="prod-workers"', 'Maximum', 5)`,
          id: 'services',
          label: '',
        },
      ],
    ]);
  });

  test('a cluster without services gets no service graph', () => {
    const { widgets: only } = body({ definitions: [RUNNING_COUNT], services: { 'prod-api': ['web'] } });
    expect(titles(only)[0]).toBe('RunningCount per service of prod-api');
    expect(titles(only)).not.toContain('RunningCount per service of prod-workers');
  });

  test('a catalog entry whose dimensions do not fit its source is a catalog error', () => {
    const broken: MetricDefinition = { ...RUNNING_COUNT, dimensions: ['ClusterName'] };
    expect(() => body({ definitions: [broken], services: { 'prod-api': ['web'] } })).toThrow(
      'catalog: RunningCount is a service metric, so it needs 2 dimensions, but it lists ClusterName',
    );
  });
});

describe('dashboardBody alarms and layout', () => {
  const arns = Array.from({ length: 150 }, (_, i) => `arn:aws:cloudwatch:us-east-1:111111111111:alarm:a${i}`);
  const { widgets } = body({ alarmArns: arns });

  test('alarm states come first, at most 100 to a widget', () => {
    const alarmWidgets = widgets.filter((w) => w.type === 'alarm');
    expect(at(alarmWidgets)).toEqual([
      { x: 0, y: 0, width: 24, height: 3 },
      { x: 0, y: 3, width: 24, height: 3 },
    ]);
    expect(alarmWidgets.flatMap((w) => w.properties.alarms)).toEqual(arns);
    expect(widgets[2]).toMatchObject({ x: 0, y: 6, properties: { title: 'RunningTask per cluster' } });
  });

  test('no widget overlaps another or leaves the 24-unit grid', () => {
    const many = body({
      alarmArns: arns,
      definitions: [...publishedDefinitions(DEFAULT_METRICS), RUNNING_COUNT],
      services: { 'prod-api': ['web'], 'prod-workers': '*' },
    }).widgets;
    const cells = new Set<string>();
    for (const w of many) {
      expect(w.x + w.width).toBeLessThanOrEqual(24);
      for (let x = w.x; x < w.x + w.width; x++) {
        for (let y = w.y; y < w.y + w.height; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });
});

describe('dashboardPeriod', () => {
  // Graphs of high-resolution metrics take 1, 5, 10, 20 or 30 s (as GetMetricData does).
  const expected: Record<number, number> = { 1: 1, 2: 5, 3: 5, 4: 5, 5: 5, 6: 10, 10: 10, 12: 20, 15: 20, 20: 20, 30: 30 };

  test.each(ALLOWED_INTERVALS.map((interval) => [interval, expected[interval]]))('an interval of %i s is graphed at %i s', (interval, period) => {
    expect(dashboardPeriod(interval)).toBe(period);
  });
});

describe('the synthesized dashboard', () => {
  test('is named after the pipeline and region, and its body is the one built for the pipeline', () => {
    // GIVEN the default pipeline; WHEN synthesized
    const { tf } = synthPipeline();
    const dashboard = only(tf, 'aws_cloudwatch_dashboard');
    expect(dashboard.dashboard_name).toBe('ecs-highres-us-east-1');
    const parsed = JSON.parse(dashboard.dashboard_body);
    const alarm = (name: string) => `arn:aws:cloudwatch:us-east-1:111111111111:alarm:ecs-highres ${name}`;
    expect(parsed).toEqual(
      body({
        alarmArns: [
          alarm('pipeline executions failing'),
          alarm('pipeline executions timing out'),
          alarm('collector errors'),
          alarm('pipeline not started for 3 minutes'),
          alarm('fleet health ClustersWithNoRunningTask >= 1'),
          alarm('fleet health UnreadClusters >= 1'),
          alarm('fleet health UnreadAccountRegions >= 1'),
        ],
        fleetHealthRow: fleetHealthRow({
          region: 'us-east-1',
          namespace: 'ECS',
          pipelineName: 'ecs-highres',
          intervalSeconds: 5,
          servicesCollected: false,
          thresholds: { ClustersWithNoRunningTask: 1, UnreadClusters: 1, UnreadAccountRegions: 1 },
          logGroupName: '/aws/lambda/ecs-highres-collector',
        }),
      }),
    );
  });

  test('its name and console address are outputs', () => {
    const { tf } = synthPipeline();
    expect(tf.output.pipeline_dashboard_name).toEqual({
      description: 'Name of the CloudWatch dashboard of the pipeline',
      value: `\${${addressOf(tf, 'aws_cloudwatch_dashboard', 'dashboard')}.dashboard_name}`,
    });
    expect(tf.output.pipeline_dashboard_url.value).toBe(
      'https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/ecs-highres-us-east-1',
    );
  });

  test('follows the settings: interval, namespace, metrics, collector timeout', () => {
    const { tf } = synthPipeline({ intervalSeconds: 15, namespace: 'Platform/ECS', metrics: ['PendingTask'], collectorTimeoutSeconds: 40 });
    const all: Widget[] = JSON.parse(only(tf, 'aws_cloudwatch_dashboard').dashboard_body).widgets;
    // After the fleet-health row (4 graphs and the summary lines): alarms, metrics, pipeline health.
    const widgets = all.slice(5);
    expect(all[0].properties).toMatchObject({ period: 20, metrics: [['Platform/ECS', expect.any(String), 'Pipeline', 'ecs-highres', expect.any(Object)]] });
    expect(widgets[1].properties).toMatchObject({
      title: 'PendingTask per cluster',
      period: 20,
      metrics: [
        ['Platform/ECS', 'PendingTask', 'ClusterName', 'prod-api', { label: 'prod-api' }],
        ['Platform/ECS', 'PendingTask', 'ClusterName', 'prod-workers', { label: 'prod-workers' }],
      ],
    });
    expect(widgets[2].properties.title).toBe('Pipeline executions per minute');
    expect(widgets[4].properties.annotations).toEqual({ horizontal: [{ label: 'timeout', value: 40_000 }] });
  });

  test('other partitions get their console', () => {
    const { tf } = synthPipeline({ region: 'cn-north-1' });
    expect(tf.output.pipeline_dashboard_url.value).toBe(
      'https://console.amazonaws.cn/cloudwatch/home?region=cn-north-1#dashboards/dashboard/ecs-highres-cn-north-1',
    );
  });

  test('without a known region, the name and address come from the provider at plan', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', {});
    new EcsHighResMetrics(stack, 'pipeline', { clusters: ['a'] });
    const tf = JSON.parse(Testing.synth(stack));
    const data = (type: string, attribute: string) => `data.${type}.${Object.keys(tf.data[type])[0]}.${attribute}`;
    const region = data('aws_region', 'name');
    expect(only(tf, 'aws_cloudwatch_dashboard').dashboard_name).toBe(`ecs-highres-\${${region}}`);
    expect(tf.output.pipeline_dashboard_url.value).toBe(
      `https://\${lookup({"aws" = "console.aws.amazon.com", "aws-cn" = "console.amazonaws.cn", "aws-us-gov" = "console.amazonaws-us-gov.com"}, ${data('aws_partition', 'partition')}, "console.aws.amazon.com")}/cloudwatch/home?region=\${${region}}#dashboards/dashboard/ecs-highres-\${${region}}`,
    );
  });

  test('dashboard: false creates no dashboard and no dashboard outputs', () => {
    const { tf } = synthPipeline({ dashboard: false });
    expect(tf.resource.aws_cloudwatch_dashboard).toBeUndefined();
    expect(Object.keys(tf.output).filter((name) => name.includes('dashboard'))).toEqual([]);
  });

  test('without alarms, there is no alarm widget', () => {
    const { tf } = synthPipeline({ pipelineAlarms: false, fleetHealthAlarms: false });
    const { widgets } = JSON.parse(only(tf, 'aws_cloudwatch_dashboard').dashboard_body);
    expect(widgets.map((w: Widget) => w.type)).not.toContain('alarm');
  });
});
