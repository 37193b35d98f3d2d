import { DEFAULT_NAMESPACE } from '../metrics/catalog';

/** How the state machine runs: Express (cheap, at-least-once) or Standard (exactly-once, history kept). */
export type WorkflowType = 'EXPRESS' | 'STANDARD';

/** What starts the state machine every minute. */
export type TriggerKind = 'SCHEDULER' | 'EVENTBRIDGE_RULE';

/** Lambda instruction set. */
export type Architecture = 'arm64' | 'x86_64';

/** Step Functions execution log level. */
export type StateMachineLogLevel = 'ALL' | 'ERROR' | 'FATAL' | 'OFF';

/** Every default of a pipeline, in one place. */
export const PIPELINE_DEFAULTS = {
  name: 'ecs-highres',
  intervalSeconds: 5,
  namespace: DEFAULT_NAMESPACE,
  workflowType: 'EXPRESS' as WorkflowType,
  trigger: 'SCHEDULER' as TriggerKind,
  logRetentionDays: 14,
  collectorMemoryMb: 128,
  architecture: 'arm64' as Architecture,
  stateMachineLogLevel: 'ERROR' as StateMachineLogLevel,
  dashboard: true,
  pipelineAlarms: true,
  tracing: false,
  alarmEvaluationPeriods: 3,
  alarmStatistic: 'Maximum',
  alarmTreatMissingData: 'missing',
} as const;

/**
 * The collector's default timeout: two intervals, at least 10 s (room for a cold start and
 * the SDK's retries), at most 60 s. A stuck call then holds at most a few ticks of concurrency.
 */
export function defaultCollectorTimeout(intervalSeconds: number): number {
  return Math.min(60, Math.max(10, 2 * intervalSeconds));
}
