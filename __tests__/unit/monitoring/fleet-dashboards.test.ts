/**
 * The hub's dashboards (and a "*" pipeline's), pure: one row per account-region, one SEARCH graph
 * per metric filtered to the row's AccountId and Region, split across dashboards by CloudWatch's
 * quotas, each with a header linking to the others and the pipeline-health row on the first.
 */
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import {
  DASHBOARD_LIMITS,
  dashboardNameProblem,
  type FleetDashboardOptions,
  fleetDashboardName,
  fleetDashboards,
  placeSearch,
  splitPlaces,
} from '../../../modules/monitoring/fleet-dashboards';
import { publishedDefinitions } from '../../../modules/monitoring/monitoring-settings';
import { ASSUMED_DISCOVERED_CLUSTERS, hubPlaces, ownPlace } from '../../../modules/monitoring/watched-places';
import { metricDefinition } from '../../../modules/metrics/catalog';

const FOUR = publishedDefinitions(DEFAULT_METRICS);
const names = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);

/** `count` account-regions of `clusters` clusters each: accounts 100000000000 + i, alternating two regions. */
function fleet(count: number, clusters: number | '*'): TargetListEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    account: String(100000000000 + Math.floor(i / 2)),
    region: i % 2 === 0 ? 'eu-west-1' : 'us-east-1',
    clusters: clusters === '*' ? '*' : names(clusters),
  }));
}

/** GIVEN a hub of these targets; WHEN its dashboards are built */
function dashboards(targets: readonly TargetListEntry[], overrides: Partial<FleetDashboardOptions> = {}) {
  const places = hubPlaces(targets);
  return fleetDashboards({
    name: 'ecs-highres-eu-west-1',
    region: 'eu-west-1',
    namespace: 'ECS',
    intervalSeconds: 5,
    metrics: FOUR,
    places,
    stateMachineArn: 'arn:aws:states:eu-west-1:999999999999:stateMachine:ecs-highres',
    functionName: 'ecs-highres-collector',
    collectorTimeoutSeconds: 10,
    healthAlarmArns: ['arn:health-1', 'arn:health-2', 'arn:health-3', 'arn:health-4'],
    placeAlarmArns: places.map(() => []),
    ...overrides,
  });
}

const metricsOf = (widget: { properties: Record<string, unknown> }) => (widget.properties.metrics as unknown[][] | undefined) ?? [];

describe('CloudWatch dashboard quotas the split respects (CloudWatch service quotas, "Dashboards")', () => {
  test('500 widgets per dashboard, 500 metrics per widget, 2,500 metrics per dashboard, names of 255 characters', () => {
    expect(DASHBOARD_LIMITS).toEqual({ widgetsPerDashboard: 500, metricsPerWidget: 500, metricsPerDashboard: 2_500, nameLength: 255 });
  });

  test('a name of 255 characters is accepted, 256 refused; only letters, digits, "-" and "_"', () => {
    expect(dashboardNameProblem('a'.repeat(255))).toBeUndefined();
    expect(dashboardNameProblem('a'.repeat(256))).toBe(
      `the dashboard name "${'a'.repeat(256)}" is 256 characters, over CloudWatch's 255: use a shorter pipeline name`,
    );
    expect(dashboardNameProblem('ecs highres')).toMatch(/has characters CloudWatch refuses: use letters, digits, "-" and "_" only/);
    expect(dashboardNameProblem('ecs_highres-eu-west-1-2')).toBeUndefined();
  });

  test("the first dashboard keeps the pipeline's name, the others add -2, -3…", () => {
    expect([0, 1, 2].map((k) => fleetDashboardName('ecs-highres-eu-west-1', k))).toEqual([
      'ecs-highres-eu-west-1',
      'ecs-highres-eu-west-1-2',
      'ecs-highres-eu-west-1-3',
    ]);
  });
});

describe('one row per account-region, one SEARCH graph per metric', () => {
  const targets: TargetListEntry[] = [
    { account: '111111111111', region: 'us-east-1', clusters: ['prod'] },
    { account: '222222222222', region: 'eu-west-1', clusters: '*' },
  ];
  const [only] = dashboards(targets);
  const graphs = only.body.widgets.filter((w) => w.type === 'metric' && String(w.properties.title).includes('/'));

  test('each graph searches the metric in its account and region only, so discovered clusters appear without a redeploy', () => {
    expect(graphs.map((w) => w.properties.title)).toEqual([
      '111111111111/us-east-1 RunningTask',
      '111111111111/us-east-1 PendingTask',
      '111111111111/us-east-1 ActiveServices',
      '111111111111/us-east-1 RegisteredContainerInstances',
      '222222222222/eu-west-1 RunningTask',
      '222222222222/eu-west-1 PendingTask',
      '222222222222/eu-west-1 ActiveServices',
      '222222222222/eu-west-1 RegisteredContainerInstances',
    ]);
    expect(metricsOf(graphs[0])).toEqual([
      [
        {
          expression: `SEARCH('{"ECS","AccountId","ClusterName","Region"} MetricName="RunningTask" AccountId="111111111111" Region="us-east-1"', 'Maximum', 5)`,
          id: 'series',
          label: "${PROP('Dim.ClusterName')}",
        },
      ],
    ]);
    expect(graphs[4].properties).toMatchObject({ region: 'eu-west-1', period: 5, stat: 'Maximum' });
  });

  test('a row is one line of the grid: four graphs 6 wide, each row under the one before', () => {
    expect(graphs.map(({ x, width, height }) => ({ x, width, height }))).toEqual([0, 6, 12, 18, 0, 6, 12, 18].map((x) => ({ x, width: 6, height: 6 })));
    expect(graphs[4].y).toBe(graphs[0].y + 6);
  });

  test('header first (text, alarms), then the pipeline-health row, then the account-regions', () => {
    expect(only.body.widgets.slice(0, 5).map((w) => [w.type, w.properties.title ?? 'text'])).toEqual([
      ['text', 'text'],
      ['alarm', 'Alarms'],
      ['metric', 'Pipeline executions per minute'],
      ['metric', 'Collector errors and throttles per minute'],
      ['metric', 'Collector duration (ms)'],
    ]);
    expect(only.body.widgets[1].properties.alarms).toEqual(['arn:health-1', 'arn:health-2', 'arn:health-3', 'arn:health-4']);
    expect(only.body.widgets[0].properties.markdown).toBe(
      '## ecs-highres-eu-west-1\n\n2 account-regions: 111111111111/us-east-1 to 222222222222/eu-west-1. Pipeline health is on ecs-highres-eu-west-1.',
    );
  });

  test('per-service metrics: one graph per account-region with services, a line per cluster/service', () => {
    const running = metricDefinition('RunningCount')!;
    const place = hubPlaces([{ account: '111111111111', region: 'us-east-1', clusters: ['prod'], services: { prod: ['web', 'api'] } }])[0];
    expect(placeSearch('ECS', running, place, 5)).toBe(
      `SEARCH('{"ECS","AccountId","ClusterName","Region","ServiceName"} MetricName="RunningCount" AccountId="111111111111" Region="us-east-1"', 'Maximum', 5)`,
    );
    const [withServices] = dashboards(
      [
        { account: '111111111111', region: 'us-east-1', clusters: ['prod'], services: { prod: ['web', 'api'] } },
        { account: '222222222222', region: 'us-east-1', clusters: ['prod'] },
      ],
      { metrics: [...FOUR, running] },
    );
    const titles = withServices.body.widgets.map((w) => w.properties.title).filter((t) => String(t).endsWith('RunningCount'));
    expect(titles).toEqual(['111111111111/us-east-1 RunningCount']);
  });

  test('clusters "*" in one account-region (no hub): the same SEARCH over the pipeline\'s own dimensions, titled as today', () => {
    const [own] = fleetDashboards({
      name: 'ecs-highres-us-east-1',
      region: 'us-east-1',
      namespace: 'ECS',
      intervalSeconds: 10,
      metrics: FOUR,
      places: [ownPlace('*', {})],
      stateMachineArn: 'arn:sm',
      functionName: 'fn',
      collectorTimeoutSeconds: 10,
      healthAlarmArns: [],
      placeAlarmArns: [[]],
    });
    const graph = own.body.widgets.find((w) => w.properties.title === 'RunningTask per cluster')!;
    expect(metricsOf(graph)[0][0]).toMatchObject({
      expression: `SEARCH('{"ECS","ClusterName"} MetricName="RunningTask"', 'Maximum', 10)`,
    });
    expect(own.body.widgets[0].properties.markdown).toBe('## ecs-highres-us-east-1');
  });
});

describe('split across dashboards by the quotas', () => {
  test('100 account-regions × 3 clusters: one dashboard (400 graphs, 1,207 metrics)', () => {
    const all = dashboards(fleet(100, 3));
    expect(all).toHaveLength(1);
    expect(all[0].body.widgets).toHaveLength(1 + 1 + 3 + 400);
  });

  test('1,000 account-regions × 25 clusters: 100 series a row, so 24 rows on the first (2,400 + 7 health metrics), 25 on the others: 41 dashboards', () => {
    const all = dashboards(fleet(1000, 25));
    expect(all).toHaveLength(41);
    expect(all.map((d) => d.places.length)).toEqual([24, ...Array(39).fill(25), 1000 - 24 - 39 * 25]);
    for (const d of all) {
      const metrics = d.body.widgets.reduce((sum, w) => sum + metricsOf(w).length, 0);
      expect(d.body.widgets.length).toBeLessThanOrEqual(DASHBOARD_LIMITS.widgetsPerDashboard);
      // Each SEARCH line retrieves 25 series; the health row's lines are one each.
      const retrieved = d.body.widgets.reduce(
        (sum, w) => sum + metricsOf(w).reduce((n, line) => n + ((line[0] as { expression?: string }).expression ? 25 : 1), 0),
        0,
      );
      expect(retrieved).toBeLessThanOrEqual(DASHBOARD_LIMITS.metricsPerDashboard);
      expect(metrics).toBeGreaterThan(0);
    }
    // The whole fleet is shown once, in order.
    expect(all.flatMap((d) => d.places)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  test('"*" account-regions are sized by the assumed cluster count', () => {
    const perRow = 4 * ASSUMED_DISCOVERED_CLUSTERS;
    const groups = splitPlaces({ metrics: FOUR, places: hubPlaces(fleet(60, '*')), healthAlarmArns: [], placeAlarmArns: [] });
    expect(groups[0]).toHaveLength(Math.floor((2_500 - 7) / perRow));
  });

  test('with one cluster per account-region the widget quota binds: 494 / 4 = 123 rows, 500 widgets', () => {
    const all = dashboards(fleet(300, 1), { healthAlarmArns: [] });
    // First: text + health 3 + 4 × 124 = 500 (no alarm widget without alarms); then text + 4 × 124.
    expect(all.map((d) => d.places.length)).toEqual([124, 124, 52]);
    expect(all[0].body.widgets).toHaveLength(500);
  });

  test('every dashboard links to the others; only the first has the pipeline-health row', () => {
    const all = dashboards(fleet(60, 25));
    expect(all.map((d) => d.name)).toEqual(['ecs-highres-eu-west-1', 'ecs-highres-eu-west-1-2', 'ecs-highres-eu-west-1-3']);
    expect(all[1].body.widgets[0].properties.markdown).toBe(
      '## ecs-highres-eu-west-1 (dashboard 2 of 3)\n\n' +
        '25 account-regions: 100000000012/eu-west-1 to 100000000024/eu-west-1. Pipeline health is on ecs-highres-eu-west-1.\n\n' +
        'Other dashboards: [ecs-highres-eu-west-1](#dashboards/dashboard/ecs-highres-eu-west-1) · [ecs-highres-eu-west-1-3](#dashboards/dashboard/ecs-highres-eu-west-1-3)',
    );
    const health = (d: (typeof all)[number]) => d.body.widgets.filter((w) => w.properties.title === 'Pipeline executions per minute').length;
    expect(all.map(health)).toEqual([1, 0, 0]);
  });

  test("a row's alarms show on its own dashboard, 100 per alarm widget, and count as widgets", () => {
    const targets = fleet(3, 1);
    const places = hubPlaces(targets);
    const placeAlarmArns = places.map((_, i) => Array.from({ length: 150 }, (_, j) => `arn:alarm-${i}-${j}`));
    const [only] = dashboards(targets, { placeAlarmArns, healthAlarmArns: ['arn:health'] });
    const alarmWidgets = only.body.widgets.filter((w) => w.type === 'alarm');
    expect(alarmWidgets.map((w) => (w.properties.alarms as string[]).length)).toEqual([100, 100, 100, 100, 51]);
    expect((alarmWidgets[0].properties.alarms as string[])[0]).toBe('arn:health');
  });

  test('an account-region that alone outgrows a dashboard is refused, naming it and the fix', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ ...FOUR[0], name: `Metric${i}` }));
    expect(() => dashboards([{ account: '111111111111', region: 'us-east-1', clusters: names(600) }], { metrics: many })).toThrow(
      "111111111111/us-east-1 alone needs 3500 metrics and 7 graphs on a dashboard, over CloudWatch's 2500 metrics or 500 widgets per dashboard: collect fewer metrics or services there",
    );
  });
});
