/**
 * The fleet-health row: the first row of a pipeline's first dashboard (and the hub's), a graph per
 * fleet-health series the place publishes, each with its alarm's threshold, and under them the
 * collector's latest summary lines, which name the clusters and services in trouble. A fleet of
 * many dashboards then has one place to look first. Pure.
 */
import { FLEET_HEALTH_DIMENSION, fleetHealthMetricsPublished } from '../metrics/catalog';
import { shortestWholeTicksPeriod } from './alarm-rules';
import { dashboardPeriod, GRID_WIDTH, HIGH_RESOLUTION_GRAPH_PERIODS, type Unplaced } from './dashboard-body';
import {
  FLEET_HEALTH_ALARMED_SERIES,
  type FleetHealthAlarmedPipeline,
  fleetHealthPlaceOf,
  type ServiceTargets,
  seriesIntervalSeconds,
  summaryProblemsQuery,
} from './fleet-health-alarms';

export interface FleetHealthRowOptions {
  readonly region: string;
  readonly namespace: string;
  /** The series' `Pipeline` dimension. */
  readonly pipelineName: string;
  readonly intervalSeconds: number;
  /** Seconds between the ticks that read services, which publish the service series; absent: every tick. */
  readonly serviceIntervalSeconds?: number;
  readonly servicesCollected: boolean;
  /** The threshold of each series' alarm, drawn on its graph; a series without an alarm has none. */
  readonly thresholds: Readonly<Record<string, number>>;
  /** The collector's log group, whose summary lines the row's table shows. */
  readonly logGroupName: string;
  /**
   * Collector invocations per tick (a hub's fan-out), each publishing its shard's counts: over 1,
   * the graphs show the shards' Sum per tick, not the worst shard's Maximum.
   * @default 1
   */
  readonly shards?: number;
}

/**
 * The graph period of a series the shards publish every `intervalSeconds`: the shortest graph
 * period the interval divides, so every period holds the same number of ticks (the interval
 * itself where a graph accepts it: then one tick of every shard, whose Sum is the fleet's count).
 */
export function shardedGraphPeriod(intervalSeconds: number): number {
  return shortestWholeTicksPeriod(intervalSeconds, HIGH_RESOLUTION_GRAPH_PERIODS);
}

/** The graph's period, statistic and metrics for a series (a sharded series: its Sum per tick). */
function seriesGraph(options: FleetHealthRowOptions, metric: { readonly name: string; readonly description: string }, everySeconds: number) {
  const metricId = [options.namespace, metric.name, FLEET_HEALTH_DIMENSION, options.pipelineName];
  if ((options.shards ?? 1) <= 1) {
    return { period: dashboardPeriod(everySeconds), stat: 'Maximum', metrics: [[...metricId, { label: metric.description }]] };
  }
  const period = shardedGraphPeriod(everySeconds);
  const ticks = period / everySeconds;
  const label = `${metric.description} (the ${options.shards} shards' sum per tick)`;
  if (ticks === 1) return { period, stat: 'Sum', metrics: [[...metricId, { label }]] };
  // Several ticks per period: the Sum over them, divided by their number, is the mean per-tick total.
  return {
    period,
    stat: 'Sum',
    metrics: [[...metricId, { id: 's', visible: false }], [{ expression: `s / ${ticks}`, id: 'total', label }]],
  };
}

const GRAPH_HEIGHT = 6;
const SUMMARY_HEIGHT = 6;

/** Widgets of the row: graphs, then the summary lines' table. */
export function fleetHealthRow(options: FleetHealthRowOptions): Unplaced[] {
  const series = fleetHealthMetricsPublished(options.servicesCollected);
  const width = Math.floor(GRID_WIDTH / series.length);
  const graphs: Unplaced[] = series.map((metric) => {
    const threshold = options.thresholds[metric.name];
    // The service series are published on the service ticks only: a period that holds one, as their alarms' does.
    const { period, stat, metrics } = seriesGraph(options, metric, seriesIntervalSeconds(metric, options));
    return {
      type: 'metric',
      width,
      height: GRAPH_HEIGHT,
      properties: {
        title: `Fleet health: ${metric.name}`,
        view: 'timeSeries',
        stacked: false,
        region: options.region,
        period,
        stat,
        metrics,
        yAxis: { left: { min: 0 } },
        ...(threshold === undefined ? {} : { annotations: { horizontal: [{ label: 'alarm', value: threshold }] } }),
      },
    };
  });
  const summary: Unplaced = {
    type: 'log',
    width: GRID_WIDTH,
    height: SUMMARY_HEIGHT,
    properties: {
      title: 'Latest ticks with a problem: which clusters, services and account-regions',
      region: options.region,
      view: 'table',
      query: `SOURCE '${options.logGroupName}' | ${summaryProblemsQuery(FLEET_HEALTH_ALARMED_SERIES.filter((name) => series.some((m) => m.name === name)))}`,
    },
  };
  return [...graphs, summary];
}

/** The row of a pipeline (the hub with its targets), or none when its collector publishes no fleet-health series. */
export function pipelineFleetHealthRow(
  pipeline: FleetHealthAlarmedPipeline,
  context: { readonly region: string; readonly logGroupName: string },
  targets?: ServiceTargets,
): Unplaced[] {
  if (pipeline.fleetHealth === false) return [];
  return fleetHealthRow({
    ...fleetHealthPlaceOf(pipeline, targets),
    region: context.region,
    thresholds: Object.fromEntries(pipeline.fleetHealthAlarms.map((a) => [a.series, a.threshold])),
    logGroupName: context.logGroupName,
  });
}

/** Widgets and metrics the row takes on a dashboard, for CloudWatch's dashboard quotas. */
export function fleetHealthRowSize(row: readonly Unplaced[]): { readonly widgets: number; readonly metrics: number } {
  // A sharded graph over several ticks per period holds the series and an expression.
  return { widgets: row.length, metrics: row.reduce((n, w) => n + (w.type === 'metric' ? (w.properties.metrics as unknown[]).length : 0), 0) };
}
