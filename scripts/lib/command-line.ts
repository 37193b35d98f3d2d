/** Strict command-line parsing for the repo's scripts (`npm run cost`, `npm run bench`). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<T extends Options> = ReturnType<typeof parseArgs<{ options: T; strict: true; allowPositionals: false }>>['values'];

/** An argument the command cannot use; its message names the option and what is allowed. */
export class UsageError extends Error {}

/** The options given, or the exit code of a command that should stop here. */
export type CommandLine<T extends Options> = { readonly values: Values<T> } | { readonly exitCode: number };

/**
 * Parses `argv` strictly. `--help` prints the usage (exit 0); an unknown or incomplete option
 * prints the problem and the usage (exit 2).
 */
export function parseCommandLine<T extends Options>(argv: string[], options: T, usage: string): CommandLine<T> {
  try {
    const { values } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean' } }, strict: true, allowPositionals: false });
    if ((values as { help?: boolean }).help) {
      console.log(usage);
      return { exitCode: 0 };
    }
    return { values: values as Values<T> };
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return { exitCode: 2 };
  }
}
