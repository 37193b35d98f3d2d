/**
 * The hub's Terraform module (modules/hub of the archive): EcsHighResMetricsHub built with Terraform
 * variables for its settings, synthesized by cdktf, and turned into a module. The construct
 * computes from literal member accounts (the target list object, the collector's AssumeRole
 * condition, the spoke role's name in the execution input, its sizing); the module builds them from
 * `var.targets` instead. It synthesizes the hub with one placeholder member and placeholder spoke
 * role and external ID, and replaces each in the Terraform JSON with the expression that computes
 * it: the target list is the construct's own serialization (serializeTargetList) with each entry
 * formatted from the variable, so the object is byte for byte what the construct writes for the
 * same members; sizing and the tick check are the model's arithmetic in locals (hub-sizing.ts).
 * What the module cannot build is named in its README (HUB_MODULE_LIMITS). With `organization`,
 * the same for the hub of an organization found at run time (modules/organization-hub): the hub is
 * synthesized with a placeholder organization too, and its version 2 list's organization section
 * is built from the organization variables the same way.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformLocal, TerraformOutput, TerraformStack, Token } from 'cdktf';
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import { serializeTargetList } from '../../../modules/contract/hub-target-list';
import { organizationTargetsOf } from '../../../modules/hub/hub-discovery';
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { LONGEST_BUCKET_NAME } from '../../../modules/hub/hub-collection';
import { COLLECTOR_HANDLERS } from '../../../modules/contract/collector-event';
import type { EcsHighResMetrics } from '../../../modules/pipeline/ecs-high-res-metrics';
import { HUB_TICK_FITS, hubSizingLocals, hubTickMessage } from './hub-sizing';
import { EVERY_CLUSTER, hubVariables, IS_EVERY_CLUSTER, ORGANIZATION_EVERY_REGION } from './hub-variables';
import { hclString } from './hcl-validations';
import { asModule, COLLECTOR_ZIP_NAME, declare, outputRenames, PIPELINE_OUTPUTS, type TerraformJson } from './pipeline-module';

/** The hub module's folder in the archive. */
export const HUB_MODULE_DIR = 'modules/hub';

/** The stack the module is synthesized from: the execution input names it (`targetList.stack`), so a collector that finds the list gone names the module. */
export const HUB_MODULE_STACK = 'terraform-aws-ecs-highres-metrics-hub';

/** The module's outputs: the pipeline module's, and the target list's bucket. */
export const HUB_OUTPUTS: readonly { readonly name: string; readonly description: string }[] = [
  ...PIPELINE_OUTPUTS.map(({ name, description }) => ({ name, description })),
  { name: 'target_list_bucket', description: 'Name of the S3 bucket holding the target list the hub collector reads' },
];

/** What the module fixes that the construct lets a cdktf user choose, each with the reason. */
export const HUB_MODULE_LIMITS: readonly string[] = [
  "An organization whose accounts the hub finds at run time (the construct's `organization`: the discovery function, a version 2 target list) is the `modules/organization-hub` module; `organization_id` here only widens whom the collector may assume, the collected accounts are the listed `targets`.",
  'Per-service metrics (`services` of a target) and more than one collector invocation per tick (`shards`) are construct-only; the sizing and the tick check below model one invocation without services, as the construct does for such a hub.',
  "IAM's 10,240-character limit on the collector role's inline policy bounds the listed accounts (about 550): a precondition checks it at plan, and says to give `organization_id` (one condition at any fleet size). The construct moves the AssumeRole permission into managed policies instead.",
  'The tick model runs at plan: a hub whose steady tick cannot finish within the interval fails the plan (a precondition of the collector); the warning the construct prints when only a cold tick cannot (with a timeout given) is construct-only.',
  'The spokes are not checked against the hub: the construct pairs a hub and its spokes of one app (same name, role path, external ID, spoke role); here the spoke roles must be given the same values.',
  'Members are checked to be well-formed (account IDs, region codes, cluster names), not to be in the partition of the hub.',
  'The trigger is EventBridge Scheduler; no dashboard and no alarm on collected metrics; the four pipeline health alarms are created without actions; the fleet-health alarms, X-Ray tracing, existing roles and a permissions boundary are construct-only, as in the root module.',
];

/** The organization hub module's folder in the archive. */
export const ORGANIZATION_HUB_MODULE_DIR = 'modules/organization-hub';

/** What the organization hub module fixes that the construct lets a cdktf user choose. */
export const ORGANIZATION_HUB_MODULE_LIMITS: readonly string[] = HUB_MODULE_LIMITS.filter((limit) => !limit.includes('`organization_id`'));

/** The placeholders the hub is synthesized with, each a value its checks accept and nothing else in the JSON contains. */
const PLACEHOLDER = {
  account: '000000000000',
  region: 'xx-placeholder-1',
  cluster: 'cluster-placeholder-7f3a',
  spokeRoleName: 'SpokeRoleNamePlaceholder7f3a',
  spokeRolePath: '/SpokeRolePathPlaceholder7f3a/',
  externalId: 'ExternalIdPlaceholder7f3a',
  /** Not the default set, so the input names it; a list the construct's checks accept. */
  metrics: [DEFAULT_METRICS[0]],
  organizationId: 'o-placeholder7f3a',
  organizationAccount: '000000000077',
  unit: 'ou-plac-placeholder7f3a',
  organizationRegion: 'xx-placeholder-2',
  excluded: '000000000088',
  /** Only in the target list template, which serializes the organization section itself. */
  name: 'NamePlaceholder7f3a',
  rolePath: '/RolePathPlaceholder7f3a/',
} as const;

/** The organization of the organization hub, in placeholders. */
const PLACEHOLDER_ORGANIZATION = {
  account: PLACEHOLDER.organizationAccount,
  units: [PLACEHOLDER.unit],
  regions: [PLACEHOLDER.organizationRegion],
  exclude: [PLACEHOLDER.excluded],
};

/**
 * The target list as an HCL template: the construct's serialization of the placeholder member, with
 * the entry repeated for every target, each value jsonencode'd (JSON.stringify's text for the
 * names the variable's validation allows), and ["*"] written as the construct's "*".
 */
export function targetListTemplate(organization = false): string {
  const entry = { account: PLACEHOLDER.account, region: PLACEHOLDER.region, clusters: [PLACEHOLDER.cluster] };
  const whole = serializeTargetList(
    [entry],
    organization
      ? organizationTargetsOf(PLACEHOLDER_ORGANIZATION, { name: PLACEHOLDER.name, rolePath: PLACEHOLDER.rolePath, externalId: PLACEHOLDER.externalId })
      : undefined,
  );
  const entryText = JSON.stringify(entry);
  const at = whole.indexOf(entryText);
  if (at < 0 || whole.indexOf(entryText, at + 1) >= 0) throw new Error(`the target list ${whole} does not hold its entry ${entryText} once`);
  const values: Array<[string, string]> = [
    [JSON.stringify(PLACEHOLDER.account), 'jsonencode(t.account)'],
    [JSON.stringify(PLACEHOLDER.region), 'jsonencode(t.region)'],
    [JSON.stringify([PLACEHOLDER.cluster]), `${IS_EVERY_CLUSTER('t')} ? jsonencode("${EVERY_CLUSTER}") : jsonencode(t.clusters)`],
  ];
  let format = entryText.replaceAll('%', '%%');
  const args: string[] = [];
  for (const [text, expression] of values) {
    if (format.split(text).length !== 2) throw new Error(`the entry ${entryText} does not hold ${text} once`);
    // In the order the entry holds them: format's arguments follow the text.
    args.push(expression);
    format = format.replace(text, '%s');
  }
  const order = values.map(([text]) => entryText.indexOf(text));
  const ordered = order.map((position, i) => ({ position, arg: args[i] })).sort((a, b) => a.position - b.position);
  const entries = `join(",", [for t in var.targets : format(${JSON.stringify(format)}, ${ordered.map((o) => o.arg).join(', ')})])`;
  const after = organization ? organizationSection(escapeTemplate(whole.slice(at + entryText.length))) : escapeTemplate(whole.slice(at + entryText.length));
  return `${escapeTemplate(whole.slice(0, at))}\${${entries}}${after}`;
}

/** The organization section of the template (after the entries): each placeholder replaced by the variable's JSON. */
function organizationSection(text: string): string {
  const replacements: Array<[string, string]> = [
    [JSON.stringify([PLACEHOLDER.unit]), '${jsonencode(var.organization_units)}'],
    [JSON.stringify([PLACEHOLDER.organizationRegion]), `\${${ORGANIZATION_EVERY_REGION} ? jsonencode("*") : jsonencode(var.organization_regions)}`],
    [JSON.stringify([PLACEHOLDER.excluded]), '${jsonencode(var.organization_exclude)}'],
    [JSON.stringify(PLACEHOLDER.organizationAccount), '${jsonencode(var.organization_account)}'],
    [JSON.stringify(PLACEHOLDER.rolePath), '${jsonencode(var.role_path)}'],
    [`,"externalId":${JSON.stringify(PLACEHOLDER.externalId)}`, '${var.external_id == null ? "" : ",\\"externalId\\":${jsonencode(var.external_id)}"}'],
  ];
  let section = text;
  for (const [literal, expression] of replacements) {
    if (section.split(literal).length !== 2) throw new Error(`the organization section ${text} does not hold ${literal} once`);
    section = section.replace(literal, () => expression);
  }
  // The name only in the role's name and session name, whose characters the name's validation allows.
  section = section.replaceAll(PLACEHOLDER.name, () => '${var.name}');
  const left = Object.values(PLACEHOLDER)
    .flat()
    .filter((p) => p !== PLACEHOLDER.metrics[0] && section.includes(p));
  if (left.length > 0) throw new Error(`the organization section still holds ${left.join(', ')}`);
  return section;
}

/** Literal text in a Terraform template: `${` and `%{` escaped. */
const escapeTemplate = (text: string) => text.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');

/** The message of the collector policy's precondition: IAM's inline limit, at plan. */
const POLICY_SIZE_MESSAGE =
  "targets: the collector's policy allowing the spoke role in ${length(local.hub_member_accounts)} accounts is ${length(local.hub_collector_policy_measured)} characters (the bucket's name at its longest), " +
  `over IAM's ${IAM_LIMITS.inlinePerRole}-character limit for a role's inline policies: give organization_id (one condition for every account of the organization), or split the accounts across hubs with different names.`;

/** The hub, every setting a variable can set read from one, in `stack`. */
export function declareHubModule(stack: TerraformStack, organization = false): EcsHighResMetricsHub {
  const vars = Object.fromEntries(hubVariables(organization).map((v) => [v.name, declare(stack, v)]));
  const local = (name: string, expression: string) => new TerraformLocal(stack, name, `\${${expression}}`);
  for (const [name, expression] of Object.entries(hubSizingLocals(organization))) local(name, expression);
  local('hub_spoke_role_name', 'coalesce(var.spoke_role_name, "${var.name}-spoke")');
  local('hub_spoke_role_path', 'coalesce(var.spoke_role_path, var.role_path)');
  if (!organization) {
    local('hub_member_accounts', 'distinct([for t in var.targets : t.account])');
    local('hub_assume_condition_key', 'var.organization_id == null ? "aws:ResourceAccount" : "aws:ResourceOrgID"');
    local('hub_assume_condition_values', 'var.organization_id == null ? local.hub_member_accounts : [var.organization_id]');
  }
  new TerraformLocal(stack, 'hub_target_list', targetListTemplate(organization));
  const identity = new DataAwsCallerIdentity(stack, 'account', { count: Token.asNumber('${var.account_id == null ? 1 : 0}') });
  const account = local(
    'effective_account_id',
    `var.account_id != null ? var.account_id : one(data.aws_caller_identity.${identity.friendlyUniqueId}[*].account_id)`,
  );
  const hub = new EcsHighResMetricsHub(stack, 'hub', {
    account: Token.asString(account.expression),
    targets: [{ account: PLACEHOLDER.account, region: PLACEHOLDER.region, clusters: [PLACEHOLDER.cluster] }],
    spokeRole: { name: PLACEHOLDER.spokeRoleName, path: PLACEHOLDER.spokeRolePath },
    externalId: PLACEHOLDER.externalId,
    ...(organization ? { organizationId: PLACEHOLDER.organizationId, organization: PLACEHOLDER_ORGANIZATION } : {}),
    name: vars.name.stringValue,
    intervalSeconds: vars.interval_seconds.numberValue,
    namespace: vars.namespace.stringValue,
    metrics: [...PLACEHOLDER.metrics],
    workflowType: vars.workflow_type.stringValue as never,
    architecture: vars.architecture.stringValue as never,
    stateMachineLogLevel: vars.state_machine_log_level.stringValue as never,
    logRetentionDays: vars.log_retention_days.numberValue,
    collectorMemoryMb: Token.asNumber('${local.effective_collector_memory_mb}'),
    collectorTimeoutSeconds: Token.asNumber('${local.effective_collector_timeout_seconds}'),
    rolePath: vars.role_path.stringValue,
    tags: Token.asStringMap(vars.tags.value),
    dashboard: false,
    fleetHealthAlarms: false,
  });
  const own = outputRenames(hub as unknown as EcsHighResMetrics);
  for (const output of PIPELINE_OUTPUTS.filter((o) => !Object.values(own).includes(o.name))) {
    new TerraformOutput(stack, output.name, { value: output.value(hub as unknown as EcsHighResMetrics), description: output.description });
  }
  return hub;
}

/** Every string of `value` with `replace` applied, at every level. */
function mapStrings(value: unknown, replace: (text: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, replace));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, replace)]));
}

/** The one resource of `type` in the module, by its address name. */
function single(module: TerraformJson, type: string): [string, Record<string, unknown>] {
  const entries = Object.entries(module.resource[type] ?? {});
  if (entries.length !== 1) throw new Error(`the hub module has ${entries.length} ${type} resources, not one`);
  return entries[0];
}

/** The synthesized hub stack as the module: every placeholder replaced by the expression that computes it. */
export function asHubModule(stackJson: unknown, renames: Record<string, string>, organization = false): TerraformJson {
  const module = asModule(stackJson, renames);
  for (const v of hubVariables(organization)) if (v.default === null) module.variable[v.name].default = null;
  // The target list: the template built from the variable.
  const [, targetList] = single(module, 'aws_s3_object');
  targetList.content = '${local.hub_target_list}';
  // The bucket prefix: the construct lowercases the name's text, which a variable has not yet.
  const [, bucket] = single(module, 'aws_s3_bucket');
  bucket.bucket_prefix = '${replace(lower(var.name), "_", "-")}-targets-';
  const assumeCondition = `"aws:ResourceAccount":${JSON.stringify([PLACEHOLDER.account])}`;
  const externalId = `"externalId":${JSON.stringify(PLACEHOLDER.externalId)},`;
  // The input names the metrics only when they are not the default set (hubCollectorInput).
  const metrics = `,"metrics":${JSON.stringify(PLACEHOLDER.metrics)}`;
  const metricsExpression = `\${jsonencode(var.metrics) == ${hclString(JSON.stringify(DEFAULT_METRICS))} ? "" : ",\\"metrics\\":\${jsonencode(var.metrics)}"}`;
  const replaced = mapStrings(module, (text) =>
    text
      .replaceAll(assumeCondition, () => '"${local.hub_assume_condition_key}":${jsonencode(local.hub_assume_condition_values)}')
      .replaceAll(externalId, () => '${var.external_id == null ? "" : "\\"externalId\\":${jsonencode(var.external_id)},"}')
      .replaceAll(metrics, () => metricsExpression)
      .replaceAll(PLACEHOLDER.spokeRolePath, () => '${local.hub_spoke_role_path}')
      .replaceAll(PLACEHOLDER.spokeRoleName, () => '${local.hub_spoke_role_name}')
      .replaceAll(PLACEHOLDER.organizationId, () => '${var.organization_id}')
      .replaceAll(PLACEHOLDER.organizationAccount, () => '${var.organization_account}'),
  ) as TerraformJson;
  const left = Object.values(PLACEHOLDER)
    .flat()
    .filter((p) => p !== PLACEHOLDER.metrics[0] && JSON.stringify(replaced).includes(p));
  if (JSON.stringify(replaced).includes(JSON.stringify(metrics).slice(1, -1))) left.push(metrics);
  if (left.length > 0) throw new Error(`the hub module still holds the placeholders ${left.join(', ')}`);
  const functions = Object.values(replaced.resource.aws_lambda_function ?? {});
  // The archive's root holds the zip: the submodule reads it two folders up (the discovery function runs the same bundle).
  for (const fn of functions) fn.filename = `\${path.module}/../../${COLLECTOR_ZIP_NAME}`;
  const collector = functions.find((fn) => fn.handler === COLLECTOR_HANDLERS.hub);
  if (!collector) throw new Error('the hub module has no collector function');
  collector.lifecycle = { precondition: [{ condition: `\${${HUB_TICK_FITS}}`, error_message: hubTickMessage(organization) }] };
  // With an organization the AssumeRole condition is one ID, whatever the fleet: no size to check.
  if (organization) return replaced;
  // The collector's inline policy, measured at plan (the construct measures literal accounts at synth).
  const policies = Object.values(replaced.resource.aws_iam_role_policy ?? {}).filter((p) => String(p.policy).includes('local.hub_assume_condition_key'));
  if (policies.length !== 1) throw new Error(`the hub module has ${policies.length} policies allowing AssumeRole, not one`);
  const policy = String(policies[0].policy);
  const locals = replaced.locals as Record<string, unknown>;
  locals.hub_collector_policy = policy;
  // Measured with the bucket's name, known only at apply, at its longest (longestHubCollectorPolicy), so the plan can check it.
  const [bucketId] = single(replaced, 'aws_s3_bucket');
  const bucketArn = `\${aws_s3_bucket.${bucketId}.arn}`;
  if (!policy.includes(bucketArn)) throw new Error(`the collector's policy does not name the target list bucket as ${bucketArn}`);
  const partition = /arn:(\$\{data\.aws_partition\.[\w-]+\.partition\})/.exec(policy)?.[1];
  if (!partition) throw new Error("the collector's policy names no partition");
  locals.hub_collector_policy_measured = policy.replaceAll(bucketArn, () => `arn:${partition}:s3:::${'b'.repeat(LONGEST_BUCKET_NAME)}`);
  policies[0].policy = '${local.hub_collector_policy}';
  policies[0].lifecycle = {
    precondition: [{ condition: `\${length(local.hub_collector_policy_measured) <= ${IAM_LIMITS.inlinePerRole}}`, error_message: POLICY_SIZE_MESSAGE }],
  };
  return replaced;
}

/** The hub module's Terraform JSON, synthesized in a temporary directory. */
export function synthesizeHubModule(organization = false): TerraformJson {
  const outdir = mkdtempSync(path.join(tmpdir(), 'terraform-hub-module-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, HUB_MODULE_STACK);
    // cdktf refuses resources without a provider; the module leaves its configuration to the caller.
    new AwsProvider(stack, 'aws', {});
    const renames = outputRenames(declareHubModule(stack, organization) as unknown as EcsHighResMetrics);
    app.synth();
    return asHubModule(JSON.parse(readFileSync(path.join(outdir, 'stacks', HUB_MODULE_STACK, 'cdk.tf.json'), 'utf8')), renames, organization);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
