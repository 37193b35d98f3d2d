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

/** Variables the app reads, unset unless a run sets them. */
const APP_VARIABLES = ['FLEET_CONFIG', 'FLEET_STRICT', 'CDKTF_OUTDIR', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS'];

/**
 * `outdir` does not exist beforehand, so a run that writes nothing leaves no directory.
 * `configFile` undefined runs with FLEET_CONFIG unset; `env` adds variables.
 */
export function runApp(
  configFile: string | undefined,
  outdir = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-')), 'cdktf.out'),
  env: NodeJS.ProcessEnv = {},
): AppRun {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !APP_VARIABLES.includes(name)));
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'main.ts'], {
    cwd: ROOT,
    env: { ...base, ...(configFile === undefined ? {} : { FLEET_CONFIG: configFile }), CDKTF_OUTDIR: outdir, ...env },
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
