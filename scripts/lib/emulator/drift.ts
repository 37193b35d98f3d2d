/**
 * The drift check of a second plan: which attributes a plan would change, and which of those are
 * known emulator gaps (moto keeping or returning less than AWS does). Anything else is drift the
 * stack itself causes, and fails the check.
 */
import type { ResourceChange } from './terraform-stack';

/** A difference between the emulator and AWS that shows up in a second plan, with why. */
export interface EmulatorGap {
  readonly resourceType: string;
  /** Top-level attribute the plan changes. */
  readonly attribute: string;
  readonly why: string;
}

/**
 * Every known gap. A second plan may change these and nothing else; real AWS keeps them all, so
 * a plan against AWS is empty.
 */
export const EMULATOR_GAPS: readonly EmulatorGap[] = [
  { resourceType: 'aws_sfn_state_machine', attribute: 'type', why: "moto does not keep a state machine's type and answers STANDARD" },
  { resourceType: 'aws_lambda_function', attribute: 'logging_config', why: "moto does not keep a function's logging_config" },
  {
    resourceType: 'aws_cloudformation_stack_set',
    attribute: 'auto_deployment',
    why: "moto does not keep a StackSet's AutoDeployment (not implemented), so the plan replaces the StackSet to set it again",
  },
];

/** One attribute a plan changes. */
export interface PlannedChange {
  readonly address: string;
  readonly resourceType: string;
  readonly actions: readonly string[];
  readonly attribute: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** null, "", [] and {} all mean "none" to a plan; providers and APIs use them interchangeably. */
const isNone = (value: unknown) => value === null || value === undefined || value === '' || (typeof value === 'object' && Object.keys(value).length === 0);

/** Whether `before` and `after` differ at a leaf known before apply (`unknown` marks the others). */
export function differsWhereKnown(before: unknown, after: unknown, unknown: unknown): boolean {
  if (unknown === true) return false;
  if (isNone(before) && isNone(after)) return false;
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) return before !== after;
  if (Array.isArray(before) !== Array.isArray(after)) return true;
  const known = (unknown ?? {}) as Record<string, unknown>;
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  if (Array.isArray(a) && (a as unknown[]).length !== (b as unknown as unknown[]).length) return true;
  const keys = new Set([...Object.keys(b), ...Object.keys(a)]);
  // A key absent from `after` but present before is unknown only when `unknown` says so.
  return [...keys].some((key) => (key in a || known[key] !== undefined ? differsWhereKnown(b[key], a[key], known[key]) : !isNone(b[key])));
}

/** Every attribute each change of the plan touches; a create or delete counts as the whole resource ('*'). */
export function plannedChanges(changes: readonly ResourceChange[]): PlannedChange[] {
  return changes.flatMap(({ address, type, change }) => {
    const actions = change.actions;
    if (actions.every((action) => action === 'no-op' || action === 'read')) return [];
    const base = { address, resourceType: type, actions };
    if (!change.before || !change.after) return [{ ...base, attribute: '*', before: change.before, after: change.after }];
    const after = change.after;
    // A replacement names the attributes that force it: the others of the new resource differ only
    // because it is created anew (its optional blocks as configured, not as the old one read them).
    const forcing = new Set((change.replace_paths ?? []).map((p) => String(p[0])));
    // Attributes only known after apply (absent from `after`) follow from the others: a replaced
    // resource gets a new id, a changed role a new arn. The attributes that differ are the cause.
    return Object.keys(after)
      .filter((key) => forcing.size === 0 || forcing.has(key))
      .filter((key) => differsWhereKnown(change.before![key], after[key], change.after_unknown?.[key]))
      .map((attribute) => ({ ...base, attribute, before: change.before![attribute], after: change.after![attribute] }));
  });
}

/** The planned changes no named gap explains: these are drift of the stack itself. */
export function unexplainedDrift(changes: readonly PlannedChange[], gaps: readonly EmulatorGap[] = EMULATOR_GAPS): PlannedChange[] {
  return changes.filter((change) => !gaps.some((gap) => gap.resourceType === change.resourceType && gap.attribute === change.attribute));
}
