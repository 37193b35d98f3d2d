/**
 * The collector Lambda: publishes the ECS counts of every listed cluster (and of the services
 * it names) of its account-region to CloudWatch at 1-second resolution, for one tick.
 */
import { setMaxListeners } from 'node:events';
import { Deadlines, MAX_IN_FLIGHT } from './aws-calls';
import { collect, CollectSummary, PublishError } from './collect';
import { createClients } from './clients';
import { placeOfFunction } from './cluster-references';
import { parseEvent } from './event';
import { ServiceListCache } from './service-list-cache';
import { summaryLine } from './summary-line';

// Created once per container: warm invocations reuse the clients, their connections and the service lists.
export const clients = createClients();
export const serviceLists = new ServiceListCache();

/** Time kept back from the Lambda timeout to log the summary and return the error. */
export const DEADLINE_RESERVE_MS = 500;

/** The part of the Lambda context the collector uses. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
  /** The function's ARN: where the collector runs. */
  readonly invokedFunctionArn?: string;
}

export async function handler(event: unknown, context?: InvocationContext) {
  const started = Date.now();
  const deadlines = context ? deadlinesOf(context) : undefined;
  let tick: Date | undefined;
  let summary: CollectSummary | undefined;
  try {
    const request = parseEvent(event);
    tick = request.timestamp;
    summary = await collect(request, clients, { serviceLists, deadlines, home: placeOfFunction(context?.invokedFunctionArn) });
    log({ tick, summary, durationMs: Date.now() - started });
    return { ...summary, timestamp: tick.toISOString() };
  } catch (error) {
    if (error instanceof PublishError) summary = error.summary;
    log({ tick, summary, error: error as Error, durationMs: Date.now() - started });
    throw error;
  }
}

/**
 * Milliseconds from now until publishing stops (DEADLINE_RESERVE_MS before the Lambda timeout)
 * and until collecting stops: halfway there, so whatever was collected has time to be published.
 */
export function deadlineBudgets(remainingMs: number): { collectMs: number; publishMs: number } {
  const publishMs = Math.max(0, remainingMs - DEADLINE_RESERVE_MS);
  return { collectMs: Math.floor(publishMs / 2), publishMs };
}

function deadlinesOf(context: InvocationContext): Deadlines {
  const { collectMs, publishMs } = deadlineBudgets(context.getRemainingTimeInMillis());
  const signal = (ms: number) => {
    const deadline = AbortSignal.timeout(ms);
    // Each call in flight listens, and so does the SDK inside it.
    setMaxListeners(2 * MAX_IN_FLIGHT + 1, deadline);
    return deadline;
  };
  return { collect: signal(collectMs), publish: signal(publishMs) };
}

function log(outcome: Parameters<typeof summaryLine>[0]) {
  const { level, line } = summaryLine(outcome);
  console[level](line);
}
