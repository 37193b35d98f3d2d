/**
 * The pipeline's Terraform module: EcsHighResMetrics built with Terraform variables for its props,
 * synthesized by cdktf, and turned into a module (no provider configuration, no backend, the
 * collector zip beside it, referenced by path.module). What the module cannot take as a variable
 * is fixed here and named in its README (MODULE_LIMITS).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformLocal, TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { defaultCollectorTimeout } from '../../../modules/common/settings';
import { EcsHighResMetrics } from '../../../modules/pipeline/ecs-high-res-metrics';
import { type ModuleVariable, PIPELINE_VARIABLES } from './pipeline-variables';

/** The module's outputs: name, description, and the value from the built pipeline. */
export const PIPELINE_OUTPUTS: readonly { readonly name: string; readonly description: string; readonly value: (p: EcsHighResMetrics) => string }[] = [
  { name: 'state_machine_arn', description: 'ARN of the state machine that runs the collector', value: (p) => p.stateMachine.arn },
  { name: 'state_machine_name', description: 'Name of the state machine', value: (p) => p.stateMachine.name },
  { name: 'collector_function_name', description: 'Name of the collector Lambda function', value: (p) => p.collector.functionName },
  { name: 'collector_function_arn', description: 'ARN of the collector Lambda function', value: (p) => p.collector.arn },
  { name: 'trigger_name', description: 'Name of the EventBridge Scheduler schedule that starts the state machine', value: (p) => p.trigger.name },
  { name: 'collector_role_arn', description: 'ARN of the collector role', value: (p) => p.roleArns.collector },
  { name: 'state_machine_role_arn', description: 'ARN of the state machine role', value: (p) => p.roleArns.stateMachine },
  { name: 'trigger_role_arn', description: "ARN of the schedule's role", value: (p) => p.roleArns.trigger },
];

/** What the module fixes that the constructs let a cdktf user choose, each with the reason. */
export const MODULE_LIMITS: readonly string[] = [
  'The trigger is EventBridge Scheduler (the default); the EventBridge rule builds other resources, so it is not a variable.',
  'Clusters are listed by name; "*" (every cluster of the account-region) and per-service metrics (`services`) are construct-only.',
  'State machine log level OFF (no log group) is construct-only; ALL, ERROR and FATAL are variables.',
  'No dashboard and no alarm on collected metrics; the four pipeline health alarms are created, without actions (subscribe to them with your own alarm tooling).',
  'The fleet-health series are published (dimension Pipeline = the name), but their 10-second alarms are construct-only for now: their period and detection time follow the interval, a variable here.',
  'No X-Ray tracing, no existing roles, no permissions boundary: construct-only for now.',
  "IAM's 10,240-character limit on the collector's inline policy bounds how many clusters one pipeline names (about 100 clusters of 60-character names): a precondition checks it at plan.",
];

/** The zip's file name in the module. */
export const COLLECTOR_ZIP_NAME = 'collector.zip';

/** The aws provider versions the module is built and tested for. */
export const AWS_PROVIDER_CONSTRAINT = '>= 5.100.0, < 6.0.0';
export const REQUIRED_TERRAFORM = '>= 1.9.0';

export function declare(stack: TerraformStack, v: ModuleVariable): TerraformVariable {
  return new TerraformVariable(stack, v.name, {
    type: v.type,
    description: v.description,
    // cdktf cannot write a null default: asModule writes it.
    ...(v.default !== undefined && v.default !== null ? { default: v.default } : {}),
    nullable: v.default === null,
    validation: v.validations.map((rule) => ({ condition: `\${${rule.condition}}`, errorMessage: rule.message })),
  });
}

/** The pipeline, every prop a variable can set read from one, in `stack`. */
export function declarePipelineModule(stack: TerraformStack): EcsHighResMetrics {
  const vars = Object.fromEntries(PIPELINE_VARIABLES.map((v) => [v.name, declare(stack, v)]));
  // The default timeout depends on the interval: the settings' own rule, tabled per allowed interval.
  const defaultTimeouts = new TerraformLocal(
    stack,
    'default_collector_timeout_seconds',
    Object.fromEntries(ALLOWED_INTERVALS.map((interval) => [String(interval), defaultCollectorTimeout(interval)])),
  );
  const timeout = new TerraformLocal(
    stack,
    'effective_collector_timeout_seconds',
    `\${coalesce(var.collector_timeout_seconds, local.${defaultTimeouts.friendlyUniqueId}[var.interval_seconds])}`,
  );
  // The account: the variable's, else the credentials' (read only then, so a plan with the account given needs no STS).
  const identity = new DataAwsCallerIdentity(stack, 'account', { count: Token.asNumber('${var.account_id == null ? 1 : 0}') });
  const account = new TerraformLocal(
    stack,
    'effective_account_id',
    `\${var.account_id != null ? var.account_id : one(data.aws_caller_identity.${identity.friendlyUniqueId}[*].account_id)}`,
  );
  const pipeline = new EcsHighResMetrics(stack, 'pipeline', {
    account: Token.asString(account.expression),
    clusters: vars.clusters.listValue,
    name: vars.name.stringValue,
    intervalSeconds: vars.interval_seconds.numberValue,
    namespace: vars.namespace.stringValue,
    metrics: vars.metrics.listValue,
    workflowType: vars.workflow_type.stringValue as never,
    architecture: vars.architecture.stringValue as never,
    stateMachineLogLevel: vars.state_machine_log_level.stringValue as never,
    logRetentionDays: vars.log_retention_days.numberValue,
    collectorMemoryMb: vars.collector_memory_mb.numberValue,
    collectorTimeoutSeconds: Token.asNumber(timeout.expression),
    rolePath: vars.role_path.stringValue,
    tags: Token.asStringMap(vars.tags.value),
    dashboard: false,
    // Their period and stated detection time follow the interval, which is a variable here (MODULE_LIMITS).
    fleetHealthAlarms: false,
  });
  collectorPolicyPrecondition(stack, pipeline);
  // The construct's own outputs are renamed without its prefix (asModule); the module adds the rest.
  const own = ownOutputs(pipeline);
  for (const output of PIPELINE_OUTPUTS.filter((o) => !own.some((c) => c.node.id === o.name))) {
    new TerraformOutput(stack, output.name, { value: output.value(pipeline), description: output.description });
  }
  return pipeline;
}

/** The message of the collector policy's precondition: the size rule of pipeline-problems.ts, at plan. */
export const POLICY_SIZE_MESSAGE =
  "clusters: the collector's policy naming ${length(var.clusters)} clusters is ${length(local.collector_policy)} characters, " +
  `over IAM's ${IAM_LIMITS.inlinePerRole}-character limit for a role's inline policies; split the clusters across pipelines with different names.`;

/**
 * IAM's limit on the collector role's inline policy, which the clusters given decide: its text
 * moves into a local that a precondition measures at plan (the construct measures literal lists at synth).
 */
function collectorPolicyPrecondition(stack: TerraformStack, pipeline: EcsHighResMetrics): void {
  const policy = pipeline.node.findChild('collector-policy') as IamRolePolicy;
  const text = new TerraformLocal(stack, 'collector_policy', policy.policyInput);
  policy.policy = Token.asString(text.expression);
  policy.addOverride('lifecycle.precondition', [
    {
      condition: `\${length(local.${text.friendlyUniqueId}) <= ${IAM_LIMITS.inlinePerRole}}`,
      error_message: POLICY_SIZE_MESSAGE.replaceAll('local.collector_policy', `local.${text.friendlyUniqueId}`),
    },
  ]);
}

const ownOutputs = (pipeline: EcsHighResMetrics) => pipeline.node.findAll().filter((c): c is TerraformOutput => c instanceof TerraformOutput);

/** The construct's output ids (prefixed by its path in the stack) -> their names in the module. */
export function outputRenames(pipeline: EcsHighResMetrics): Record<string, string> {
  return Object.fromEntries(ownOutputs(pipeline).map((output) => [output.friendlyUniqueId, output.node.id]));
}

/** Terraform JSON, as far as the module's build reads and writes it. */
export interface TerraformJson {
  provider?: unknown;
  terraform?: unknown;
  variable: Record<string, Record<string, unknown>>;
  output: Record<string, unknown>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  [block: string]: unknown;
}

/** `value` without cdktf's `//` metadata comments, at every level. */
function withoutComments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComments);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).flatMap(([key, item]) => (key === '//' ? [] : [[key, withoutComments(item)]])));
}

/** A stack's Terraform JSON as a module: no provider block or backend, the collector zip read from path.module. */
export function asModule(stackJson: unknown, renames: Record<string, string>): TerraformJson {
  const module = withoutComments(stackJson) as TerraformJson;
  module.output = Object.fromEntries(Object.entries(module.output).map(([id, output]) => [renames[id] ?? id, output]));
  delete module.provider;
  for (const v of PIPELINE_VARIABLES) if (v.default === null) module.variable[v.name].default = null;
  module.terraform = {
    required_version: REQUIRED_TERRAFORM,
    required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT } },
  };
  for (const fn of Object.values(module.resource.aws_lambda_function ?? {})) fn.filename = `\${path.module}/${COLLECTOR_ZIP_NAME}`;
  return module;
}

/** The pipeline module's Terraform JSON, synthesized in a temporary directory. */
export function synthesizePipelineModule(): TerraformJson {
  const outdir = mkdtempSync(path.join(tmpdir(), 'terraform-module-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'module');
    // cdktf refuses resources without a provider; the module leaves its configuration to the caller.
    new AwsProvider(stack, 'aws', {});
    const renames = outputRenames(declarePipelineModule(stack));
    app.synth();
    return asModule(JSON.parse(readFileSync(path.join(outdir, 'stacks', 'module', 'cdk.tf.json'), 'utf8')), renames);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
