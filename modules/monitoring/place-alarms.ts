/**
 * Alarms of a pipeline that watches places (the hub's member account-regions, or its own
 * account-region with clusters "*"): for a place with listed clusters, one alarm per setting per
 * cluster (or service) as today, with the place's AccountId and Region in the dimensions and the
 * name; for a "*" place, one Metrics Insights alarm per setting, whose query finds the clusters
 * at run time and makes each one a contributor. Pure: settings in, problems or definitions out.
 */
import type { Problem } from '../common/errors';
import type { MetricDefinition } from '../metrics/catalog';
import type { AlarmDefinition } from './alarm-definition';
import { COMPARISON_SYMBOLS } from './alarm-rules';
import {
  ALARM_NAME_LIMIT,
  type AlarmedPipeline,
  alarmId,
  alarmName,
  type AlarmPlace,
  type ResolvedMetricAlarm,
  resolvedAlarmProblems,
  targetsOf,
  alarmOf,
  metricIntervalSeconds,
} from './metric-alarms';
import type { WatchedPlace } from './watched-places';

/** CloudWatch's limits on alarms on Metrics Insights queries (CloudWatch alarm limits). */
export const METRICS_INSIGHTS_ALARM_LIMITS = {
  /** Default quota of Metrics Insights alarms per account and region. */
  alarmsPerRegion: 200,
  /** Metrics Insights aggregates high-resolution data to 1 minute: a query's period is a multiple of 60. */
  minimumPeriodSeconds: 60,
  /** Only the latest 3 hours of data are evaluated. */
  evaluatedSeconds: 3 * 60 * 60,
} as const;

/** The Metrics Insights function of each statistic an alarm may use. */
const INSIGHTS_FUNCTIONS: Readonly<Record<string, string>> = { Maximum: 'MAX', Minimum: 'MIN', Average: 'AVG' };

/** The period a Metrics Insights alarm evaluates for a setting's period: at least a minute, a whole number of minutes. */
export function insightsPeriod(periodSeconds: number): number {
  const minute = METRICS_INSIGHTS_ALARM_LIMITS.minimumPeriodSeconds;
  return Math.max(minute, Math.ceil(periodSeconds / minute) * minute);
}

/** A value as a Metrics Insights string literal. */
const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** A namespace as Metrics Insights quotes it. */
const quoted = (name: string) => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * The query of a "*" place's alarm: every series of the metric at the place, one per cluster (or
 * service), ordered so that the 500 a query returns at most are the ones nearest to firing.
 */
export function insightsAlarmQuery(alarm: ResolvedMetricAlarm, metric: MetricDefinition, namespace: string, where: Readonly<Record<string, string>>): string {
  const fn = INSIGHTS_FUNCTIONS[alarm.statistic];
  const schema = [quoted(namespace), ...[...metric.dimensions, ...Object.keys(where)].sort()].join(', ');
  const filter = Object.entries(where)
    .map(([name, value]) => `${name} = ${literal(value)}`)
    .join(' AND ');
  const order = alarm.comparison.startsWith('Greater') ? 'DESC' : 'ASC';
  return `SELECT ${fn}(${metric.name}) FROM SCHEMA(${schema})${filter ? ` WHERE ${filter}` : ''} GROUP BY ${metric.dimensions.join(', ')} ORDER BY ${fn}() ${order}`;
}

function insightsAlarm(
  alarm: ResolvedMetricAlarm,
  metric: MetricDefinition,
  pipeline: AlarmedPipeline,
  where: Readonly<Record<string, string>>,
  place?: AlarmPlace,
): AlarmDefinition {
  const symbol = COMPARISON_SYMBOLS[alarm.comparison];
  const periodSeconds = insightsPeriod(alarm.periodSeconds);
  const of = metric.source === 'service' ? 'any collected service of any ECS cluster' : 'any ECS cluster';
  const widened = periodSeconds === alarm.periodSeconds ? '' : ` (the setting's ${alarm.periodSeconds} s: Metrics Insights reads 1-minute data)`;
  return {
    id: alarmId(alarm, '*', place),
    name: alarmName(alarm, '*', pipeline.name, place),
    description:
      `Fires when the ${alarm.statistic} of ${alarm.metric} for ${of}${place ? ` in ${place.label}` : ''}, clusters found at run time, ` +
      `is ${symbol} ${alarm.threshold} in ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} periods of ${periodSeconds} s${widened} ` +
      `(namespace ${pipeline.namespace}, published every ${pipeline.intervalSeconds} s by ${pipeline.name}); each series is a contributor.`,
    namespace: pipeline.namespace,
    metricName: alarm.metric,
    dimensions: { ...where },
    statistic: alarm.statistic,
    periodSeconds,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    threshold: alarm.threshold,
    comparison: alarm.comparison,
    treatMissingData: alarm.treatMissingData,
    query: { expression: insightsAlarmQuery(alarm, metric, pipeline.namespace, where) },
  };
}

export interface PlaceAlarms {
  /** The alarms of each place, by index in `places`, in setting then series order. */
  readonly perPlace: readonly AlarmDefinition[][];
  /** Problems of the settings, each at `[setting index, field…]`. */
  readonly problems: readonly Problem[];
}

/** The alarms of every place, and the problems of the settings against them. */
export function placeAlarms(
  alarms: readonly ResolvedMetricAlarm[],
  pipeline: Omit<AlarmedPipeline, 'clusters' | 'services'>,
  places: readonly WatchedPlace[],
): PlaceAlarms {
  const perPlace: AlarmDefinition[][] = places.map(() => []);
  const problems = new Map<string, Problem>();
  const report = (index: number, p: Problem) => {
    const problem = { path: [index, ...p.path], problem: p.problem };
    problems.set(JSON.stringify(problem), problem);
  };
  const anyDiscovered = places.some((p) => p.clusters === '*');
  // Which setting made each definition, for the name checks below.
  const settingOf = new Map<AlarmDefinition, number>();
  const add = (p: number, index: number, definitions: AlarmDefinition[]) => {
    for (const d of definitions) settingOf.set(d, index);
    perPlace[p].push(...definitions);
  };
  alarms.forEach((alarm, index) => {
    // The setting's own rules, as every pipeline checks them (metricAlarmProblems).
    for (const problem of resolvedAlarmProblems(alarm, metricIntervalSeconds(alarm.metric, pipeline))) report(index, problem);
    const metric = pipeline.metrics.find((m) => m.name === alarm.metric);
    places.forEach((place, p) => {
      const at: AlarmPlace | undefined = place.label === undefined ? undefined : { label: place.label, where: place.where };
      const inPlace = (text: string) => (at ? `${text} (in ${at.label})` : text);
      if (place.clusters === '*' && metric && !alarm.clusters) {
        add(p, index, [insightsAlarm(alarm, metric, { ...pipeline, clusters: [], services: {} }, place.where, at)]);
        return;
      }
      // "*": the listed clusters are watched as named; a list: the ones of this place.
      const clusters = place.clusters === '*' ? (alarm.clusters ?? []) : place.clusters;
      const watched = alarm.clusters && place.clusters !== '*' ? alarm.clusters.filter((c) => clusters.includes(c)) : alarm.clusters;
      if (alarm.clusters && watched!.length === 0 && metric) return;
      const { series, problems: found } = targetsOf({ ...alarm, clusters: watched }, { ...pipeline, clusters, services: place.services });
      for (const problem of found) {
        // Paths into the watched list point back into the setting's own list.
        const path =
          problem.path[0] === 'clusters' && typeof problem.path[1] === 'number' && watched && alarm.clusters
            ? ['clusters', alarm.clusters.indexOf(watched[problem.path[1]])]
            : problem.path;
        report(index, { path, problem: problem.path[0] === 'metric' && problem.problem.includes('"') ? inPlace(problem.problem) : problem.problem });
      }
      add(
        p,
        index,
        series.map((s) => alarmOf(alarm, s, { ...pipeline, clusters, services: place.services }, at)),
      );
    });
    if (metric && alarm.clusters && !anyDiscovered) {
      alarm.clusters.forEach((cluster, c) => {
        if (!places.some((place) => place.clusters !== '*' && place.clusters.includes(cluster))) {
          report(index, {
            path: ['clusters', c],
            problem: `"${cluster}" is not a cluster of any account-region the pipeline collects: use one of ${[...new Set(places.flatMap((place) => (place.clusters === '*' ? [] : place.clusters)))].join(', ')}`,
          });
        }
      });
    }
    if (metric && places.some((place) => place.clusters === '*') && !alarm.clusters) {
      const evaluated = alarm.evaluationPeriods * insightsPeriod(alarm.periodSeconds);
      if (evaluated > METRICS_INSIGHTS_ALARM_LIMITS.evaluatedSeconds) {
        report(index, {
          path: ['evaluationPeriods'],
          problem: `${alarm.evaluationPeriods} periods of ${insightsPeriod(alarm.periodSeconds)} s is ${evaluated} s, but an alarm on clusters found at run time (a Metrics Insights alarm) evaluates only the latest ${METRICS_INSIGHTS_ALARM_LIMITS.evaluatedSeconds} s: use fewer or shorter periods`,
        });
      }
    }
  });
  // Each alarm name once, within CloudWatch's limit (as metricAlarmProblems checks a pipeline's own).
  const firstByName = new Map<string, number>();
  alarms.forEach((_, index) => {
    for (const { name } of perPlace.flat().filter((d) => settingOf.get(d) === index)) {
      const first = firstByName.get(name);
      if (first === undefined) firstByName.set(name, index);
      else if (first !== index) {
        report(index, {
          path: [],
          problem: `makes the alarm "${name}" that alarms[${first}] makes too: alarms on one metric need different comparisons or thresholds`,
        });
      }
      if (name.length > ALARM_NAME_LIMIT) {
        report(index, {
          path: [],
          problem: `the alarm name "${name}" is ${name.length} characters, over CloudWatch's ${ALARM_NAME_LIMIT}: use a shorter pipeline name`,
        });
      }
    }
  });
  return { perPlace, problems: [...problems.values()] };
}
