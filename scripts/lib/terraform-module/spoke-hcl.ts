/**
 * What the spoke and organization modules share: the variables naming the hub and the spoke role
 * (validation blocks from the same rule constants the constructs check), and the HCL expressions
 * for the names and ARNs hub-names.ts and organization-names.ts build, so a module's role trusts
 * the hub role the construct's would. Also the Terraform JSON of a module written by hand (these
 * modules compute their policies from variables, which the constructs' builders take as literals).
 * Pure.
 */
import { ACCOUNT_ID } from '../../../modules/common/environment-rules';
import { PARTITION_PREFIXES } from '../../../modules/common/environment';
import { REGION_NAME } from '../../../modules/common/region-names';
import { IAM_NAME_WITH_PATH, iamArnPattern, MAX_TAGS, PIPELINE_NAME } from '../../../modules/common/rules';
import { SETTINGS } from '../../../modules/common/settings';
import { DEFAULT_METRICS, METRIC_NAMES, SERVICE_METRIC_NAMES } from '../../../modules/metrics/catalog';
import { AWS_PROVIDER_CONSTRAINT, REQUIRED_TERRAFORM } from './pipeline-module';
import { externalIdValidation, hclString, iamPathValidation, re2, roleNameValidation } from './hcl-validations';
import type { ModuleVariable } from './pipeline-variables';

export const hclList = (items: readonly string[]) => `[${items.map(hclString).join(', ')}]`;

/** A region variable's validations. */
export function regionValidations(name: string): ModuleVariable['validations'] {
  return [
    {
      condition: `can(regex(${re2(REGION_NAME)}, var.${name}))`,
      message: `${name}: \${jsonencode(var.${name})} is not an AWS region name: use one such as "us-east-1".`,
    },
  ];
}

/** The variables that name the hub, its trust and the spoke role, as both modules take them. */
export function hubTrustVariables(what: string): ModuleVariable[] {
  return [
    {
      name: 'name',
      setting: 'name',
      type: 'string',
      description: "The fleet's name (the hub pipeline's `name`): names the spoke role and the hub roles it trusts.",
      default: SETTINGS.name.default,
      validations: [
        {
          condition: `can(regex(${re2(PIPELINE_NAME)}, var.name))`,
          message: 'name: ${jsonencode(var.name)} is not a valid pipeline name: use 1 to 32 letters, digits, hyphens and underscores.',
        },
      ],
    },
    {
      name: 'hub_account_id',
      type: 'string',
      description: "The hub's account (12 digits), where its collector role is.",
      validations: [
        {
          condition: `can(regex(${re2(ACCOUNT_ID)}, var.hub_account_id))`,
          message: 'hub_account_id: ${jsonencode(var.hub_account_id)} is not an AWS account ID: use its 12 digits, as a string.',
        },
      ],
    },
    {
      name: 'hub_region',
      type: 'string',
      description: "The hub's region: the hub collector role is `<name>-collector-<hub_region>`, and its partition is the role's.",
      validations: regionValidations('hub_region'),
    },
    {
      name: 'hub_role_path',
      type: 'string',
      description: "The hub's role path (its `role_path`).",
      default: '/',
      validations: [iamPathValidation('hub_role_path', { optional: false })],
    },
    {
      name: 'external_id',
      type: 'string',
      description: 'sts:ExternalId the hub passes on every AssumeRole, which the role requires; null: none.',
      default: null,
      validations: [externalIdValidation('external_id')],
    },
    {
      name: 'metrics',
      type: 'list(string)',
      description: `Metrics the hub collects: per-service metrics (${SERVICE_METRIC_NAMES.join(', ')}) add the service reads to ${what}.`,
      default: [...DEFAULT_METRICS],
      validations: [
        {
          condition: `length(var.metrics) > 0 && alltrue([for m in var.metrics : contains(${hclList(METRIC_NAMES)}, m)])`,
          message: `metrics: \${jsonencode(var.metrics)} must name at least one metric, each one of ${METRIC_NAMES.join(', ')}.`,
        },
        {
          condition: 'length(distinct(var.metrics)) == length(var.metrics)',
          message: 'metrics lists a metric more than once: list each metric once.',
        },
      ],
    },
    {
      name: 'spoke_role_name',
      type: 'string',
      description: 'The spoke role\'s name; null: "<name>-spoke". The hub assumes this name.',
      default: null,
      validations: [roleNameValidation('spoke_role_name')],
    },
    {
      name: 'spoke_role_path',
      type: 'string',
      description: "The spoke role's IAM path; null: `hub_role_path`.",
      default: null,
      validations: [iamPathValidation('spoke_role_path')],
    },
    {
      name: 'permissions_boundary',
      type: 'string',
      description: 'Permissions boundary of the spoke role: a policy ARN, or a policy name (with its path) in each member account; null: none.',
      default: null,
      validations: [
        {
          condition: `var.permissions_boundary == null ? true : can(regex(${re2(iamArnPattern('policy'))}, var.permissions_boundary)) || can(regex(${re2(IAM_NAME_WITH_PATH)}, var.permissions_boundary))`,
          message:
            'permissions_boundary: ${jsonencode(var.permissions_boundary)} is neither an IAM policy ARN nor a policy name: use an ARN such as arn:aws:iam::111111111111:policy/platform/boundary, or a name (with its path) that each account resolves to its own policy.',
        },
      ],
    },
    {
      name: 'tags',
      type: 'map(string)',
      description: "Tags of what the module creates, beside the provider's default_tags.",
      default: {},
      validations: [
        {
          condition: `length(var.tags) <= ${MAX_TAGS}`,
          message: `tags: \${length(var.tags)} tags are more than AWS allows on one resource: give at most ${MAX_TAGS}.`,
        },
      ],
    },
  ];
}

/** The locals naming the hub's roles and the spoke role (hub-names.ts, organization-names.ts), and the partition (environment.ts). */
export function hubLocals(): Record<string, string> {
  return {
    partition: `\${${hclPartitionOf('var.hub_region')}}`,
    hub_collector_role_arn: 'arn:${local.partition}:iam::${var.hub_account_id}:role${var.hub_role_path}${var.name}-collector-${var.hub_region}',
    hub_discovery_role_arn: 'arn:${local.partition}:iam::${var.hub_account_id}:role${var.hub_role_path}${var.name}-discovery-${var.hub_region}',
    spoke_role_name: '${coalesce(var.spoke_role_name, "${var.name}-spoke")}',
    spoke_role_path: '${coalesce(var.spoke_role_path, var.hub_role_path)}',
    with_services: `\${length(setintersection(var.metrics, ${hclList(SERVICE_METRIC_NAMES)})) > 0}`,
    tags: '${length(var.tags) > 0 ? var.tags : null}',
  };
}

/** A variable's block in Terraform JSON. */
export function variableBlock(v: ModuleVariable): Record<string, unknown> {
  return {
    description: v.description,
    nullable: v.default === null,
    type: v.type,
    ...(v.validations.length > 0 ? { validation: v.validations.map((rule) => ({ condition: `\${${rule.condition}}`, error_message: rule.message })) } : {}),
    ...(v.default !== undefined ? { default: v.default } : {}),
  };
}

export interface ModuleOutput {
  readonly name: string;
  readonly description: string;
  readonly value: string;
}

/** A module's files (`<dir>/main.tf.json`, variables, outputs, versions) from its parts. */
export function moduleJsonFiles(dir: string, variables: readonly ModuleVariable[], outputs: readonly ModuleOutput[], main: object): Record<string, string> {
  const text = (content: object) => `${JSON.stringify(content, null, 2)}\n`;
  return {
    [`${dir}/main.tf.json`]: text(main),
    [`${dir}/variables.tf.json`]: text({ variable: Object.fromEntries(variables.map((v) => [v.name, variableBlock(v)])) }),
    [`${dir}/outputs.tf.json`]: text({
      output: Object.fromEntries(outputs.map((o) => [o.name, { description: o.description, value: o.value }])),
    }),
    [`${dir}/versions.tf.json`]: text({
      terraform: { required_version: REQUIRED_TERRAFORM, required_providers: { aws: { source: 'hashicorp/aws', version: AWS_PROVIDER_CONSTRAINT } } },
    }),
  };
}

/** `readmeExample` as its example in `examples/<name>/main.tf`: the submodule at `../../modules/<name>`, where the README shows it below the extracted archive. */
export function submoduleExample(readmeExample: string, readmeSource: string, name: string): string {
  if (!readmeExample.includes(`"${readmeSource}"`)) throw new Error(`the ${name} module's example must call it at source = "${readmeSource}"`);
  return readmeExample.replace(`"${readmeSource}"`, `"../../modules/${name}"`);
}

/** HCL: `a` when `condition` holds, else `b`, for values of different types (objects with other attributes), which `?:` refuses to unify. */
export const hclIf = (condition: string, a: string, b: string) => `[for x in [(${condition}) ? ${a} : null, (${condition}) ? null : ${b}] : x if x != null][0]`;

/** HCL: the tuple `items` (expressions that may be null) without its nulls, in order. */
export const hclPresent = (items: readonly string[]) => `[for x in [${items.join(', ')}] : x if x != null]`;

/** HCL: the partition of the region `expression` (partitionOf in environment.ts). */
export function hclPartitionOf(expression: string): string {
  const prefixes = `[${PARTITION_PREFIXES.map(([prefix, partition]) => `[${hclString(prefix)}, ${hclString(partition)}]`).join(', ')}]`;
  return `concat([for p in ${prefixes} : p[1] if startswith(${expression}, p[0])], ["aws"])[0]`;
}
