/**
 * Starts one execution of a deployed state machine with the input its trigger really carries,
 * and waits for it. EventBridge Scheduler fills in the scheduled time; here it is the start of
 * the current minute, as when the every-minute schedule fires.
 */
import { SCHEDULED_TIME_PLACEHOLDER } from '../../../modules/contract/collector-event';
import type { DeployedPipeline } from './deployment';
import { sfnCall } from './moto-client';

export interface ExecutionOutcome {
  readonly executionArn: string;
  readonly status: string;
  /** The input the execution got (the trigger's, with the scheduled time filled in). */
  readonly input: Record<string, unknown>;
  /** The first tick: the scheduled minute, or for a rule the start time floored to the minute. */
  readonly firstTick: Date;
  readonly output?: string;
  readonly error?: string;
}

/** The trigger's input as the trigger would send it at `firedAt`. */
export function triggerInput(pipeline: DeployedPipeline, firedAt: Date): string {
  return pipeline.trigger.input.split(JSON.stringify(SCHEDULED_TIME_PLACEHOLDER)).join(JSON.stringify(firedAt.toISOString()));
}

const minuteOf = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000);

export async function runOneExecution(endpoint: string, pipeline: DeployedPipeline, timeoutMs = 240_000): Promise<ExecutionOutcome> {
  const target = { endpoint, region: pipeline.region, account: pipeline.account };
  const input = triggerInput(pipeline, minuteOf(Date.now()));
  const { executionArn, startDate } = await sfnCall<{ executionArn: string; startDate: number }>(target, 'StartExecution', {
    stateMachineArn: pipeline.stateMachineArn,
    // A name of its own: moto names every unnamed execution "None", so a second one would clash.
    name: `emulator-${Date.now()}`,
    input,
  });
  const parsed = JSON.parse(input) as Record<string, unknown>;
  // The collector's contract: tick k is the scheduled time (a rule has none: the execution start)
  // floored to the minute, plus k intervals.
  const firstTick = typeof parsed.scheduledTime === 'string' ? minuteOf(Date.parse(parsed.scheduledTime)) : minuteOf(startDate * 1000);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await sfnCall<{ status: string; output?: string; error?: string; cause?: string }>(target, 'DescribeExecution', {
      executionArn,
    });
    if (described.status !== 'RUNNING') {
      return {
        executionArn,
        status: described.status,
        input: parsed,
        firstTick,
        output: described.output,
        error: described.error ? `${described.error}: ${described.cause ?? ''}` : undefined,
      };
    }
    if (Date.now() > deadline) throw new Error(`execution ${executionArn} still RUNNING after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}
