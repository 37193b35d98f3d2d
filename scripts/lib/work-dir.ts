/**
 * Keeps the plan harness's work directory apart from the synth output: a work directory equal
 * to, inside, or containing the synth output would let the harness overwrite or delete the
 * user's stacks, assets and local state. Paths are compared as the kernel resolves them
 * (symlinks followed, `..` applied after them), not as they are spelled.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The path `target` names once every symlink of its existing part is followed: the existing
 * prefix is resolved component by component (so `link/..` is the parent of the link's target,
 * as for the kernel), the part that does not exist yet is appended as written.
 */
export function physicalPath(target: string, base = process.cwd(), depth = 0): string {
  const absolute = path.isAbsolute(target) ? target : `${base}${path.sep}${target}`;
  let current = path.parse(absolute).root;
  let existing = true;
  for (const part of absolute.split(path.sep)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    // Once a component is missing, nothing below it can be a symlink yet.
    existing = existing && lstatOrUndefined(next) !== undefined;
    current = existing ? resolvedLink(next, depth) : next;
  }
  return current;
}

function lstatOrUndefined(p: string) {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/** realpath of an existing entry; a dangling symlink resolves to where it points (mkdir would follow it). */
function resolvedLink(p: string, depth: number): string {
  try {
    return realpathSync(p);
  } catch {
    if (depth > 40 || !lstatOrUndefined(p)?.isSymbolicLink()) return p;
    return physicalPath(readlinkSync(p), path.dirname(p), depth + 1);
  }
}

/** True when `inner` is `outer` or lies below it (both physical paths). */
export function isWithin(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * The reason `workDir` may not serve as the plan harness's work directory for the synth output
 * `outdir`, or undefined when it may. Both are compared as physical paths.
 */
export function workDirProblem(workDir: string, outdir: string, variable = 'PLAN_WORK_DIR'): string | undefined {
  const work = physicalPath(workDir);
  const out = physicalPath(outdir);
  const shown = work === path.resolve(workDir) ? work : `${workDir} (${work} once symlinks are followed)`;
  const fix = `set ${variable} to a directory outside ${out}, such as ${path.join(path.dirname(out), '.tf-work')}`;
  if (work === out) return `${variable} ${shown} is the synth output directory itself: planning there would overwrite and delete its stacks and state; ${fix}.`;
  if (isWithin(work, out)) return `${variable} ${shown} is inside the synth output ${out}: planning there would write into what you deploy; ${fix}.`;
  if (isWithin(out, work))
    return `${variable} ${shown} contains the synth output ${out}: its work copies could overwrite or delete the stacks and state under it; ${fix}.`;
  return undefined;
}
