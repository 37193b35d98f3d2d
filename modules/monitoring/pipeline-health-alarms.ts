/**
 * The pipeline watching itself: alarms that fire when it stops delivering, so that a user whose
 * cluster metrics stop learns it from an alarm, not from a flat graph. Pure.
 */
import type { AlarmDefinition } from './alarm-definition';

export interface PipelineHealthOptions {
  /** The pipeline name, first word of every alarm name. */
  readonly pipelineName: string;
  readonly stateMachineName: string;
  /** The state machine's ARN, the `StateMachineArn` dimension of its AWS/States metrics. */
  readonly stateMachineArn: string;
  /** The collector's name, the `FunctionName` dimension of its AWS/Lambda metrics. */
  readonly functionName: string;
}

/**
 * The period of the pipeline's health metrics, in its alarms and its dashboard's health graphs: a
 * minute, as an execution runs the ticks of one minute.
 */
export const HEALTH_PERIOD_SECONDS = 60;

/** Minutes (periods) the health alarms look back. */
const WINDOW_MINUTES = 3;

/** Failures in 2 of the last 3 minutes: one failed tick that a retry fixed does not wake anyone. */
const FAILING = {
  statistic: 'Sum',
  periodSeconds: HEALTH_PERIOD_SECONDS,
  evaluationPeriods: WINDOW_MINUTES,
  datapointsToAlarm: 2,
  threshold: 1,
  comparison: 'GreaterThanOrEqualToThreshold',
  // No datum means nothing failed.
  treatMissingData: 'notBreaching',
} as const;

export function pipelineHealthAlarms(options: PipelineHealthOptions): AlarmDefinition[] {
  const { pipelineName: name, stateMachineName, stateMachineArn, functionName } = options;
  const stateMachine = { namespace: 'AWS/States', dimensions: { StateMachineArn: stateMachineArn } };
  const collector = { namespace: 'AWS/Lambda', dimensions: { FunctionName: functionName } };
  const logs = `the logs of ${stateMachineName} (/aws/vendedlogs/states/${stateMachineName}) and of the collector (/aws/lambda/${functionName}) say why`;
  return [
    {
      id: 'executions-failed',
      name: `${name} pipeline executions failing`,
      description: `Executions of ${stateMachineName} failed in 2 of the last ${WINDOW_MINUTES} minutes, so some ticks were not published; ${logs}.`,
      ...stateMachine,
      metricName: 'ExecutionsFailed',
      ...FAILING,
    },
    {
      id: 'executions-timed-out',
      name: `${name} pipeline executions timing out`,
      description: `Executions of ${stateMachineName} timed out in 2 of the last ${WINDOW_MINUTES} minutes, so some ticks were not published; ${logs}.`,
      ...stateMachine,
      metricName: 'ExecutionsTimedOut',
      ...FAILING,
    },
    {
      id: 'collector-errors',
      name: `${name} collector errors`,
      description: `The collector ${functionName} failed in 2 of the last ${WINDOW_MINUTES} minutes, so some datums may be missing; ${logs}.`,
      ...collector,
      metricName: 'Errors',
      ...FAILING,
    },
    {
      id: 'not-started',
      name: `${name} pipeline not started for ${WINDOW_MINUTES} minutes`,
      description: `No execution of ${stateMachineName} started in the last ${WINDOW_MINUTES} minutes, so no metric is being published: check that the trigger ${name}-every-minute is enabled and its role may start the state machine.`,
      ...stateMachine,
      metricName: 'ExecutionsStarted',
      statistic: 'Sum',
      periodSeconds: HEALTH_PERIOD_SECONDS,
      evaluationPeriods: WINDOW_MINUTES,
      datapointsToAlarm: WINDOW_MINUTES,
      threshold: 1,
      comparison: 'LessThanThreshold',
      // No datum is exactly what a stopped pipeline looks like.
      treatMissingData: 'breaching',
    },
  ];
}
