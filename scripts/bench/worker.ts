/** Runs a bench worker (a TypeScript file of scripts/bench) in a fresh Node process. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from '../lib/root';

export { ROOT };

/** The worker's last stdout line, parsed as JSON; throws with its stderr when it fails. `nodeArgs` go to Node (e.g. a heap limit). */
export function runWorker<T>(script: string, args: readonly string[], nodeArgs: readonly string[] = []): T {
  const result = spawnSync(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(__dirname, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(`${script} ${args.join(' ')} failed (exit ${result.status}):\n${result.stderr}`);
  }
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
