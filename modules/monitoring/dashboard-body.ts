/**
 * The CloudWatch dashboard of a pipeline, as the object its `dashboard_body` is the JSON of:
 * alarm states, one graph per cluster metric with a line per cluster, per-service graphs, and a
 * pipeline-health row. Pure, so tests read it as data.
 */
import { Fn, Token } from 'cdktf';
import { metricIntervalSeconds } from './metric-alarms';
import { HEALTH_PERIOD_SECONDS } from './pipeline-health-alarms';
import type { MetricSeries } from './published-series';

/** A metric line: namespace, metric name, dimension name/value pairs, then rendering options. */
export type MetricLine = Array<string | Record<string, unknown>>;

export interface Widget {
  readonly type: 'metric' | 'alarm' | 'text' | 'log';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Record<string, unknown>;
}

export interface DashboardBody {
  readonly start: string;
  readonly periodOverride: 'inherit';
  readonly widgets: Widget[];
}

export interface DashboardBodyOptions {
  readonly region: string;
  readonly namespace: string;
  readonly intervalSeconds: number;
  /**
   * Seconds between the ticks that read services, which publish the per-service metrics: their
   * graphs' period holds one of those ticks.
   * @default intervalSeconds
   */
  readonly serviceIntervalSeconds?: number;
  /** The published metrics and their series (see publishedSeries). */
  readonly metrics: readonly MetricSeries[];
  readonly stateMachineArn: string;
  readonly functionName: string;
  readonly collectorTimeoutSeconds: number;
  /** Alarms whose state is shown at the top; none, no alarm widget. */
  readonly alarmArns: readonly string[];
  /**
   * The fleet-health row (fleet-health-row.ts), first on the dashboard.
   * @default none: the collector publishes no fleet-health series
   */
  readonly fleetHealthRow?: readonly Unplaced[];
}

/** Periods a graph of high-resolution metrics can use (those of GetMetricData); any other is a multiple of 60. */
export const HIGH_RESOLUTION_GRAPH_PERIODS: readonly number[] = [1, 5, 10, 20, 30];

/** The graph period: the interval, or the next period a graph accepts (e.g. 5 s for a 3 s interval). */
export function dashboardPeriod(intervalSeconds: number): number {
  return HIGH_RESOLUTION_GRAPH_PERIODS.find((period) => period >= intervalSeconds) ?? 60;
}

/**
 * The graph period of a metric: the dashboard's period at the interval its datums are published
 * (a per-service metric's, the service ticks'; metricIntervalSeconds), so no period of the graph
 * falls between two datums and draws a gap.
 */
export function metricGraphPeriod(metric: string, timing: { readonly intervalSeconds: number; readonly serviceIntervalSeconds?: number }): number {
  return dashboardPeriod(metricIntervalSeconds(metric, timing));
}

/** CloudWatch keeps 1-second data for 3 hours; the dashboard opens on that window. */
export const DASHBOARD_START = '-PT3H';

/** The widths of a 24-unit-wide grid. */
export const GRID_WIDTH = 24;
const GRAPH = { width: 12, height: 6 };
const HEALTH_GRAPH = { width: 8, height: 6 };
const ALARMS = { width: GRID_WIDTH, height: 3 };

/** An alarm status widget lists at most 100 alarms. */
export const ALARMS_PER_WIDGET = 100;

export type Unplaced = Omit<Widget, 'x' | 'y'>;

/** Places widgets left to right, wrapping at the grid's width; each row is as tall as its tallest widget. */
export function place(widgets: readonly Unplaced[], top: number): { placed: Widget[]; bottom: number } {
  const placed: Widget[] = [];
  let x = 0;
  let y = top;
  let rowHeight = 0;
  for (const widget of widgets) {
    if (x + widget.width > GRID_WIDTH) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    placed.push({ type: widget.type, x, y, width: widget.width, height: widget.height, properties: widget.properties });
    x += widget.width;
    rowHeight = Math.max(rowHeight, widget.height);
  }
  return { placed, bottom: y + rowHeight };
}

const flatDimensions = (dimensions: Readonly<Record<string, string>>) => Object.entries(dimensions).flat();

/** A metric search, quoted as SEARCH expects, for series whose names are known only at run time. */
export const searchQuote = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function searchExpression(namespace: string, metric: MetricSeries['metric'], cluster: string, period: number): string {
  const quote = searchQuote;
  const schema = [namespace, ...metric.dimensions].map(quote).join(',');
  const [clusterDimension] = metric.dimensions;
  return `SEARCH('{${schema}} MetricName=${quote(metric.name)} ${clusterDimension}=${quote(cluster)}', 'Maximum', ${period})`;
}

function metricGraphs(options: DashboardBodyOptions): Unplaced[] {
  const graph = (title: string, period: number, metrics: MetricLine[]): Unplaced => ({
    type: 'metric',
    ...GRAPH,
    properties: {
      title,
      view: 'timeSeries',
      stacked: false,
      region: options.region,
      period,
      stat: 'Maximum',
      metrics,
      yAxis: { left: { min: 0 } },
    },
  });
  const line = (name: string, dimensions: Readonly<Record<string, string>>, label: string): MetricLine => [
    options.namespace,
    name,
    ...flatDimensions(dimensions),
    { label },
  ];
  return options.metrics.flatMap(({ metric, series, allServicesOf }) => {
    const period = metricGraphPeriod(metric.name, options);
    if (metric.source !== 'service') {
      return series.length > 0
        ? [
            graph(
              `${metric.name} per cluster`,
              period,
              series.map((s) => line(metric.name, s.dimensions, s.cluster)),
            ),
          ]
        : [];
    }
    // Per-service metrics: one graph per cluster, a line per service.
    const clusters = [...new Set([...series.map((s) => s.cluster), ...allServicesOf])];
    return clusters.map((cluster) => {
      const lines = allServicesOf.includes(cluster)
        ? [[{ expression: searchExpression(options.namespace, metric, cluster, period), id: 'services', label: '' }]]
        : series.filter((s) => s.cluster === cluster).map((s) => line(metric.name, s.dimensions, s.service!));
      return graph(`${metric.name} per service of ${cluster}`, period, lines);
    });
  });
}

export function healthGraphs(options: Pick<DashboardBodyOptions, 'region' | 'stateMachineArn' | 'functionName' | 'collectorTimeoutSeconds'>): Unplaced[] {
  const perMinute = (title: string, metrics: MetricLine[], extra: Record<string, unknown> = {}): Unplaced => ({
    type: 'metric',
    ...HEALTH_GRAPH,
    properties: { title, view: 'timeSeries', stacked: false, region: options.region, period: HEALTH_PERIOD_SECONDS, stat: 'Sum', metrics, ...extra },
  });
  const execution = (name: string, label: string): MetricLine => ['AWS/States', name, 'StateMachineArn', options.stateMachineArn, { label }];
  const collector = (name: string, rendering: Record<string, unknown>): MetricLine => ['AWS/Lambda', name, 'FunctionName', options.functionName, rendering];
  return [
    perMinute('Pipeline executions per minute', [
      execution('ExecutionsStarted', 'started'),
      execution('ExecutionsFailed', 'failed'),
      execution('ExecutionsTimedOut', 'timed out'),
    ]),
    perMinute('Collector errors and throttles per minute', [collector('Errors', { label: 'errors' }), collector('Throttles', { label: 'throttles' })]),
    perMinute(
      'Collector duration (ms)',
      [collector('Duration', { label: 'maximum', stat: 'Maximum' }), collector('Duration', { label: 'average', stat: 'Average' })],
      { annotations: { horizontal: [{ label: 'timeout', value: options.collectorTimeoutSeconds * 1000 }] } },
    ),
  ];
}

export function alarmWidgets(options: Pick<DashboardBodyOptions, 'alarmArns'>): Unplaced[] {
  const widgets: Unplaced[] = [];
  for (let i = 0; i < options.alarmArns.length; i += ALARMS_PER_WIDGET) {
    widgets.push({
      type: 'alarm',
      ...ALARMS,
      properties: { title: 'Alarms', alarms: options.alarmArns.slice(i, i + ALARMS_PER_WIDGET), sortBy: 'stateUpdatedTimestamp' },
    });
  }
  return widgets;
}

/** Sections one under the other, each starting on a new row. */
export function stacked(sections: readonly (readonly Unplaced[])[]): Widget[] {
  const widgets: Widget[] = [];
  let top = 0;
  for (const section of sections) {
    const { placed, bottom } = place(section, top);
    widgets.push(...placed);
    top = bottom;
  }
  return widgets;
}

export function dashboardBody(options: DashboardBodyOptions): DashboardBody {
  return {
    start: DASHBOARD_START,
    periodOverride: 'inherit',
    widgets: stacked([options.fleetHealthRow ?? [], alarmWidgets(options), metricGraphs(options), healthGraphs(options)]),
  };
}

/** Console domains by partition. */
const CONSOLE_DOMAINS: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** The console address of a dashboard; a partition known only at plan is looked up by Terraform. */
export function dashboardConsoleUrl(partition: string, region: string, name: string): string {
  const domain = Token.isUnresolved(partition)
    ? Token.asString(Fn.lookup(CONSOLE_DOMAINS, partition, CONSOLE_DOMAINS.aws))
    : (CONSOLE_DOMAINS[partition] ?? CONSOLE_DOMAINS.aws);
  return `https://${domain}/cloudwatch/home?region=${region}#dashboards/dashboard/${name}`;
}
