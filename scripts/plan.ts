/**
 * `npm run plan`: terraform init + validate + plan of every stack in cdktf.out, offline
 * (see scripts/lib/terraform.ts), as many at once as there are cores. One line per stack,
 * then a summary; exits non-zero if any stack fails. Work copies go to PLAN_WORK_DIR (default .tf-work).
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { PlanResult, planStacks, terraformEnvironment } from './lib/terraform';

function describe(result: PlanResult): string {
  const status = result.ok ? `ok    ${result.creates.length} to create` : `FAIL  at ${result.failedStep}`;
  return `${status.padEnd(22)} ${result.seconds.toFixed(1).padStart(5)} s  ${result.stack}`;
}

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const stacksDir = path.resolve(root, process.env.CDKTF_OUTDIR ?? 'cdktf.out', 'stacks');
  if (!existsSync(stacksDir)) {
    console.error(`${stacksDir} does not exist: run \`npm run synth\` first.`);
    return 1;
  }
  const stacks = readdirSync(stacksDir).sort();
  const workRoot = path.resolve(root, process.env.PLAN_WORK_DIR ?? '.tf-work');
  const env = await terraformEnvironment(workRoot);
  const concurrency = availableParallelism();
  console.log(`planning ${stacks.length} stacks, ${concurrency} at once`);
  const started = Date.now();
  const results = await planStacks(stacksDir, stacks, workRoot, env, {
    concurrency,
    onResult: (result) => {
      console.log(describe(result));
      if (!result.ok) console.log(result.output);
    },
  });
  const failed = results.filter((r) => !r.ok);
  console.log(
    `\n${results.length - failed.length}/${results.length} stacks planned in ${((Date.now() - started) / 1000).toFixed(1)} s` +
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
