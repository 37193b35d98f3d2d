/**
 * The collector Lambda, one bundle with two entry points (COLLECTOR_HANDLERS):
 *  - `handler`: publishes the ECS counts of every listed (or, with "*", discovered) cluster, and of
 *    the services it names, of its own account-region to CloudWatch at 1-second resolution, for one tick;
 *  - `hubHandler`: the same for every member account-region of the hub's target list, through
 *    each member account's spoke role, published in the hub's account and region;
 *  - `discoveryHandler`: with an organization, finds its account-regions with clusters, on its own schedule.
 */
import { setMaxListeners } from 'node:events';
import { partitionOf } from '../../modules/common/environment';
import { Deadlines, MAX_IN_FLIGHT } from './aws-calls';
import { collect, CollectSummary, PublishError } from './collect';
import { createClients } from './clients';
import { ClusterDiscovery } from './cluster-discovery';
import { placeOfFunction } from './cluster-references';
import { parseEvent } from './event';
import type { HubCollector, HubSummary } from './hub/hub-collector';
import type { Discovery, DiscoverySummary } from './hub/discovery/discovery';
import { parseDiscoveryEvent } from './hub/discovery/discovery-event';
import { parseHubEvent } from './hub/hub-event';
import { ServiceListCache } from './service-list-cache';
import { LISTED_FAILURES, SummaryCounts, summaryLine } from './summary-line';

// Created once per container: warm invocations reuse the clients, their connections, the service and cluster lists.
export const clients = createClients();
export const serviceLists = new ServiceListCache();
export const clusterDiscovery = new ClusterDiscovery();
/**
 * The hub's state (target list, spoke credentials, ECS clients), loaded by the first hub
 * invocation: a per-account-region collector never loads the S3 and STS clients (BENCHMARKS.md).
 */
let hub: Promise<HubCollector> | undefined;
export const hubCollector = () => (hub ??= import('./hub/hub-collector').then((m) => m.createHubCollector(clients.cloudwatch)));

/** Time kept back from the Lambda timeout to log the summary and return the error. */
export const DEADLINE_RESERVE_MS = 500;

/** The part of the Lambda context the collector uses. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
  /** The function's ARN: where the collector runs. */
  readonly invokedFunctionArn?: string;
}

/**
 * One invocation, either topology: the event checked, the tick collected, one summary line
 * logged whether it succeeded or not, and the error rethrown for the state machine.
 */
async function invoke<R extends { readonly timestamp: Date }, S extends SummaryCounts, O>(
  parse: () => R,
  collectTick: (request: R) => Promise<S>,
  report: { readonly result: (summary: S, tick: Date) => O; readonly more?: (summary: S | undefined) => Record<string, unknown> | undefined },
): Promise<O> {
  const started = Date.now();
  let tick: Date | undefined;
  let summary: S | undefined;
  try {
    const request = parse();
    tick = request.timestamp;
    summary = await collectTick(request);
    log({ tick, summary, more: report.more?.(summary), durationMs: Date.now() - started });
    return report.result(summary, tick);
  } catch (error) {
    if (error instanceof PublishError) summary = error.summary as S;
    log({ tick, summary, more: report.more?.(summary), error: error as Error, durationMs: Date.now() - started });
    throw error;
  }
}

export async function handler(event: unknown, context?: InvocationContext) {
  const deadlines = context ? deadlinesOf(context, ACCOUNT_REGION_LISTENERS) : undefined;
  const home = placeOfFunction(context?.invokedFunctionArn);
  return invoke(
    () => parseEvent(event),
    (request) => collect(request, clients, { serviceLists, deadlines, home, discovery: clusterDiscovery }),
    { result: (summary: CollectSummary, tick) => ({ ...summary, timestamp: tick.toISOString() }) },
  );
}

/** The hub's summary as the state machine gets it: counts only, so 1,000 account-regions stay far below 256 KiB. */
function hubResult(summary: HubSummary, tick: Date) {
  const { skipped, lost, lostAccountRegions, discovered: _discovered, ...counts } = summary;
  return { ...counts, skipped: skipped.length, lost: lost.length, lostAccountRegions: lostAccountRegions.length, timestamp: tick.toISOString() };
}

/** What the line says of the discovered object: a missing one means the listed targets only were collected. */
function discoveredLineField(discovered: NonNullable<HubSummary['discovered']>) {
  if (discovered.source === 'missing') return { ...discovered, note: 'no discovered object yet (the discovery has not run): the listed targets only' };
  return discovered;
}

/** The hub's fields of the summary line: the account-regions, those that lost datums listed up to LISTED_FAILURES. */
function hubLineFields(summary: HubSummary | undefined) {
  if (!summary) return undefined;
  return {
    accountRegions: summary.accountRegions,
    lostAccountRegions: summary.lostAccountRegions.length,
    ...(summary.lostAccountRegions.length > 0 ? { lostAccountRegionNames: summary.lostAccountRegions.slice(0, LISTED_FAILURES) } : {}),
    ...(summary.discovered ? { discovered: discoveredLineField(summary.discovered) } : {}),
  };
}

export async function hubHandler(event: unknown, context?: InvocationContext) {
  return handleHubEvent(await hubCollector(), event, context);
}

/** One hub invocation with a given container state (`hub` in Lambda; a fresh one per test). */
export async function handleHubEvent(collector: HubCollector, event: unknown, context?: InvocationContext) {
  const deadlines = context ? deadlinesOf(context, collector.collectListeners) : undefined;
  // The spoke roles are in the partition the hub runs in; the target list's bucket is in its account.
  const home = placeOfFunction(context?.invokedFunctionArn);
  const partition = home?.partition ?? partitionOf(process.env.AWS_REGION ?? '');
  return invoke(
    () => parseHubEvent(event),
    (request) => collector.collect(request, { partition, account: home?.account, deadlines }),
    { result: hubResult, more: hubLineFields },
  );
}

/** The discovery's state (clients, credentials, the target list), loaded by its first invocation only. */
let discovery: Promise<Discovery> | undefined;
export const discoveryRunner = () =>
  (discovery ??= Promise.all([import('./hub/discovery/discovery'), import('./hub/discovery/discovery-clients')]).then(
    ([d, c]) => new d.Discovery(c.createDiscoveryClients(process.env.AWS_REGION)),
  ));

/**
 * The discovery of an organization's account-regions with clusters (DiscoveryInput), on its own
 * schedule every minute: one summary line logged whether it succeeded or not.
 */
export async function discoveryHandler(event: unknown, context?: InvocationContext) {
  return handleDiscoveryEvent(await discoveryRunner(), event, context);
}

/** One discovery invocation with a given container state (`discovery` in Lambda; a fresh one per test). */
export async function handleDiscoveryEvent(runner: Discovery, event: unknown, context?: InvocationContext) {
  const started = Date.now();
  const home = placeOfFunction(context?.invokedFunctionArn);
  const region = home?.region ?? process.env.AWS_REGION ?? '';
  const partition = home?.partition ?? partitionOf(region);
  const budgetMs = context ? deadlineBudgets(context.getRemainingTimeInMillis()).collectMs : undefined;
  try {
    const input = parseDiscoveryEvent(event);
    const summary = await runner.run(input, { partition, region, owner: home?.account, budgetMs });
    console[summary.failureCount > 0 ? 'warn' : 'info'](discoveryLine(summary, Date.now() - started));
    return summary;
  } catch (error) {
    const summary = (error as { summary?: DiscoverySummary }).summary;
    console.error({
      ...discoveryLine(summary, Date.now() - started),
      event: 'discovery failed',
      error: `${(error as Error).name}: ${(error as Error).message}`,
    });
    throw error;
  }
}

function discoveryLine(summary: DiscoverySummary | undefined, durationMs: number): Record<string, unknown> {
  if (!summary) return { event: 'discovered', durationMs };
  const { failures, ...counts } = summary;
  return { event: 'discovered', ...counts, durationMs, ...(failures.length > 0 ? { failures } : {}) };
}

/** Listeners of a deadline: each call in flight listens, and so does the SDK inside it. */
const ACCOUNT_REGION_LISTENERS = 2 * MAX_IN_FLIGHT + 1;

/**
 * Milliseconds from now until publishing stops (DEADLINE_RESERVE_MS before the Lambda timeout)
 * and until collecting stops: halfway there, so whatever was collected has time to be published.
 */
export function deadlineBudgets(remainingMs: number): { collectMs: number; publishMs: number } {
  const publishMs = Math.max(0, remainingMs - DEADLINE_RESERVE_MS);
  return { collectMs: Math.floor(publishMs / 2), publishMs };
}

function deadlinesOf(context: InvocationContext, collectListeners: number): Deadlines {
  const { collectMs, publishMs } = deadlineBudgets(context.getRemainingTimeInMillis());
  const signal = (ms: number, listeners: number) => {
    const deadline = AbortSignal.timeout(ms);
    setMaxListeners(listeners, deadline);
    return deadline;
  };
  return { collect: signal(collectMs, collectListeners), publish: signal(publishMs, ACCOUNT_REGION_LISTENERS) };
}

function log(outcome: Parameters<typeof summaryLine>[0]) {
  const { level, line } = summaryLine(outcome);
  console[level](line);
}
