/**
 * How a bad fleet config is reported: one line per problem, `path: what is wrong and what is
 * allowed`, every problem at once.
 */
import type { z } from 'zod';
import { fleetConfigSchema } from './config';
import { editDistance } from '../common/edit-distance';
import { formatPath, type Problem } from '../common/errors';

/** A fleet config that cannot be used; `problems` lists each as `path: message`. */
export class ConfigError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: readonly string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** `path: problem` for a problem of the config data; a problem of the whole config is at "(top level)". */
export function describeConfigProblem({ path, problem }: Problem): string {
  return `${formatPath(path) || '(top level)'}: ${problem}`;
}

/** zod's message for a union that no option matches, when the union gives none of its own. */
const DEFAULT_UNION_MESSAGE = 'Invalid input';

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current: any = schema;
  while (current && ['optional', 'default', 'pipe', 'nullable'].includes(current._zod.def.type)) {
    current = current._zod.def.innerType ?? current._zod.def.in;
  }
  return current;
}

/** The option of a discriminated union that `data` selects, or undefined. */
function selectedOption(def: any, data: unknown): z.ZodType | undefined {
  const tag = (data as Record<string, unknown> | undefined)?.[def.discriminator];
  return def.options.find((option: any) => option._zod.propValues?.[def.discriminator]?.has(tag));
}

/**
 * The schema that applies to `value`: wrappers removed, a discriminated union's option chosen by the
 * value, and for an object the object option of any other union (e.g. `false` or an object).
 */
function resolve(schema: z.ZodType | undefined, value: unknown): z.ZodType | undefined {
  const inner = unwrap(schema);
  const def: any = inner?._zod.def;
  if (def?.type === 'union' && def.discriminator) return unwrap(selectedOption(def, value));
  if (def?.type === 'union' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return def.options.map(unwrap).find((option: any) => option?._zod.def.type === 'object') ?? inner;
  }
  return inner;
}

/** Keys the object at `path` of `data` may have, to suggest a fix for an unknown key. */
function allowedKeys(path: readonly PropertyKey[], data: unknown): string[] {
  let value = data;
  let schema = resolve(fleetConfigSchema, value);
  for (const part of path) {
    const def: any = schema?._zod.def;
    const child = def?.type === 'object' ? def.shape[part] : def?.type === 'record' ? def.valueType : def?.element;
    value = (value as Record<PropertyKey, unknown> | undefined)?.[part];
    schema = resolve(child, value);
  }
  const def: any = schema?._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

function unknownKeyMessage(key: string, allowed: string[]): string {
  const close = allowed.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = close.length > 0 ? `did you mean "${close[0]}"? ` : '';
  return `unknown key "${key}": ${hint}allowed keys are ${allowed.join(', ')}`;
}

function invalidTypeMessage(expected: string, input: unknown): string {
  if (input === undefined) return `is required (${expected})`;
  // YAML reads 111111111111 as a number; quotes keep it (and any leading zero) a string.
  const quote = expected === 'string' && (typeof input === 'number' || typeof input === 'boolean') ? ': put it in quotes' : '';
  return `expected ${expected}, got ${describeValue(input)}${quote}`;
}

/** One line per problem, `path: message`, in the order zod found them; `data` is the validated input. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], data?: unknown): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(issue.path, data);
      for (const key of issue.keys) {
        lines.push(`${formatPath([...issue.path, key]) || key}: ${unknownKeyMessage(key, allowed)}`);
      }
      continue;
    }
    const where = formatPath(issue.path) || '(top level)';
    const input = (issue as { input?: unknown }).input;
    let message: string;
    switch (issue.code) {
      case 'invalid_type':
        message = invalidTypeMessage(issue.expected, input);
        break;
      case 'invalid_value':
        message = `${describeValue(input)} is not allowed: use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'invalid_union': {
        const { discriminator, options } = issue as { discriminator?: string; options?: unknown[] };
        const allowed = options?.map((v) => JSON.stringify(v)).join(', ');
        const tag = discriminator === undefined ? undefined : (input as Record<string, unknown> | undefined)?.[discriminator];
        // A union with its own message (the cluster list) says what it takes; `input` is absent when the field is missing.
        const own = issue.message !== DEFAULT_UNION_MESSAGE ? issue.message : undefined;
        if (discriminator === undefined && own) message = input === undefined ? own : `${describeValue(input)} ${own}`;
        else if (discriminator === undefined) message = `${describeValue(input)} matches none of the allowed forms`;
        else if (tag === undefined) message = `is required: use one of ${allowed}`;
        else message = `${describeValue(tag)} is not allowed: use one of ${allowed}`;
        break;
      }
      case 'invalid_format':
        message = `${describeValue(input)}: ${issue.message}`;
        break;
      default:
        message = issue.message;
    }
    lines.push(`${where}: ${message}`);
  }
  return lines;
}
