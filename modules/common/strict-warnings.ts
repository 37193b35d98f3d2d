/**
 * Strict mode (for CI): every warning of the app is an error. A validation on each stack lists
 * every warning of the whole app, so the first stack validated stops the synth before any stack
 * is written. Turned on by MetricsFleet's `strict` prop or, for any construct of this library,
 * by the cdktf context key below (`"context": { "ecs-highres-metrics:strict": true }` in cdktf.json).
 */
import type { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The cdktf context key that turns strict mode on for every construct of this library in the app. */
export const STRICT_CONTEXT_KEY = 'ecs-highres-metrics:strict';

const WARNING = '@cdktf/warn';
const ENFORCED = Symbol.for('ecs-highres-metrics.strict-warnings');

/** Whether the context of `scope` turns strict mode on (`true` or `"true"`; the CLI passes context as text). */
export function strictFromContext(scope: IConstruct): boolean {
  const value = scope.node.tryGetContext(STRICT_CONTEXT_KEY);
  return value === true || value === 'true';
}

/** Every distinct warning annotated anywhere in the tree of `root`, in tree order. */
export function warningsIn(root: IConstruct): string[] {
  const messages = root.node.findAll().flatMap((node) => node.node.metadata.filter((entry) => entry.type === WARNING).map((entry) => String(entry.data)));
  return [...new Set(messages)];
}

/** Makes `stack` fail validation while the app it belongs to holds any warning. */
export function enforceStrictWarnings(stack: TerraformStack): void {
  const marked = stack as unknown as Record<symbol, boolean>;
  if (marked[ENFORCED]) return;
  marked[ENFORCED] = true;
  stack.node.addValidation({
    validate: () => warningsIn(stack.node.root).map((warning) => `strict mode (every warning is an error): ${warning}`),
  });
}
