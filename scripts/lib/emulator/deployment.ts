/**
 * What a stack deployed, read from its Terraform state by resource type (not by output name, so
 * renamed outputs change nothing): the collector function, the state machine and its ticks, and
 * the input the schedule or rule really gives each execution.
 */
import * as path from 'node:path';
import type { DeployedFunction } from './lambda-runner';
import { resourcesOfType, type StateResource } from './terraform-stack';

/** The trigger of a pipeline as deployed. */
export interface DeployedTrigger {
  readonly kind: 'schedule' | 'rule';
  readonly stateMachineArn: string;
  /** The constant input the trigger sends, as deployed (a JSON text). */
  readonly input: string;
}

/** One deployed pipeline: its collector, state machine, ticks and trigger. */
export interface DeployedPipeline {
  readonly account: string;
  readonly region: string;
  readonly collector: DeployedFunction;
  readonly stateMachineArn: string;
  /** Seconds between ticks and the offset of each tick within the minute, from the definition. */
  readonly intervalSeconds: number;
  readonly tickOffsets: readonly number[];
  readonly trigger: DeployedTrigger;
}

/** Parts of an ARN: arn:aws:<service>:<region>:<account>:… */
export function arnParts(arn: string): { region: string; account: string } {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') throw new Error(`not an ARN: ${arn}`);
  return { region: parts[3], account: parts[4] };
}

function only(state: readonly StateResource[], type: string): StateResource {
  const found = resourcesOfType(state, type);
  if (found.length !== 1) throw new Error(`expected one ${type} in the state, found ${found.length}`);
  return found[0];
}

const str = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new Error(`${what} is not a string in the state: ${JSON.stringify(value)}`);
  return value;
};

/** A function as deployed (its state values); `workDir` is the stack's work copy (its filename is relative to it). */
function functionOf(values: Record<string, unknown>, workDir: string): DeployedFunction {
  const arn = str(values.arn, 'aws_lambda_function.arn');
  const environment = (values.environment as Array<{ variables?: Record<string, string> }> | undefined)?.[0]?.variables ?? {};
  return {
    arn,
    region: arnParts(arn).region,
    zipFile: path.resolve(workDir, str(values.filename, 'aws_lambda_function.filename')),
    handler: str(values.handler, 'aws_lambda_function.handler'),
    timeoutSeconds: Number(values.timeout),
    memoryMb: Number(values.memory_size),
    environment,
    roleArn: str(values.role, 'aws_lambda_function.role'),
  };
}

/** Every function of the stack as deployed (a hub with an organization has two: the collector and the discovery). */
export function deployedFunctions(state: readonly StateResource[], workDir: string): DeployedFunction[] {
  return resourcesOfType(state, 'aws_lambda_function').map((r) => functionOf(r.values, workDir));
}

/**
 * The collector as deployed: the stack's one function, or with several the one the state machine's
 * definition invokes (`definition`).
 */
export function deployedFunction(state: readonly StateResource[], workDir: string, definition?: string): DeployedFunction {
  const functions = resourcesOfType(state, 'aws_lambda_function');
  const invoked = functions.length > 1 && definition !== undefined ? functions.filter((f) => definition.includes(String(f.values.arn))) : functions;
  if (invoked.length !== 1) {
    const which = functions.length > 1 && definition !== undefined ? ' the state machine invokes' : '';
    throw new Error(`expected one aws_lambda_function${which} in the state, found ${invoked.length}`);
  }
  return functionOf(invoked[0].values, workDir);
}

/** Every `tick` payload of the definition's Task states: the interval and the offset of each. */
export function definitionTicks(definition: string): { intervalSeconds: number; tickOffsets: number[] } {
  const ticks: Array<{ intervalSeconds: number; offsetSeconds: number }> = [];
  const visit = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const tick = record.tick as Record<string, unknown> | undefined;
    if (tick && typeof tick.intervalSeconds === 'number' && typeof tick.offsetSeconds === 'number') {
      ticks.push({ intervalSeconds: tick.intervalSeconds, offsetSeconds: tick.offsetSeconds });
    }
    Object.values(record).forEach(visit);
  };
  visit(JSON.parse(definition));
  const intervals = new Set(ticks.map((t) => t.intervalSeconds));
  if (intervals.size !== 1) throw new Error(`the definition's ticks have ${intervals.size} intervals: ${[...intervals].join(', ')}`);
  return { intervalSeconds: [...intervals][0], tickOffsets: ticks.map((t) => t.offsetSeconds).sort((a, b) => a - b) };
}

/** Every schedule of the stack: its name, the ARN it targets, and the input it sends (a JSON text). */
export function deployedSchedules(state: readonly StateResource[]): Array<{ readonly name: string; readonly targetArn: string; readonly input: string }> {
  return resourcesOfType(state, 'aws_scheduler_schedule').map(({ values }) => {
    const target = (values.target as Array<Record<string, unknown>>)[0];
    return { name: str(values.name, 'schedule name'), targetArn: str(target.arn, 'schedule target arn'), input: str(target.input, 'schedule target input') };
  });
}

/**
 * The schedule's or the rule target's input and the state machine it starts; with
 * `stateMachineArn`, only triggers of that state machine count (a hub's discovery has its own schedule).
 */
export function deployedTrigger(state: readonly StateResource[], stateMachineArn?: string): DeployedTrigger {
  const starts = (arn: unknown) => stateMachineArn === undefined || arn === stateMachineArn;
  const schedules = resourcesOfType(state, 'aws_scheduler_schedule').filter((s) => starts((s.values.target as Array<Record<string, unknown>>)[0]?.arn));
  const targets = resourcesOfType(state, 'aws_cloudwatch_event_target').filter((t) => starts(t.values.arn));
  if (schedules.length + targets.length !== 1) {
    throw new Error(`expected one schedule or rule target in the state, found ${schedules.length} and ${targets.length}`);
  }
  if (schedules.length === 1) {
    const target = (schedules[0].values.target as Array<Record<string, unknown>>)[0];
    return { kind: 'schedule', stateMachineArn: str(target.arn, 'schedule target arn'), input: str(target.input, 'schedule target input') };
  }
  const { values } = targets[0];
  return { kind: 'rule', stateMachineArn: str(values.arn, 'rule target arn'), input: str(values.input, 'rule target input') };
}

export function deployedPipeline(state: readonly StateResource[], workDir: string): DeployedPipeline {
  const machine = only(state, 'aws_sfn_state_machine').values;
  const stateMachineArn = str(machine.arn, 'aws_sfn_state_machine.arn');
  const definition = str(machine.definition, 'aws_sfn_state_machine.definition');
  // The trigger that starts this state machine (none starting it: "found 0 and 0").
  const trigger = deployedTrigger(state, stateMachineArn);
  return {
    ...arnParts(stateMachineArn),
    collector: deployedFunction(state, workDir, definition),
    stateMachineArn,
    ...definitionTicks(definition),
    trigger,
  };
}
