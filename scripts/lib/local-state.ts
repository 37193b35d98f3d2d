/**
 * Local state kept inside the output directory (`<outdir>/stacks/<stack>/terraform.<stack>.tfstate`,
 * where earlier releases kept it) is at risk: the cdktf CLI deletes the directory of a stack that
 * left the config. A synth moves it to where the local backend now keeps it, beside the output
 * directory (modules/fleet/backend.ts), never overwriting a file there.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { localStateFileName, localStatePath } from '../../modules/fleet/backend';
import { isWithin, physicalPath } from './work-dir';

const STACKS_FOLDER = 'stacks';
const BACKUP = '.backup';

/** One state file (or its backup) to move. */
export interface StateFileMove {
  readonly from: string;
  readonly to: string;
}

/** The state of one stack to move out of the output directory: its state file, its backup, or both. */
export interface StateMove {
  readonly stack: string;
  readonly stackDir: string;
  readonly files: readonly StateFileMove[];
}

export interface LocalStatePlan {
  /** State to move out of the output directory. */
  readonly moves: readonly StateMove[];
  /** State that is in two places: nothing may move until the user settles which one is right. */
  readonly conflicts: readonly string[];
  /** State left inside the output directory (its stack is not in this config), at risk from the cdktf CLI. */
  readonly atRisk: readonly string[];
}

/** Where the local backend keeps the state of `stack` for the output directory `outdir`: as Terraform finds it, symlinks followed before `..`. */
export function localStateFile(outdir: string, stack: string): string {
  // Not path.join: it would apply the `..` before the symlinks are followed.
  return physicalPath([path.resolve(outdir), STACKS_FOLDER, stack, localStatePath(stack)].join(path.sep));
}

/** Why local state cannot live beside `outdir` (only when `outdir` is a file system's root), or undefined. */
export function localStateLocationProblem(outdir: string): string | undefined {
  const file = localStateFile(outdir, 'stack');
  if (!isWithin(file, physicalPath(path.resolve(outdir)))) return undefined;
  return `CDKTF_OUTDIR=${outdir}: local state is kept beside the output directory, and here it would be inside it (${path.dirname(file)}); set CDKTF_OUTDIR to a directory inside your project, such as cdktf.out.`;
}

/**
 * What to do with the local state found inside `outdir`: the state of each stack of this synth
 * (`synthesized`) moves out; so does every other stack's when `rescueAll` (the cdktf CLI is about
 * to delete their directories); otherwise it is named as at risk.
 */
export function planLocalStateMoves(outdir: string, synthesized: readonly string[], rescueAll: boolean): LocalStatePlan {
  const stacksDir = path.join(outdir, STACKS_FOLDER);
  const moves: StateMove[] = [];
  const conflicts: string[] = [];
  const atRisk: string[] = [];
  const present = existsSync(stacksDir) ? readdirSync(stacksDir).filter((entry) => statSync(path.join(stacksDir, entry)).isDirectory()) : [];
  for (const stack of present.sort()) {
    const stackDir = path.join(stacksDir, stack);
    const old = path.join(stackDir, localStateFileName(stack));
    const files = [old, `${old}${BACKUP}`].filter((file) => existsSync(file));
    if (files.length === 0) continue;
    if (!synthesized.includes(stack) && !rescueAll) {
      atRisk.push(
        `${old} is local state inside the output directory, of ${stack}, which is not in this config: ` +
          `the cdktf CLI deletes that directory at its next synth. Destroy the stack (terraform destroy in ${stackDir}), ` +
          'or synthesize a config that holds it, which moves its state out.',
      );
      continue;
    }
    const target = localStateFile(outdir, stack);
    const pairs = files.map((from) => ({ from, to: from.endsWith(BACKUP) ? `${target}${BACKUP}` : target }));
    const clashes = pairs.filter(({ to }) => existsSync(to));
    for (const { from, to } of clashes) {
      conflicts.push(
        `local state of ${stack} is in two places: ${from} (inside the output directory, where the cdktf CLI may delete it) and ${to}. ` +
          'Keep the one Terraform should use at the second path and remove (or rename) the other, then synthesize again.',
      );
    }
    if (clashes.length === 0) moves.push({ stack, stackDir, files: pairs });
  }
  return { moves, conflicts, atRisk };
}

/**
 * Moves the state and removes Terraform's cache of the old backend in the stack's `.terraform/`
 * when it names the old file (it would stop the next `terraform init` at "Backend configuration
 * changed"); the providers installed there stay. Returns one line per stack saying what moved.
 */
export function moveLocalState(moves: readonly StateMove[]): string[] {
  return moves.map(({ stack, stackDir, files }) => {
    for (const { from, to } of files) moveFile(from, to);
    forgetOldBackend(stackDir, stack);
    const [first] = files;
    const backup = files.length === 2 ? ' (and its .backup)' : '';
    return `moved local state out of the output directory: ${first.from} -> ${first.to}${backup}`;
  });
}

function moveFile(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // Another file system: copy (refusing to overwrite), then remove the original.
    copyFileSync(from, to, 1 /* COPYFILE_EXCL */);
    unlinkSync(from);
  }
}

function forgetOldBackend(stackDir: string, stack: string): void {
  const cache = path.join(stackDir, '.terraform', 'terraform.tfstate');
  if (!existsSync(cache)) return;
  try {
    const { backend } = JSON.parse(readFileSync(cache, 'utf8'));
    const oldPath = backend?.config?.path;
    if (backend?.type !== 'local' || path.resolve(stackDir, String(oldPath)) !== path.join(stackDir, localStateFileName(stack))) return;
  } catch {
    return;
  }
  rmSync(cache);
}
