/**
 * How deep a config's text nests, measured before anything parses it into objects: the parsers,
 * the schema and the problem reports all recurse, and a text nested thousands deep would end in a
 * stack overflow instead of a problem report. Both scans are iterative.
 */
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { type CST, Parser } from 'yaml';
import { type TextPosition, textPositions } from './text-positions';

/** Deepest nesting of objects and arrays a fleet config may have; the deepest real setting is about 8 levels down. */
export const MAX_CONFIG_DEPTH = 32;

/** The problem of a collection opened at `at`, MAX_CONFIG_DEPTH + 1 levels down. */
export function tooDeepProblem(at: TextPosition): string {
  return `nested more than ${MAX_CONFIG_DEPTH} levels deep at line ${at.line}, column ${at.column}: a fleet config needs far fewer; check the brackets and indentation`;
}

/** The problem of JSON text nested too deep, or undefined. Syntax errors are left to the parser. */
export function jsonNestingProblem(text: string): string | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      depth += 1;
      if (depth > MAX_CONFIG_DEPTH) return tooDeepProblem({ line: scanner.getTokenStartLine() + 1, column: scanner.getTokenStartCharacter() + 1 });
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth -= 1;
    }
  }
  return undefined;
}

/** The problem of YAML text nested too deep (block or flow collections), or undefined; read from yaml's concrete syntax tree, which is built without recursion. */
export function yamlNestingProblem(text: string): string | undefined {
  const stack: Array<{ token: CST.Token | null | undefined; depth: number }> = [];
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') {
      stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_CONFIG_DEPTH) return tooDeepProblem(textPositions(text)(token.offset));
      for (const item of token.items) {
        stack.push({ token: item.key, depth: depth + 1 }, { token: item.value, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
