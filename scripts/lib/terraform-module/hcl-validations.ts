/**
 * The validations the modules' variables share, written once from the rule constants
 * (modules/common): a nullable IAM role name, IAM path and external ID, and the RE2 forms of the
 * rules' patterns. Pure.
 */
import { EXTERNAL_ID, EXTERNAL_ID_ALLOWED, ROLE_NAME, ROLE_NAME_ALLOWED } from '../../../modules/common/iam-rules';
import { IAM_PATH, IAM_PATH_ALLOWED, IAM_PATH_MAX_LENGTH } from '../../../modules/common/rules';

/** One `validation` block: an HCL condition and the message Terraform prints when it is false. */
export interface VariableValidation {
  readonly condition: string;
  readonly message: string;
}

/** An HCL string literal (JSON's escapes are HCL's; `${` and `%{` are escaped as HCL's `$${` and `%%{`). */
export const hclString = (text: string) =>
  JSON.stringify(text)
    .replaceAll('${', () => '$${')
    .replaceAll('%{', () => '%%{');

/** A Go RE2 pattern, as an HCL string, from a JavaScript one: the rules' patterns use only syntax both share. */
export const re2 = (pattern: RegExp) => hclString(pattern.source);

/** RE2 refuses a repetition count over 1,000. */
const RE2_MAX_REPEAT = 1000;

/**
 * A pattern `^body{min,max}$` whose repetition RE2 refuses (EXTERNAL_ID's {2,1224}), split into a
 * length check and `^body+$`; undefined when RE2 takes the pattern as it is.
 */
export function boundedPattern(pattern: RegExp): { readonly body: RegExp; readonly min: number; readonly max: number } | undefined {
  const bounds = /^\^(.*)\{(\d+),(\d+)\}\$$/.exec(pattern.source);
  if (!bounds || Number(bounds[3]) <= RE2_MAX_REPEAT) return undefined;
  return { body: new RegExp(`^${bounds[1]}+$`), min: Number(bounds[2]), max: Number(bounds[3]) };
}

/** HCL: whether `expression` matches `pattern` (a repetition over RE2's limit checked as a length: boundedPattern). */
export function boundedMatch(pattern: RegExp, expression: string): string {
  const bounded = boundedPattern(pattern);
  if (!bounded) return `can(regex(${re2(pattern)}, ${expression}))`;
  return `length(${expression}) >= ${bounded.min} && length(${expression}) <= ${bounded.max} && can(regex(${re2(bounded.body)}, ${expression}))`;
}

/** A validation of an optional variable: null passes. */
const nullable = (name: string, test: string, message: string): VariableValidation => ({ condition: `var.${name} == null ? true : ${test}`, message });

/** An optional IAM role name. */
export const roleNameValidation = (name: string): VariableValidation =>
  nullable(name, `can(regex(${re2(ROLE_NAME)}, var.${name}))`, `${name}: \${jsonencode(var.${name})} is not an IAM role name: use ${ROLE_NAME_ALLOWED}.`);

/** An IAM path, optional unless told. */
export function iamPathValidation(name: string, options: { readonly optional?: boolean } = {}): VariableValidation {
  const test = `length(var.${name}) <= ${IAM_PATH_MAX_LENGTH} && can(regex(${re2(IAM_PATH)}, var.${name}))`;
  const message = `${name}: \${jsonencode(var.${name})} is not an IAM path: ${IAM_PATH_ALLOWED}.`;
  return (options.optional ?? true) ? nullable(name, test, message) : { condition: test, message };
}

/** An optional external ID. */
export const externalIdValidation = (name: string): VariableValidation =>
  nullable(name, boundedMatch(EXTERNAL_ID, `var.${name}`), `${name}: \${jsonencode(var.${name})} is not an external ID: use ${EXTERNAL_ID_ALLOWED}.`);
