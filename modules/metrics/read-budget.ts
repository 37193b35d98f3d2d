/**
 * ECS's read throttle, per account-region (API_LIMITS: about 20 calls a second, burst 50), against
 * the calls one tick of the collector makes there: ceil(clusters / 100) DescribeClusters, and
 * where services are collected ceil(services / 10) DescribeServices per cluster, plus
 * ceil(services / 100) ListServices per "*" cluster when its list is not cached (once a minute,
 * SERVICE_LIST_TTL_MS). The fleet-health series add no call: they are computed from these answers.
 * Pure, so a test can say where a pipeline's (or a hub target's) load would be throttled, and the
 * constructs warn at synth (pipeline/service-reads.ts) when a service cadence would be.
 */
import { API_LIMITS } from './catalog';

/** One account-region's load: its clusters, and per cluster whose services are collected, how many, and whether listed ("*"). */
export interface AccountRegionReadLoad {
  readonly clusters: number;
  readonly collectedServices: ReadonlyArray<{ readonly services: number; readonly listed: boolean }>;
}

export interface EcsReadCalls {
  readonly DescribeClusters: number;
  readonly ListServices: number;
  readonly DescribeServices: number;
  readonly total: number;
}

/** The ECS read calls of one tick; `listing`: the "*" clusters' service lists are not cached (a cold tick, or once a minute). */
export function ecsReadCallsPerTick(load: AccountRegionReadLoad, listing: boolean): EcsReadCalls {
  const DescribeClusters = Math.ceil(load.clusters / API_LIMITS.describeClustersBatch);
  const ListServices = listing
    ? load.collectedServices.filter((c) => c.listed).reduce((n, c) => n + Math.max(1, Math.ceil(c.services / API_LIMITS.listServicesPage)), 0)
    : 0;
  const DescribeServices = load.collectedServices.reduce((n, c) => n + Math.ceil(c.services / API_LIMITS.describeServicesBatch), 0);
  return { DescribeClusters, ListServices, DescribeServices, total: DescribeClusters + ListServices + DescribeServices };
}

/**
 * The calls a tick may make without being throttled, ticks `intervalSeconds` apart: the throttle's
 * bucket refills ecsReadCallsPerSecond between two ticks and holds at most ecsReadBurst, and a
 * tick sends its calls at once (MAX_IN_FLIGHT at a time, a few tens of milliseconds each).
 */
export function ecsReadCallsAllowedPerTick(intervalSeconds: number): number {
  return Math.min(API_LIMITS.ecsReadBurst, API_LIMITS.ecsReadCallsPerSecond * intervalSeconds);
}

/**
 * The calls a service tick may make, service ticks `serviceIntervalSeconds` apart and the ticks
 * between them making `clusterCallsPerTick` DescribeClusters each: what the bucket refills over
 * the service interval less what those ticks spend, at most the burst (a tick sends its calls at
 * once). With `serviceIntervalSeconds` = `intervalSeconds`, ecsReadCallsAllowedPerTick.
 */
export function ecsReadCallsAllowedPerServiceTick(intervalSeconds: number, serviceIntervalSeconds: number, clusterCallsPerTick: number): number {
  const otherTicks = serviceIntervalSeconds / intervalSeconds - 1;
  return Math.min(API_LIMITS.ecsReadBurst, API_LIMITS.ecsReadCallsPerSecond * serviceIntervalSeconds - otherTicks * clusterCallsPerTick);
}

/** The load of one account-region at a service cadence: the calls of a service tick (cold: the "*" lists read), and what it may make. */
export interface ServiceReadBudget {
  /** Services collected in the account-region. */
  readonly services: number;
  readonly calls: EcsReadCalls;
  /** The calls a service tick may make at this cadence. */
  readonly allowed: number;
  /** ECS read calls a second over one service interval (the service tick's and the other ticks' DescribeClusters). */
  readonly callsPerSecond: number;
}

export function serviceReadBudget(load: AccountRegionReadLoad, intervalSeconds: number, serviceIntervalSeconds: number): ServiceReadBudget {
  const calls = ecsReadCallsPerTick(load, true);
  const otherTicks = serviceIntervalSeconds / intervalSeconds - 1;
  return {
    services: load.collectedServices.reduce((n, c) => n + c.services, 0),
    calls,
    allowed: ecsReadCallsAllowedPerServiceTick(intervalSeconds, serviceIntervalSeconds, calls.DescribeClusters),
    callsPerSecond: (calls.total + otherTicks * calls.DescribeClusters) / serviceIntervalSeconds,
  };
}
