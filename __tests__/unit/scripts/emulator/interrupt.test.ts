/** The clean-up registry and the SIGINT/SIGTERM handler the sandbox exits through. */
import { EventEmitter } from 'node:events';
import { CleanupRegistry, exitOnSignals, SIGNAL_EXIT_CODES, type SignalTarget } from '../../../../scripts/lib/emulator/interrupt';

/** GIVEN a registry whose tasks record their order (one may fail). */
function givenTasks(failing?: string) {
  const ran: string[] = [];
  const registry = new CleanupRegistry();
  for (const name of ['work directory', 'emulator', 'terraform']) {
    registry.add(name, async () => {
      ran.push(name);
      if (name === failing) throw new Error('still busy');
    });
  }
  return { registry, ran };
}

describe('the registry', () => {
  test('runs every task once, the last added first', async () => {
    const { registry, ran } = givenTasks();
    expect(await registry.run()).toEqual([]);
    expect(await registry.run()).toEqual([]);
    expect(ran).toEqual(['terraform', 'emulator', 'work directory']);
  });

  test('a failing task does not stop the others, and is named', async () => {
    const { registry, ran } = givenTasks('emulator');
    expect(await registry.run()).toEqual(['emulator: still busy']);
    expect(ran).toEqual(['terraform', 'emulator', 'work directory']);
  });

  test('a task taken off does not run', async () => {
    const registry = new CleanupRegistry();
    const ran: string[] = [];
    const remove = registry.add('a', () => void ran.push('a'));
    registry.add('b', () => void ran.push('b'));
    remove();
    await registry.run();
    expect(ran).toEqual(['b']);
  });
});

describe('on a signal', () => {
  /** GIVEN the handler installed on a stand-in for the process. */
  function givenHandler(failing?: string) {
    const target = new EventEmitter();
    const { registry, ran } = givenTasks(failing);
    const exits: number[] = [];
    const lines: string[] = [];
    let exited!: () => void;
    const done = new Promise<void>((resolve) => (exited = resolve));
    const handlers = exitOnSignals(registry, {
      target: target as unknown as SignalTarget,
      exit: (code) => {
        exits.push(code);
        exited();
      },
      log: (line) => lines.push(line),
    });
    return { target, ran, exits, lines, done, handlers };
  }

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: cleans up, then exits with %i (128 + the signal number)', async (signal, code) => {
    const { target, ran, exits, lines, done, handlers } = givenHandler();
    expect(handlers.received()).toBeUndefined();
    target.emit(signal);
    expect(handlers.received()).toBe(signal);
    await done;
    expect(ran).toEqual(['terraform', 'emulator', 'work directory']);
    expect(exits).toEqual([code]);
    expect(SIGNAL_EXIT_CODES[signal]).toBe(code);
    expect(lines).toEqual([`${signal}: stopping and cleaning up…`]);
  });

  test('a second signal while cleaning up is answered, the clean-up runs once, and what could not be cleaned up is said', async () => {
    const { target, ran, exits, lines, done } = givenHandler('emulator');
    target.emit('SIGINT');
    target.emit('SIGINT');
    await done;
    expect(ran).toEqual(['terraform', 'emulator', 'work directory']);
    expect(exits).toEqual([130]);
    expect(lines).toEqual([
      'SIGINT: stopping and cleaning up…',
      'SIGINT: still cleaning up after SIGINT, one moment',
      'could not clean up emulator: still busy',
    ]);
  });

  test('the handlers can be removed', () => {
    const { target, handlers } = givenHandler();
    expect(target.listenerCount('SIGINT') + target.listenerCount('SIGTERM')).toBe(2);
    handlers.remove();
    expect(target.listenerCount('SIGINT') + target.listenerCount('SIGTERM')).toBe(0);
  });
});
