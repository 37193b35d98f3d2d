/**
 * The AWS size limits a pipeline's settings can cross, measured on what the construct writes:
 * the trigger's input, the execution data and Lambda payload, the state machine definition, the
 * state machine's and trigger's inline policies and every trust policy. Pure.
 */
import {
  DEFINITION_LIMIT_BYTES,
  EXECUTION_DATA_LIMIT_BYTES,
  longestEnvironment,
  RULE_TARGET_INPUT_LIMIT,
  IAM_LIMITS,
  type SizeCheck,
  utf8Bytes,
} from '../common/aws-limits';
import { arns, type Environment } from '../common/environment';
import { Token } from 'cdktf';
import { formatPath } from '../common/errors';
import { ALLOWED_INTERVALS } from '../common/rules';
import { pipelineNames } from '../common/names';
import type { TriggerKind } from '../common/settings';
import { policySize } from '../common/policy-document';
import { SERVICE_PRINCIPALS, stateMachineRolePolicy, triggerRolePolicy, trustPolicy } from './iam-policies';
import { stateMachineDefinition } from './state-machine-definition';
import { collectorInputOf, type TriggerInputSettings, triggerInputText } from './trigger-input';

export interface LimitedPipeline extends TriggerInputSettings {
  readonly name: string;
  readonly intervalSeconds: number;
  readonly trigger: TriggerKind;
  readonly stateMachineLogLevel: string;
  readonly tracing: boolean;
}

const SPLIT = 'split the clusters (or services) across pipelines with different names';

/** The trigger's input as a pipeline writes it, measured with every unknown part at its longest. */
export interface MeasuredInput {
  /** The trigger's input text. */
  readonly text: string;
  /** The execution input each Task hands the collector. */
  readonly input: unknown;
  /** The setting that makes the input grow. */
  readonly field: string;
  /** What the input holds, e.g. `clusters, namespace, metrics, services`. */
  readonly contents: string;
  /** How to make it smaller. */
  readonly fix: string;
}

/** The input of a pipeline of one account-region: its clusters, namespace, metrics and services. */
export function accountRegionInput(s: LimitedPipeline): MeasuredInput {
  return {
    text: triggerInputText(s.trigger, s),
    input: collectorInputOf(s),
    field: 'clusters',
    contents: 'clusters, namespace, metrics, services',
    fix: SPLIT,
  };
}

/** Every size check of a pipeline; `createdRoles` says which roles it creates (not given in existingRoles). */
export function pipelineSizeChecks(
  s: LimitedPipeline,
  env: Environment,
  createdRoles: { readonly stateMachine: boolean; readonly trigger: boolean; readonly collector: boolean },
  measured: MeasuredInput = accountRegionInput(s),
): SizeCheck[] {
  const longest = longestEnvironment(env);
  const names = pipelineNames(s.name, longest.region);
  const input = measured.text;
  const checks: SizeCheck[] = [];
  if (s.trigger === 'EVENTBRIDGE_RULE') {
    checks.push({
      field: [measured.field],
      what: `the rule target's input (${measured.contents})`,
      size: input.length,
      limit: RULE_TARGET_INPUT_LIMIT,
      unit: 'characters',
      owner: "EventBridge's",
      fix: `${measured.fix}, or use trigger "SCHEDULER", whose input may be longer`,
    });
  }
  checks.push({
    field: [measured.field],
    what: s.trigger === 'SCHEDULER' ? "the schedule's input, each execution's input" : "each execution's input",
    size: utf8Bytes(input),
    limit: EXECUTION_DATA_LIMIT_BYTES,
    unit: 'bytes',
    owner: "Step Functions'",
    fix: measured.fix,
  });
  // What each Task passes the collector: the execution input and its tick (longest offset and timestamp).
  const payload = JSON.stringify({
    input: measured.input,
    tick: { intervalSeconds: s.intervalSeconds, offsetSeconds: 59, executionStartTime: '2026-01-01T00:00:00.000Z' },
  });
  checks.push({
    field: [measured.field],
    what: "the collector's payload (state data of each tick)",
    size: utf8Bytes(payload),
    limit: EXECUTION_DATA_LIMIT_BYTES,
    unit: 'bytes',
    owner: "Step Functions'",
    fix: measured.fix,
  });
  const definition = JSON.stringify(
    stateMachineDefinition({
      // An interval known only at apply is measured at its largest definition, the shortest interval's.
      intervalSeconds: Token.isUnresolved(s.intervalSeconds) ? Math.min(...ALLOWED_INTERVALS) : s.intervalSeconds,
      collectorArn: arns.function(longest, names.functionName),
      partition: longest.partition,
    }),
  );
  checks.push({
    field: ['intervalSeconds'],
    what: 'the state machine definition',
    size: utf8Bytes(definition),
    limit: DEFINITION_LIMIT_BYTES,
    unit: 'bytes',
    owner: "Step Functions'",
    fix: 'use a longer interval (fewer branches)',
  });
  const role = (created: boolean, purpose: 'collector' | 'stateMachine' | 'trigger', inline: number | undefined, service: string) => {
    if (!created) return;
    const field = ['existingRoles', purpose];
    if (inline !== undefined) {
      checks.push({
        field,
        what: `the inline policy of the ${purpose} role`,
        size: inline,
        limit: IAM_LIMITS.inlinePerRole,
        unit: 'characters',
        owner: "IAM's",
        fix: `give a role of your own in ${formatPath(field)}`,
      });
    }
    checks.push({
      field,
      what: `the trust policy of the ${purpose} role`,
      size: policySize(trustPolicy(service, longest.account)),
      limit: IAM_LIMITS.trustPolicy,
      unit: 'characters',
      owner: "IAM's",
      fix: `give a role of your own in ${formatPath(field)}`,
    });
  };
  // The collector's inline policy has its own check, which names clusters and services.
  role(createdRoles.collector, 'collector', undefined, SERVICE_PRINCIPALS.collector);
  role(
    createdRoles.stateMachine,
    'stateMachine',
    policySize(
      stateMachineRolePolicy({
        env: longest,
        functionName: names.functionName,
        logging: s.stateMachineLogLevel !== 'OFF',
        tracing: s.tracing,
      }),
    ),
    SERVICE_PRINCIPALS.stateMachine,
  );
  role(
    createdRoles.trigger,
    'trigger',
    policySize(triggerRolePolicy({ env: longest, stateMachineName: names.stateMachineName })),
    SERVICE_PRINCIPALS[s.trigger],
  );
  return checks;
}
