/**
 * How long after something goes wrong an alarm on a 1-second series fires, from the tick interval
 * and CloudWatch's documented alarm rules: the arithmetic the README's alarms section states and
 * the emulator's detection test holds the evaluated alarm to. Pure.
 *
 * CloudWatch's rules used (Amazon CloudWatch User Guide, "Using Amazon CloudWatch alarms" and
 * "Alarm evaluation"; PutMetricAlarm's Period):
 * - a datum belongs to the period that contains its timestamp; periods of 10, 20 or 30 s make a
 *   high-resolution alarm, and "if the alarm period is 10 seconds or 30 seconds, the alarm is
 *   evaluated every 10 seconds" (every minute otherwise);
 * - the alarm goes to ALARM when `datapointsToAlarm` of the last `evaluationPeriods` periods breach;
 * - a period is judged once it has ended, at the first evaluation after its end; the docs do not
 *   say where in the 10 s the evaluations fall, so the worst case waits one whole cadence.
 */

/** How often CloudWatch evaluates an alarm, by its period (Alarm evaluation, CloudWatch User Guide). */
export const ALARM_EVALUATION_CADENCE_SECONDS = {
  /** A period of 10, 20 or 30 s (a high-resolution alarm). */
  highResolution: 10,
  /** A period of a minute or more. */
  standard: 60,
} as const;

/** The seconds between two evaluations of an alarm with this period. */
export function evaluationCadenceSeconds(periodSeconds: number): number {
  return periodSeconds < 60 ? ALARM_EVALUATION_CADENCE_SECONDS.highResolution : ALARM_EVALUATION_CADENCE_SECONDS.standard;
}

export interface DetectionTimeInput {
  /** Seconds between ticks: each tick reads the fleet and publishes one datum per series, timestamped at the tick. */
  readonly intervalSeconds: number;
  /** The alarm's period (10 for the fleet-health alarms at intervals up to 10 s). */
  readonly periodSeconds: number;
  /** Breaching periods that fire the alarm (M of N: the M). */
  readonly datapointsToAlarm: number;
}

/** The detection time, in its parts, each a worst case. */
export interface DetectionTime {
  /** From the change to the first tick that reads it: up to one interval. */
  readonly untilReadSeconds: number;
  /**
   * From that tick to the end of the `datapointsToAlarm`-th breaching period: the tick's own period
   * (up to one period left when the tick opens it), then one more period per further datapoint
   * (each holds a tick that still reads the change: the period is never shorter than the interval).
   */
  readonly untilPeriodsEndSeconds: number;
  /** From the last period's end to the evaluation that judges it: up to one evaluation cadence. */
  readonly untilEvaluatedSeconds: number;
  /** The bound: the three above. */
  readonly worstSeconds: number;
  /** The bound when evaluations fall on period ends (the docs do not promise it): read and periods only. */
  readonly alignedSeconds: number;
  /** The average over uniformly placed changes and ticks, with evaluations at a uniform phase: half of each part that varies. */
  readonly typicalSeconds: number;
}

/**
 * The worst time from a change in what the collector reads (a service losing its tasks) to the
 * alarm on its series firing, assuming the change lasts and each datum is stored within a period
 * of its tick (the collector's run and CloudWatch's ingestion take a second or two, not 10).
 */
export function detectionTime(input: DetectionTimeInput): DetectionTime {
  const { intervalSeconds, periodSeconds, datapointsToAlarm } = input;
  if (!(intervalSeconds > 0) || !(periodSeconds >= intervalSeconds) || !(datapointsToAlarm >= 1)) {
    throw new Error(
      `detectionTime needs an interval over 0, a period of at least the interval and at least 1 datapoint: got ${intervalSeconds} s, ${periodSeconds} s, ${datapointsToAlarm}`,
    );
  }
  const untilReadSeconds = intervalSeconds;
  const untilPeriodsEndSeconds = datapointsToAlarm * periodSeconds;
  const untilEvaluatedSeconds = evaluationCadenceSeconds(periodSeconds);
  return {
    untilReadSeconds,
    untilPeriodsEndSeconds,
    untilEvaluatedSeconds,
    worstSeconds: untilReadSeconds + untilPeriodsEndSeconds + untilEvaluatedSeconds,
    alignedSeconds: untilReadSeconds + untilPeriodsEndSeconds,
    typicalSeconds: untilReadSeconds / 2 + (datapointsToAlarm - 1) * periodSeconds + periodSeconds / 2 + untilEvaluatedSeconds / 2,
  };
}
