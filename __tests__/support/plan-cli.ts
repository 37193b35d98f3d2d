/**
 * Runs `npm run plan` (scripts/plan.ts) as users do, in a fresh process, and builds small synth
 * outputs by hand (manifest.json and stack directories) for tests of what it plans and refuses.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './app';

export interface PlanCliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runPlanCli(env: NodeJS.ProcessEnv): PlanCliRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/plan.ts'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A minimal stack configuration Terraform can plan (the fake terraform does not read it). */
export const MINIMAL_STACK = { terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } }, resource: {} };

/** Writes `outdir` as cdktf would: manifest.json listing `listed`, and a stack directory with cdk.tf.json for each. */
export function writeSynthOutput(outdir: string, listed: readonly string[]): void {
  const stacks: Record<string, object> = {};
  mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
  for (const name of listed) {
    mkdirSync(path.join(outdir, 'stacks', name), { recursive: true });
    writeFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), JSON.stringify(MINIMAL_STACK));
    stacks[name] = {
      name,
      constructPath: name,
      workingDirectory: `stacks/${name}`,
      synthesizedStackPath: `stacks/${name}/cdk.tf.json`,
      stackMetadataPath: `stacks/${name}/metadata.json`,
      annotations: [],
      dependencies: [],
    };
  }
  writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ version: '0.21.0', stacks }, null, 2));
}
