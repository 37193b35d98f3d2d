/**
 * The names a pipeline derives from its `name` (and region), and the rules of each AWS or
 * Terraform thing they become: length and characters, as each service's API documents them.
 * Pure: the construct checks its names here (names themselves are in names.ts), and the
 * collision check compares them.
 */
import { pipelineNames, TERRAFORM_IDENTIFIER } from './names';
import type { Problem } from './errors';

/** What a derived name becomes. */
export type NameKind =
  | 'Lambda function name'
  | 'state machine name'
  | 'IAM role name'
  | 'IAM policy name'
  | 'EventBridge Scheduler schedule name'
  | 'EventBridge rule name'
  | 'log group name'
  | 'CloudWatch dashboard name'
  | 'CloudWatch alarm name'
  | 'SNS topic name'
  | 'Terraform output id';

export interface NameRule {
  /** Most characters the thing allows. */
  readonly limit: number;
  /** The characters (and shape) it allows. */
  readonly pattern: RegExp;
  /** The characters it allows, in words. */
  readonly allowed: string;
  /**
   * Whether two names differing only in case are two things. IAM's are not ("names are not
   * distinguished by case": `Fleet-x` exists once `fleet-x` does); every other API here compares exactly.
   * @default true
   */
  readonly caseSensitive?: false;
}

/** The rules of each kind, from each API's reference (CreateFunction, CreateStateMachine, CreateRole, …). */
export const NAME_RULES: Readonly<Record<NameKind, NameRule>> = {
  'Lambda function name': { limit: 64, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, digits, - and _' },
  // No white space, brackets, wildcards, control or special characters ("#%\^|~`$&,;:/).
  'state machine name': {
    limit: 80,
    pattern: /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\x00-\x1f\x7f-\x9f]+$/,
    allowed: 'no white space, brackets, wildcards or "#%\\^|~`$&,;:/',
  },
  'IAM role name': { limit: 64, pattern: /^[\w+=,.@-]+$/, allowed: 'letters, digits and +=,.@_-', caseSensitive: false },
  'IAM policy name': { limit: 128, pattern: /^[\w+=,.@-]+$/, allowed: 'letters, digits and +=,.@_-', caseSensitive: false },
  'EventBridge Scheduler schedule name': { limit: 64, pattern: /^[0-9a-zA-Z._-]+$/, allowed: 'letters, digits, ., - and _' },
  'EventBridge rule name': { limit: 64, pattern: /^[.\-_A-Za-z0-9]+$/, allowed: 'letters, digits, ., - and _' },
  'log group name': { limit: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, allowed: 'letters, digits and ._-/#' },
  'CloudWatch dashboard name': { limit: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, digits, - and _' },
  'CloudWatch alarm name': { limit: 255, pattern: /^[^\x00-\x1f\x7f]+$/, allowed: 'no control characters' },
  'SNS topic name': { limit: 256, pattern: /^[A-Za-z0-9_-]+$/, allowed: 'letters, digits, - and _' },
  // Terraform names have no length limit; the rule is the first character and the rest.
  'Terraform output id': { limit: Number.MAX_SAFE_INTEGER, pattern: TERRAFORM_IDENTIFIER, allowed: 'a letter or _ first, then letters, digits, _ and -' },
};

/** The form in which AWS compares names of `kind`: two names are one thing when these are equal. */
export function comparedName(kind: NameKind, name: string): string {
  return NAME_RULES[kind].caseSensitive === false ? name.toLowerCase() : name;
}

/** What is wrong with `name` as a `kind`, or undefined; `field` is the setting to change. */
export function derivedNameProblem(kind: NameKind, name: string, field = 'name'): string | undefined {
  const rule = NAME_RULES[kind];
  if (name.length > rule.limit) {
    return `the ${kind} "${name}" is ${name.length} characters, over the ${rule.limit} AWS allows: shorten ${field} by ${name.length - rule.limit}`;
  }
  if (name.length === 0 || !rule.pattern.test(name)) {
    return `the ${kind} "${name}" is not valid: it allows ${rule.allowed}; change ${field}`;
  }
  return undefined;
}

/** The region counted in a name when the region is known only at plan: the longest region name known at release. */
export const LONGEST_KNOWN_REGION = 'ap-southeast-5';

/** A name the pipeline creates and what it becomes. */
export interface DerivedName {
  readonly kind: NameKind;
  readonly name: string;
}

/** Problems of derived names, each once, at `name`. */
export function derivedNameProblems(names: readonly DerivedName[]): Problem[] {
  const problems = names.flatMap(({ kind, name }) => derivedNameProblem(kind, name) ?? []);
  return [...new Set(problems)].map((problem) => ({ path: ['name'], problem }));
}

/** The roles a pipeline can create, as they appear in their names (`<name>-<id>-<region>`). */
export type PipelineRoleId = 'collector' | 'states' | 'scheduler' | 'events';

/** What decides which names a pipeline creates. */
export interface NamedResources {
  readonly name: string;
  /** The literal region; undefined when known only at plan (then counted at its longest). */
  readonly region?: string;
  readonly trigger: 'SCHEDULER' | 'EVENTBRIDGE_RULE';
  /** Roles the pipeline creates (not given in existingRoles). */
  readonly createdRoles: readonly PipelineRoleId[];
  readonly stateMachineLogs: boolean;
  readonly dashboard: boolean;
  readonly topic: boolean;
}

/** Every AWS name a pipeline creates, each with what it becomes. */
export function derivedNamesOf(resources: NamedResources): DerivedName[] {
  const names = pipelineNames(resources.name, resources.region ?? LONGEST_KNOWN_REGION);
  return [
    { kind: 'Lambda function name', name: names.functionName },
    { kind: 'state machine name', name: names.stateMachineName },
    { kind: 'log group name', name: names.collectorLogGroupName },
    ...(resources.stateMachineLogs ? [{ kind: 'log group name', name: names.stateMachineLogGroupName } as const] : []),
    {
      kind: resources.trigger === 'SCHEDULER' ? 'EventBridge Scheduler schedule name' : 'EventBridge rule name',
      name: names.triggerName,
    },
    ...resources.createdRoles.map((role) => ({ kind: 'IAM role name', name: names.roleName(role) }) as const),
    ...(resources.dashboard ? [{ kind: 'CloudWatch dashboard name', name: names.dashboardName } as const] : []),
    ...(resources.topic ? [{ kind: 'SNS topic name', name: names.alarmTopicName } as const] : []),
  ];
}
