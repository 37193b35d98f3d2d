/**
 * Reads and validates a fleet config file. Every problem is reported at once, each with the
 * JSON path of the bad field, the bad value and what is allowed.
 */
import { readFileSync } from 'node:fs';
import { parse as parseJsonc, ParseError, printParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { FleetConfig, fleetConfigSchema } from './config';

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

/** `accounts[0].regions.us-east-1.clusters[2]` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Keys the object schema at `path` accepts, to suggest a fix for an unknown key. */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const part of path) {
    current = unwrap(current);
    const def: any = current?._zod.def;
    if (def?.type === 'object') current = def.shape[part as string];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  const def: any = unwrap(current)?._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current: any = schema;
  while (current && ['optional', 'default', 'pipe', 'nullable'].includes(current._zod.def.type)) {
    current = current._zod.def.innerType ?? current._zod.def.in;
  }
  return current;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

function unknownKeyMessage(key: string, allowed: string[]): string {
  const close = allowed.filter((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = close.length > 0 ? `did you mean "${close[0]}"? ` : '';
  return `unknown key "${key}": ${hint}allowed keys are ${allowed.join(', ')}`;
}

/** One line per problem, `path: message`, in document order. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(fleetConfigSchema, issue.path);
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
        message =
          input === undefined ? `is required (${issue.expected})` : `expected ${issue.expected}, got ${describeValue(input)}`;
        break;
      case 'invalid_value':
        message = `${describeValue(input)} is not allowed: use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'invalid_union':
        message = `${describeValue(input)} matches none of the allowed forms`;
        break;
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

/** Validates parsed config data; throws ConfigError listing every problem. */
export function validateFleetConfig(data: unknown, file = 'fleet config'): FleetConfig {
  const result = fleetConfigSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new ConfigError(file, describeIssues(result.error.issues));
  return result.data;
}

/** Line and column (1-based) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** What jsonc-parser's error codes mean, in words. */
const SYNTAX_ERRORS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":"',
  CommaExpected: 'expected ","',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in a string',
};

/** Parses JSON text strictly (no comments, no trailing commas), reporting the first syntax error by line and column. */
export function parseJson(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  const value = parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return value;
  const { error, offset } = errors[0];
  const { line, column } = lineAndColumn(text, offset);
  const code = printParseErrorCode(error);
  throw new ConfigError(file, [`not valid JSON at line ${line}, column ${column}: ${SYNTAX_ERRORS[code] ?? code}`]);
}

/** Reads, parses and validates the fleet config file at `file`. */
export function loadFleetConfig(file: string): FleetConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new ConfigError(file, [`cannot read the fleet config: ${reason}; set FLEET_CONFIG to a config file's path`]);
  }
  return validateFleetConfig(parseJson(text, file), file);
}
