/**
 * Parses the text of a fleet config, JSON or YAML. A syntax error is reported by line and
 * column; so is a key given twice in one object, which both parsers would otherwise resolve
 * silently by keeping the last value.
 */
import { parse as parseJsonc, type ParseError, printParseErrorCode, visit as visitJson } from 'jsonc-parser';
import { type Document, isMap, isScalar, isSeq, type Node, parseDocument } from 'yaml';
import { formatPath } from '../common/errors';
import { ConfigError } from './config-problems';
import { textPositions } from './text-positions';
import { jsonNestingProblem, yamlNestingProblem } from './config-nesting';

/** The formats a fleet config may be written in. */
export type ConfigFormat = 'json' | 'yaml';

/** The parsed data, and the problems found on the way that validation cannot see. */
export interface ParsedConfigText {
  readonly data: unknown;
  readonly problems: readonly string[];
}

interface Position {
  readonly line: number;
  readonly column: number;
}

/** Line and column (1-based) of a character offset. */
function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const where = ({ line, column }: Position) => `line ${line}, column ${column}`;

/** What jsonc-parser's error codes mean, in words. */
const JSON_SYNTAX_ERRORS: Record<string, string> = {
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

/** A key given twice in one object; a region listed twice in an account gets a message of its own. */
function duplicateKeyProblem(objectPath: ReadonlyArray<string | number>, key: string, at: Position, first: Position): string {
  const path = formatPath([...objectPath, key]);
  const isRegion = objectPath.length === 3 && objectPath[0] === 'accounts' && objectPath[2] === 'regions';
  return isRegion
    ? `${path}: region ${key} is listed twice in this account (${where(at)}; also at ${where(first)}): list each region once and put all its clusters under it`
    : `${path}: key "${key}" is given twice (${where(at)}; also at ${where(first)}): give it once`;
}

/** Parses JSON text strictly (no comments, no trailing commas); throws a ConfigError at the first syntax error. */
export function parseJson(text: string, file: string): unknown {
  return parseConfigText(text, 'json', file).data;
}

/** JSON.parse, for text jsonc-parser accepted; whatever it still refuses is a syntax error, not a crash. */
function strictJsonParse(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
}

function parseJsonText(text: string, file: string): ParsedConfigText {
  const tooDeep = jsonNestingProblem(text);
  if (tooDeep) throw new ConfigError(file, [tooDeep]);
  const errors: ParseError[] = [];
  const options = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };
  parseJsonc(text, errors, options);
  if (errors.length > 0) {
    const { error, offset } = errors[0];
    const code = printParseErrorCode(error);
    throw new ConfigError(file, [`not valid JSON at ${where(positionOf(text, offset))}: ${JSON_SYNTAX_ERRORS[code] ?? code}`]);
  }
  const problems: string[] = [];
  const seen: Array<Map<string, Position>> = [];
  // JSON.parse keeps a "__proto__" key as a key (jsonc-parser assigns it, setting the object's prototype).
  const data = strictJsonParse(text, file);
  visitJson(
    text,
    {
      onObjectBegin: () => void seen.push(new Map()),
      onObjectEnd: () => void seen.pop(),
      onObjectProperty: (key, _offset, _length, line, character, objectPath) => {
        const keys = seen[seen.length - 1];
        const at = { line: line + 1, column: character + 1 };
        const first = keys.get(key);
        if (first) problems.push(duplicateKeyProblem(objectPath(), key, at, first));
        else keys.set(key, at);
      },
    },
    options,
  );
  return { data, problems };
}

/** How many alias nodes one document may resolve; the yaml package's own default, stated here. */
const MAX_ALIAS_EXPANSIONS = 100;

/** What the yaml package's error codes mean, where its own message does not say it for a config author. */
const YAML_SYNTAX_ERRORS: Record<string, string> = {
  MULTIPLE_DOCS: 'a fleet config is one YAML document: remove the "---" and what follows it',
};

function parseYamlText(text: string, file: string): ParsedConfigText {
  const tooDeep = yamlNestingProblem(text);
  if (tooDeep) throw new ConfigError(file, [tooDeep]);
  // Duplicate keys are found below, with their paths, rather than as bare syntax errors.
  const document = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (document.errors.length > 0) {
    const { code, message, pos } = document.errors[0];
    throw new ConfigError(file, [`not valid YAML at ${where(positionOf(text, pos[0]))}: ${YAML_SYNTAX_ERRORS[code] ?? message}`]);
  }
  const problems: string[] = [];
  const positionAt = textPositions(text);
  const findDuplicates = (node: unknown, path: Array<string | number>) => {
    if (isMap(node)) {
      const offsets = new Map<string, number>();
      for (const { key, value } of node.items) {
        const name = String(isScalar(key) ? key.value : key);
        const offset = (key as Node | null)?.range?.[0] ?? 0;
        const first = offsets.get(name);
        if (first !== undefined) problems.push(duplicateKeyProblem(path, name, positionAt(offset), positionAt(first)));
        else offsets.set(name, offset);
        findDuplicates(value, [...path, name]);
      }
    } else if (isSeq(node)) {
      for (const [index, item] of node.items.entries()) findDuplicates(item, [...path, index]);
    }
  };
  findDuplicates(document.contents, []);
  return { data: yamlData(document, file), problems };
}

/** The document as plain data; aliases that expand past the yaml package's limit (an alias bomb) are a problem, not a crash. */
function yamlData(document: Document, file: string): unknown {
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    throw new ConfigError(file, [
      `not usable YAML: its aliases (*name) expand to too much data (${error.message.toLowerCase()}): write the values out, or refer to each anchor fewer times`,
    ]);
  }
}

/** Parses config text; throws a ConfigError on a syntax error, returns duplicate keys as problems. */
export function parseConfigText(text: string, format: ConfigFormat, file: string): ParsedConfigText {
  // A byte-order mark (as some Windows editors write) is not content, in either format; positions count from after it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return format === 'json' ? parseJsonText(body, file) : parseYamlText(body, file);
}
