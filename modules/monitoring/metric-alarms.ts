/**
 * Alarms on the collected metrics: each alarm setting becomes one CloudWatch alarm per cluster
 * (per service for service metrics), named after what fires. Pure: settings in, problems or
 * alarm definitions out.
 */
import { Token } from 'cdktf';
import { type Problem, problemsAt } from '../common/errors';
import { metricDefinition } from '../metrics/catalog';
import { ALARM_SETTINGS } from '../common/settings';
import { clusterListProblems } from '../common/rules';
import type { AlarmDefinition } from './alarm-definition';
import {
  type AlarmComparison,
  alarmMetricProblem,
  alarmPeriodIntervalProblem,
  alarmPeriodProblem,
  type AlarmStatistic,
  alarmStatisticProblem,
  COMPARISON_SYMBOLS,
  datapointsToAlarmProblem,
  defaultAlarmPeriod,
  evaluationPeriodsProblem,
  evaluationRangeProblem,
  thresholdProblem,
  type TreatMissingData,
} from './alarm-rules';
import { type PublishedMetrics, type Series, seriesOf } from './published-series';

/** An alarm on a collected metric, created for every cluster (or service) that publishes it. */
export interface MetricAlarmProps {
  /** The metric, by its catalog name; the pipeline must publish it (see `metrics`). */
  readonly metric: string;
  /** How the statistic is compared with the threshold. */
  readonly comparison: AlarmComparison;
  /** The value the statistic is compared with. */
  readonly threshold: number;
  /**
   * Seconds per evaluated period: 10 or 30 (a high-resolution alarm) or a multiple of 60, and
   * not shorter than the pipeline's interval.
   * @default 10 (30 for intervals over 10 s)
   */
  readonly periodSeconds?: number;
  /**
   * Periods evaluated each time.
   * @default 3
   */
  readonly evaluationPeriods?: number;
  /**
   * Breaching periods among them that fire the alarm; by default every evaluated period must breach.
   * @default evaluationPeriods
   */
  readonly datapointsToAlarm?: number;
  /**
   * Statistic over each period. Sum and SampleCount are refused: the pipeline publishes at
   * least once, so they could count a datum twice.
   * @default 'Maximum'
   */
  readonly statistic?: AlarmStatistic;
  /**
   * What a period without data counts as.
   * @default 'missing'
   */
  readonly treatMissingData?: TreatMissingData;
  /**
   * The clusters to watch, among the pipeline's.
   * @default every cluster that publishes the metric
   */
  readonly clusters?: string[];
}

/** An alarm setting with its defaults applied. */
export type ResolvedMetricAlarm = Required<Omit<MetricAlarmProps, 'clusters'>> & Pick<MetricAlarmProps, 'clusters'>;

export function resolveMetricAlarm(alarm: MetricAlarmProps, intervalSeconds: number): ResolvedMetricAlarm {
  const evaluationPeriods = alarm.evaluationPeriods ?? ALARM_SETTINGS.evaluationPeriods.default;
  return {
    metric: alarm.metric,
    comparison: alarm.comparison,
    threshold: alarm.threshold,
    periodSeconds: alarm.periodSeconds ?? defaultAlarmPeriod(intervalSeconds),
    evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm ?? evaluationPeriods,
    statistic: alarm.statistic ?? ALARM_SETTINGS.statistic.default,
    treatMissingData: alarm.treatMissingData ?? ALARM_SETTINGS.treatMissingData.default,
    clusters: alarm.clusters,
  };
}

/** Given and known at synth: values known only at apply (tokens) are not checked. */
const known = (...values: unknown[]) => values.every((v) => v !== undefined && !Token.isUnresolved(v));

/**
 * Problems of one alarm setting on its own, without the pipeline around it; fields not given
 * are not checked. The fleet config schema and the construct both use it; the construct checks
 * the metric against what its pipeline publishes instead of the catalog (`metricProblem`).
 */
export function alarmSettingProblems(
  alarm: Partial<Omit<MetricAlarmProps, 'statistic'>> & { statistic?: string },
  metricProblem: (name: string) => string | undefined = alarmMetricProblem,
): Problem[] {
  const problems: Problem[] = [];
  const check = (field: string, problem: string | undefined) => {
    if (problem) problems.push({ path: [field], problem });
  };
  if (known(alarm.metric)) check('metric', metricProblem(alarm.metric!));
  if (known(alarm.threshold)) check('threshold', thresholdProblem(alarm.threshold!));
  if (known(alarm.periodSeconds)) check('periodSeconds', alarmPeriodProblem(alarm.periodSeconds!));
  if (known(alarm.statistic)) check('statistic', alarmStatisticProblem(alarm.statistic!));
  const evaluationPeriods = alarm.evaluationPeriods ?? ALARM_SETTINGS.evaluationPeriods.default;
  if (known(evaluationPeriods)) {
    const problem = evaluationPeriodsProblem(evaluationPeriods);
    check('evaluationPeriods', problem);
    if (!problem && known(alarm.datapointsToAlarm)) {
      check('datapointsToAlarm', datapointsToAlarmProblem(alarm.datapointsToAlarm!, evaluationPeriods));
    }
    if (!problem && known(alarm.periodSeconds) && !alarmPeriodProblem(alarm.periodSeconds!)) {
      check('evaluationPeriods', evaluationRangeProblem(alarm.periodSeconds!, evaluationPeriods));
    }
  }
  return problems;
}

/** The pipeline an alarm watches. */
export interface AlarmedPipeline extends PublishedMetrics {
  readonly name: string;
  readonly namespace: string;
  readonly intervalSeconds: number;
  /** Seconds between the ticks that read services; absent: every tick. */
  readonly serviceIntervalSeconds?: number;
}

/** Seconds between two datums of a metric: the service ticks' (serviceIntervalSeconds) for a per-service metric, else the interval. */
export function metricIntervalSeconds(metric: string, timing: { readonly intervalSeconds: number; readonly serviceIntervalSeconds?: number }): number {
  return metricDefinition(metric)?.source === 'service' ? (timing.serviceIntervalSeconds ?? timing.intervalSeconds) : timing.intervalSeconds;
}

/** What one alarm setting watches: the series it alarms on, or why it cannot. */
export function targetsOf(alarm: ResolvedMetricAlarm, pipeline: AlarmedPipeline): { series: Series[]; problems: Problem[] } {
  const metric = pipeline.metrics.find((m) => m.name === alarm.metric);
  if (!metric) {
    const published = pipeline.metrics.map((m) => m.name).join(', ');
    const problem = metricDefinition(alarm.metric)
      ? `${alarm.metric} is not published by this pipeline: add it to metrics, or alarm on one of ${published}`
      : alarmMetricProblem(alarm.metric);
    return { series: [], problems: problem && !Token.isUnresolved(alarm.metric) ? [{ path: ['metric'], problem }] : [] };
  }
  const problems: Problem[] = [];
  const { series, allServicesOf } = seriesOf(metric, pipeline);
  const watched = alarm.clusters ?? pipeline.clusters;
  const listed = alarm.clusters ?? [];
  const listProblems = alarm.clusters ? clusterListProblems(listed) : [];
  for (const p of listProblems) {
    if (p.path.length === 0 || !Token.isUnresolved(listed[p.path[0] as number])) problems.push(...problemsAt(['clusters'], [p]));
  }
  listed.forEach((cluster, index) => {
    if (Token.isUnresolved(cluster) || listProblems.some((p) => p.path[0] === index)) return;
    if (!pipeline.clusters.includes(cluster)) {
      problems.push({
        path: ['clusters', index],
        problem: `"${cluster}" is not a cluster of this pipeline: use one of ${pipeline.clusters.join(', ')}`,
      });
    } else if (metric.source === 'service' && pipeline.services[cluster] === undefined) {
      problems.push({
        path: ['clusters', index],
        problem: `"${cluster}" publishes no per-service metrics, so it has no ${metric.name}: list its services in services`,
      });
    }
  });
  for (const cluster of allServicesOf.filter((c) => watched.includes(c))) {
    problems.push({
      path: ['metric'],
      problem: `${metric.name} is a per-service metric and cluster "${cluster}" publishes all its services ("*"), whose names are known only at run time: list its services in services, or leave "${cluster}" out of clusters`,
    });
  }
  const targets = series.filter((s) => watched.includes(s.cluster));
  if (metric.source === 'service' && !alarm.clusters && series.length === 0 && allServicesOf.length === 0) {
    problems.push({
      path: ['metric'],
      problem: `${metric.name} is a per-service metric, but no cluster lists its services: list them in services`,
    });
  }
  return { series: targets, problems };
}

const COMPARISON_IDS: Readonly<Record<AlarmComparison, string>> = {
  GreaterThanThreshold: 'above',
  GreaterThanOrEqualToThreshold: 'at-or-above',
  LessThanThreshold: 'below',
  LessThanOrEqualToThreshold: 'at-or-below',
};

/** An alarm of the hub names its account-region: `<account>/<region>` and the dimensions that select it. */
export interface AlarmPlace {
  readonly label: string;
  readonly where: Readonly<Record<string, string>>;
}

/** The construct id of an alarm on `target` (a cluster, `cluster/service` or `*`), unique per place and setting. */
export function alarmId(alarm: ResolvedMetricAlarm, target: string, place?: AlarmPlace): string {
  const at = place ? `${place.label.replace('/', '-')}-` : '';
  return `${at}${target}-${alarm.metric}-${COMPARISON_IDS[alarm.comparison]}-${alarm.threshold}`;
}

/** The alarm name: `<name> [<account>/<region>] <target> <metric> <symbol> <threshold>`, which says what fires. */
export function alarmName(alarm: ResolvedMetricAlarm, target: string, pipelineName: string, place?: AlarmPlace): string {
  const at = place ? `${place.label} ` : '';
  return `${pipelineName} ${at}${target} ${alarm.metric} ${COMPARISON_SYMBOLS[alarm.comparison]} ${alarm.threshold}`;
}

export function alarmOf(alarm: ResolvedMetricAlarm, series: Series, pipeline: AlarmedPipeline, place?: AlarmPlace): AlarmDefinition {
  const target = series.service === undefined ? series.cluster : `${series.cluster}/${series.service}`;
  const inPlace = place ? ` in ${place.label}` : '';
  const subject = (series.service === undefined ? `ECS cluster ${series.cluster}` : `service ${series.service} of ECS cluster ${series.cluster}`) + inPlace;
  const symbol = COMPARISON_SYMBOLS[alarm.comparison];
  return {
    id: alarmId(alarm, target, place),
    name: alarmName(alarm, target, pipeline.name, place),
    description:
      `Fires when the ${alarm.statistic} of ${alarm.metric} for ${subject} is ${symbol} ${alarm.threshold} ` +
      `in ${alarm.datapointsToAlarm} of ${alarm.evaluationPeriods} periods of ${alarm.periodSeconds} s ` +
      `(namespace ${pipeline.namespace}, published every ${pipeline.intervalSeconds} s by ${pipeline.name}).`,
    namespace: pipeline.namespace,
    metricName: alarm.metric,
    dimensions: { ...series.dimensions, ...place?.where },
    statistic: alarm.statistic,
    periodSeconds: alarm.periodSeconds,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    threshold: alarm.threshold,
    comparison: alarm.comparison,
    treatMissingData: alarm.treatMissingData,
  };
}

/** CloudWatch's limit on an alarm name. */
export const ALARM_NAME_LIMIT = 255;

/**
 * Problems of one alarm setting with its defaults applied (the period from the interval), in a
 * pipeline of `intervalSeconds`: every topology checks its settings with this, before what they watch.
 */
export function resolvedAlarmProblems(alarm: ResolvedMetricAlarm, intervalSeconds: number): Problem[] {
  // The metric is checked against what the pipeline publishes, in targetsOf.
  const problems = alarmSettingProblems(alarm, () => undefined);
  if (known(alarm.periodSeconds, intervalSeconds) && !alarmPeriodProblem(alarm.periodSeconds)) {
    const problem = alarmPeriodIntervalProblem(alarm.periodSeconds, intervalSeconds);
    if (problem) problems.push({ path: ['periodSeconds'], problem });
  }
  return problems;
}

/** Problems of the alarm settings in their pipeline, each with the path `[index, field…]`. */
export function metricAlarmProblems(alarms: readonly ResolvedMetricAlarm[], pipeline: AlarmedPipeline): Problem[] {
  const problems: Problem[] = [];
  const firstByName = new Map<string, number>();
  alarms.forEach((alarm, index) => {
    const at = (p: Problem) => problems.push({ path: [index, ...p.path], problem: p.problem });
    resolvedAlarmProblems(alarm, metricIntervalSeconds(alarm.metric, pipeline)).forEach(at);
    const { series, problems: targetProblems } = targetsOf(alarm, pipeline);
    targetProblems.forEach(at);
    for (const { name } of series.map((s) => alarmOf(alarm, s, pipeline))) {
      const first = firstByName.get(name);
      if (first === undefined) firstByName.set(name, index);
      else if (first !== index) {
        at({
          path: [],
          problem: `makes the alarm "${name}" that alarms[${first}] makes too: alarms on one metric need different comparisons or thresholds`,
        });
      }
      if (name.length > ALARM_NAME_LIMIT) {
        at({
          path: [],
          problem: `the alarm name "${name}" is ${name.length} characters, over CloudWatch's ${ALARM_NAME_LIMIT}: use a shorter pipeline name`,
        });
      }
    }
  });
  return problems;
}

/** The alarms to create: for each setting, one per watched series, in setting then series order. */
export function metricAlarmDefinitions(alarms: readonly ResolvedMetricAlarm[], pipeline: AlarmedPipeline): AlarmDefinition[] {
  return alarms.flatMap((alarm) => targetsOf(alarm, pipeline).series.map((series) => alarmOf(alarm, series, pipeline)));
}
