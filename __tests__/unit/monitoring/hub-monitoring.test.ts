/**
 * PipelineMonitoring given the hub's targets (or clusters "*"), synthesized: the alarms as
 * Terraform resources (a Metrics Insights alarm as a metric_query), the dashboards split and
 * named, their outputs; and a pipeline without targets unchanged.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DEFAULT_METRICS } from '../../../modules/subpaths/metrics';
import { pipelineNames } from '../../../modules/common/names';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import type { MetricAlarmProps } from '../../../modules/monitoring/metric-alarms';
import { monitoringSettings } from '../../../modules/monitoring/monitoring-settings';
import { PipelineMonitoring } from '../../../modules/monitoring/pipeline-monitoring';

const ENV = { partition: 'aws', region: 'eu-west-1', account: '999999999999' };

/** GIVEN monitoring of a hub with these targets (or clusters) and alarms; WHEN synthesized */
function synthMonitoring(options: { targets?: TargetListEntry[]; clusters?: string[] | '*'; alarms?: MetricAlarmProps[]; name?: string }) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'hub');
  new AwsProvider(stack, 'aws', { region: ENV.region });
  const name = options.name ?? 'ecs-highres';
  const monitoring = new PipelineMonitoring(stack, 'monitoring', {
    settings: {
      name,
      namespace: 'ECS',
      intervalSeconds: 5,
      clusters: options.clusters ?? [],
      services: {},
      metrics: DEFAULT_METRICS,
      collectorTimeoutSeconds: 10,
      ...monitoringSettings({ alarms: options.alarms ?? [] }, 5),
    },
    env: ENV,
    names: pipelineNames(name, ENV.region),
    targets: options.targets,
  });
  const tf = JSON.parse(Testing.synth(stack));
  return { monitoring, tf };
}

const resources = (tf: any, type: string): any[] => Object.values(tf.resource?.[type] ?? {});
const PENDING: MetricAlarmProps = { metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 };

describe('the hub: alarms', () => {
  const { tf, monitoring } = synthMonitoring({
    targets: [
      { account: '111111111111', region: 'us-east-1', clusters: ['prod'] },
      { account: '222222222222', region: 'eu-west-1', clusters: '*' },
    ],
    alarms: [PENDING],
  });
  const alarms = resources(tf, 'aws_cloudwatch_metric_alarm');
  const byName = (name: string) => alarms.find((a) => a.alarm_name === name);

  test("a listed cluster's alarm watches its series with the account and region", () => {
    expect(byName('ecs-highres 111111111111/us-east-1 prod PendingTask > 5')).toMatchObject({
      namespace: 'ECS',
      metric_name: 'PendingTask',
      dimensions: { ClusterName: 'prod', AccountId: '111111111111', Region: 'us-east-1' },
      statistic: 'Maximum',
      period: 10,
      evaluation_periods: 3,
      comparison_operator: 'GreaterThanThreshold',
      threshold: 5,
    });
  });

  test('a "*" account-region\'s alarm is a Metrics Insights query, without a metric of its own', () => {
    const alarm = byName('ecs-highres 222222222222/eu-west-1 * PendingTask > 5');
    expect(alarm.metric_query).toEqual([
      {
        id: 'q',
        expression: `SELECT MAX(PendingTask) FROM SCHEMA("ECS", AccountId, ClusterName, Region) WHERE AccountId = '222222222222' AND Region = 'eu-west-1' GROUP BY ClusterName ORDER BY MAX() DESC`,
        period: 60,
        return_data: true,
        label: 'PendingTask',
      },
    ]);
    for (const field of ['namespace', 'metric_name', 'dimensions', 'statistic', 'period']) expect(alarm).not.toHaveProperty(field);
  });

  test('the 4 pipeline-health alarms and the 3 fleet-health alarms (no services collected) exist once', () => {
    expect(monitoring.pipelineAlarms).toHaveLength(4);
    expect(monitoring.fleetHealthAlarms).toHaveLength(3);
    expect(alarms).toHaveLength(2 + 4 + 3);
  });
});

describe('the hub: dashboards', () => {
  const many = Array.from({ length: 30 }, (_, i) => ({ account: String(100000000000 + i), region: 'eu-west-1', clusters: '*' as const }));
  const { tf, monitoring } = synthMonitoring({ targets: many });
  const order = ['ecs-highres-eu-west-1', 'ecs-highres-eu-west-1-2'];
  const dashboards = resources(tf, 'aws_cloudwatch_dashboard').sort((a, b) => order.indexOf(a.dashboard_name) - order.indexOf(b.dashboard_name));

  test("split where the quotas need it, the first keeping the pipeline's dashboard name", () => {
    // "*" rows are sized at 25 clusters: 100 metrics a row, 24 rows on the first dashboard.
    expect(
      resources(tf, 'aws_cloudwatch_dashboard')
        .map((d) => d.dashboard_name)
        .sort(),
    ).toEqual(order);
    expect(monitoring.dashboards).toHaveLength(2);
    expect(monitoring.dashboard).toBe(monitoring.dashboards[0]);
  });

  test("outputs: the first dashboard's name and address as today, and every name", () => {
    // The first keeps the construct id `dashboard` a single dashboard has always had.
    expect(tf.output['ecs-highres_dashboard_name'].value).toMatch(/^\$\{aws_cloudwatch_dashboard\.monitoring_dashboard_[0-9A-F]{8}\.dashboard_name\}$/);
    expect(tf.output['ecs-highres_dashboard_url'].value).toBe(
      'https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#dashboards/dashboard/ecs-highres-eu-west-1',
    );
    expect(tf.output['ecs-highres_dashboard_names'].value).toEqual(['ecs-highres-eu-west-1', 'ecs-highres-eu-west-1-2']);
  });

  test('each body is a search per metric and account-region', () => {
    const second = JSON.parse(dashboards[1].dashboard_body);
    const searches = second.widgets.filter((w: any) => w.type === 'metric').map((w: any) => w.properties.metrics[0][0].expression);
    // The second holds the 6 rows after the first's 24; no pipeline-health row.
    expect(searches).toHaveLength(6 * 4);
    expect(searches[0]).toBe(
      `SEARCH('{"ECS","AccountId","ClusterName","Region"} MetricName="RunningTask" AccountId="100000000024" Region="eu-west-1"', 'Maximum', 5)`,
    );
  });

  test("each graph labels its series by cluster with CloudWatch's ${PROP()}, written $${ so that Terraform does not read it as an interpolation", () => {
    const raw: string = dashboards[1].dashboard_body;
    expect(raw).toContain('"label":"$${PROP(\'Dim.ClusterName\')}"');
    expect(raw.match(/(?<!\$)\$\{PROP\(/g)).toBeNull();
  });
});

describe('clusters "*" in one account-region (no hub)', () => {
  const { tf } = synthMonitoring({ clusters: '*', alarms: [PENDING] });

  test("its dashboard graphs SEARCH the namespace's clusters; its alarm is a Metrics Insights query", () => {
    const [dashboard] = resources(tf, 'aws_cloudwatch_dashboard');
    const body = JSON.parse(dashboard.dashboard_body);
    const graph = body.widgets.find((w: any) => w.properties.title === 'PendingTask per cluster');
    expect(graph.properties.metrics[0][0].expression).toBe(`SEARCH('{"ECS","ClusterName"} MetricName="PendingTask"', 'Maximum', 5)`);
    const alarm = resources(tf, 'aws_cloudwatch_metric_alarm').find((a) => a.alarm_name === 'ecs-highres * PendingTask > 5');
    expect(alarm.metric_query[0].expression).toBe('SELECT MAX(PendingTask) FROM SCHEMA("ECS", ClusterName) GROUP BY ClusterName ORDER BY MAX() DESC');
  });
});

describe('a pipeline name that makes a dashboard name CloudWatch refuses', () => {
  test('is refused at synth, naming the dashboard and the fix', () => {
    expect(() => synthMonitoring({ name: 'x'.repeat(250), targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'] }] })).toThrow(
      /the dashboard name "x{250}-eu-west-1" is 260 characters, over CloudWatch's 255: use a shorter pipeline name/,
    );
  });
});
