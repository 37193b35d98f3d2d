/**
 * The hub tick fanned out over shards at the issue's size (FAN_OUT_SIZE: 100,000 clusters): the
 * shard count and memory the hub chooses with `shards: "auto"` (resolveHubSettings), then each
 * shard in a fresh worker process of its own, its heap limited to that memory, as each shard's
 * invocation runs in a Lambda container of its own; every AWS call answered after HUB_LATENCY_MS.
 * The shards run one after another here (two cores cannot host 19 containers' CPUs at once), and a
 * tick's time is its slowest shard's: the Map state starts every shard at once and waits for all.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { putMetricDataInFlightOf, targetsOfShard } from '../../modules/contract/hub-shards';
import type { TargetListEntry } from '../../modules/contract/hub-target-list';
import { type HubSettings, resolveHubSettings } from '../../modules/hub/hub-settings';
import { DEFAULT_METRICS } from '../../modules/metrics/catalog';
import { COLLECTOR_ZIP } from '../../modules/pipeline/collector-bundle';
import { HUB_LATENCY_MS } from './hub';
import { type CallCounts, FAN_OUT_SIZE, generateHubFleet, minimumShardedHubCalls } from './hub-fleet';
import type { HubRunMeasurement } from './hub-worker';
import { summarize, type Summary } from './stats';
import { ROOT, runWorker } from './worker';

/**
 * The fan-out fleet and the hub it gets: the generated targets (FAN_OUT_SIZE) and the
 * settings of a hub with `shards: "auto"` at a FAN_OUT_INTERVAL_SECONDS interval and HUB_LATENCY_MS
 * per call. The bench and its unit test (__tests__/unit/scripts/hub-fan-out-calls.test.ts) both take it from here.
 */
export function fanOutHub(): { readonly targets: TargetListEntry[]; readonly settings: HubSettings } {
  const targets = generateHubFleet(FAN_OUT_SIZE);
  const settings = resolveHubSettings({
    account: '999999999999',
    region: 'eu-central-1',
    targets,
    shards: 'auto',
    intervalSeconds: FAN_OUT_INTERVAL_SECONDS,
    assumedCallLatencyMs: HUB_LATENCY_MS,
  });
  return { targets, settings };
}

/** Warm ticks after the cold one, in each shard's container. */
export const FAN_OUT_WARM_TICKS = 3;
/** The interval the fan-out's tick must finish within half of. */
export const FAN_OUT_INTERVAL_SECONDS = 5;

export interface HubFanOutRow {
  readonly clusters: number;
  readonly accountRegions: number;
  readonly shards: number;
  readonly memoryMb: number;
  /** The hub's modelled steady tick of its slowest shard. */
  readonly modelledMs: number;
  /** The hub's modelled cold tick of its slowest shard (its AssumeRole pace included). */
  readonly modelledColdMs: number;
  /** Accounts of the fleet, and of the shard with the most. */
  readonly accounts: number;
  readonly mostAccountsPerShard: number;
  /** Per run, the cold tick: its slowest shard. */
  readonly coldMs: Summary;
  /** Per run and warm tick, its slowest shard. */
  readonly warmMs: Summary;
  /** Summed over the shards: the first run's cold tick, and the most any warm tick made, by API. */
  readonly coldCalls: CallCounts;
  readonly warmCalls: CallCounts;
  readonly coldMinimum: CallCounts;
  readonly warmMinimum: CallCounts;
  /** PutMetricData requests in flight of the whole tick (each shard's share, summed). */
  readonly putMetricDataInFlight: number;
  readonly peakRssMb: Summary;
}

const sumByApi = (all: readonly CallCounts[]) => {
  const sum: Record<string, number> = {};
  for (const calls of all) for (const [api, n] of Object.entries(calls)) sum[api] = (sum[api] ?? 0) + n;
  return sum;
};
const mostByApi = (all: readonly CallCounts[]) => {
  const most: Record<string, number> = {};
  for (const calls of all) for (const [api, n] of Object.entries(calls)) most[api] = Math.max(most[api] ?? 0, n);
  return most;
};

export function measureHubFanOut(runs: number, progress: (message: string) => void): HubFanOutRow {
  const bundle = path.join(ROOT, path.dirname(COLLECTOR_ZIP), 'index.js');
  if (!existsSync(bundle)) throw new Error(`${path.relative(ROOT, bundle)} is missing: run \`npm run build\` first (the bench measures the built collector)`);
  const { targets, settings } = fanOutHub();
  const { shards } = settings;
  const memoryMb = settings.pipeline.collectorMemoryMb;
  const measured: HubRunMeasurement[][] = [];
  for (let run = 1; run <= runs; run++) {
    const ofRun: HubRunMeasurement[] = [];
    for (let shard = 0; shard < shards; shard++) {
      progress(`hub fan-out ${FAN_OUT_SIZE.accountRegions} × ${FAN_OUT_SIZE.clustersPerRegion}, run ${run}/${runs}, shard ${shard + 1}/${shards}`);
      ofRun.push(
        runWorker<HubRunMeasurement>(
          'hub-worker.ts',
          [
            '--bundle',
            bundle,
            '--account-regions',
            String(FAN_OUT_SIZE.accountRegions),
            '--clusters',
            String(FAN_OUT_SIZE.clustersPerRegion),
            '--warm',
            String(FAN_OUT_WARM_TICKS),
            '--latency',
            String(HUB_LATENCY_MS),
            '--shard',
            String(shard),
            '--shards',
            String(shards),
          ],
          [`--max-old-space-size=${memoryMb}`],
        ),
      );
    }
    measured.push(ofRun);
  }
  const slowest = (ticks: readonly number[]) => Math.max(...ticks);
  const warmTicks = measured.flatMap((ofRun) => Array.from({ length: FAN_OUT_WARM_TICKS }, (_, t) => ofRun.map((shard) => shard.warm[t])));
  // The worker's input names no metrics: the blog's four per cluster.
  const datumsPerCluster = DEFAULT_METRICS.length;
  return {
    clusters: FAN_OUT_SIZE.accountRegions * FAN_OUT_SIZE.clustersPerRegion,
    accountRegions: FAN_OUT_SIZE.accountRegions,
    shards,
    memoryMb,
    modelledMs: settings.estimate.ticks.warm.tickMs,
    modelledColdMs: settings.estimate.ticks.cold.tickMs,
    accounts: new Set(targets.map((t) => t.account)).size,
    mostAccountsPerShard: Math.max(
      ...Array.from({ length: shards }, (_, index) => new Set(targetsOfShard(targets, { index, count: shards }).map((t) => t.account)).size),
    ),
    coldMs: summarize(measured.map((ofRun) => slowest(ofRun.map((shard) => shard.cold.wallMs)))),
    warmMs: summarize(warmTicks.map((tick) => slowest(tick.map((shard) => shard.wallMs)))),
    coldCalls: sumByApi(measured[0].map((shard) => shard.cold.calls)),
    warmCalls: mostByApi(warmTicks.map((tick) => sumByApi(tick.map((shard) => shard.calls)))),
    coldMinimum: minimumShardedHubCalls(targets, shards, datumsPerCluster, 'cold'),
    warmMinimum: minimumShardedHubCalls(targets, shards, datumsPerCluster, 'warm'),
    putMetricDataInFlight: shards * putMetricDataInFlightOf(shards),
    peakRssMb: summarize(measured.flat().map((shard) => shard.peakRssMb)),
  };
}
