/**
 * Every process the emulator harness starts (moto_server, terraform, the synth, the collector's
 * runtime processes), kept in one list until it exits, so that an interrupted run can end them
 * all. moto_server, terraform and the synth run in process groups of their own: ending the group
 * also ends what they started (terraform's provider plugins), which the run's own Ctrl-C no
 * longer reaches; the interrupt handler ends them instead (interrupt.ts).
 */
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';

const running = new Map<ChildProcess, { readonly group: boolean }>();

/** Starts `command` in a process group of its own, kept in the list until it exits. */
export function spawnOwned(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true });
  return adopt(child, true);
}

/** Keeps a process started elsewhere (a fork) in the list until it exits; `group` when it leads a group of its own. */
export function adopt(child: ChildProcess, group = false): ChildProcess {
  if (child.pid === undefined) return child;
  running.set(child, { group });
  child.once('exit', () => running.delete(child));
  // A failed spawn emits 'error' and no 'exit'.
  child.once('error', () => running.delete(child));
  return child;
}

/** What a command run to its end answered. */
export interface CommandOutput {
  readonly stdout: string;
  readonly stderr: string;
}

/** A command that exited non-zero (or was ended by a signal), with its output. */
export class CommandError extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`exited with ${code ?? signal}`);
    this.name = 'CommandError';
  }
}

/** Runs `command` to its end in a group of its own (as execFile would, output kept whole). */
export function runOwned(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    const child = spawnOwned(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const output = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
      if (code === 0) resolve(output);
      else reject(new CommandError(code, signal, output.stdout, output.stderr));
    });
  });
}

/** True while any process of the group `pgid` is alive (or not yet reaped). */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends every listed process with SIGKILL (its whole group when it has one) and waits until each
 * has exited and each group is empty, at most `timeoutMs`; the pids still alive then, if any.
 */
export async function stopOwnedChildren(timeoutMs = 5_000): Promise<number[]> {
  const children = [...running.entries()];
  const exited = children.map(
    ([child]) =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
      }),
  );
  for (const [child, { group }] of children) {
    try {
      if (group) process.kill(-child.pid!, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  const groups = children.filter(([, { group }]) => group).map(([child]) => child.pid!);
  const deadline = Date.now() + timeoutMs;
  await Promise.race([Promise.all(exited), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  // Grandchildren (terraform's providers) are reaped by init once their parent is gone.
  while (groups.some(groupAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const left = [
    ...children.filter(([child]) => child.exitCode === null && child.signalCode === null).map(([child]) => child.pid!),
    ...groups.filter(groupAlive),
  ];
  return [...new Set(left)];
}
