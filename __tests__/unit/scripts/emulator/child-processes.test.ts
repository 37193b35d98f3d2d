/** The harness's own processes: listed until they exit, and ended with everything they started. */
import { readFileSync } from 'node:fs';
import { CommandError, runOwned, spawnOwned, stopOwnedChildren } from '../../../../scripts/lib/emulator/child-processes';

/** Running, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

test('a started process and what it started (a provider plugin of terraform) are ended together, in their own process group', async () => {
  // GIVEN a process that starts a child of its own and prints the child's pid
  const child = spawnOwned('sh', ['-c', 'sleep 30 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const grandchild = await new Promise<number>((resolve) => child.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString().trim()))));
  expect(alive(child.pid!) && alive(grandchild)).toBe(true);
  // WHEN the harness stops its processes
  const left = await stopOwnedChildren();
  // THEN both are gone, and nothing is reported left
  expect(left).toEqual([]);
  expect([alive(child.pid!), alive(grandchild)]).toEqual([false, false]);
});

test('a command run to its end gives its output; a failing one its code and output', async () => {
  await expect(runOwned('sh', ['-c', 'echo out; echo err >&2'])).resolves.toEqual({ stdout: 'out\n', stderr: 'err\n' });
  const failure = await runOwned('sh', ['-c', 'echo partial; exit 3']).catch((error: CommandError) => error);
  expect(failure).toBeInstanceOf(CommandError);
  expect(failure).toMatchObject({ code: 3, signal: null, stdout: 'partial\n' });
});

test('nothing left to stop is nothing to report', async () => {
  await expect(stopOwnedChildren()).resolves.toEqual([]);
});
