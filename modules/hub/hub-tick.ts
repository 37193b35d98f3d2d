/**
 * The hub collector's tick, modelled: the AWS calls it makes (by API, cold or warm), how long
 * they take at an assumed latency per call with the collector's concurrency, and the memory it
 * needs. One model for every use: the hub's default timeout and memory (hub-settings.ts), the
 * synth-time refusal of a hub whose tick cannot finish (hub-problems.ts), `npm run cost` (its
 * run time and memory advice) and `npm run bench` (the calls a tick must make at least). Pure.
 */
import { assumeRolePaceOf, putMetricDataInFlightOf, SHARD_LIMITS, shardHashOf } from '../contract/hub-shards';
import type { TargetListEntry } from '../contract/hub-target-list';
import { AWS_REGIONS } from '../common/regions';
import { API_LIMITS, fleetHealthMetricsPublished, metricDefinition } from '../metrics/catalog';
import { ASSUMED_DISCOVERED_CLUSTERS, ASSUMED_SERVICES_PER_WILDCARD_CLUSTER } from '../monitoring/watched-places';
import { COLLECTOR_RUN, collectorCpuMs, collectorDeadlinesMs } from '../pipeline/for-hub';

/** What the model cannot know and assumes; each is a hub setting of the same name. */
export interface HubTickAssumptions {
  /** Milliseconds of one AWS call (S3, STS, ECS, CloudWatch) from the hub, round trip. */
  readonly assumedCallLatencyMs: number;
  /** Clusters of an account-region whose clusters are "*" (found at run time). */
  readonly assumedClustersPerDiscoveredRegion: number;
  /**
   * With an organization: account-regions with clusters the discovery is assumed to find beside the
   * listed ones, each "*" (assumedClustersPerDiscoveredRegion clusters). Without one, unused.
   */
  readonly assumedDiscoveredAccountRegions: number;
}

/**
 * The organization a hub (and `npm run cost`) assumes when its accounts are found at run time: a
 * mid-sized one, each account with clusters in this many regions.
 */
export const ASSUMED_ORGANIZATION = { accounts: 100, regionsWithClusters: 2 } as const;

export const HUB_TICK_DEFAULTS: HubTickAssumptions = {
  assumedCallLatencyMs: COLLECTOR_RUN.apiRoundTripMs,
  assumedClustersPerDiscoveredRegion: ASSUMED_DISCOVERED_CLUSTERS,
  assumedDiscoveredAccountRegions: ASSUMED_ORGANIZATION.accounts * ASSUMED_ORGANIZATION.regionsWithClusters,
};

/** Where the settings' values may lie: a latency a call can take, a cluster count ECS allows per account-region. */
export const HUB_TICK_BOUNDS = {
  assumedCallLatencyMs: { min: 1, max: 10_000 },
  /** ECS's default quota of clusters per account-region. */
  assumedClustersPerDiscoveredRegion: { min: 1, max: 10_000 },
  /** An organization's default quota is 10 accounts; 100,000 account-regions bounds what one hub (40 shards) is modelled for. */
  assumedDiscoveredAccountRegions: { min: 1, max: 100_000 },
} as const;

/** The collector's concurrency (functions/collector/hub: HUB_CONCURRENCY, ASSUME_ROLE_CONCURRENCY, PutMetricData in flight). */
export const HUB_COLLECTOR_CONCURRENCY = {
  accountRegionsInFlight: 50,
  assumeRolesInFlight: 25,
  putMetricDataInFlight: 10,
  /** Requests in flight per service for one account-region (MAX_IN_FLIGHT). */
  callsInFlightPerAccountRegion: 10,
} as const;

/**
 * Memory a hub collector needs besides its CPU share: the runtime with the SDK loaded, a cluster's
 * datums and responses, an account-region's ECS client and credentials. Measured with the hub
 * bench's worker (4 account-regions × 10,000 clusters: 103 MB of heap; 1,000 × 25: 90 MB, of which
 * 17 MB the 1,000 ECS clients) and a 128 MB runtime floor; `headroom` covers the garbage collector's slack.
 */
export const HUB_MEMORY_NEED = { baseMb: 64, kbPerCluster: 2.8, kbPerAccountRegion: 17, headroom: 1.25 } as const;

/** The calls of one tick by API. */
export type HubCallCounts = Readonly<
  Record<'GetObject' | 'AssumeRole' | 'ListClusters' | 'DescribeClusters' | 'ListServices' | 'DescribeServices' | 'PutMetricData', number>
>;

/**
 * cold: the container's first tick (the target list read, every account's role assumed, every
 * "*" account-region listed); listing: a warm tick that lists the "*" account-regions again (one a
 * minute); warm: any other.
 */
export type HubTickKind = 'cold' | 'listing' | 'warm';

export interface HubTickWork {
  readonly accountRegions: number;
  readonly accounts: number;
  /** Account-regions whose clusters are "*". */
  readonly discoveredAccountRegions: number;
  /** Clusters, a "*" account-region counted as assumedClustersPerDiscoveredRegion. */
  readonly clusters: number;
  /** Services with per-service metrics ("*" counted as ASSUMED_SERVICES_PER_WILDCARD_CLUSTER). */
  readonly services: number;
  /** Every datum of the tick: the clusters' and services', and the fleet-health datums. */
  readonly datums: number;
  /**
   * Of those, the fleet-health series of the invocation (modules/metrics/fleet-health.ts): one datum
   * per series, 4 (6 when services are collected) per invocation, so a shard's too; 0 without `fleetHealth`.
   */
  readonly fleetHealthDatums: number;
}

export interface HubTickTime {
  readonly calls: HubCallCounts;
  /** Every call of the tick, summed. */
  readonly totalCalls: number;
  /** Reading the list, assuming roles, listing and describing, with the CPU of building the datums. */
  readonly collectMs: number;
  readonly publishMs: number;
  readonly tickMs: number;
}

export interface HubTickEstimate {
  readonly work: HubTickWork;
  readonly assumptions: HubTickAssumptions;
  readonly memoryMb: number;
  readonly ticks: Readonly<Record<HubTickKind, HubTickTime>>;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/**
 * The account-regions an organization's discovery is assumed to find beside `listed`: `count`
 * entries with clusters "*", ASSUMED_ORGANIZATION.regionsWithClusters per account (IDs from
 * 100000000000 up, skipping listed ones; the first known regions). What the hub is sized for, never written.
 */
export function assumedDiscoveredTargets(count: number, listed: readonly TargetListEntry[]): TargetListEntry[] {
  const taken = new Set(listed.map((t) => t?.account));
  const regions = AWS_REGIONS.slice(0, ASSUMED_ORGANIZATION.regionsWithClusters);
  const targets: TargetListEntry[] = [];
  for (let id = 100_000_000_000; targets.length < count; id++) {
    if (taken.has(String(id))) continue;
    for (const region of regions) if (targets.length < count) targets.push({ account: String(id), region, clusters: '*' });
  }
  return targets;
}

function clustersOf(target: TargetListEntry, assumed: HubTickAssumptions): number {
  return target.clusters === '*' ? assumed.assumedClustersPerDiscoveredRegion : Array.isArray(target.clusters) ? target.clusters.length : 0;
}

/** Per cluster with services, how many: a list's length, or the assumed number for "*". */
function servicesOf(target: TargetListEntry): number[] {
  return Object.values(target.services ?? {}).map((list) => (list === '*' ? ASSUMED_SERVICES_PER_WILDCARD_CLUSTER : list.length));
}

/**
 * Whether the model counts the fleet-health datums when its caller does not say: no, so a caller
 * that does not know the hub's settings keeps its numbers; the hub's own sizing (hub-settings.ts,
 * hub-problems.ts) passes the pipeline's `fleetHealth`, on by default (SETTINGS.fleetHealth).
 */
export const FLEET_HEALTH_UNLESS_TOLD = false;

/**
 * What a tick over `targets` handles, for `metrics` (catalog names; an unknown name counts as a
 * cluster metric), with the invocation's fleet-health datums when `fleetHealth` is true.
 */
export function hubTickWork(
  targets: readonly TargetListEntry[],
  metrics: readonly string[],
  assumed: HubTickAssumptions = HUB_TICK_DEFAULTS,
  options: { readonly fleetHealth?: boolean } = {},
): HubTickWork {
  const sources = metrics.map((name) => metricDefinition(name)?.source ?? 'cluster');
  const perService = sources.filter((s) => s === 'service').length;
  const perCluster = sources.length - perService;
  let clusters = 0;
  let services = 0;
  for (const target of targets) {
    clusters += clustersOf(target, assumed);
    if (perService > 0) services += servicesOf(target).reduce((a, b) => a + b, 0);
  }
  const fleetHealthDatums = (options.fleetHealth ?? FLEET_HEALTH_UNLESS_TOLD) ? fleetHealthMetricsPublished(perService > 0).length : 0;
  return {
    accountRegions: targets.length,
    accounts: new Set(targets.map((t) => t.account)).size,
    discoveredAccountRegions: targets.filter((t) => t.clusters === '*').length,
    clusters,
    services,
    datums: clusters * perCluster + services * perService + fleetHealthDatums,
    fleetHealthDatums,
  };
}

/**
 * The calls of one tick and its time: account-regions `accountRegionsInFlight` at once, each a
 * chain of calls one after another (ListClusters pages where "*" on a cold or listing tick,
 * DescribeClusters by 100, then ListServices and DescribeServices), so collecting takes the longer
 * of the longest chain and the fleet's chained calls shared by the slots, one latency each; then
 * PutMetricData by 1,000 datums, `putMetricDataInFlight` at once. A cold tick first asks for every
 * account's role at once (collect-targets.ts), `assumeRolesInFlight` at a time and within the
 * AssumeRole pace (a burst, then `perSecond`): its account-regions start one latency later, and the
 * last account's wait for its role, so collecting takes at least that wait and its own chain.
 */
export function hubTickTime(
  targets: readonly TargetListEntry[],
  work: HubTickWork,
  kind: HubTickKind,
  options: {
    readonly assumptions: HubTickAssumptions;
    readonly memoryMb: number;
    readonly withServices: boolean;
    /** PutMetricData requests in flight (a shard's share of the tick's); default HUB_COLLECTOR_CONCURRENCY.putMetricDataInFlight. */
    readonly putMetricDataInFlight?: number;
    /** The AssumeRole pace (a shard's share of the tick's); default one invocation's, assumeRolePaceOf(1). */
    readonly assumeRolePace?: { readonly perSecond: number; readonly burst: number };
  },
): HubTickTime {
  const latency = options.assumptions.assumedCallLatencyMs;
  const c = HUB_COLLECTOR_CONCURRENCY;
  const putInFlight = options.putMetricDataInFlight ?? c.putMetricDataInFlight;
  const lists = kind !== 'warm';
  const calls = {
    GetObject: kind === 'cold' ? 1 : 0,
    AssumeRole: kind === 'cold' ? work.accounts : 0,
    ListClusters: 0,
    DescribeClusters: 0,
    ListServices: 0,
    DescribeServices: 0,
    PutMetricData: ceilDiv(work.datums, API_LIMITS.putMetricDataBatch),
  };
  let chained = 0;
  let longest = 0;
  for (const target of targets) {
    const clusters = clustersOf(target, options.assumptions);
    const pages = target.clusters === '*' && lists ? Math.max(1, ceilDiv(clusters, API_LIMITS.listServicesPage)) : 0;
    const describe = ceilDiv(clusters, API_LIMITS.describeClustersBatch);
    calls.ListClusters += pages;
    calls.DescribeClusters += describe;
    let chain = pages + ceilDiv(describe, c.callsInFlightPerAccountRegion);
    if (options.withServices) {
      const perCluster = servicesOf(target);
      const wildcard = Object.values(target.services ?? {}).filter((list) => list === '*').length;
      const describeServices = perCluster.reduce((sum, n) => sum + ceilDiv(n, API_LIMITS.describeServicesBatch), 0);
      calls.ListServices += wildcard;
      calls.DescribeServices += describeServices;
      chain += (wildcard > 0 ? 1 : 0) + ceilDiv(describeServices, c.callsInFlightPerAccountRegion);
    }
    chained += chain;
    longest = Math.max(longest, chain);
  }
  const rounds = Math.max(longest, ceilDiv(chained, c.accountRegionsInFlight));
  let readMs = rounds * latency;
  if (kind === 'cold' && work.accounts > 0) {
    const pace = options.assumeRolePace ?? assumeRolePaceOf(1);
    const pacedMs = (Math.max(0, work.accounts - pace.burst) / pace.perSecond) * 1000;
    const lastRoleMs = Math.max(pacedMs, (ceilDiv(work.accounts, c.assumeRolesInFlight) - 1) * latency) + latency;
    readMs = Math.max(latency + readMs, lastRoleMs + longest * latency);
  }
  const cpuMs = collectorCpuMs({ clusters: work.clusters, services: work.services, memoryMb: options.memoryMb });
  const collectMs = calls.GetObject * latency + readMs + cpuMs;
  const publishMs = ceilDiv(calls.PutMetricData, putInFlight) * latency;
  return { calls, totalCalls: Object.values(calls).reduce((a, b) => a + b, 0), collectMs, publishMs, tickMs: collectMs + publishMs };
}

/** Every kind of tick over `targets` at `memoryMb`. */
export function hubTickEstimate(
  targets: readonly TargetListEntry[],
  metrics: readonly string[],
  options: {
    readonly memoryMb: number;
    readonly assumptions?: HubTickAssumptions;
    readonly putMetricDataInFlight?: number;
    /** Whether the invocation publishes the fleet-health series (default FLEET_HEALTH_UNLESS_TOLD). */
    readonly fleetHealth?: boolean;
    /** The invocation's AssumeRole pace (default one invocation's). */
    readonly assumeRolePace?: { readonly perSecond: number; readonly burst: number };
  },
): HubTickEstimate {
  const assumptions = options.assumptions ?? HUB_TICK_DEFAULTS;
  const work = hubTickWork(targets, metrics, assumptions, { fleetHealth: options.fleetHealth });
  const time = (kind: HubTickKind) =>
    hubTickTime(targets, work, kind, {
      assumptions,
      memoryMb: options.memoryMb,
      withServices: work.services > 0,
      putMetricDataInFlight: options.putMetricDataInFlight,
      assumeRolePace: options.assumeRolePace,
    });
  return { work, assumptions, memoryMb: options.memoryMb, ticks: { cold: time('cold'), listing: time('listing'), warm: time('warm') } };
}

/** The memory the hub collector's process needs for `work` (HUB_MEMORY_NEED), in MB. */
export function hubMemoryNeedMb(work: Pick<HubTickWork, 'clusters' | 'accountRegions'>): number {
  const m = HUB_MEMORY_NEED;
  return (m.baseMb + (work.clusters * m.kbPerCluster + work.accountRegions * m.kbPerAccountRegion) / 1024) * m.headroom;
}

/**
 * The smallest Lambda timeout (whole seconds, at most 900) in which the collector's own deadlines
 * let `time` finish: collecting within half of it less the reserve, publishing within the rest.
 */
export function hubTimeoutFitting(time: Pick<HubTickTime, 'collectMs' | 'publishMs'>): number {
  const needMs = Math.max(2 * time.collectMs, time.collectMs + time.publishMs) + COLLECTOR_RUN.deadlineReserveMs;
  return Math.min(900, Math.ceil(needMs / 1000));
}

/** Whether `time` finishes before the collector's deadlines at `timeoutSeconds`. */
export function fitsDeadlines(time: Pick<HubTickTime, 'collectMs' | 'publishMs'>, timeoutSeconds: number): boolean {
  const deadlines = collectorDeadlinesMs(timeoutSeconds);
  return time.collectMs <= deadlines.collectMs && time.collectMs + time.publishMs <= deadlines.publishMs;
}

/** The tick that repeats: a warm tick that lists the "*" account-regions again (once a minute), or, with none, any warm tick. */
export const steadyTickKind = (work: Pick<HubTickWork, 'discoveredAccountRegions'>): HubTickKind => (work.discoveredAccountRegions > 0 ? 'listing' : 'warm');

/** A tick fanned out over `shards` invocations: each shard's targets, and the estimate of the slowest shard's steady tick. */
export interface HubShardPlan {
  readonly shards: number;
  /** Per shard index, its targets, in the list's order (hub-shards.ts: the same as the collector's). */
  readonly targets: ReadonlyArray<readonly TargetListEntry[]>;
  /** The slowest shard's targets and estimate (at its memory, with its share of the PutMetricData requests in flight). */
  readonly slowest: { readonly targets: readonly TargetListEntry[]; readonly estimate: HubTickEstimate };
}

/**
 * The tick over `shards` invocations at once: every shard estimated at the memory `memoryMbOf` its
 * targets get, with its share of the PutMetricData requests in flight; the slowest steady tick is the tick's.
 */
export function hubShardPlan(
  targets: readonly TargetListEntry[],
  metrics: readonly string[],
  shards: number,
  options: {
    readonly memoryMbOf: (targets: readonly TargetListEntry[]) => number;
    readonly assumptions?: HubTickAssumptions;
    readonly hashes?: readonly number[];
    /** Whether each shard publishes the fleet-health series (default FLEET_HEALTH_UNLESS_TOLD). */
    readonly fleetHealth?: boolean;
  },
): HubShardPlan {
  const hashes = options.hashes ?? targets.map(shardHashOf);
  const byShard: TargetListEntry[][] = Array.from({ length: shards }, () => []);
  targets.forEach((target, i) => {
    byShard[hashes[i] % shards].push(target);
  });
  const putMetricDataInFlight = shards > 1 ? putMetricDataInFlightOf(shards) : undefined;
  const assumeRolePace = shards > 1 ? assumeRolePaceOf(shards) : undefined;
  let slowest: HubShardPlan['slowest'] | undefined;
  for (const shard of byShard) {
    if (shard.length === 0 && slowest) continue;
    const estimate = hubTickEstimate(shard, metrics, {
      memoryMb: options.memoryMbOf(shard),
      assumptions: options.assumptions,
      putMetricDataInFlight,
      assumeRolePace,
      fleetHealth: options.fleetHealth,
    });
    const kind = steadyTickKind(estimate.work);
    if (!slowest || estimate.ticks[kind].tickMs > slowest.estimate.ticks[steadyTickKind(slowest.estimate.work)].tickMs) slowest = { targets: shard, estimate };
  }
  return { shards, targets: byShard, slowest: slowest! };
}

/**
 * When a tick fans out, the share of half the interval its slowest shard's modelled steady tick may
 * take: the model is within about 10% of the bench's measured ticks (BENCHMARKS.md, the 100,000-cluster
 * row), and a fan-out's tick is the slowest of many invocations, so it aims below the line.
 */
export const FAN_OUT_MARGIN = 0.8;

/**
 * How many invocations a tick fans out over with `shards: "auto"`: one while its modelled steady
 * tick finishes within half the interval (the other half is the margin for a slow call, a cold
 * container or a retry), else the fewest shards whose slowest shard's steady tick finishes within
 * FAN_OUT_MARGIN of half the interval, up to SHARD_LIMITS.maxShards (beyond which the tick is what it
 * is: hubTickProblems refuses a hub whose tick cannot finish within the interval).
 */
export function chooseShardCount(
  targets: readonly TargetListEntry[],
  metrics: readonly string[],
  options: {
    readonly intervalSeconds: number;
    readonly memoryMbOf: (targets: readonly TargetListEntry[]) => number;
    readonly assumptions?: HubTickAssumptions;
    readonly fleetHealth?: boolean;
  },
): HubShardPlan {
  const hashes = targets.map(shardHashOf);
  const halfMs = (options.intervalSeconds * 1000) / 2;
  const steadyMs = (plan: HubShardPlan) => plan.slowest.estimate.ticks[steadyTickKind(plan.slowest.estimate.work)].tickMs;
  let plan = hubShardPlan(targets, metrics, 1, { ...options, hashes });
  if (steadyMs(plan) <= halfMs) return plan;
  for (let shards = 2; shards <= SHARD_LIMITS.maxShards; shards++) {
    plan = hubShardPlan(targets, metrics, shards, { ...options, hashes });
    if (steadyMs(plan) <= halfMs * FAN_OUT_MARGIN) break;
  }
  return plan;
}
