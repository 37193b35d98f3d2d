/**
 * One synthesis, in a process of its own (run by scripts/bench.ts): a generated fleet of
 * `--stacks` account-regions of 25 clusters, written to `--outdir`, with the collector code
 * attached as the library ships it (`file`), the naive way (`archive`: a TerraformAsset of a
 * directory per stack, zipped at synth), or not at all (`none`: the floor). Prints one JSON
 * line of timings and peak memory.
 */
import { parseArgs } from 'node:util';

/** How the collector code is attached to each stack. */
export type AssetMode = 'file' | 'archive' | 'none';

export interface SynthMeasurement {
  readonly stacks: number;
  readonly mode: AssetMode;
  /** Importing cdktf, the provider classes and the library. */
  readonly loadMs: number;
  /** Generating and validating the config, building MetricsFleet. */
  readonly constructMs: number;
  /** `app.synth()`: Terraform JSON and assets written. */
  readonly synthMs: number;
  /** Process start to synth done (Node startup and TypeScript loading included). */
  readonly totalMs: number;
  /** Peak resident memory of the process. */
  readonly peakRssMb: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stacks: { type: 'string' },
      clusters: { type: 'string', default: '25' },
      mode: { type: 'string', default: 'file' },
      outdir: { type: 'string' },
      'archive-dir': { type: 'string' },
    },
  });
  const stacks = Number(values.stacks);
  const mode = values.mode as AssetMode;
  if (!values.outdir || !(stacks > 0)) throw new Error('usage: synth-worker --stacks N --outdir DIR [--mode file|archive|none]');
  if (mode === 'archive' && !values['archive-dir']) throw new Error('--mode archive needs --archive-dir');

  const loadStart = performance.now();
  const { App, AssetType, TerraformAsset } = await import('cdktf');
  const { MetricsFleet } = await import('../../modules/subpaths/fleet');
  const { fleetOfStacks } = await import('../lib/generated-fleet');
  const constructStart = performance.now();

  const app = new App({ outdir: values.outdir });
  const fleet = new MetricsFleet(app, 'fleet', { config: fleetOfStacks(stacks, Number(values.clusters)) });
  if (mode !== 'file') {
    for (const { pipeline } of fleet.stacks) {
      pipeline.node.tryRemoveChild('collector-code');
      if (mode === 'archive') {
        const code = new TerraformAsset(pipeline, 'collector-code', { path: values['archive-dir']!, type: AssetType.ARCHIVE });
        pipeline.collector.filename = code.path;
        pipeline.collector.sourceCodeHash = code.assetHash;
      } else {
        pipeline.collector.filename = 'collector.zip';
        pipeline.collector.sourceCodeHash = 'none';
      }
    }
  }
  const synthStart = performance.now();
  app.synth();
  const end = performance.now();

  const measurement: SynthMeasurement = {
    stacks: fleet.stacks.length,
    mode,
    loadMs: constructStart - loadStart,
    constructMs: synthStart - constructStart,
    synthMs: end - synthStart,
    totalMs: end,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  console.log(JSON.stringify(measurement));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
