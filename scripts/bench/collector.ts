/**
 * The collector: its bundle with the AWS SDK taken from the Lambda runtime (as shipped) or
 * bundled in, by zip size and cold import time; and its work per tick by cluster count.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { API_LIMITS } from '../../modules/metrics/catalog';
import { COLLECTOR_ZIP } from '../../modules/pipeline/collector-bundle';
import { bundleCollector, reproducibleZip, RUNTIME_PROVIDED } from '../build-collector';
import type { TickMeasurement } from './collector-worker';
import { summarize, type Summary } from './stats';
import { ROOT, runWorker } from './worker';

export interface BundleRow {
  readonly variant: string;
  readonly external: readonly string[];
  readonly codeBytes: number;
  readonly zipBytes: number;
  /** Two builds gave the same zip. */
  readonly reproducible: boolean;
  /** `require` of the bundle in a fresh Node process. */
  readonly importMs: Summary;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Milliseconds to require `file` in a fresh process; the runtime's SDK resolves from this repo's node_modules. */
function coldImportMs(file: string): number {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  const result = spawnSync(process.execPath, ['-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  if (result.status !== 0) throw new Error(`requiring ${file} failed:\n${result.stderr}`);
  return Number(result.stdout);
}

export function measureBundles(runs: number, progress: (message: string) => void): BundleRow[] {
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-bench-bundle-'));
  try {
    const variants = [
      { variant: 'SDK from the Lambda runtime (shipped)', external: RUNTIME_PROVIDED },
      { variant: 'SDK bundled', external: [] as string[] },
    ];
    const built = variants.map(({ variant, external }, i) => {
      const code = bundleCollector({ external: [...external] });
      const zip = reproducibleZip('index.js', code);
      const again = reproducibleZip('index.js', bundleCollector({ external: [...external] }));
      const dir = path.join(work, String(i));
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'index.js'), code);
      return { variant, external, code, zip, reproducible: sha256(zip) === sha256(again), file: path.join(dir, 'index.js') };
    });
    const samples = built.map(() => [] as number[]);
    for (let run = 1; run <= runs; run++) {
      progress(`cold import run ${run}/${runs}`);
      for (const [i, b] of built.entries()) samples[i].push(coldImportMs(b.file));
    }
    return built.map((b, i) => ({
      variant: b.variant,
      external: b.external,
      codeBytes: b.code.length,
      zipBytes: b.zip.length,
      reproducible: b.reproducible,
      importMs: summarize(samples[i]),
    }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export interface TickRow {
  readonly clusters: number;
  readonly cpuMs: Summary;
  readonly calls: Readonly<Record<string, number>>;
  /** The fewest calls the APIs allow: ⌈N/100⌉ DescribeClusters, ⌈datums/1,000⌉ PutMetricData. */
  readonly minimum: Readonly<Record<string, number>>;
  readonly datums: number;
  readonly logBytes: number;
}

export const TICK_CLUSTER_COUNTS = [1, 100, 1000];

/** Ticks measured in the one warmed-up process. */
export const ticksPerRun = (runs: number) => Math.max(10, 10 * runs);

/** Per tick of the shipped bundle, with `clients` mocked (`mock`) or real over a stub HTTP handler (`http`). */
export function measureTicks(clients: 'mock' | 'http', runs: number): TickRow[] {
  const measured = runWorker<TickMeasurement[]>('collector-worker.ts', [
    '--bundle',
    path.join(ROOT, path.dirname(COLLECTOR_ZIP), 'index.js'),
    '--clients',
    clients,
    '--clusters',
    TICK_CLUSTER_COUNTS.join(','),
    '--ticks',
    String(ticksPerRun(runs)),
  ]);
  return measured.map((m) => ({
    clusters: m.clusters,
    cpuMs: summarize(m.cpuMs),
    calls: m.calls,
    minimum: {
      DescribeClusters: Math.ceil(m.clusters / API_LIMITS.describeClustersBatch),
      PutMetricData: Math.ceil(m.datums / API_LIMITS.putMetricDataBatch),
    },
    datums: m.datums,
    logBytes: m.logBytes,
  }));
}
