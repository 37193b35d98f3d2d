/**
 * The hub collector's work per tick by fleet size: one fresh worker process per size and run,
 * its heap limited to the memory the hub gets by default for that fleet (hubCollectorMemoryMb),
 * every AWS call answered after a fixed latency. Summarizes wall time, calls against the
 * minimum and peak memory.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { hubCollectorMemoryMb } from '../../modules/hub/hub-settings';
import { COLLECTOR_ZIP } from '../../modules/pipeline/collector-bundle';
import { type CallCounts, generateHubFleet, HUB_FLEET_SIZES, type HubFleetSize, minimumHubCalls } from './hub-fleet';
import type { HubRunMeasurement } from './hub-worker';
import { summarize, type Summary } from './stats';
import { ROOT, runWorker } from './worker';

/** What every fake AWS call waits before it answers. */
export const HUB_LATENCY_MS = 50;
/** Warm ticks after the cold one, in each run. */
export const HUB_WARM_TICKS = 5;

export interface HubTickRow {
  readonly size: HubFleetSize;
  readonly memoryMb: number;
  readonly datums: number;
  readonly coldMs: Summary;
  /** Every warm tick of every run. */
  readonly warmMs: Summary;
  /** Calls of the first run's cold tick, and the most any warm tick made, by API. */
  readonly coldCalls: CallCounts;
  readonly warmCalls: CallCounts;
  readonly coldMinimum: CallCounts;
  readonly warmMinimum: CallCounts;
  readonly peakRssMb: Summary;
  readonly peakHeapMb: Summary;
  readonly baseRssMb: Summary;
  /** Warm ticks whose calls differed from the first warm tick's (0: every tick made the same calls). */
  readonly unsteadyWarmTicks: number;
}

const mostByApi = (all: readonly CallCounts[]) => {
  const most: Record<string, number> = {};
  for (const calls of all) for (const [api, n] of Object.entries(calls)) most[api] = Math.max(most[api] ?? 0, n);
  return most;
};
const sameCalls = (a: CallCounts, b: CallCounts) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export function measureHubTicks(runs: number, progress: (message: string) => void): HubTickRow[] {
  const bundle = path.join(ROOT, path.dirname(COLLECTOR_ZIP), 'index.js');
  if (!existsSync(bundle)) throw new Error(`${path.relative(ROOT, bundle)} is missing: run \`npm run build\` first (the bench measures the built collector)`);
  return HUB_FLEET_SIZES.map((size) => {
    const targets = generateHubFleet(size);
    const memoryMb = hubCollectorMemoryMb(targets);
    const measured: HubRunMeasurement[] = [];
    for (let run = 1; run <= runs; run++) {
      progress(`hub collector ${size.accountRegions} × ${size.clustersPerRegion}, run ${run}/${runs}`);
      measured.push(
        runWorker<HubRunMeasurement>(
          'hub-worker.ts',
          [
            '--bundle',
            bundle,
            '--account-regions',
            String(size.accountRegions),
            '--clusters',
            String(size.clustersPerRegion),
            '--warm',
            String(HUB_WARM_TICKS),
            '--latency',
            String(HUB_LATENCY_MS),
          ],
          [`--max-old-space-size=${memoryMb}`],
        ),
      );
    }
    const warmTicks = measured.flatMap((m) => m.warm);
    const datums = measured[0].cold.datums;
    return {
      size,
      memoryMb,
      datums,
      coldMs: summarize(measured.map((m) => m.cold.wallMs)),
      warmMs: summarize(warmTicks.map((t) => t.wallMs)),
      coldCalls: mostByApi(measured.map((m) => m.cold.calls)),
      warmCalls: mostByApi(warmTicks.map((t) => t.calls)),
      coldMinimum: minimumHubCalls(targets, datums, 'cold'),
      warmMinimum: minimumHubCalls(targets, datums, 'warm'),
      peakRssMb: summarize(measured.map((m) => m.peakRssMb)),
      peakHeapMb: summarize(measured.map((m) => m.peakHeapMb)),
      baseRssMb: summarize(measured.map((m) => m.baseRssMb)),
      unsteadyWarmTicks: warmTicks.filter((t) => !sameCalls(t.calls, warmTicks[0].calls)).length,
    };
  });
}
