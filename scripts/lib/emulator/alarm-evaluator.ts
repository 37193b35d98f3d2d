/**
 * A CloudWatch metric alarm evaluated as CloudWatch documents it, over data read back from the
 * emulator (moto stores alarms but never evaluates them). Pure: no clock, no calls.
 *
 * The rules, from the CloudWatch User Guide, "Using Amazon CloudWatch alarms"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html;
 * the text is also in github.com/awsdocs/amazon-cloudwatch-user-guide, doc_source/AlarmThatSendsEmail.md):
 *  - Period: the length of time over which the statistic makes each data point of the alarm.
 *  - Evaluation Periods (N): the number of most recent periods, or data points, evaluated.
 *  - Datapoints to Alarm (M): how many of those N must be breaching for ALARM; they need not be
 *    consecutive ("M out of N"). Fewer than M breaching: OK.
 *  - Missing data: CloudWatch retrieves more data points than N (the evaluation range). With at
 *    least N existing points in the range, the most recent N existing ones are evaluated and the
 *    missing-data treatment is not used. With fewer, the missing ones are filled in with the
 *    treatment (breaching / notBreaching), as few times as possible; with none at all, `missing`
 *    gives INSUFFICIENT_DATA, `ignore` keeps the current state, `breaching` ALARM, `notBreaching`
 *    OK. The guide's two tables (3 of 3 and 2 of 3 over a range of 5) are reproduced by the unit
 *    tests row by row; the range's length is not documented beyond that example (N + 2 here).
 *  - High-resolution alarms: a period of 10 or 30 seconds on data stored at 1-second resolution;
 *    "If the alarm period is 10 seconds or 30 seconds, the alarm is evaluated every 10 seconds";
 *    an alarm of a period of a minute or more is evaluated every minute.
 * What the guide leaves open, and this evaluator assumes: periods are aligned on multiples of the
 * period since the epoch; a period counts once it has ended (a partial period is not evaluated);
 * evaluations happen at a phase of the evaluation interval that the caller chooses (the worst
 * phase is the honest bound), and a datum is visible `ingestDelaySeconds` after its timestamp.
 */
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';
export type AlarmComparison = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
export type AlarmStatistic = 'Maximum' | 'Minimum' | 'Average' | 'Sum' | 'SampleCount';

/** What the evaluation of one alarm on one metric needs from its definition. */
export interface EvaluatedAlarm {
  readonly name: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** M of "M out of N". @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparison: AlarmComparison;
  readonly statistic: AlarmStatistic;
  /** @default 'missing' (CloudWatch's default) */
  readonly treatMissingData?: TreatMissingData;
}

/** The data of one timestamp as CloudWatch stores it: a statistic set (one datum is a set of one). */
export interface StatisticSet {
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
}

const COMPARISONS: Readonly<Record<AlarmComparison, (value: number, threshold: number) => boolean>> = {
  GreaterThanOrEqualToThreshold: (v, t) => v >= t,
  GreaterThanThreshold: (v, t) => v > t,
  LessThanThreshold: (v, t) => v < t,
  LessThanOrEqualToThreshold: (v, t) => v <= t,
};
const STATISTICS: readonly AlarmStatistic[] = ['Maximum', 'Minimum', 'Average', 'Sum', 'SampleCount'];
const TREATMENTS: readonly TreatMissingData[] = ['missing', 'notBreaching', 'breaching', 'ignore'];

/** The alarm as DescribeAlarms answers it; an alarm this evaluator cannot evaluate is refused by name. */
export function evaluatedAlarm(alarm: MetricAlarm): EvaluatedAlarm {
  const name = alarm.AlarmName ?? '(unnamed)';
  const refuse = (why: string) => {
    throw new Error(`alarm ${name}: ${why}; the evaluator takes one metric, a plain statistic, a static threshold`);
  };
  if (alarm.Metrics && alarm.Metrics.length > 0) refuse('it is a metric math or Metrics Insights alarm');
  if (alarm.ExtendedStatistic) refuse(`its statistic is ${alarm.ExtendedStatistic}`);
  const comparison = alarm.ComparisonOperator as AlarmComparison;
  if (!(comparison in COMPARISONS)) refuse(`its comparison is ${alarm.ComparisonOperator}`);
  const statistic = alarm.Statistic as AlarmStatistic;
  if (!STATISTICS.includes(statistic)) refuse(`its statistic is ${alarm.Statistic}`);
  const treatMissingData = (alarm.TreatMissingData ?? 'missing') as TreatMissingData;
  if (!TREATMENTS.includes(treatMissingData)) refuse(`its TreatMissingData is ${alarm.TreatMissingData}`);
  if (!alarm.Period || !alarm.EvaluationPeriods || alarm.Threshold === undefined) refuse('it has no Period, EvaluationPeriods or Threshold');
  return {
    name,
    periodSeconds: alarm.Period!,
    evaluationPeriods: alarm.EvaluationPeriods!,
    datapointsToAlarm: alarm.DatapointsToAlarm ?? undefined,
    threshold: alarm.Threshold!,
    comparison,
    statistic,
    treatMissingData,
  };
}

/** Seconds between two evaluations: 10 for a high-resolution alarm (period 10 or 30 s), 60 otherwise. */
export function evaluationIntervalSeconds(periodSeconds: number): number {
  if (periodSeconds === 10 || periodSeconds === 30) return 10;
  if (periodSeconds > 0 && periodSeconds % 60 === 0) return 60;
  throw new Error(`an alarm period of ${periodSeconds} s is neither 10, 30 nor a multiple of 60`);
}

/** The alarm's data point of each period that holds data: the statistic over every statistic set in it. */
export function periodDatapoints(samples: readonly StatisticSet[], periodSeconds: number, statistic: AlarmStatistic): Map<number, number> {
  const periodMs = periodSeconds * 1000;
  const merged = new Map<number, StatisticSet>();
  for (const s of samples) {
    const start = Math.floor(s.timestamp / periodMs) * periodMs;
    const m = merged.get(start);
    merged.set(
      start,
      m
        ? {
            timestamp: start,
            sampleCount: m.sampleCount + s.sampleCount,
            sum: m.sum + s.sum,
            minimum: Math.min(m.minimum, s.minimum),
            maximum: Math.max(m.maximum, s.maximum),
          }
        : { ...s, timestamp: start },
    );
  }
  const value = (set: StatisticSet): number => {
    switch (statistic) {
      case 'Maximum':
        return set.maximum;
      case 'Minimum':
        return set.minimum;
      case 'Sum':
        return set.sum;
      case 'SampleCount':
        return set.sampleCount;
      case 'Average':
        return set.sum / set.sampleCount;
    }
  };
  return new Map([...merged].map(([start, set]) => [start, value(set)]));
}

/** One period of the evaluation range: breaching, not breaching, or missing. */
export type RangePoint = 'breaching' | 'notBreaching' | 'missing';

/**
 * The state one evaluation sets, from the evaluation range (oldest first) and the current state:
 * the guide's rules for M out of N and missing data (see the file's comment).
 */
export function stateFromRange(
  range: readonly RangePoint[],
  alarm: Pick<EvaluatedAlarm, 'evaluationPeriods' | 'datapointsToAlarm' | 'treatMissingData'>,
  current: AlarmState,
): AlarmState {
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm ?? n;
  const treatment = alarm.treatMissingData ?? 'missing';
  const existing = range.filter((p) => p !== 'missing');
  const verdict = (points: readonly RangePoint[]): AlarmState => (points.filter((p) => p === 'breaching').length >= m ? 'ALARM' : 'OK');
  // Enough real data points: the most recent N of them, and the treatment is not used.
  if (existing.length >= n) return verdict(existing.slice(existing.length - n));
  if (existing.length === 0) {
    return { missing: 'INSUFFICIENT_DATA', ignore: current, breaching: 'ALARM', notBreaching: 'OK' }[treatment] as AlarmState;
  }
  // Fewer than N: filled in with the treatment, as few times as possible.
  if (treatment === 'breaching' || treatment === 'notBreaching') {
    return verdict([...existing, ...Array<RangePoint>(n - existing.length).fill(treatment)]);
  }
  // `missing` and `ignore` fill in nothing: the real points decide when they can.
  if (verdict(existing) === 'ALARM') return 'ALARM';
  if (existing.some((p) => p === 'notBreaching')) return 'OK';
  // Only breaching points, too few: the guide's tables give INSUFFICIENT_DATA (missing) or the
  // current state (ignore), except that `missing` alarms when the oldest point of the range is
  // breaching ("because the oldest evaluated data point is breaching and there aren't any
  // non-breaching data points", first table, sixth row).
  if (treatment === 'ignore') return current;
  return range[0] === 'breaching' ? 'ALARM' : 'INSUFFICIENT_DATA';
}

export interface EvaluationOptions {
  /** Periods retrieved at each evaluation. @default evaluationPeriods + 2 (the guide's example: 5 for 3) */
  readonly evaluationRange?: number;
  /** Seconds after a datum's timestamp before an evaluation sees it. @default 0 */
  readonly ingestDelaySeconds?: number;
  /** Seconds past each multiple of the evaluation interval at which the alarm is evaluated. @default 0 */
  readonly evaluationPhaseSeconds?: number;
  /** The state before the first evaluation. @default 'INSUFFICIENT_DATA' (a new alarm) */
  readonly initialState?: AlarmState;
}

/** One evaluation: when, the range it looked at (oldest first, each period's start) and the state it set. */
export interface Evaluation {
  readonly at: number;
  readonly range: ReadonlyArray<{ readonly start: number; readonly value?: number; readonly point: RangePoint }>;
  readonly state: AlarmState;
}

/**
 * Every evaluation of the alarm from `fromMs` to `toMs` (epoch ms) over the samples: at each, the
 * range is the most recent ended periods, each period's data point made of the samples already
 * visible then.
 */
export function evaluations(
  alarm: EvaluatedAlarm,
  samples: readonly StatisticSet[],
  fromMs: number,
  toMs: number,
  options: EvaluationOptions = {},
): Evaluation[] {
  const periodMs = alarm.periodSeconds * 1000;
  const intervalMs = evaluationIntervalSeconds(alarm.periodSeconds) * 1000;
  const phaseMs = (options.evaluationPhaseSeconds ?? 0) * 1000;
  const delayMs = (options.ingestDelaySeconds ?? 0) * 1000;
  const rangeLength = options.evaluationRange ?? alarm.evaluationPeriods + 2;
  if (phaseMs < 0 || phaseMs >= intervalMs) throw new Error(`evaluationPhaseSeconds must be in [0, ${intervalMs / 1000}), got ${phaseMs / 1000}`);
  if (rangeLength < alarm.evaluationPeriods) throw new Error(`evaluationRange ${rangeLength} is shorter than EvaluationPeriods ${alarm.evaluationPeriods}`);
  const out: Evaluation[] = [];
  let state = options.initialState ?? 'INSUFFICIENT_DATA';
  const first = Math.ceil((fromMs - phaseMs) / intervalMs) * intervalMs + phaseMs;
  for (let at = first; at <= toMs; at += intervalMs) {
    const visible = samples.filter((s) => s.timestamp + delayMs <= at);
    const datapoints = periodDatapoints(visible, alarm.periodSeconds, alarm.statistic);
    const lastEnded = Math.floor(at / periodMs) * periodMs - periodMs;
    const range = Array.from({ length: rangeLength }, (_, i) => {
      const start = lastEnded - (rangeLength - 1 - i) * periodMs;
      const value = datapoints.get(start);
      const point: RangePoint = value === undefined ? 'missing' : COMPARISONS[alarm.comparison](value, alarm.threshold) ? 'breaching' : 'notBreaching';
      return { start, value, point };
    });
    state = stateFromRange(
      range.map((r) => r.point),
      alarm,
      state,
    );
    out.push({ at, range, state });
  }
  return out;
}

/** Evaluations from `fromMs` (the start of the data) to `toMs`; the ones looked at start at `afterMs`. */
export interface EvaluationWindow {
  readonly fromMs: number;
  readonly afterMs: number;
  readonly toMs: number;
}

/** The first evaluation at or after `afterMs` that sets ALARM, or undefined when none does by `toMs`. */
export function firstAlarm(
  alarm: EvaluatedAlarm,
  samples: readonly StatisticSet[],
  window: EvaluationWindow,
  options: EvaluationOptions = {},
): Evaluation | undefined {
  return evaluations(alarm, samples, window.fromMs, window.toMs, options).find((e) => e.at >= window.afterMs && e.state === 'ALARM');
}

/**
 * The latest the alarm fires after a change at `window.afterMs`, over every evaluation phase of its
 * interval (CloudWatch's phase is unknown to us): seconds from the change to that evaluation, or
 * undefined when at some phase it does not fire by `window.toMs`.
 */
export function worstDetectionSeconds(
  alarm: EvaluatedAlarm,
  samples: readonly StatisticSet[],
  window: EvaluationWindow,
  options: Omit<EvaluationOptions, 'evaluationPhaseSeconds'> = {},
): number | undefined {
  const intervalSeconds = evaluationIntervalSeconds(alarm.periodSeconds);
  let worst = 0;
  for (let phase = 0; phase < intervalSeconds; phase += 1) {
    const fired = firstAlarm(alarm, samples, window, { ...options, evaluationPhaseSeconds: phase });
    if (!fired) return undefined;
    worst = Math.max(worst, (fired.at - window.afterMs) / 1000);
  }
  return worst;
}
