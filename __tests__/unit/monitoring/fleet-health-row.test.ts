/**
 * The fleet-health row: first on a pipeline's dashboard and on the hub's first dashboard, a graph
 * per fleet-health series with its alarm's threshold, and the collector's latest summary lines.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DEFAULT_METRICS } from '../../../modules/subpaths/metrics';
import { pipelineNames } from '../../../modules/common/names';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { FLEET_HEALTH_METRIC_NAMES, fleetHealthMetricsPublished } from '../../../modules/metrics/catalog';
import type { Widget } from '../../../modules/monitoring/dashboard-body';
import { FLEET_HEALTH_ALARMED_SERIES } from '../../../modules/monitoring/fleet-health-alarms';
import { fleetHealthRow } from '../../../modules/monitoring/fleet-health-row';
import { monitoringSettings } from '../../../modules/monitoring/monitoring-settings';
import { PipelineMonitoring } from '../../../modules/monitoring/pipeline-monitoring';
import { only, synthPipeline } from '../../support/synth';

const [NO_TASK, , UNREAD_CLUSTERS] = FLEET_HEALTH_ALARMED_SERIES;
const OPTIONS = {
  region: 'us-east-1',
  namespace: 'ECS',
  pipelineName: 'ecs-highres',
  intervalSeconds: 5,
  servicesCollected: false,
  thresholds: { [NO_TASK]: 1, [UNREAD_CLUSTERS]: 3 },
  logGroupName: '/aws/lambda/ecs-highres-collector',
};

describe('fleetHealthRow', () => {
  test('a graph per published series, a quarter of the width each, then the summary lines across the grid', () => {
    const row = fleetHealthRow(OPTIONS);
    const published = fleetHealthMetricsPublished(false);
    expect(row.map((w) => [w.type, w.width, w.height])).toEqual([...published.map(() => ['metric', 6, 6]), ['log', 24, 6]]);
    expect(row[0].properties).toEqual({
      title: `Fleet health: ${published[0].name}`,
      view: 'timeSeries',
      stacked: false,
      region: 'us-east-1',
      period: 5,
      stat: 'Maximum',
      metrics: [['ECS', published[0].name, 'Pipeline', 'ecs-highres', { label: published[0].description }]],
      yAxis: { left: { min: 0 } },
      annotations: { horizontal: [{ label: 'alarm', value: 1 }] },
    });
    // The alarmed series published here: no service ones without services.
    const [noTask, , unreadClusters, unreadRegions] = FLEET_HEALTH_ALARMED_SERIES;
    const list = (series: string) => `message.health.${series.charAt(0).toLowerCase()}${series.slice(1)}`;
    expect(row[4].properties).toEqual({
      title: 'Latest ticks with a problem: which clusters, services and account-regions',
      region: 'us-east-1',
      view: 'table',
      query:
        `SOURCE '/aws/lambda/ecs-highres-collector' | fields @timestamp, ${list(noTask)}, ${list(unreadClusters)}, ${list(unreadRegions)} ` +
        `| filter ispresent(${list(noTask)}) or ispresent(${list(unreadClusters)}) or ispresent(${list(unreadRegions)}) | sort @timestamp desc | limit 20`,
    });
  });

  test('each graph carries its alarm threshold; a series without an alarm has none', () => {
    const row = fleetHealthRow(OPTIONS);
    const annotated = Object.fromEntries(
      row.filter((w) => w.type === 'metric').map((w) => [(w.properties.metrics as string[][])[0][1], (w.properties as any).annotations?.horizontal[0].value]),
    );
    expect(annotated).toEqual(
      Object.fromEntries(fleetHealthMetricsPublished(false).map((m) => [m.name, (OPTIONS.thresholds as Record<string, number>)[m.name]])),
    );
  });

  test('with services collected, all six series, a sixth of the width each', () => {
    const row = fleetHealthRow({ ...OPTIONS, servicesCollected: true });
    expect(row.filter((w) => w.type === 'metric').map((w) => (w.properties.metrics as string[][])[0][1])).toEqual(FLEET_HEALTH_METRIC_NAMES);
    expect(row.filter((w) => w.type === 'metric').every((w) => w.width === 4)).toBe(true);
  });
});

describe('a synthesized pipeline dashboard', () => {
  test('opens on the fleet-health row, above the alarms', () => {
    const widgets: Widget[] = JSON.parse(only(synthPipeline().tf, 'aws_cloudwatch_dashboard').dashboard_body).widgets;
    expect(widgets.slice(0, 5).map((w) => [w.type, w.y])).toEqual([
      ['metric', 0],
      ['metric', 0],
      ['metric', 0],
      ['metric', 0],
      ['log', 6],
    ]);
    expect(widgets[5]).toMatchObject({ type: 'alarm', y: 12 });
  });

  test('without fleet-health alarms the row stays (the series are still published), with no threshold lines', () => {
    const widgets: Widget[] = JSON.parse(only(synthPipeline({ fleetHealthAlarms: false }).tf, 'aws_cloudwatch_dashboard').dashboard_body).widgets;
    expect(widgets[0].properties.title).toBe(`Fleet health: ${FLEET_HEALTH_METRIC_NAMES[0]}`);
    expect(widgets.slice(0, 4).every((w) => w.properties.annotations === undefined)).toBe(true);
  });
});

describe("the hub's dashboards", () => {
  const ENV = { partition: 'aws', region: 'eu-west-1', account: '999999999999' };
  const targets = (n: number): TargetListEntry[] =>
    Array.from({ length: n }, (_, i) => ({ account: String(100_000_000_000 + i), region: 'us-east-1', clusters: '*' }));

  test('the first opens, under its header, on the fleet-health row of the whole hub; the others do not repeat it', () => {
    const stack = new TerraformStack(Testing.app(), 'hub');
    new AwsProvider(stack, 'aws', { region: ENV.region });
    const monitoring = new PipelineMonitoring(stack, 'monitoring', {
      settings: {
        name: 'fleet',
        namespace: 'ECS',
        intervalSeconds: 5,
        clusters: [],
        services: {},
        metrics: DEFAULT_METRICS,
        collectorTimeoutSeconds: 10,
        ...monitoringSettings({}, 5),
      },
      env: ENV,
      names: pipelineNames('fleet', ENV.region),
      targets: targets(60),
    });
    expect(monitoring.dashboards.length).toBeGreaterThan(1);
    const byName: Record<string, Widget[]> = Object.fromEntries(
      Object.values<any>(JSON.parse(Testing.synth(stack)).resource.aws_cloudwatch_dashboard).map((d) => [
        d.dashboard_name,
        JSON.parse(d.dashboard_body).widgets as Widget[],
      ]),
    );
    // In the order of the dashboards: fleet-eu-west-1, fleet-eu-west-1-2…
    const bodies = Object.keys(byName)
      .sort((a, b) => a.length - b.length || a.localeCompare(b))
      .map((name) => byName[name]);
    expect(bodies[0].slice(0, 6).map((w) => w.type)).toEqual(['text', 'metric', 'metric', 'metric', 'metric', 'log']);
    expect(bodies[0][1].properties.metrics).toEqual([['ECS', FLEET_HEALTH_METRIC_NAMES[0], 'Pipeline', 'fleet', expect.any(Object)]]);
    for (const body of bodies.slice(1)) expect(body.some((w) => String(w.properties.title ?? '').startsWith('Fleet health'))).toBe(false);
  });
});
