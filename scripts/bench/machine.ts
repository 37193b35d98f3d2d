/** What the benchmarks ran on, so figures from two machines are never compared blindly. */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';
import { QUIET_TERRAFORM_ENV } from '../lib/terraform';
import { ROOT } from './worker';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly terraform: string;
  /** Load average over the last minute when the run started: other work on the machine. */
  readonly loadAtStart: number;
  readonly commit: string;
}

function firstLine(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(command, args, { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')[0]
      .trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): Machine {
  const dirty = firstLine('git', ['status', '--porcelain']) !== '' ? ' (with uncommitted changes)' : '';
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${type()} ${release()}`,
    node: process.version,
    terraform: firstLine('terraform', ['version'], { ...process.env, ...QUIET_TERRAFORM_ENV }),
    loadAtStart: loadavg()[0],
    commit: `${firstLine('git', ['rev-parse', '--short', 'HEAD'])}${dirty}`,
  };
}
