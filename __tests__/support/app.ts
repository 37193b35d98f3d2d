/** Runs the app (main.ts) as users do, in a fresh process, with its own output directory. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../scripts/lib/root';

export { ROOT };

export interface AppRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outdir: string;
  /** Stack names written to outdir/stacks, [] when nothing was written. */
  readonly stacks: string[];
}

/** `outdir` does not exist beforehand, so a run that writes nothing leaves no directory. */
export function runApp(configFile: string, outdir = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-')), 'cdktf.out')): AppRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'main.ts'], {
    cwd: ROOT,
    env: { ...process.env, FLEET_CONFIG: configFile, CDKTF_OUTDIR: outdir },
    encoding: 'utf8',
  });
  const stacksDir = path.join(outdir, 'stacks');
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    outdir,
    stacks: existsSync(stacksDir) ? readdirSync(stacksDir).sort() : [],
  };
}
