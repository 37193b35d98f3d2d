/**
 * The hub bench's pure parts: the generated fleets (accounts × four regions × clusters) and the
 * fewest AWS calls a hub tick can make for them, so the report shows measured calls against a
 * floor computed apart from the collector.
 */
import { targetsOfShard } from '../../modules/contract/hub-shards';
import type { TargetListEntry } from '../../modules/contract/hub-target-list';
import { HUB_TICK_DEFAULTS, hubTickTime, hubTickWork } from '../../modules/hub/hub-tick';
import { COLLECTOR_RUN } from '../../modules/pipeline/collector-run';

/** A fleet size of the bench: account-regions × clusters in each. */
export interface HubFleetSize {
  readonly accountRegions: number;
  readonly clustersPerRegion: number;
}

/** 1 × 3, 100 × 3, 1,000 × 25 (the last is 250 accounts × 4 regions × 25 clusters). */
export const HUB_FLEET_SIZES: readonly HubFleetSize[] = [
  { accountRegions: 1, clustersPerRegion: 3 },
  { accountRegions: 100, clustersPerRegion: 3 },
  { accountRegions: 1000, clustersPerRegion: 25 },
];

export const HUB_BENCH_REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'] as const;

/** `1 × 3` as the report writes a size. */
export const fleetLabel = (size: HubFleetSize) => `${size.accountRegions.toLocaleString('en-US')} × ${size.clustersPerRegion}`;

/**
 * The target list of a size: account-regions fill four regions per account (fewer regions when
 * fewer than four account-regions), account IDs 100000000001 on, clusters `cluster-01` on.
 */
export function generateHubFleet(size: HubFleetSize): TargetListEntry[] {
  const { accountRegions, clustersPerRegion } = size;
  if (
    !Number.isInteger(accountRegions) ||
    accountRegions < 1 ||
    (accountRegions > HUB_BENCH_REGIONS.length && accountRegions % HUB_BENCH_REGIONS.length !== 0)
  ) {
    throw new Error(`accountRegions: ${accountRegions} must be 1 to 4, or a multiple of 4 (four regions per account)`);
  }
  if (!Number.isInteger(clustersPerRegion) || clustersPerRegion < 1) {
    throw new Error(`clustersPerRegion: ${clustersPerRegion} must be a whole number of clusters, 1 or more`);
  }
  const regionsPerAccount = Math.min(accountRegions, HUB_BENCH_REGIONS.length);
  const clusters = Array.from({ length: clustersPerRegion }, (_, i) => `cluster-${String(i + 1).padStart(2, '0')}`);
  return Array.from({ length: accountRegions }, (_, i) => ({
    account: String(100_000_000_001 + Math.floor(i / regionsPerAccount)),
    region: HUB_BENCH_REGIONS[i % regionsPerAccount],
    clusters: [...clusters],
  }));
}

/** The calls of one tick by API. */
export type CallCounts = Readonly<Record<string, number>>;

/**
 * The fewest calls a tick over `targets` allows, as the hub's tick model counts them
 * (modules/hub/hub-tick.ts): warm, ⌈clusters/100⌉ DescribeClusters per account-region and
 * ⌈datums/1,000⌉ PutMetricData (`datums`: every datum of the tick, the fleet-health ones included);
 * cold adds the target list's GetObject, one AssumeRole per account and the ListClusters pages of "*" account-regions.
 */
export function minimumHubCalls(targets: readonly TargetListEntry[], datums: number, tick: 'cold' | 'warm'): CallCounts {
  const work = { ...hubTickWork(targets, [], HUB_TICK_DEFAULTS), datums };
  const { calls } = hubTickTime(targets, work, tick, { assumptions: HUB_TICK_DEFAULTS, memoryMb: COLLECTOR_RUN.fullVcpuMemoryMb, withServices: false });
  // The report's columns: every API a listed fleet calls, and any other the model counts.
  const always = ['GetObject', 'AssumeRole', 'DescribeClusters', 'PutMetricData'];
  return Object.fromEntries(Object.entries(calls).filter(([api, n]) => n > 0 || always.includes(api)));
}

/** The fan-out fleet: 2,500 accounts × 4 regions × 10 clusters, 100,000 clusters. */
export const FAN_OUT_SIZE: HubFleetSize = { accountRegions: 10_000, clustersPerRegion: 10 };

/**
 * The fewest calls of a tick fanned out over `shards` invocations: each shard's own floor
 * (minimumHubCalls over its targets, its datums `datumsPerCluster` per cluster and the fleet-health
 * datums each invocation publishes, 4 without services), summed. It is the unsharded floor but for
 * PutMetricData, where each shard's last request may be partly filled: at most shards − 1 more than
 * ⌈datums / 1,000⌉.
 */
export function minimumShardedHubCalls(targets: readonly TargetListEntry[], shards: number, datumsPerCluster: number, tick: 'cold' | 'warm'): CallCounts {
  const total: Record<string, number> = {};
  for (let index = 0; index < shards; index++) {
    const own = targetsOfShard(targets, { index, count: shards });
    const clusters = own.reduce((sum, t) => sum + (Array.isArray(t.clusters) ? t.clusters.length : 0), 0);
    const { fleetHealthDatums } = hubTickWork(own, [], HUB_TICK_DEFAULTS, { fleetHealth: true });
    for (const [api, n] of Object.entries(minimumHubCalls(own, clusters * datumsPerCluster + fleetHealthDatums, tick))) total[api] = (total[api] ?? 0) + n;
  }
  return total;
}
