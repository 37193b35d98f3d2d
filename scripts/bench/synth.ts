/**
 * Synthesis at fleet scale: generated fleets of 25 clusters per account-region, each size and
 * way of attaching the collector code synthesized in fresh processes, `runs` times.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { COLLECTOR_ZIP } from '../../modules/pipeline/collector-bundle';
import { summarize, type Summary } from './stats';
import type { AssetMode, SynthMeasurement } from './synth-worker';
import { ROOT, runWorker } from './worker';

export const ASSET_MODES: readonly AssetMode[] = ['file', 'archive', 'none'];

export interface SynthRow {
  readonly stacks: number;
  readonly mode: AssetMode;
  readonly total: Summary;
  readonly construct: Summary;
  readonly synth: Summary;
  readonly peakRssMb: Summary;
}

export interface SynthOptions {
  readonly stackCounts: readonly number[];
  readonly clustersPerRegion: number;
  readonly runs: number;
  readonly progress: (message: string) => void;
}

export function measureSynth(options: SynthOptions): SynthRow[] {
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-bench-synth-'));
  try {
    // The naive way zips a directory holding the handler, once per stack, at every synth.
    const archiveDir = path.join(work, 'collector');
    mkdirSync(archiveDir);
    copyFileSync(path.join(ROOT, path.dirname(COLLECTOR_ZIP), 'index.js'), path.join(archiveDir, 'index.js'));
    const samples = new Map<string, SynthMeasurement[]>();
    // Runs interleave sizes and modes, so a noisy minute spreads over all of them.
    for (let run = 1; run <= options.runs; run++) {
      for (const stacks of options.stackCounts) {
        for (const mode of ASSET_MODES) {
          options.progress(`synth run ${run}/${options.runs}: ${stacks} stacks, ${mode}`);
          const outdir = path.join(work, 'cdktf.out');
          const measured = runWorker<SynthMeasurement>('synth-worker.ts', [
            '--stacks',
            String(stacks),
            '--clusters',
            String(options.clustersPerRegion),
            '--mode',
            mode,
            '--outdir',
            outdir,
            '--archive-dir',
            archiveDir,
          ]);
          rmSync(outdir, { recursive: true, force: true });
          const key = `${stacks}/${mode}`;
          samples.set(key, [...(samples.get(key) ?? []), measured]);
        }
      }
    }
    return options.stackCounts.flatMap((stacks) =>
      ASSET_MODES.map((mode) => {
        const runs = samples.get(`${stacks}/${mode}`)!;
        return {
          stacks,
          mode,
          total: summarize(runs.map((r) => r.totalMs)),
          construct: summarize(runs.map((r) => r.constructMs)),
          synth: summarize(runs.map((r) => r.synthMs)),
          peakRssMb: summarize(runs.map((r) => r.peakRssMb)),
        };
      }),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
