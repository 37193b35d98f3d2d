/**
 * The fleet-health alarms: 10-second alarms on the few series the collector publishes per place
 * (modules/metrics/fleet-health.ts), a handful per pipeline (and for the hub, the whole fleet)
 * whatever its number of clusters, listed or found at run time. On by default. Pure: settings in,
 * problems or alarm definitions out.
 */
import type { Problem } from '../common/errors';
import { FLEET_HEALTH_ALARM_DEFAULTS, type FleetHealthAlarmedSeries } from '../common/settings';
import {
  FLEET_HEALTH_DIMENSION,
  type FleetHealthMetricDefinition,
  fleetHealthMetricDefinition,
  fleetHealthMetricsPublished,
  type MetricDefinition,
} from '../metrics/catalog';
import type { AlarmDefinition, AlarmMathQuery } from './alarm-definition';
import {
  datapointsToAlarmProblem,
  defaultAlarmPeriod,
  evaluationPeriodsProblem,
  evaluationRangeProblem,
  HIGH_RESOLUTION_ALARM_PERIODS,
  shortestWholeTicksPeriod,
  thresholdProblem,
} from './alarm-rules';
import { detectionTime } from './detection-time';

/** One fleet-health alarm's settings; each absent field takes its default (FLEET_HEALTH_ALARM_DEFAULTS). */
export interface FleetHealthAlarmProps {
  /** The alarm fires when the series' Maximum over a period is at least this. */
  readonly threshold?: number;
  /**
   * Periods evaluated each time, each the shortest alarm period (10, 30 or 60 s) that holds a datum
   * of the series: one tick, or for ServicesBelowDesired one service tick (serviceIntervalSeconds).
   */
  readonly evaluationPeriods?: number;
  /** Breaching periods among them that fire the alarm; absent: the default's, at most evaluationPeriods. */
  readonly datapointsToAlarm?: number;
}

/** The fleet-health alarms by series: `false` leaves that alarm out; fields replace its defaults. */
export type FleetHealthAlarmsProps = { readonly [S in FleetHealthAlarmedSeries]?: FleetHealthAlarmProps | false };

/** A fleet-health alarm in effect, defaults applied. */
export interface ResolvedFleetHealthAlarm {
  readonly series: FleetHealthAlarmedSeries;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** The series with an alarm, in the order the alarms are made. */
export const FLEET_HEALTH_ALARMED_SERIES = Object.keys(FLEET_HEALTH_ALARM_DEFAULTS) as FleetHealthAlarmedSeries[];

/** The alarms a setting asks for: `true` or absent, every one with its defaults; `false`, none. */
export function resolveFleetHealthAlarms(setting: boolean | FleetHealthAlarmsProps | undefined): ResolvedFleetHealthAlarm[] {
  if (setting === false) return [];
  const given: FleetHealthAlarmsProps = setting === true || setting === undefined ? {} : setting;
  return FLEET_HEALTH_ALARMED_SERIES.flatMap((series) => {
    const props = given[series];
    if (props === false) return [];
    const defaults = FLEET_HEALTH_ALARM_DEFAULTS[series];
    const evaluationPeriods = props?.evaluationPeriods ?? defaults.evaluationPeriods;
    return [
      {
        series,
        threshold: props?.threshold ?? defaults.threshold,
        evaluationPeriods,
        datapointsToAlarm: props?.datapointsToAlarm ?? Math.min(defaults.datapointsToAlarm, evaluationPeriods),
      },
    ];
  });
}

/**
 * The problems of the alarms of a place, each at `[series, field]`. Each alarm is checked at its
 * own period (fleetHealthAlarmPeriod): a service series' follows the service ticks, a sharded one's
 * the shortest period its interval divides.
 */
export function fleetHealthAlarmsProblems(
  alarms: readonly ResolvedFleetHealthAlarm[],
  place: Pick<FleetHealthPlace, 'intervalSeconds' | 'serviceIntervalSeconds' | 'shards'>,
): Problem[] {
  return alarms.flatMap((alarm) => {
    const period = fleetHealthAlarmPeriod(fleetHealthMetricDefinition(alarm.series)!, place);
    const at = (field: string, problem: string | undefined) => (problem ? [{ path: [alarm.series, field], problem }] : []);
    const periods = evaluationPeriodsProblem(alarm.evaluationPeriods);
    return [
      ...at('threshold', thresholdProblem(alarm.threshold)),
      ...at('evaluationPeriods', periods ?? evaluationRangeProblem(period, alarm.evaluationPeriods)),
      ...at('datapointsToAlarm', datapointsToAlarmProblem(alarm.datapointsToAlarm, alarm.evaluationPeriods)),
    ];
  });
}

/** True when the pipeline collects services: a per-service metric, and services selected somewhere. */
export function collectsServices(metrics: readonly MetricDefinition[], serviceSelections: readonly Readonly<Record<string, unknown>>[]): boolean {
  return metrics.some((m) => m.source === 'service') && serviceSelections.some((selection) => Object.keys(selection).length > 0);
}

/** What the alarms of a place need to know of it. */
export interface FleetHealthPlace {
  /** The pipeline's name: the series' `Pipeline` dimension and the first word of each alarm name. */
  readonly pipelineName: string;
  readonly namespace: string;
  readonly intervalSeconds: number;
  /** Seconds between the ticks that read services, which publish the service series; absent: every tick. */
  readonly serviceIntervalSeconds?: number;
  /** Whether the place collects services (the series of services are published only then). */
  readonly servicesCollected: boolean;
  /** The collector's log group, whose summary lines name what is wrong. */
  readonly logGroupName: string;
  /** The name of the pipeline's first dashboard, whose first row graphs the series; none without a dashboard. */
  readonly dashboardName?: string;
  /** `the fleet` in the hub; `<account>/<region>` or `this account-region` otherwise. */
  readonly scope: string;
  /**
   * Collector invocations per tick (a hub's fan-out, contract/hub-shards.ts), each publishing the
   * series with its own shard's counts at the tick's timestamp; over 1, the alarms read their sum.
   * @default 1
   */
  readonly shards?: number;
}

/** Shards of a place: over 1 only when its tick fans out. */
const shardsOf = (place: Pick<FleetHealthPlace, 'shards'>) => place.shards ?? 1;

/**
 * The summary line's field (in Lambda's JSON record, `message.health.<field>`) that names what a
 * series counts, `account/region/cluster[/service]`: the series' name, first letter lower-cased
 * (functions/collector/summary-line.ts, healthFields); its value is under the series' own name.
 */
export const summaryListField = (series: string) => `message.health.${series.charAt(0).toLowerCase()}${series.slice(1)}`;

/** A Logs Insights query on the collector's log group: the latest ticks whose series reached the threshold, and what they name. */
export function summaryLinesQuery(series: string, threshold: number): string {
  return `fields @timestamp, ${summaryListField(series)} | filter message.health.${series} >= ${threshold} | sort @timestamp desc | limit 20`;
}

/** A Logs Insights query on the collector's log group: the latest ticks that named anything wrong, and what. */
export function summaryProblemsQuery(series: readonly string[]): string {
  const fields = series.map(summaryListField);
  return `fields @timestamp, ${fields.join(', ')} | filter ${fields.map((f) => `ispresent(${f})`).join(' or ')} | sort @timestamp desc | limit 20`;
}

/** Seconds between two datums of a series at a place: the service ticks' for the service series, else the interval. */
export function seriesIntervalSeconds(
  metric: Pick<FleetHealthMetricDefinition, 'publishedBy'>,
  place: Pick<FleetHealthPlace, 'intervalSeconds' | 'serviceIntervalSeconds'>,
): number {
  return metric.publishedBy === 'always' ? place.intervalSeconds : (place.serviceIntervalSeconds ?? place.intervalSeconds);
}

/**
 * The period of a series' alarm at a place: the shortest that holds one of its datums. The service
 * series are published on the service ticks only, so theirs holds one of those.
 */
export function fleetHealthAlarmPeriod(
  metric: Pick<FleetHealthMetricDefinition, 'publishedBy'>,
  place: Pick<FleetHealthPlace, 'intervalSeconds' | 'serviceIntervalSeconds' | 'shards'>,
): number {
  const every = seriesIntervalSeconds(metric, place);
  return shardsOf(place) > 1 ? shardedAlarmPeriod(every) : defaultAlarmPeriod(every);
}

/**
 * The alarm period of a series the shards publish every `intervalSeconds`: the shortest alarm
 * period (10, 30 or a multiple of 60) that the interval divides, so that every period holds the
 * same number of ticks (a 3-s interval would put 3 or 4 ticks in a 10-s period: 30 s holds 10).
 */
export function shardedAlarmPeriod(intervalSeconds: number): number {
  return shortestWholeTicksPeriod(intervalSeconds, HIGH_RESOLUTION_ALARM_PERIODS);
}

/** What the metric math of a sharded fleet-health alarm needs. */
export interface ShardedSeries {
  /** Collector invocations per tick, each publishing one datum of the series per tick. */
  readonly shards: number;
  /** Ticks in each period of the alarm (its period over the series' interval: a whole number, shardedAlarmPeriod). */
  readonly ticksPerPeriod: number;
  /** The alarm's threshold (GreaterThanOrEqualToThreshold). */
  readonly threshold: number;
}

/** The id of the query a sharded fleet-health alarm watches. */
export const SHARDED_TOTAL_ID = 'total';

/**
 * The queries of a fleet-health alarm when every tick runs `shards` collector invocations, each
 * publishing the series with its own shard's count at the tick's timestamp: CloudWatch keeps the
 * shards' datums of a tick as one statistic set, whose Sum is the fleet's count and whose
 * SampleCount is the shards that published. Per period of `ticksPerPeriod` ticks:
 * - `tick`, the fleet's count per tick: the larger of the worst shard's datum (Maximum: what a
 *   count on one shard reaches in a single tick, as the unsharded alarm's Maximum sees it) and the
 *   mean of the ticks' totals (Sum / ticks per period: a count spread over shards, once it holds a
 *   whole period). Both are at most the period's largest per-tick total, so neither over-counts
 *   (except a shard's datum published twice by a retry, which Sum counts twice).
 * - `total`, what the alarm watches: `tick` when every shard published every tick (SampleCount
 *   at least shards × ticks) or when `tick` breaches anyway; otherwise no value, so a period
 *   missing a crashed shard's datums is missing data (never OK: with every period missing, the
 *   alarm goes to INSUFFICIENT_DATA), while what the other shards report still fires it.
 * With one tick per period (interval = period) the mean is the Sum itself, and Maximum is not read.
 */
export function shardedFleetHealthQueries(series: ShardedSeries): AlarmMathQuery[] {
  const { shards, ticksPerPeriod: ticks, threshold } = series;
  const expected = shards * ticks;
  const complete = (value: string) => `IF(n >= ${expected} OR ${value} >= ${threshold}, ${value})`;
  const totalLabel = `the fleet's count per tick (${shards} shards)`;
  if (ticks === 1) {
    return [
      { id: 's', statistic: 'Sum', returnData: false },
      { id: 'n', statistic: 'SampleCount', returnData: false },
      { id: SHARDED_TOTAL_ID, expression: complete('s'), label: totalLabel, returnData: true },
    ];
  }
  return [
    { id: 's', statistic: 'Sum', returnData: false },
    { id: 'n', statistic: 'SampleCount', returnData: false },
    { id: 'm', statistic: 'Maximum', returnData: false },
    { id: 'tick', expression: `IF(m > s / ${ticks}, m, s / ${ticks})`, label: 'the larger of the worst shard and the mean per-tick total', returnData: false },
    { id: SHARDED_TOTAL_ID, expression: complete('tick'), label: totalLabel, returnData: true },
  ];
}

/** The alarm of one series at a place. */
function fleetHealthAlarm(alarm: ResolvedFleetHealthAlarm, metric: FleetHealthMetricDefinition, place: FleetHealthPlace): AlarmDefinition {
  // The service series' detection waits for a service tick too.
  const publishedEvery = seriesIntervalSeconds(metric, place);
  const periodSeconds = fleetHealthAlarmPeriod(metric, place);
  const { worstSeconds } = detectionTime({ intervalSeconds: publishedEvery, periodSeconds, datapointsToAlarm: alarm.datapointsToAlarm });
  const where = place.dashboardName
    ? `the first row of the dashboard ${place.dashboardName} graphs it, and the collector's summary lines name them`
    : "the collector's summary lines name them";
  const shards = shardsOf(place);
  const ticksPerPeriod = periodSeconds / publishedEvery;
  const common = {
    id: `fleet-health-${metric.name}`,
    name: `${place.pipelineName} fleet health ${metric.name} >= ${alarm.threshold}`,
    namespace: place.namespace,
    metricName: metric.name,
    dimensions: { [FLEET_HEALTH_DIMENSION]: place.pipelineName },
  };
  const which =
    `Which ones: ${where} (Logs Insights on ${place.logGroupName}: ${summaryLinesQuery(metric.name, alarm.threshold)}). ` +
    'No data (INSUFFICIENT_DATA) means the collector did not publish: see the pipeline-health alarms.';
  if (shards > 1) {
    // A count spread over shards shows in full only in a period whose every tick holds it: one interval more when a period holds several.
    const spreadSeconds = worstSeconds + (ticksPerPeriod > 1 ? publishedEvery : 0);
    return {
      ...common,
      description:
        `${metric.description} ${metric.name} of ${place.scope} reached ${alarm.threshold} in ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} periods of ${periodSeconds} s ` +
        `(namespace ${place.namespace}, ${FLEET_HEALTH_DIMENSION}=${place.pipelineName}, published every ${publishedEvery} s by each of the tick's ${shards} shards; ` +
        `fires within ${worstSeconds} s, ${spreadSeconds} s for a count spread over shards). ` +
        `The value is the fleet's count per tick, the shards' sum: the larger of the worst shard's datum and Sum / ${ticksPerPeriod} ticks per period; ` +
        `a period missing a shard's datum (SampleCount under ${shards * ticksPerPeriod}) has no value unless it breaches anyway, so a crashed shard never reads OK. ${which}`,
      statistic: 'Sum',
      periodSeconds,
      evaluationPeriods: alarm.evaluationPeriods,
      datapointsToAlarm: alarm.datapointsToAlarm,
      threshold: alarm.threshold,
      comparison: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'missing',
      metricMath: shardedFleetHealthQueries({ shards, ticksPerPeriod, threshold: alarm.threshold }),
    };
  }
  return {
    ...common,
    description:
      `${metric.description} ${metric.name} of ${place.scope} reached ${alarm.threshold} (Maximum) in ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} periods of ${periodSeconds} s ` +
      `(namespace ${place.namespace}, ${FLEET_HEALTH_DIMENSION}=${place.pipelineName}, published every ${publishedEvery} s; fires within ${worstSeconds} s). ${which}`,
    statistic: 'Maximum',
    periodSeconds,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    threshold: alarm.threshold,
    comparison: 'GreaterThanOrEqualToThreshold',
    // The series are published every tick, zeros included: no data means the collector did not
    // publish, which must not look OK. `missing` leaves the alarm in INSUFFICIENT_DATA (never OK)
    // and a late tick does not flip it; the pipeline-health alarms say why nothing is published.
    treatMissingData: 'missing',
  };
}

/** The fleet-health alarms of a place: one per alarmed series it publishes, whatever its clusters. */
export function fleetHealthAlarmDefinitions(alarms: readonly ResolvedFleetHealthAlarm[], place: FleetHealthPlace): AlarmDefinition[] {
  const published = fleetHealthMetricsPublished(place.servicesCollected).map((m) => m.name);
  return alarms.flatMap((alarm) => {
    const metric = fleetHealthMetricDefinition(alarm.series);
    return metric && published.includes(metric.name) ? [fleetHealthAlarm(alarm, metric, place)] : [];
  });
}

/** What a pipeline's fleet-health alarms are made from: its settings, and in the hub its targets. */
export interface FleetHealthAlarmedPipeline {
  readonly name: string;
  readonly namespace: string;
  readonly intervalSeconds: number;
  /** Seconds between the ticks that read services; absent: every tick. */
  readonly serviceIntervalSeconds?: number;
  readonly metrics: readonly MetricDefinition[];
  readonly services: Readonly<Record<string, unknown>>;
  readonly fleetHealthAlarms: readonly ResolvedFleetHealthAlarm[];
  /** Whether the collector publishes the series; false: no alarm. @default true */
  readonly fleetHealth?: boolean;
  readonly dashboard: boolean;
  /** Hub mode: collector invocations per tick, each publishing its shard's counts. @default 1 */
  readonly shards?: number;
}

/** The hub's targets, each with its service selection. */
export type ServiceTargets = readonly { readonly services?: Readonly<Record<string, unknown>> }[];

/** True when a pipeline collects services: its own selection, or in the hub any target's. */
function pipelineCollectsServices(pipeline: Pick<FleetHealthAlarmedPipeline, 'metrics' | 'services'>, targets?: ServiceTargets): boolean {
  return collectsServices(pipeline.metrics, targets ? targets.map((t) => t.services ?? {}) : [pipeline.services]);
}

/** What the fleet-health alarms and dashboard row of a pipeline (the hub with its targets) both know of it. */
export function fleetHealthPlaceOf(
  pipeline: FleetHealthAlarmedPipeline,
  targets?: ServiceTargets,
): Pick<FleetHealthPlace, 'pipelineName' | 'namespace' | 'intervalSeconds' | 'serviceIntervalSeconds' | 'servicesCollected' | 'shards'> {
  return {
    pipelineName: pipeline.name,
    namespace: pipeline.namespace,
    intervalSeconds: pipeline.intervalSeconds,
    ...(pipeline.serviceIntervalSeconds !== undefined ? { serviceIntervalSeconds: pipeline.serviceIntervalSeconds } : {}),
    servicesCollected: pipelineCollectsServices(pipeline, targets),
    ...(pipeline.shards !== undefined && pipeline.shards > 1 ? { shards: pipeline.shards } : {}),
  };
}

/** The fleet-health alarms of a pipeline (of one account-region, or the hub with its targets). */
export function pipelineFleetHealthAlarms(
  pipeline: FleetHealthAlarmedPipeline,
  names: { readonly collectorLogGroupName: string; readonly dashboardName: string },
  targets?: ServiceTargets,
): AlarmDefinition[] {
  if (pipeline.fleetHealth === false) return [];
  return fleetHealthAlarmDefinitions(pipeline.fleetHealthAlarms, {
    ...fleetHealthPlaceOf(pipeline, targets),
    logGroupName: names.collectorLogGroupName,
    dashboardName: pipeline.dashboard ? names.dashboardName : undefined,
    scope: targets ? 'the whole fleet (every member account-region)' : 'this account-region',
  });
}

/** The fleet-health series a pipeline's collector publishes: 4, 6 where it collects services, none when turned off. */
export function publishedFleetHealthSeries(
  pipeline: Pick<FleetHealthAlarmedPipeline, 'fleetHealth' | 'metrics' | 'services'>,
  targets?: ServiceTargets,
): number {
  if (pipeline.fleetHealth === false) return 0;
  return fleetHealthMetricsPublished(pipelineCollectsServices(pipeline, targets)).length;
}
