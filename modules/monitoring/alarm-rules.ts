/**
 * The rules an alarm setting must follow, each returning the problem in words (what is wrong,
 * the bad value and the fix) or undefined. The construct props and the fleet config schema both
 * use them, so a rule and its message live in one place (as ../common/rules does for the pipeline).
 */
import { metricNameProblem } from '../common/rules';
import { ALARM_SETTINGS, type AlarmStatistic, type TreatMissingData } from '../common/settings';

/** How the statistic is compared with the threshold (CloudWatch's names). */
export const ALARM_COMPARISONS = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const;

export type AlarmComparison = (typeof ALARM_COMPARISONS)[number];

/** The comparison as a symbol, for alarm names: `PendingTask > 5`. */
export const COMPARISON_SYMBOLS: Readonly<Record<AlarmComparison, string>> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

/** Statistics that give the same answer when a datum is published twice (defined with the alarm settings). */
export const ALARM_STATISTICS: readonly [AlarmStatistic, ...AlarmStatistic[]] = ALARM_SETTINGS.statistic.allowed;

export type { AlarmStatistic, TreatMissingData };

/** Statistics that count datums, so a datum published twice counts twice. */
const COUNTING_STATISTICS: readonly string[] = ['Sum', 'SampleCount'];

/** What a period without data counts as (CloudWatch's names; defined with the alarm settings). */
export const TREAT_MISSING_DATA: readonly [TreatMissingData, ...TreatMissingData[]] = ALARM_SETTINGS.treatMissingData.allowed;

/** Periods of high-resolution alarms; any other period is a multiple of 60. */
export const HIGH_RESOLUTION_ALARM_PERIODS: readonly number[] = [10, 30];

/** The shortest high-resolution period that holds at least one datum of every interval. */
export function defaultAlarmPeriod(intervalSeconds: number): number {
  return HIGH_RESOLUTION_ALARM_PERIODS.find((period) => period >= intervalSeconds) ?? 60;
}

/**
 * The shortest period, among `highResolution` then the multiples of 60, that `intervalSeconds`
 * divides: every such period holds the same number of ticks (a sharded hub's fleet-health alarms
 * and graphs divide a period's Sum by it).
 */
export function shortestWholeTicksPeriod(intervalSeconds: number, highResolution: readonly number[]): number {
  const short = highResolution.find((period) => period % intervalSeconds === 0);
  if (short !== undefined) return short;
  let period = 60;
  while (period % intervalSeconds !== 0) period += 60;
  return period;
}

/** An alarm's metric follows the rule of the metric list. */
export const alarmMetricProblem = metricNameProblem;

export function alarmPeriodProblem(seconds: number): string | undefined {
  if (HIGH_RESOLUTION_ALARM_PERIODS.includes(seconds) || (Number.isInteger(seconds) && seconds > 0 && seconds % 60 === 0)) {
    return undefined;
  }
  return `${seconds} s is not an alarm period: use 10 or 30 (high resolution) or a multiple of 60`;
}

/** A period shorter than the interval would hold no datum in some periods. */
export function alarmPeriodIntervalProblem(periodSeconds: number, intervalSeconds: number): string | undefined {
  if (periodSeconds >= intervalSeconds) return undefined;
  return `${periodSeconds} s is shorter than the pipeline's ${intervalSeconds} s interval, so some periods would hold no datum: use a period of at least ${defaultAlarmPeriod(intervalSeconds)} s`;
}

export function alarmStatisticProblem(statistic: string): string | undefined {
  if ((ALARM_STATISTICS as readonly string[]).includes(statistic)) return undefined;
  if (COUNTING_STATISTICS.includes(statistic)) {
    return `"${statistic}" is refused: the pipeline publishes at least once (an Express execution or a retried tick can publish the same datum twice), so a ${statistic} can count a value twice; use ${ALARM_STATISTICS.join(', ')}`;
  }
  return `"${statistic}" is not an alarm statistic: use ${ALARM_STATISTICS.join(', ')}`;
}

export function evaluationPeriodsProblem(periods: number): string | undefined {
  if (Number.isInteger(periods) && periods >= 1) return undefined;
  return `${periods} is not a number of evaluation periods: use a whole number from 1`;
}

export function datapointsToAlarmProblem(datapoints: number, evaluationPeriods: number): string | undefined {
  if (!Number.isInteger(datapoints) || datapoints < 1) {
    return `${datapoints} is not a number of datapoints: use a whole number from 1 to evaluationPeriods`;
  }
  if (datapoints > evaluationPeriods) {
    return `${datapoints} datapoints to alarm is more than the ${evaluationPeriods} evaluation periods: an alarm cannot need more breaching periods than it evaluates; lower datapointsToAlarm or raise evaluationPeriods`;
  }
  return undefined;
}

/** CloudWatch evaluates at most one day of periods shorter than an hour, and at most seven days otherwise. */
export function evaluationRangeProblem(periodSeconds: number, evaluationPeriods: number): string | undefined {
  const limit = periodSeconds < 3600 ? 86_400 : 604_800;
  const range = periodSeconds * evaluationPeriods;
  if (range <= limit) return undefined;
  return `${evaluationPeriods} periods of ${periodSeconds} s cover ${range} s, over CloudWatch's ${limit} s limit for ${periodSeconds < 3600 ? 'periods under an hour' : 'an alarm'}: use at most ${Math.floor(limit / periodSeconds)} evaluation periods`;
}

export function thresholdProblem(threshold: number): string | undefined {
  if (Number.isFinite(threshold)) return undefined;
  return `${threshold} is not a threshold: use a finite number`;
}

const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):(\d{12}):[A-Za-z0-9_-]{1,256}$/;

/** A topic ARN, and (when the alarms' region is known) a topic of that region: CloudWatch notifies no other. */
export function topicArnProblem(arn: string, alarmRegion?: string): string | undefined {
  const match = SNS_TOPIC_ARN.exec(arn);
  if (!match) {
    return `"${arn}" is not an SNS topic ARN: use one like arn:aws:sns:us-east-1:111111111111:alerts (FIFO topics cannot receive alarms)`;
  }
  if (alarmRegion !== undefined && match[1] !== alarmRegion) {
    return `"${arn}" is in ${match[1]}, but CloudWatch alarms notify only topics of their own region (${alarmRegion}): use a topic in ${alarmRegion}`;
  }
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailProblem(address: string): string | undefined {
  if (EMAIL.test(address)) return undefined;
  return `"${address}" is not an email address: use one like oncall@example.com`;
}

/** Email subscriptions need a topic to subscribe to: the one the library creates. */
export const EMAILS_WITHOUT_TOPIC_PROBLEM =
  'email subscriptions need the topic the library creates: set createTopic to true, or subscribe the addresses to your own topic and list it in topicArns';
