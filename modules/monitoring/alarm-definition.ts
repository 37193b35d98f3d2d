import type { Environment } from '../common/environment';
import type { AlarmComparison, TreatMissingData } from './alarm-rules';

/** One CloudWatch alarm on one metric series, as plain data: what the construct creates. */
export interface AlarmDefinition {
  /** Construct id: stable while the alarm means the same thing, so reordering settings replaces nothing. */
  readonly id: string;
  /** The alarm name, which says what fires. */
  readonly name: string;
  readonly description: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly statistic: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly threshold: number;
  readonly comparison: AlarmComparison;
  readonly treatMissingData: TreatMissingData;
  /**
   * Set for an alarm on series found at run time (clusters "*"): a Metrics Insights query the
   * alarm evaluates instead of one metric (namespace, metricName, dimensions, statistic then only describe it).
   */
  readonly query?: { readonly expression: string };
  /**
   * Set for an alarm on a metric math expression over statistics of the one series (namespace,
   * metricName, dimensions): the queries the alarm evaluates, the one with `returnData` its value;
   * `statistic` then only describes it. The fleet-health alarms of a hub whose tick fans out over
   * shards use it (fleet-health-alarms.ts, shardedFleetHealthQueries).
   */
  readonly metricMath?: readonly AlarmMathQuery[];
}

/** One query of a metric math alarm: a statistic of the alarm's series, or an expression over other queries' ids. */
export type AlarmMathQuery =
  | { readonly id: string; readonly statistic: string; readonly returnData: false }
  | { readonly id: string; readonly expression: string; readonly label: string; readonly returnData: boolean };

/**
 * Metrics an alarm is billed for ("per alarm metric"): the statistics a metric math alarm reads
 * (each is one, assumed; the pricing page was not reachable to verify), else one. A Metrics
 * Insights alarm is billed by the series its query analyzes, which only the cost model estimates.
 */
export function alarmMetricCount(alarm: Pick<AlarmDefinition, 'metricMath'>): number {
  return alarm.metricMath ? alarm.metricMath.filter((q) => 'statistic' in q).length : 1;
}

/** The ARN of an alarm from its name, so a dashboard can list alarms without referencing them. */
export function alarmArn(env: Environment, name: string): string {
  return `arn:${env.partition}:cloudwatch:${env.region}:${env.account}:alarm:${name}`;
}
