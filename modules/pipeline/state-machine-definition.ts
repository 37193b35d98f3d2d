/**
 * The Amazon States Language definition of the pipeline: one Parallel state whose branch k
 * waits k·interval seconds and then runs the collector, as in the blog, for any interval
 * that divides a minute. A hub whose tick fans out (shards > 1) runs, in each branch, an inline
 * Map state over the shard indexes instead of one Task: every shard's invocation at once, each
 * told its shard (modules/contract/hub-shards.ts). Pure: tested without synthesizing.
 *
 * Express workflow limits that bound the fan-out: an inline Map runs at most 40 iterations at once
 * (SHARD_LIMITS.maxShards); Express executions last at most 5 minutes and carry at most 256 KiB of
 * state (each shard's result is two fields); Express bills requests and duration, not state
 * transitions, so the Map's transitions add nothing to the bill: the shards' Lambda invocations do.
 */
import { intervalProblem } from '../common/rules';
import { PUBLISH_ERROR_NAME, type ShardTickPayloadParameters, type TickPayloadParameters } from '../contract/collector-event';
import { shardCountProblem } from '../contract/hub-shards';

export interface StateMachineDefinitionOptions {
  /** Seconds between ticks; must divide 60. */
  readonly intervalSeconds: number;
  /** ARN of the collector function (a literal or a Terraform reference). */
  readonly collectorArn: string;
  /** Partition of the pipeline (`aws`, `aws-cn`, `aws-us-gov`…; a literal or a Terraform reference). @default 'aws' */
  readonly partition?: string;
  /** A hub's collector invocations per tick (1 to 40); more than one: a Map state over the shards in each branch. @default 1 */
  readonly shards?: number;
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

/** Name of the Pass state that lists a tick's shard indexes for its Map state, e.g. `Shards at 05s`. */
export function shardsStateName(offsetSeconds: number): string {
  return `Shards at ${pad(offsetSeconds)}s`;
}

/** Name of the Task state inside a tick's Map state: one shard's invocation (state names are unique in a whole definition). */
export function shardTaskName(offsetSeconds: number): string {
  return `Collect shard at ${pad(offsetSeconds)}s`;
}

/** The retries of every collector Task: the Lambda service's errors, and a publish some datums of which were refused. */
function collectorRetries(): State[] {
  return [
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
  ];
}

/** The Task that invokes the collector with `payload`, in the pipeline's partition. */
function collectorTask(options: StateMachineDefinitionOptions, payload: TickPayloadParameters | ShardTickPayloadParameters): State {
  return {
    Type: 'Task',
    // The service integration lives in the pipeline's partition: China and GovCloud have their own.
    Resource: `arn:${options.partition ?? 'aws'}:states:::lambda:invoke`,
    Parameters: { FunctionName: options.collectorArn, Payload: payload },
    Retry: collectorRetries(),
  };
}

const tickOf = (options: StateMachineDefinitionOptions, offsetSeconds: number): TickPayloadParameters['tick'] => ({
  intervalSeconds: options.intervalSeconds,
  offsetSeconds,
  'executionStartTime.$': '$$.Execution.StartTime',
});

/**
 * A tick of `shards` invocations: a Pass state adds the shard indexes beside the execution input,
 * then an inline Map state runs one Task per index, all at once. A shard that fails is recorded, not
 * thrown, so the other shards still publish; the tick's result says whether any failed, and each
 * shard's error, like an unsharded tick's.
 */
function shardedCollect(offsetSeconds: number, options: StateMachineDefinitionOptions, shards: number, skipped: string): Record<string, State> {
  const task = shardTaskName(offsetSeconds);
  const failed = `Shard at ${pad(offsetSeconds)}s failed`;
  return {
    [shardsStateName(offsetSeconds)]: {
      Type: 'Pass',
      Parameters: { 'input.$': '$', indexes: Array.from({ length: shards }, (_, i) => i) },
      Next: collectStateName(offsetSeconds),
    },
    [collectStateName(offsetSeconds)]: {
      Type: 'Map',
      ItemsPath: '$.indexes',
      ItemSelector: { 'input.$': '$.input', 'index.$': '$$.Map.Item.Value' },
      // Every shard at once: the tick's time is its slowest shard's.
      MaxConcurrency: shards,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: task,
        States: {
          [task]: {
            ...collectorTask(options, {
              'input.$': '$.input',
              tick: tickOf(options, offsetSeconds),
              shard: { 'index.$': '$.index', count: shards },
            } satisfies ShardTickPayloadParameters),
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: failed }],
            // The Map's results are in index order: a published shard needs no more than this.
            ResultSelector: { shardFailed: false },
            End: true,
          },
          [failed]: { Type: 'Pass', Parameters: { shardFailed: true, 'index.$': '$.index', 'error.$': '$.error' }, End: true },
        },
      },
      ResultSelector: { 'tickFailed.$': 'States.ArrayContains($[*].shardFailed, true)', offsetSeconds, 'shards.$': '$' },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: skipped }],
      End: true,
    },
  };
}

function tickBranch(offsetSeconds: number, options: StateMachineDefinitionOptions): State {
  const collect = collectStateName(offsetSeconds);
  const skipped = `Tick ${pad(offsetSeconds)}s failed`;
  const shards = options.shards ?? 1;
  const first = shards > 1 ? shardsStateName(offsetSeconds) : collect;
  const states: Record<string, State> = {};
  // A zero-second Wait is not valid ASL; the first tick runs at once, as in the blog.
  if (offsetSeconds > 0) {
    states[waitStateName(offsetSeconds)] = { Type: 'Wait', Seconds: offsetSeconds, Next: first };
  }
  if (shards > 1) {
    Object.assign(states, shardedCollect(offsetSeconds, options, shards, skipped));
    states[skipped] = { Type: 'Pass', Parameters: { tickFailed: true, offsetSeconds, 'error.$': '$.error' }, End: true };
    return { StartAt: offsetSeconds > 0 ? waitStateName(offsetSeconds) : first, States: states };
  }
  states[collect] = {
    ...collectorTask(options, { 'input.$': '$', tick: tickOf(options, offsetSeconds) } satisfies TickPayloadParameters),
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
  if (options.shards !== undefined && shardCountProblem(options.shards)) throw new Error(`shards: ${shardCountProblem(options.shards)}`);
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
