/**
 * `npm run sandbox` interrupted as users interrupt it: Ctrl-C (SIGINT to the terminal's process
 * group) while terraform applies, or SIGTERM to the command alone once the emulator runs. Either
 * way every process it started (moto_server, terraform, terraform's provider plugins) is gone,
 * its temporary directory (with Terraform state) is removed, and it exits 130 or 143.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/app';

const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** A process as /proc shows it: its parent, its state, what it runs. */
interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly state: string;
  readonly command: string;
}

function processes(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // comm may hold spaces and parentheses: the fields after it follow the last ')'.
        const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
        return [{ pid: Number(name), ppid: Number(ppid), state, command }];
      } catch {
        return [];
      }
    });
}

/** Every process below `root`, at this moment. */
function descendants(root: number): ProcessEntry[] {
  const all = processes();
  const found: ProcessEntry[] = [];
  const parents = [root];
  while (parents.length > 0) {
    const parent = parents.pop()!;
    for (const entry of all.filter((p) => p.ppid === parent)) {
      found.push(entry);
      parents.push(entry.pid);
    }
  }
  return found;
}

/** A process still running (a zombie waiting for its parent to read its status has ended). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface Started {
  readonly child: ChildProcess;
  readonly tmp: string;
  readonly output: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** GIVEN the sandbox started as `npm run sandbox` starts it (tsx), in a process group of its own, its temporary files in `tmp`. */
function givenTheSandbox(): Started {
  const tmp = mkdtempSync(path.join(tmpdir(), 'sandbox-interrupt-'));
  const child = spawn(process.execPath, [TSX, 'scripts/sandbox.ts'], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmp, FLEET_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, tmp, output: () => output, exited };
}

const sandboxDirs = (tmp: string) => readdirSync(tmp).filter((name) => name.startsWith('ecs-highres-sandbox-'));
/** What is left in TMPDIR but tsx's own cache. */
const leftInTmp = (tmp: string) => readdirSync(tmp).filter((name) => !name.startsWith('tsx-'));

describe.each([
  {
    signal: 'SIGINT' as const,
    code: 130,
    how: 'Ctrl-C (SIGINT to the process group) while terraform applies',
    // terraform and its AWS provider plugin are running.
    ready: (tree: ProcessEntry[]) => tree.some((p) => p.command.includes('terraform-provider-aws')) && tree.some((p) => p.command.includes('moto_server')),
    send: (child: ChildProcess): void => void process.kill(-child.pid!, 'SIGINT'),
  },
  {
    signal: 'SIGTERM' as const,
    code: 143,
    how: 'SIGTERM to the command alone once the emulator runs',
    ready: (tree: ProcessEntry[]) => tree.some((p) => p.command.includes('moto_server')),
    send: (child: ChildProcess): void => void child.kill('SIGTERM'),
  },
])('the sandbox interrupted by $how', ({ code, ready, send }) => {
  let started: Started;
  let before: ProcessEntry[] = [];
  let exit: { code: number | null; signal: NodeJS.Signals | null };
  let workDir = '';

  beforeAll(async () => {
    started = givenTheSandbox();
    workDir = await until('the temporary directory', () => sandboxDirs(started.tmp)[0], 120_000);
    before = await until(
      'the emulator (and terraform) starting',
      () => {
        const tree = descendants(started.child.pid!);
        return ready(tree) ? tree : undefined;
      },
      240_000,
    );
    expect(existsSync(path.join(started.tmp, workDir))).toBe(true);
    // WHEN it is interrupted
    send(started.child);
    exit = await Promise.race([
      started.exited,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit 30 s after the signal:\n${started.output()}`)), 30_000).unref()),
    ]);
  }, 300_000);

  afterAll(() => {
    // Whatever the outcome, nothing of this test stays behind.
    for (const p of [...before, ...descendants(started.child.pid!)]) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(started.tmp, { recursive: true, force: true });
  });

  test(`exits with ${code}, saying it cleans up`, () => {
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code, signal: null });
    expect(started.output()).toMatch(/SIG(INT|TERM): stopping and cleaning up/);
    expect(started.output()).not.toMatch(/could not clean up/);
    // The terraform it stopped is not reported as a failure of its own.
    expect(started.output()).not.toMatch(/terraform \w+ of .* failed|apply done/);
  });

  test('every process it started is gone: moto_server, terraform and its provider plugins, the synth', () => {
    expect(before.length).toBeGreaterThan(0);
    expect(before.filter((p) => alive(p.pid)).map((p) => `${p.pid} ${p.command}`)).toEqual([]);
  });

  test("its temporary directory, with the Terraform state and the plugins' sockets, is removed", () => {
    expect(sandboxDirs(started.tmp)).toEqual([]);
    expect(leftInTmp(started.tmp)).toEqual([]);
  });
});
