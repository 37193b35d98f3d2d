/**
 * The dashboards of a pipeline whose series are found at run time: the hub's (one row per member
 * account-region) and a "*" pipeline's (one row). Each graph is one SEARCH over the place's
 * series, so a cluster discovered later appears without a redeploy. A fleet outgrows one
 * dashboard, so the rows are split across as many as CloudWatch's dashboard quotas need, each
 * with a header linking to the others; the pipeline-health row is on the first. Pure.
 */
import type { MetricDefinition } from '../metrics/catalog';
import {
  alarmWidgets,
  ALARMS_PER_WIDGET,
  DASHBOARD_START,
  type DashboardBody,
  type DashboardBodyOptions,
  GRID_WIDTH,
  healthGraphs,
  metricGraphPeriod,
  searchQuote,
  stacked,
  type Unplaced,
} from './dashboard-body';
import { placeDimensionNames, seriesCount, type WatchedPlace } from './watched-places';
import { fleetHealthRowSize } from './fleet-health-row';

/**
 * CloudWatch's dashboard quotas (CloudWatch service quotas, "Dashboards"; not adjustable). The
 * metrics quotas count every metric a graph retrieves, so a SEARCH counts the series it returns.
 */
export const DASHBOARD_LIMITS = {
  widgetsPerDashboard: 500,
  metricsPerWidget: 500,
  metricsPerDashboard: 2_500,
  /** PutDashboard: a name of 1 to 255 characters A-Z, a-z, 0-9, "-" and "_". */
  nameLength: 255,
} as const;

/** The characters PutDashboard allows in a name. */
export const DASHBOARD_NAME_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/** Metric lines of the pipeline-health row (executions 3, errors and throttles 2, duration 2). */
const HEALTH_METRICS = 7;
const HEALTH_WIDGETS = 3;
/** The header's text widget, on every dashboard. */
const HEADER_TEXT = { width: GRID_WIDTH, height: 2 };
/** A graph per metric in a row: four fit the grid's width; more wrap. */
const GRAPH_HEIGHT = 6;
const MIN_GRAPH_WIDTH = 6;

export interface FleetDashboardOptions
  extends Pick<
    DashboardBodyOptions,
    'region' | 'namespace' | 'intervalSeconds' | 'serviceIntervalSeconds' | 'stateMachineArn' | 'functionName' | 'collectorTimeoutSeconds'
  > {
  /** Name of the first dashboard; the others add `-2`, `-3`… */
  readonly name: string;
  /** What the pipeline publishes. */
  readonly metrics: readonly MetricDefinition[];
  readonly places: readonly WatchedPlace[];
  /** Pipeline-health alarms, shown on the first dashboard. */
  readonly healthAlarmArns: readonly string[];
  /** The metric alarms of each place (by index in `places`), shown on the dashboard of its row. */
  readonly placeAlarmArns: readonly (readonly string[])[];
  /**
   * The fleet-health row (fleet-health-row.ts), first on the first dashboard, under its header.
   * @default none: the collector publishes no fleet-health series
   */
  readonly fleetHealthRow?: readonly Unplaced[];
}

export interface FleetDashboard {
  readonly name: string;
  readonly body: DashboardBody;
  /** Indices in `places` of the rows it shows. */
  readonly places: readonly number[];
}

/** The name of the k-th dashboard (0-based): the first keeps the pipeline's dashboard name. */
export function fleetDashboardName(first: string, k: number): string {
  return k === 0 ? first : `${first}-${k + 1}`;
}

/** Why a dashboard name would be refused by PutDashboard, or undefined. */
export function dashboardNameProblem(name: string): string | undefined {
  if (name.length > DASHBOARD_LIMITS.nameLength) {
    return `the dashboard name "${name}" is ${name.length} characters, over CloudWatch's ${DASHBOARD_LIMITS.nameLength}: use a shorter pipeline name`;
  }
  if (!DASHBOARD_NAME_CHARACTERS.test(name)) {
    return `the dashboard name "${name}" has characters CloudWatch refuses: use letters, digits, "-" and "_" only in the pipeline name`;
  }
  return undefined;
}

/** The SEARCH of one metric's series at a place: its schema, the metric name and the place's dimensions. */
export function placeSearch(namespace: string, metric: MetricDefinition, place: WatchedPlace, period: number): string {
  const schema = [namespace, ...placeDimensionNames(metric, place).sort()].map(searchQuote).join(',');
  const filters = Object.entries(place.where)
    .map(([name, value]) => ` ${name}=${searchQuote(value)}`)
    .join('');
  return `SEARCH('{${schema}} MetricName=${searchQuote(metric.name)}${filters}', 'Maximum', ${period})`;
}

/** The metrics that have series at a place (a per-service metric needs services there). */
function placeMetrics(metrics: readonly MetricDefinition[], place: WatchedPlace): MetricDefinition[] {
  return metrics.filter((m) => seriesCount(m, place) > 0);
}

/** Widgets and metrics a place's row takes on a dashboard. */
function rowSize(metrics: readonly MetricDefinition[], place: WatchedPlace) {
  const shown = placeMetrics(metrics, place);
  return {
    widgets: shown.length,
    metrics: shown.reduce((sum, m) => sum + Math.min(seriesCount(m, place), DASHBOARD_LIMITS.metricsPerWidget), 0),
  };
}

/** Groups place indices into dashboards, in order, each within the widget and metric quotas with its header. */
export function splitPlaces(options: Pick<FleetDashboardOptions, 'metrics' | 'places' | 'healthAlarmArns' | 'placeAlarmArns' | 'fleetHealthRow'>): number[][] {
  const groups: number[][] = [];
  let current: number[] = [];
  const row = fleetHealthRowSize(options.fleetHealthRow ?? []);
  const fits = (group: readonly number[], first: boolean) => {
    const alarms = (first ? options.healthAlarmArns.length : 0) + group.reduce((n, i) => n + (options.placeAlarmArns[i]?.length ?? 0), 0);
    let widgets = 1 + Math.ceil(alarms / ALARMS_PER_WIDGET) + (first ? HEALTH_WIDGETS + row.widgets : 0);
    let metrics = first ? HEALTH_METRICS + row.metrics : 0;
    for (const i of group) {
      const size = rowSize(options.metrics, options.places[i]);
      widgets += size.widgets;
      metrics += size.metrics;
    }
    return widgets <= DASHBOARD_LIMITS.widgetsPerDashboard && metrics <= DASHBOARD_LIMITS.metricsPerDashboard;
  };
  options.places.forEach((place, i) => {
    const first = groups.length === 0;
    if (fits([...current, i], first)) {
      current.push(i);
      return;
    }
    if (current.length === 0 || !fits([i], false)) {
      const size = rowSize(options.metrics, place);
      throw new Error(
        `${place.label ?? 'this account-region'} alone needs ${size.metrics} metrics and ${size.widgets} graphs on a dashboard, ` +
          `over CloudWatch's ${DASHBOARD_LIMITS.metricsPerDashboard} metrics or ${DASHBOARD_LIMITS.widgetsPerDashboard} widgets per dashboard: collect fewer metrics or services there`,
      );
    }
    groups.push(current);
    current = [i];
  });
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups;
}

function placeRow(options: FleetDashboardOptions, place: WatchedPlace): Unplaced[] {
  const shown = placeMetrics(options.metrics, place);
  const width = Math.max(MIN_GRAPH_WIDTH, Math.floor(GRID_WIDTH / Math.max(1, shown.length)));
  return shown.map((metric) => {
    const period = metricGraphPeriod(metric.name, options);
    const label = metric.source === 'service' ? "${PROP('Dim.ClusterName')}/${PROP('Dim.ServiceName')}" : "${PROP('Dim.ClusterName')}";
    return {
      type: 'metric',
      width,
      height: GRAPH_HEIGHT,
      properties: {
        title: place.label ? `${place.label} ${metric.name}` : `${metric.name} per ${metric.source === 'service' ? 'service' : 'cluster'}`,
        view: 'timeSeries',
        stacked: false,
        region: options.region,
        period,
        stat: 'Maximum',
        metrics: [[{ expression: placeSearch(options.namespace, metric, place, period), id: 'series', label }]],
        yAxis: { left: { min: 0 } },
      },
    };
  });
}

function headerText(options: FleetDashboardOptions, groups: readonly number[][], k: number): Unplaced {
  const names = groups.map((_, j) => fleetDashboardName(options.name, j));
  const labels = groups[k].map((i) => options.places[i].label).filter((l): l is string => l !== undefined);
  const lines = [`## ${options.name}${groups.length > 1 ? ` (dashboard ${k + 1} of ${groups.length})` : ''}`];
  if (labels.length > 0) {
    lines.push(
      `${labels.length} account-region${labels.length === 1 ? '' : 's'}: ${labels[0]}${labels.length > 1 ? ` to ${labels[labels.length - 1]}` : ''}. Pipeline health is on ${names[0]}.`,
    );
  }
  const others = names.filter((_, j) => j !== k);
  if (others.length > 0) lines.push(`Other dashboards: ${others.map((n) => `[${n}](#dashboards/dashboard/${n})`).join(' · ')}`);
  return { type: 'text', ...HEADER_TEXT, properties: { markdown: lines.join('\n\n') } };
}

/** The dashboards, in order: the first with the pipeline-health row, every one with its header. */
export function fleetDashboards(options: FleetDashboardOptions): FleetDashboard[] {
  const groups = splitPlaces(options);
  return groups.map((group, k) => {
    const alarmArns = [...(k === 0 ? options.healthAlarmArns : []), ...group.flatMap((i) => options.placeAlarmArns[i] ?? [])];
    const sections: Unplaced[][] = [[headerText(options, groups, k)], k === 0 ? [...(options.fleetHealthRow ?? [])] : [], alarmWidgets({ alarmArns })];
    if (k === 0) sections.push(healthGraphs(options));
    for (const i of group) sections.push(placeRow(options, options.places[i]));
    return {
      name: fleetDashboardName(options.name, k),
      places: group,
      body: { start: DASHBOARD_START, periodOverride: 'inherit', widgets: stacked(sections) },
    };
  });
}
