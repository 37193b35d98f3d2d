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
}

/** The ARN of an alarm from its name, so a dashboard can list alarms without referencing them. */
export function alarmArn(env: Environment, name: string): string {
  return `arn:${env.partition}:cloudwatch:${env.region}:${env.account}:alarm:${name}`;
}
