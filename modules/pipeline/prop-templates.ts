/**
 * Props text that Terraform would evaluate: every string of a construct's props reaches the
 * Terraform JSON (as an attribute, or inside a policy, an input or a dashboard), where `${` and
 * `%{` start a template. A cdktf token (`${TfToken[…]}`) is a reference Terraform must evaluate,
 * so only the literal text around tokens is checked. Pure.
 */
import { Token, Tokenization } from 'cdktf';
import { formatPath, type Problem } from '../common/errors';
import { terraformTemplateProblem } from '../common/rules';

/** The literal parts of `text`, its cdktf tokens left out. */
function literalParts(text: string): string[] {
  return Token.isUnresolved(text) ? Tokenization.reverseString(text).literals.map(String) : [text];
}

function templateProblem(text: string): string | undefined {
  for (const part of literalParts(text)) {
    const problem = terraformTemplateProblem(part);
    if (problem) return problem;
  }
  return undefined;
}

const isPlain = (value: object) => {
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype || prototype === Array.prototype;
};

/**
 * Each string (and key) of `props` whose literal text holds `${` or `%{`, at its path; objects
 * that are not plain data (a provider, a token object) are not read.
 */
export function propTemplateProblems(props: object): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<object>();
  const walk = (value: unknown, path: Array<string | number>) => {
    if (typeof value === 'string') {
      const problem = templateProblem(value);
      if (problem) problems.push({ path, problem });
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value) || !isPlain(value) || Token.isUnresolved(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) walk(item, [...path, index]);
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = templateProblem(key);
      if (keyProblem) problems.push({ path: [...path, key], problem: `the key ${keyProblem}` });
      else walk(child, [...path, key]);
    }
  };
  walk(props, []);
  return problems;
}

/**
 * The template problems of `props` first, then `others` except those about a field already
 * refused for its template (one reason per field: the template is the one to fix).
 */
export function withTemplateProblems(props: object, others: readonly Problem[]): Problem[] {
  const templates = propTemplateProblems(props);
  const fields = new Set(templates.map(({ path }) => formatPath(path)));
  return [...templates, ...others.filter(({ path }) => !fields.has(formatPath(path)))];
}
