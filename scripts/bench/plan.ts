/**
 * `terraform plan` of one synthesized stack (25 clusters), offline: the whole harness of
 * `npm run plan` (copy, init from the provider mirror, validate, plan, show), and plan alone in
 * the initialized copy.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { planOffline, terraformEnvironment } from '../lib/terraform';
import { summarize, type Summary } from './stats';
import { runWorker } from './worker';

const exec = promisify(execFile);

export interface PlanRow {
  readonly resources: number;
  readonly harness: Summary;
  readonly planOnly: Summary;
}

export async function measurePlan(runs: number, progress: (message: string) => void): Promise<PlanRow> {
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-bench-plan-'));
  try {
    const outdir = path.join(work, 'cdktf.out');
    runWorker('synth-worker.ts', ['--stacks', '1', '--outdir', outdir]);
    const [stack] = readdirSync(path.join(outdir, 'stacks'));
    const env = await terraformEnvironment(path.join(work, 'tf'));
    const copy = path.join(work, 'tf', stack);
    const harness: number[] = [];
    const planOnly: number[] = [];
    let resources = 0;
    for (let run = 1; run <= runs; run++) {
      progress(`terraform plan run ${run}/${runs}`);
      const result = await planOffline(path.join(outdir, 'stacks', stack), copy, env);
      if (!result.ok) throw new Error(`terraform ${result.failedStep} failed:\n${result.output}`);
      resources = result.creates.length;
      harness.push(result.seconds);
      const started = performance.now();
      await exec('terraform', ['plan', '-input=false', '-no-color', '-lock=false', '-refresh=false'], { cwd: copy, env });
      planOnly.push((performance.now() - started) / 1000);
    }
    return { resources, harness: summarize(harness), planOnly: summarize(planOnly) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
