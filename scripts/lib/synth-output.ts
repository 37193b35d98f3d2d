/**
 * What a synth leaves in its output directory, kept consistent: the app synthesizes into a
 * staging directory beside the output and only a complete synth is moved into place, under a
 * marker that says "incomplete" until the new manifest.json is in. Readers (the plan harness)
 * take the stacks manifest.json lists and refuse an output whose last synth did not finish.
 * Files the synth did not write (local state, .terraform) are never removed.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isWithin } from './work-dir';

/** Present in the output directory while a synth is being moved into place. */
export const SYNTH_INCOMPLETE_MARKER = '.synth-incomplete';
export const MANIFEST_FILE = 'manifest.json';
const STACKS_FOLDER = 'stacks';

/** A user-facing problem with the synth output: the message says what and what to do. */
export class SynthOutputError extends Error {}

/** The staging directory of this process's synth: beside `outdir`, so moving it in is a rename. */
export function stagingDirFor(outdir: string, pid = process.pid): string {
  return path.join(path.dirname(outdir), `.${path.basename(outdir)}.staging-${pid}`);
}

const STAGING = /^\.(.+)\.staging-(\d+)$/;

/** Removes staging directories of `outdir` left by synths that were killed (their process is gone). */
export function removeAbandonedStaging(outdir: string): string[] {
  const parent = path.dirname(outdir);
  if (!existsSync(parent)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(parent)) {
    const match = STAGING.exec(entry);
    if (!match || match[1] !== path.basename(outdir) || processAlive(Number(match[2]))) continue;
    rmSync(path.join(parent, entry), { recursive: true, force: true });
    removed.push(entry);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface StackEntry {
  readonly name: string;
  /** Absolute directory of the stack. */
  readonly dir: string;
  /** Absolute path of its Terraform configuration (cdk.tf.json). */
  readonly configFile: string;
}

export interface SynthOutput {
  /** The stacks manifest.json lists, in its order. */
  readonly stacks: readonly StackEntry[];
  /** Directories under stacks/ that manifest.json does not list (an earlier synth's), sorted. */
  readonly ignored: readonly string[];
}

/** Reads the stacks of a synth output from its manifest.json; throws SynthOutputError when it is missing or incomplete. */
export function readSynthOutput(outdir: string): SynthOutput {
  if (existsSync(path.join(outdir, SYNTH_INCOMPLETE_MARKER))) {
    throw new SynthOutputError(
      `the last synth into ${outdir} did not finish (it was stopped while moving its stacks into place): run \`npm run synth\` again.`,
    );
  }
  const manifestFile = path.join(outdir, MANIFEST_FILE);
  if (!existsSync(manifestFile)) {
    throw new SynthOutputError(`${manifestFile} does not exist: run \`npm run synth\` first.`);
  }
  let manifest: { stacks?: Record<string, { name?: unknown; workingDirectory?: unknown; synthesizedStackPath?: unknown }> };
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  } catch (error) {
    throw new SynthOutputError(`${manifestFile} is not valid JSON (${(error as Error).message}): run \`npm run synth\` again.`);
  }
  const listed = manifest && typeof manifest.stacks === 'object' && manifest.stacks !== null ? Object.values(manifest.stacks) : undefined;
  if (!listed) throw new SynthOutputError(`${manifestFile} has no "stacks" object: run \`npm run synth\` again.`);
  const stacks = listed.map((entry, i): StackEntry => {
    const { name, workingDirectory, synthesizedStackPath } = entry ?? {};
    // A stack is one directory directly under stacks/; anything else could point the harness elsewhere.
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name) || workingDirectory !== `${STACKS_FOLDER}/${name}`) {
      throw new SynthOutputError(
        `${manifestFile}: stack ${i + 1} (${JSON.stringify(name)} in ${JSON.stringify(workingDirectory)}) is not a directory under ${STACKS_FOLDER}/: run \`npm run synth\` again.`,
      );
    }
    const dir = path.join(outdir, STACKS_FOLDER, name);
    const configFile = path.resolve(outdir, String(synthesizedStackPath ?? ''));
    if (typeof synthesizedStackPath !== 'string' || !isWithin(configFile, dir) || configFile === dir) {
      throw new SynthOutputError(`${manifestFile}: stack ${name} names its configuration ${JSON.stringify(synthesizedStackPath)}, outside ${dir}.`);
    }
    return { name, dir, configFile };
  });
  const names = new Set(stacks.map((s) => s.name));
  const stacksDir = path.join(outdir, STACKS_FOLDER);
  const ignored = existsSync(stacksDir)
    ? readdirSync(stacksDir)
        .filter((entry) => !names.has(entry))
        .sort()
    : [];
  return { stacks, ignored };
}

export interface CommittedSynth {
  /** Stacks now in the output, as manifest.json lists them. */
  readonly stacks: readonly string[];
  /** Directories under stacks/ that this synth did not write, left as they were (they may hold local state). */
  readonly leftAlone: readonly string[];
}

/** How one entry is moved into place; a parameter so that tests can stop a commit midway. */
export type Move = (from: string, to: string) => void;

/**
 * Moves a complete synth from `staging` into `outdir`: for each stack, the entries the synth wrote
 * replace those of the same name; everything else in the stack's directory (state files,
 * .terraform) stays. The marker is up, and the old manifest gone, until the new manifest is in.
 */
export function commitSynth(staging: string, outdir: string, move: Move = renameSync): CommittedSynth {
  mkdirSync(path.join(outdir, STACKS_FOLDER), { recursive: true });
  const marker = path.join(outdir, SYNTH_INCOMPLETE_MARKER);
  writeFileSync(marker, `a synth from ${staging} is being moved into place; if this file stays, that synth was interrupted: run \`npm run synth\` again\n`);
  rmSync(path.join(outdir, MANIFEST_FILE), { force: true });
  const stagedStacks = path.join(staging, STACKS_FOLDER);
  const written = existsSync(stagedStacks) ? readdirSync(stagedStacks).sort() : [];
  for (const stack of written) {
    const from = path.join(stagedStacks, stack);
    const to = path.join(outdir, STACKS_FOLDER, stack);
    if (!statSync(from).isDirectory()) continue;
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from)) {
      rmSync(path.join(to, entry), { recursive: true, force: true });
      move(path.join(from, entry), path.join(to, entry));
    }
  }
  for (const entry of readdirSync(staging)) {
    if (entry === STACKS_FOLDER || entry === MANIFEST_FILE) continue;
    rmSync(path.join(outdir, entry), { recursive: true, force: true });
    move(path.join(staging, entry), path.join(outdir, entry));
  }
  // The manifest goes in last, in one rename; only then does the marker go.
  move(path.join(staging, MANIFEST_FILE), path.join(outdir, MANIFEST_FILE));
  unlinkSync(marker);
  rmSync(staging, { recursive: true, force: true });
  const { stacks, ignored } = readSynthOutput(outdir);
  return { stacks: stacks.map((s) => s.name), leftAlone: ignored };
}
