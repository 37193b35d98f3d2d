/**
 * `npm run plan`: terraform init + validate + plan of every stack the synth output's
 * manifest.json lists, offline (see scripts/lib/terraform.ts), as many at once as there are
 * cores. One line per stack, then a summary; exits non-zero if any stack fails. Work copies go
 * to PLAN_WORK_DIR (default .tf-work), which must lie outside the synth output (scripts/lib/work-dir.ts).
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { counted } from './lib/counted';
import { readSynthOutput } from './lib/synth-output';
import { type PlanResult, planStacks, terraformEnvironment } from './lib/terraform';
import { physicalPath, workDirProblem } from './lib/work-dir';

function describe(result: PlanResult): string {
  const status = result.ok ? `ok    ${result.creates.length} to create` : `FAIL  at ${result.failedStep}`;
  return `${status.padEnd(22)} ${result.seconds.toFixed(1).padStart(5)} s  ${result.stack}`;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const outdir = physicalPath(path.resolve(root, process.env.CDKTF_OUTDIR ?? 'cdktf.out'));
  const requestedWorkRoot = path.resolve(root, process.env.PLAN_WORK_DIR ?? '.tf-work');
  // Checked before anything is written, and the checked (physical) path is the one written to.
  const problem = workDirProblem(requestedWorkRoot, outdir);
  if (problem) {
    console.error(problem);
    return 1;
  }
  const workRoot = physicalPath(requestedWorkRoot);
  const { stacks, ignored } = readSynthOutput(outdir);
  const env = await terraformEnvironment(workRoot);
  const concurrency = availableParallelism();
  console.log(`planning ${counted(stacks.length, 'stack')}, ${concurrency} at once`);
  if (ignored.length > 0) {
    console.log(`ignored, in ${path.join(outdir, 'stacks')} but not in manifest.json (an earlier synth's?): ${ignored.join(', ')}`);
  }
  const started = Date.now();
  const results = await planStacks(
    path.join(outdir, 'stacks'),
    stacks.map((s) => s.name),
    workRoot,
    env,
    {
      concurrency,
      onResult: (result) => {
        console.log(describe(result));
        if (!result.ok) console.log(result.output);
      },
    },
  );
  const failed = results.filter((r) => !r.ok);
  console.log(
    `\n${results.length - failed.length}/${counted(results.length, 'stack')} planned in ${((Date.now() - started) / 1000).toFixed(1)} s` +
      (failed.length ? `; failed: ${failed.map((r) => r.stack).join(', ')}` : ''),
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
