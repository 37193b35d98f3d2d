/**
 * Checks config data before anything reads it as objects: keys that name a JavaScript object's
 * prototype (`__proto__`, `constructor`, `prototype`) would change what a config means when it is
 * copied, merged or validated, and objects built in code may carry a prototype, refer to
 * themselves, nest without end or hold cdktf tokens in place of values. A string or key holding
 * `${` or `%{` would be evaluated by Terraform, which reads every string it is given as a template.
 * Each problem names its path; the walk is iterative, so no input can exhaust the stack.
 */
import { Token } from 'cdktf';
import type { Problem } from '../common/errors';
import { terraformTemplateProblem } from '../common/rules';
import { MAX_CONFIG_DEPTH } from './config-nesting';

/** Keys that reach an object's prototype when assigned or looked up. */
export const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

type Path = ReadonlyArray<string | number>;

/** Top-level keys whose value never reaches Terraform (`$schema` is for editors), so it may hold template text. */
const EDITOR_ONLY_KEYS: readonly string[] = ['$schema'];
const reachesTerraform = (path: Path) => !(path.length === 1 && EDITOR_ONLY_KEYS.includes(String(path[0])));

/** The problem of a forbidden key at `path` (the key included). */
export function forbiddenKeyProblem(path: Path): Problem {
  const key = path[path.length - 1];
  return {
    path,
    problem: `the key "${String(key)}" is not allowed: it names a JavaScript object's prototype and could change what the config means; remove or rename it`,
  };
}

const isPlainPrototype = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype || prototype === Array.prototype;
};

/** Problems of keys and object shapes in `data`; [] when every object is plain and every key safe. */
export function unsafeDataProblems(data: unknown): Problem[] {
  const problems: Problem[] = [];
  const inWalk = new Set<object>();
  // Entries are popped in order; a 'leave' entry takes its object off the current chain (cycles, not shared objects, are refused).
  const stack: Array<{ value: unknown; path: Path; leave?: boolean }> = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path, leave } = stack.pop()!;
    // A token (a number, string, list or object cdktf resolves at synth) would pass as a number or a name.
    if (!leave && Token.isUnresolved(value)) {
      problems.push({
        path,
        problem: 'is a cdktf token, a value known only later: a fleet config names stacks and resources by its values, so give the value itself',
      });
      continue;
    }
    if (typeof value === 'string') {
      const template = reachesTerraform(path) ? terraformTemplateProblem(value) : undefined;
      if (template) problems.push({ path, problem: template });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (leave) {
      inWalk.delete(value);
      continue;
    }
    if (inWalk.has(value)) {
      problems.push({ path, problem: 'refers to an object that contains it: a fleet config is a tree; give the value itself' });
      continue;
    }
    if (!isPlainPrototype(value)) {
      problems.push({ path, problem: 'is not a plain object or array (it has a prototype of its own): build the config from object and array literals' });
      continue;
    }
    if (path.length >= MAX_CONFIG_DEPTH) {
      problems.push({ path, problem: `is nested more than ${MAX_CONFIG_DEPTH} levels deep: a fleet config needs far fewer` });
      continue;
    }
    inWalk.add(value);
    stack.push({ value, path, leave: true });
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    // Pushed in reverse so that problems come out in document order.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childPath = [...path, key];
      const keyTemplate = typeof key === 'string' ? terraformTemplateProblem(key) : undefined;
      if (typeof key === 'string' && FORBIDDEN_KEYS.includes(key)) problems.push(forbiddenKeyProblem(childPath));
      else if (keyTemplate) problems.push({ path: childPath, problem: `the key ${keyTemplate}` });
      else stack.push({ value: child, path: childPath });
    }
  }
  return problems;
}
