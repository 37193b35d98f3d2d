/**
 * The Amazon States Language definition of the pipeline: one Parallel state whose branch k
 * waits k·interval seconds and then runs the collector, as in the blog, for any interval
 * that divides a minute. Pure: tested without synthesizing.
 */
import { intervalProblem } from '../common/rules';
import { PUBLISH_ERROR_NAME, type TickPayloadParameters } from '../contract/collector-event';

export interface StateMachineDefinitionOptions {
  /** Seconds between ticks; must divide 60. */
  readonly intervalSeconds: number;
  /** ARN of the collector function (a literal or a Terraform reference). */
  readonly collectorArn: string;
  /** Partition of the pipeline (`aws`, `aws-cn`, `aws-us-gov`…; a literal or a Terraform reference). @default 'aws' */
  readonly partition?: string;
}

/** Errors of the Lambda service itself, worth retrying; a collector's own failure is not one of them. */
export const LAMBDA_SERVICE_ERRORS: readonly string[] = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

type State = Record<string, unknown>;

export interface StateMachineDefinition {
  readonly Comment: string;
  readonly StartAt: string;
  readonly States: Record<string, State>;
}

const pad = (seconds: number) => String(seconds).padStart(2, '0');

/** Name of the Task state that runs the collector at this offset, e.g. `Collect at 05s`. */
export function collectStateName(offsetSeconds: number): string {
  return `Collect at ${pad(offsetSeconds)}s`;
}

/** Name of the Wait state before the collector at this offset, e.g. `Wait 05s`. */
export function waitStateName(offsetSeconds: number): string {
  return `Wait ${pad(offsetSeconds)}s`;
}

function tickBranch(offsetSeconds: number, options: StateMachineDefinitionOptions): State {
  const collect = collectStateName(offsetSeconds);
  const skipped = `Tick ${pad(offsetSeconds)}s failed`;
  const states: Record<string, State> = {};
  // A zero-second Wait is not valid ASL; the first tick runs at once, as in the blog.
  if (offsetSeconds > 0) {
    states[waitStateName(offsetSeconds)] = { Type: 'Wait', Seconds: offsetSeconds, Next: collect };
  }
  states[collect] = {
    Type: 'Task',
    // The service integration lives in the pipeline's partition: China and GovCloud have their own.
    Resource: `arn:${options.partition ?? 'aws'}:states:::lambda:invoke`,
    Parameters: {
      FunctionName: options.collectorArn,
      Payload: {
        'input.$': '$',
        tick: {
          intervalSeconds: options.intervalSeconds,
          offsetSeconds,
          'executionStartTime.$': '$$.Execution.StartTime',
        },
      } satisfies TickPayloadParameters,
    },
    Retry: [
      {
        ErrorEquals: [...LAMBDA_SERVICE_ERRORS],
        IntervalSeconds: 1,
        MaxAttempts: 3,
        BackoffRate: 2,
      },
      {
        // Some datums were refused by CloudWatch; publishing the tick again is harmless (same timestamps).
        ErrorEquals: [PUBLISH_ERROR_NAME],
        IntervalSeconds: 1,
        MaxAttempts: 2,
        BackoffRate: 2,
      },
    ],
    // One tick failing must not cancel the other branches of the minute: record it and go on.
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: skipped }],
    // Every branch outputs a small, known shape, so the check after the Parallel state needs no filter.
    ResultSelector: { tickFailed: false, offsetSeconds },
    End: true,
  };
  states[skipped] = {
    Type: 'Pass',
    Parameters: { tickFailed: true, offsetSeconds, 'error.$': '$.error' },
    End: true,
  };
  return { StartAt: offsetSeconds > 0 ? waitStateName(offsetSeconds) : collect, States: states };
}

/** Builds the definition; throws when the interval does not divide a minute. */
export function stateMachineDefinition(options: StateMachineDefinitionOptions): StateMachineDefinition {
  const problem = intervalProblem(options.intervalSeconds);
  if (problem) throw new Error(`intervalSeconds: ${problem}`);
  const ticks = 60 / options.intervalSeconds;
  const offsets = Array.from({ length: ticks }, (_, k) => k * options.intervalSeconds);
  return {
    Comment: `Runs the ECS metrics collector every ${options.intervalSeconds} s for one minute (${ticks} ticks).`,
    StartAt: 'Ticks',
    States: {
      Ticks: {
        Type: 'Parallel',
        Branches: offsets.map((offset) => tickBranch(offset, options)),
        Next: 'Check ticks',
      },
      // Each branch output is {tickFailed, offsetSeconds[, error]}.
      'Check ticks': {
        Type: 'Pass',
        Parameters: {
          'anyFailed.$': 'States.ArrayContains($[*].tickFailed, true)',
          'ticks.$': 'States.JsonToString($)',
        },
        Next: 'Any tick failed?',
      },
      'Any tick failed?': {
        Type: 'Choice',
        Choices: [{ Variable: '$.anyFailed', BooleanEquals: true, Next: 'Some ticks failed' }],
        Default: 'All ticks published',
      },
      // The other ticks of the minute were still collected; the cause lists every tick and its error.
      'Some ticks failed': {
        Type: 'Fail',
        Error: 'CollectorTicksFailed',
        CausePath: '$.ticks',
      },
      'All ticks published': { Type: 'Succeed' },
    },
  };
}
