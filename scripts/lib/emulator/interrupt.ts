/**
 * Clean-up that runs however a run ends: at its end, on an error, or on Ctrl-C (SIGINT) or
 * SIGTERM, after which the process exits as a shell expects of a process ended by that signal.
 */

/** The exit code of a process ended by the signal: 128 + its number. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

export type CleanupTask = () => void | Promise<void>;

/** Clean-up tasks, run once each, the last added first (what was started last is stopped first). */
export class CleanupRegistry {
  private readonly tasks: Array<{ readonly name: string; readonly task: CleanupTask }> = [];
  private running?: Promise<string[]>;

  /** Adds a task; the returned function takes it off again (its work is done another way). */
  add(name: string, task: CleanupTask): () => void {
    const entry = { name, task };
    this.tasks.push(entry);
    return () => {
      const i = this.tasks.indexOf(entry);
      if (i >= 0) this.tasks.splice(i, 1);
    };
  }

  /** Runs every task (a failing one does not stop the others); what failed, as `name: message`. Called again, it returns the same run. */
  run(): Promise<string[]> {
    this.running ??= (async () => {
      const failures: string[] = [];
      for (const { name, task } of this.tasks.splice(0).reverse()) {
        try {
          await task();
        } catch (error) {
          failures.push(`${name}: ${(error as Error).message}`);
        }
      }
      return failures;
    })();
    return this.running;
  }
}

/** What `exitOnSignals` needs of the process (a test passes its own). */
export interface SignalTarget {
  on(signal: HandledSignal, listener: () => void): unknown;
  off(signal: HandledSignal, listener: () => void): unknown;
}

export interface SignalOptions {
  readonly target?: SignalTarget;
  readonly exit?: (code: number) => void;
  readonly log?: (line: string) => void;
}

/** The installed handlers: the signal received, if any (the run's own error after it is not the outcome), and their removal. */
export interface SignalHandlers {
  readonly received: () => HandledSignal | undefined;
  readonly remove: () => void;
}

/**
 * On SIGINT or SIGTERM: runs the registry, says what could not be cleaned up, and exits with
 * 130 or 143. A second signal while cleaning up is answered with a note, not an abandoned clean-up.
 */
export function exitOnSignals(registry: CleanupRegistry, options: SignalOptions = {}): SignalHandlers {
  const target = options.target ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const log = options.log ?? ((line: string) => console.error(line));
  let received: HandledSignal | undefined;
  const handlers = Object.fromEntries(
    (Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]).map((signal) => [
      signal,
      () => {
        if (received) {
          log(`${signal}: still cleaning up after ${received}, one moment`);
          return;
        }
        received = signal;
        log(`${signal}: stopping and cleaning up…`);
        void registry.run().then((failures) => {
          for (const failure of failures) log(`could not clean up ${failure}`);
          exit(SIGNAL_EXIT_CODES[signal]);
        });
      },
    ]),
  ) as Record<HandledSignal, () => void>;
  for (const [signal, handler] of Object.entries(handlers) as Array<[HandledSignal, () => void]>) target.on(signal, handler);
  return {
    received: () => received,
    remove: () => {
      for (const [signal, handler] of Object.entries(handlers) as Array<[HandledSignal, () => void]>) target.off(signal, handler);
    },
  };
}
