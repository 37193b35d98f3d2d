/**
 * The events the collector accepts, checked before anything is called:
 *  - from the state machine: `{ input: <execution input>, tick: { intervalSeconds, offsetSeconds, executionStartTime } }`
 *  - the execution input itself, invoked directly: `{ clusters: [...] | "*", namespace?, metrics?, services?, scheduledTime? }`
 *  - the blog's own input: `{ ECSClusterName: "name" }`
 * The envelope, namespace, metric and tick checks are shared with the hub's event (hub/hub-event.ts).
 */
import { AnyMetricDefinition, DEFAULT_METRICS, DEFAULT_NAMESPACE, metricDefinition } from '../../modules/metrics/catalog';
import { metricListProblems, metricSelectionProblems, ServiceSelection, serviceSelectionProblems } from '../../modules/common/rules';
import type { CollectorInput, FleetHealthInput, TickPayload } from '../../modules/contract/collector-event';
import { describeProblem, problemsAt } from '../../modules/common/errors';
import { isObject } from '../../modules/common/values';
import { CLUSTER_REFERENCE_HINT, clusterReference } from './cluster-references';

/** What one invocation must do. */
export interface CollectRequest {
  /** Cluster names or ARNs, or "*": every cluster of the account-region, listed with ListClusters. */
  readonly clusters: readonly string[] | '*';
  readonly namespace: string;
  /** Timestamp of every datum: the tick this invocation belongs to. */
  readonly timestamp: Date;
  /** The metrics to publish this tick, in the order given (without the services' on a tick that does not read them). */
  readonly metrics: readonly AnyMetricDefinition[];
  /** Per cluster, the services whose counts to publish (a list, or '*' for all). */
  readonly services: ServiceSelection;
  /** Where the fleet-health series go; absent (an older stack's input): none is published. */
  readonly health?: FleetHealthInput;
}

/** An event the collector cannot act on; nothing is published. */
export class MalformedEventError extends Error {
  constructor(problem: string) {
    super(`Malformed event: ${problem}`);
    this.name = 'MalformedEventError';
  }
}

function clustersOf(input: Record<string, unknown>): string[] | '*' {
  if ('ECSClusterName' in input && !('clusters' in input)) {
    const name = input.ECSClusterName;
    if (typeof name !== 'string' || name === '') throw new MalformedEventError('ECSClusterName must be a non-empty string');
    if (!clusterReference(name)) throw new MalformedEventError(`ECSClusterName: ${JSON.stringify(name)} is neither ${CLUSTER_REFERENCE_HINT}`);
    return [name];
  }
  const clusters = input.clusters;
  if (clusters === '*') return '*';
  if (!Array.isArray(clusters)) {
    throw new MalformedEventError(
      `expected "clusters" (an array of ECS cluster names) or "ECSClusterName" (a string); "clusters": "*" collects every cluster; got clusters ${JSON.stringify(clusters)}`,
    );
  }
  if (clusters.length === 0) throw new MalformedEventError('"clusters" is empty: list at least one ECS cluster name');
  clusters.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') {
      throw new MalformedEventError(`clusters[${i}] must be a non-empty string, got ${JSON.stringify(name)}`);
    }
    // One bad entry would make ECS refuse the whole chunk of 100 it is sent in, every tick.
    if (!clusterReference(name)) throw new MalformedEventError(`clusters[${i}]: ${JSON.stringify(name)} is neither ${CLUSTER_REFERENCE_HINT}`);
  });
  return [...new Set(clusters as string[])];
}

/** One execution of the state machine covers one minute of ticks. */
const MINUTE_MS = 60_000;

function parseTime(value: unknown, field: string): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new MalformedEventError(`${field} must be an ISO 8601 time, got ${JSON.stringify(value)}`);
  return ms;
}

/**
 * The tick's timestamp: the minute of the execution (the scheduled time, or without one the
 * execution start, floored to the minute) plus the branch offset. Every execution is one minute
 * of ticks and starts some time after its minute: floored to the interval instead, a start delay
 * across an interval boundary would shift the whole minute by a bucket, publishing one tick twice
 * and missing another. Floored to the minute, ticks stay unique for any start delay under a
 * minute. Unix time starts on a minute boundary and every allowed interval divides 60, so the
 * ticks are the interval's wall-clock buckets (:00, :05 …). The event, not the clock, decides
 * it: every retry of a tick computes the same instant, so a repeated invocation publishes the
 * same datum again rather than a second one.
 */
export function tickTimestamp(input: Record<string, unknown>, tick: unknown): Date {
  if (!isObject(tick)) throw new MalformedEventError('"tick" must be an object');
  const { intervalSeconds, offsetSeconds } = tick;
  if (typeof intervalSeconds !== 'number' || !(intervalSeconds > 0) || 60 % intervalSeconds !== 0) {
    throw new MalformedEventError(`tick.intervalSeconds must divide 60, got ${JSON.stringify(intervalSeconds)}`);
  }
  if (typeof offsetSeconds !== 'number' || offsetSeconds < 0 || offsetSeconds % intervalSeconds !== 0) {
    throw new MalformedEventError(`tick.offsetSeconds must be a multiple of the interval, got ${JSON.stringify(offsetSeconds)}`);
  }
  const base =
    input.scheduledTime !== undefined
      ? parseTime(input['scheduledTime' satisfies keyof CollectorInput], 'scheduledTime')
      : parseTime(tick.executionStartTime, 'tick.executionStartTime');
  return new Date(Math.floor(base / MINUTE_MS) * MINUTE_MS + offsetSeconds * 1000);
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The metric names of the input (the blog's four without any), checked against the catalog. */
export function metricNamesOf(input: Record<string, unknown>): string[] {
  const metrics = input.metrics ?? DEFAULT_METRICS;
  if (!isStringArray(metrics)) {
    throw new MalformedEventError(`"metrics" must be an array of metric names, got ${JSON.stringify(metrics)}`);
  }
  const problems = problemsAt(['metrics'], metricListProblems(metrics)).map(describeProblem);
  if (problems.length > 0) throw new MalformedEventError(problems.join('; '));
  return metrics;
}

function servicesOf(input: Record<string, unknown>): ServiceSelection {
  const services = input.services ?? {};
  const wellTyped = isObject(services) && Object.values(services).every((selected) => selected === '*' || isStringArray(selected));
  if (!wellTyped) {
    throw new MalformedEventError(`"services" must map cluster names to lists of service names or "*", got ${JSON.stringify(services)}`);
  }
  const selection = services as ServiceSelection;
  const problems = problemsAt(['services'], serviceSelectionProblems(selection)).map(describeProblem);
  if (problems.length > 0) throw new MalformedEventError(problems.join('; '));
  return selection;
}

/** CloudWatch's longest dimension value. */
const DIMENSION_VALUE_CHARS = 1024;

/** The input's `health` (`{ "pipeline": "<name>" }`), or undefined when it has none (inputs of older stacks). */
export function healthOf(input: Record<string, unknown>): FleetHealthInput | undefined {
  const health = input['health' satisfies keyof CollectorInput];
  if (health === undefined) return undefined;
  const pipeline = isObject(health) ? health.pipeline : undefined;
  if (typeof pipeline !== 'string' || pipeline === '' || pipeline.length > DIMENSION_VALUE_CHARS) {
    throw new MalformedEventError(
      `health must be { "pipeline": "<pipeline name>" } (the Pipeline dimension of the fleet-health series, 1 to 1,024 characters), got ${JSON.stringify(health)}; the construct writes it: redeploy the stack`,
    );
  }
  return { pipeline };
}

/** An event opened: the execution input, and the tick when the state machine sent it. */
export interface Envelope {
  readonly input: Record<string, unknown>;
  /** Present when the state machine sent the event (`{ input, tick }`); absent when the input was invoked directly. */
  readonly tick?: unknown;
  readonly fromStateMachine: boolean;
}

/** The execution input of an event, from the state machine (`{ input, tick }`) or invoked directly. */
export function openEnvelope(event: unknown): Envelope {
  if (!isObject(event)) throw new MalformedEventError(`expected a JSON object, got ${JSON.stringify(event)}`);
  const fromStateMachine = ('tick' satisfies keyof TickPayload) in event;
  const input = fromStateMachine ? event.input : event;
  if (!isObject(input)) throw new MalformedEventError('"input" must be the execution input object');
  return { input, tick: event.tick, fromStateMachine };
}

/** The namespace of every datum: the input's, or the blog's `ECS`. */
export function namespaceOf(input: Record<string, unknown>): string {
  const namespace = input.namespace ?? DEFAULT_NAMESPACE;
  if (typeof namespace !== 'string' || namespace === '') {
    throw new MalformedEventError(`namespace must be a non-empty string, got ${JSON.stringify(namespace)}`);
  }
  return namespace;
}

/** The tick's timestamp from the state machine; a direct invocation is stamped `now`, to the second. */
export function timestampOf(envelope: Envelope, now: () => number): Date {
  return envelope.fromStateMachine ? tickTimestamp(envelope.input, envelope.tick) : new Date(Math.floor(now() / 1000) * 1000);
}

/**
 * The metrics of this tick: without the services' (and so without the service fleet-health
 * series) on a tick that does not read services, one whose offset in the minute is not a
 * multiple of the input's `serviceIntervalSeconds`. A direct invocation, or an input without
 * it, reads services every time.
 */
export function metricsOfTick(envelope: Envelope, metrics: readonly AnyMetricDefinition[]): AnyMetricDefinition[] {
  const serviceInterval = envelope.input['serviceIntervalSeconds' satisfies keyof CollectorInput];
  if (serviceInterval === undefined) return [...metrics];
  if (typeof serviceInterval !== 'number' || !Number.isInteger(serviceInterval) || serviceInterval <= 0 || 60 % serviceInterval !== 0) {
    throw new MalformedEventError(
      `serviceIntervalSeconds must be a whole number of seconds that divides 60, got ${JSON.stringify(serviceInterval)}; the construct writes it: redeploy the stack`,
    );
  }
  if (!envelope.fromStateMachine || !isObject(envelope.tick)) return [...metrics];
  const { intervalSeconds, offsetSeconds } = envelope.tick as Record<string, number>;
  if (serviceInterval % intervalSeconds !== 0) {
    throw new MalformedEventError(
      `serviceIntervalSeconds (${serviceInterval}) must be a multiple of tick.intervalSeconds (${intervalSeconds}); the construct writes both: redeploy the stack`,
    );
  }
  return offsetSeconds % serviceInterval === 0 ? [...metrics] : metrics.filter((m) => m.source !== 'service');
}

/** Checks an event and says what to do; `now` stamps direct invocations, to the second. */
export function parseEvent(event: unknown, now: () => number = Date.now): CollectRequest {
  const envelope = openEnvelope(event);
  const { input } = envelope;
  const namespace = namespaceOf(input);
  const clusters = clustersOf(input);
  const metrics = metricNamesOf(input);
  const services = servicesOf(input);
  // Services are selected by cluster name, also for a cluster listed by ARN; with "*", any cluster found may be named.
  const clusterNames = clusters === '*' ? Object.keys(services) : clusters.map((entry) => clusterReference(entry)!.name);
  const misfits = metricSelectionProblems({ clusters: clusterNames, metrics, services }).map(describeProblem);
  if (misfits.length > 0) throw new MalformedEventError(misfits.join('; '));
  const timestamp = timestampOf(envelope, now);
  const health = healthOf(input);
  const ofTick = metricsOfTick(
    envelope,
    metrics.map((name) => metricDefinition(name)!),
  );
  return { clusters, namespace, timestamp, metrics: ofTick, services, ...(health ? { health } : {}) };
}
