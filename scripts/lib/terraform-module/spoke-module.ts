/**
 * The spoke module (`modules/spoke`): the read-only role the hub's collector assumes in one member
 * account, as EcsHighResMetricsSpoke builds it. The construct computes the role's documents from
 * literal props (spoke-plan.ts, hub-policies.ts, organization-spoke.ts); here the same statements,
 * in the same order, are HCL expressions over the variables, jsonencoded at plan. A slow test plans
 * the module and compares its documents with the construct's for the same inputs. Pure.
 */
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import { ECS_NAME } from '../../../modules/common/rules';
import { REGION_NAME } from '../../../modules/common/region-names';
import { ACCOUNT_ID } from '../../../modules/common/environment-rules';
import { SPOKE_INLINE_POLICY_NAME } from '../../../modules/hub/spoke-role-template';
import { AWS_PROVIDER_CONSTRAINT, REQUIRED_TERRAFORM } from './pipeline-module';
import type { ModuleVariable } from './pipeline-variables';
import { moduleReadme } from './module-readme';
import { hclIf, hclPartitionOf, hclPresent, hubLocals, hubTrustVariables, type ModuleOutput, moduleJsonFiles, submoduleExample } from './spoke-hcl';
import { re2 } from './hcl-validations';

/** Where the spoke module's README example expects it: below the extracted archive. */
export const SPOKE_EXAMPLE_SOURCE = './terraform-aws-ecs-highres-metrics/modules/spoke';

/** The spoke module's README example; `examples/spoke/main.tf` is it with the module at `../../modules/spoke`. */
export const SPOKE_README_EXAMPLE = `provider "aws" {
  region = "us-east-1"
}

module "ecs_metrics_spoke" {
  # the archive extracted here: tar -xzf terraform-aws-ecs-highres-metrics-<version>.tar.gz -C terraform-aws-ecs-highres-metrics
  source = "${SPOKE_EXAMPLE_SOURCE}"

  # the hub pipeline's account and region (and name and role_path, when not the defaults)
  hub_account_id = "999999999999"
  hub_region     = "us-east-1"
  account_id     = "111111111111" # optional: without it, read from the credentials at plan

  targets = [
    { region = "us-east-1", clusters = ["prod-api", "prod-workers"] },
    { region = "eu-west-1", clusters = ["*"] },
  ]
}

output "spoke_role_arn" {
  value = module.ecs_metrics_spoke.spoke_role_arn
}
`;

const cluster = (valueExpression: string) => `can(regex(${re2(ECS_NAME)}, ${valueExpression}))`;

/** The spoke module's variables: the hub's and the spoke role's (spoke-hcl.ts), then the account's. */
export const SPOKE_VARIABLES: readonly ModuleVariable[] = [
  ...hubTrustVariables('the spoke role'),
  {
    name: 'account_id',
    type: 'string',
    description: "The member account (12 digits), which the role's ARNs name; null: read from the provider's credentials (aws_caller_identity) at plan.",
    default: null,
    validations: [
      {
        condition: `var.account_id == null ? true : can(regex(${re2(ACCOUNT_ID)}, var.account_id))`,
        message: 'account_id: ${jsonencode(var.account_id)} is not an AWS account ID: use its 12 digits, or null to read it from the credentials.',
      },
    ],
  },
  {
    name: 'targets',
    type: 'list(object({ region = string, clusters = list(string), services = optional(map(list(string)), {}) }))',
    description:
      'This account\'s regions the hub collects, each with its clusters (["*"]: every cluster there, found with ListClusters) and, per cluster, the services collected (["*"]: all of them); services count only with per-service metrics. May be empty with `organization_regions`.',
    default: [],
    validations: [
      {
        condition: 'length(var.targets) > 0 || var.organization_regions != null',
        message: 'targets is empty: list the account\'s regions the hub collects, each with its clusters or ["*"], or give organization_regions.',
      },
      {
        condition: `alltrue([for t in var.targets : can(regex(${re2(REGION_NAME)}, t.region))])`,
        message: `targets: \${join(", ", [for t in var.targets : jsonencode(t.region) if !can(regex(${re2(REGION_NAME)}, t.region))])} is not an AWS region name: use one such as "us-east-1".`,
      },
      {
        condition: 'length(distinct([for t in var.targets : t.region])) == length(var.targets)',
        message: 'targets lists a region more than once: list each region once with all its clusters.',
      },
      {
        condition: `alltrue([for t in var.targets : t.clusters == tolist(["*"]) || (length(t.clusters) > 0 && alltrue([for c in t.clusters : ${cluster('c')}]))])`,
        message: `targets: the clusters of \${join(", ", [for t in var.targets : t.region if !(t.clusters == tolist(["*"]) || (length(t.clusters) > 0 && alltrue([for c in t.clusters : ${cluster('c')}])))])} must be ["*"] or 1 or more ECS cluster names of 1 to 255 letters, digits, hyphens and underscores.`,
      },
      {
        condition: `alltrue(flatten([for t in var.targets : [for c, s in t.services : ${cluster('c')} && (s == tolist(["*"]) || (length(s) > 0 && alltrue([for n in s : ${cluster('n')}])))]]))`,
        message:
          'targets: each services entry must map a cluster name to ["*"] (every service of the cluster) or to 1 or more ECS service names of 1 to 255 letters, digits, hyphens and underscores.',
      },
      {
        condition:
          'alltrue(concat([for t in var.targets : length(distinct(t.clusters)) == length(t.clusters)], flatten([for t in var.targets : [for c, s in t.services : length(distinct(s)) == length(s)]])))',
        message: 'targets: a region lists a cluster, or a cluster a service, more than once: list each once.',
      },
      {
        condition: `alltrue([for t in var.targets : ${hclPartitionOf('t.region')} == ${hclPartitionOf('var.hub_region')}])`,
        message:
          "targets: every region must be in the hub region's partition (the hub cannot assume a role in another partition): collect it from a hub there.",
      },
    ],
  },
  {
    name: 'organization_regions',
    type: 'list(string)',
    description:
      "For an account of an organization found at run time, where StackSets are not allowed: the role is the one the organization's StackSet deploys (trusting the hub's collector and discovery roles, reading every cluster of these regions; [\"*\"]: every region enabled in the account), and `targets` is not used. null: a listed account's role, reading its targets only.",
    default: null,
    validations: [
      {
        condition: `var.organization_regions == null ? true : var.organization_regions == tolist(["*"]) || (length(var.organization_regions) > 0 && alltrue([for r in var.organization_regions : can(regex(${re2(REGION_NAME)}, r))]))`,
        message: 'organization_regions: ${jsonencode(var.organization_regions)} must be ["*"] or 1 or more AWS region names such as "us-east-1".',
      },
    ],
  },
];

export const SPOKE_OUTPUTS: readonly ModuleOutput[] = [
  { name: 'spoke_role_arn', description: 'ARN of the role the hub collector assumes in this account', value: '${aws_iam_role.spoke.arn}' },
  { name: 'spoke_role_name', description: 'Name of the spoke role', value: '${aws_iam_role.spoke.name}' },
];

/** What EcsHighResMetricsSpoke does that the module does not. */
export const SPOKE_LIMITS: readonly string[] = [
  `The role's reads are one inline policy (\`${SPOKE_INLINE_POLICY_NAME}\`) of at most ${IAM_LIMITS.inlinePerRole.toLocaleString('en-US')} characters, checked by a precondition at plan: about 115 clusters of 40-character names in one region. The construct moves reads that outgrow it into up to ${IAM_LIMITS.managedPoliciesPerRole} managed policies (the greedy packing of policy-packing.ts); that is construct-only.`,
  "No `organization_id`: the construct takes `organizationId` with the hub's other trust settings but the spoke role does not change with it (it scopes the hub collector's AssumeRole permission, in the hub).",
  'Name clashes with other roles of the account, and a hub of the same app trusting another role, are checked across stacks by the construct at synth; Terraform sees the module alone.',
  "A target's services are ordered by cluster name (Terraform's maps are), where the construct keeps the order given: the same statements, their resources in another order when the given order was not sorted.",
];

const ARN = (region: string, resource: string) => `"arn:\${local.partition}:ecs:\${${region}}:\${local.account}:${resource}"`;

export const statement = (fields: Record<string, string>) =>
  `{ ${Object.entries(fields)
    .map(([key, value]) => `${JSON.stringify(key)} = ${value}`)
    .join(', ')} }`;

/**
 * HCL: the statements of an organization's spoke role (organizationSpokePermissionPolicy), the
 * regions `local.organization_regions` (["*"] for all), `local.organization_all` whether they are
 * all; `arn(region, resource)` the ECS ARN of the member account (the StackSet's template wraps it in Fn::Sub).
 */
export function organizationSpokeStatements(arn: (region: string, resource: string) => string): string {
  const all = 'local.organization_all';
  const inRegions = '{ StringEquals = { "aws:RequestedRegion" = local.organization_regions } }';
  return hclPresent([
    `${all} ? ${statement({ Sid: '"ListClusters"', Effect: '"Allow"', Action: '"ecs:ListClusters"', Resource: '"*"' })} : null`,
    `${all} ? null : ${statement({ Sid: '"ListClusters"', Effect: '"Allow"', Action: '"ecs:ListClusters"', Resource: '"*"', Condition: inRegions })}`,
    statement({
      Sid: '"DescribeClusters"',
      Effect: '"Allow"',
      Action: '"ecs:DescribeClusters"',
      Resource: `[for r in local.organization_regions : ${arn('r', 'cluster/*')}]`,
    }),
    statement({ Sid: '"DescribeRegions"', Effect: '"Allow"', Action: '"ec2:DescribeRegions"', Resource: '"*"' }),
    `local.with_services && ${all} ? ${statement({ Sid: '"ListServices"', Effect: '"Allow"', Action: '"ecs:ListServices"', Resource: '"*"' })} : null`,
    `local.with_services && !${all} ? ${statement({ Sid: '"ListServices"', Effect: '"Allow"', Action: '"ecs:ListServices"', Resource: '"*"', Condition: inRegions })} : null`,
    `local.with_services ? ${statement({ Sid: '"DescribeServices"', Effect: '"Allow"', Action: '"ecs:DescribeServices"', Resource: `[for r in local.organization_regions : ${arn('r', 'service/*/*')}]` })} : null`,
  ]);
}

/** HCL: the spoke role's trust document (the collector's, or with `organization` the collector's and discovery's: an HCL boolean). */
export function spokeTrustDocument(organization: string): string {
  const principals = hclIf(organization, '[local.hub_collector_role_arn, local.hub_discovery_role_arn]', 'local.hub_collector_role_arn');
  const condition = hclIf(
    'var.external_id == null',
    `{ ArnEquals = { "aws:PrincipalArn" = ${principals} } }`,
    `{ ArnEquals = { "aws:PrincipalArn" = ${principals} }, StringEquals = { "sts:ExternalId" = var.external_id } }`,
  );
  const trust = statement({
    Sid: `(${organization}) ? "HubCollectorAndDiscoveryRolesOnly" : "HubCollectorRoleOnly"`,
    Effect: '"Allow"',
    Principal: '{ AWS = "arn:${local.partition}:iam::${var.hub_account_id}:root" }',
    Action: '"sts:AssumeRole"',
    Condition: condition,
  });
  return `{ Version = "2012-10-17", Statement = [${trust}] }`;
}

/** The locals of an organization's regions: the list (["*"] for all) and whether it is all of them. */
export const organizationRegionLocals = (variable: string) => ({
  organization_all: `\${${variable} == null ? false : contains(${variable}, "*")}`,
  organization_regions: `\${${variable} == null ? [] : contains(${variable}, "*") ? ["*"] : ${variable}}`,
});

/** The role's documents and everything they are built from, as locals (the construct's spoke-plan.ts, organization-spoke.ts). */
function spokeLocals(): Record<string, string> {
  const orgStatements = organizationSpokeStatements(ARN);
  const listedStatements = hclPresent([
    statement({ Sid: '"DescribeListedClusters"', Effect: '"Allow"', Action: '"ecs:DescribeClusters"', Resource: 'local.cluster_arns' }),
    `length(local.discovered_regions) > 0 ? ${statement({
      Sid: '"ListClustersWhereDiscovered"',
      Effect: '"Allow"',
      Action: '"ecs:ListClusters"',
      Resource: '"*"',
      Condition: '{ StringEquals = { "aws:RequestedRegion" = local.discovered_regions } }',
    })} : null`,
    `length(local.whole_service_clusters) > 0 ? ${statement({
      Sid: '"ListServicesOfClustersCollectedWhole"',
      Effect: '"Allow"',
      Action: '"ecs:ListServices"',
      Resource: '"*"',
      Condition: '{ ArnEquals = { "ecs:cluster" = local.whole_service_clusters } }',
    })} : null`,
    `length(local.service_arns) > 0 ? ${statement({ Sid: '"DescribeCollectedServices"', Effect: '"Allow"', Action: '"ecs:DescribeServices"', Resource: 'local.service_arns' })} : null`,
  ]);
  return {
    ...hubLocals(),
    account: '${var.account_id != null ? var.account_id : one(data.aws_caller_identity.current[*].account_id)}',
    cluster_arns: `\${flatten([for t in var.targets : contains(t.clusters, "*") ? [${ARN('t.region', 'cluster/*')}] : [for c in t.clusters : ${ARN('t.region', 'cluster/${c}')}]])}`,
    discovered_regions: '${[for t in var.targets : t.region if contains(t.clusters, "*")]}',
    // The service reads only when the hub publishes per-service metrics (spoke-plan.ts).
    services:
      '${local.with_services ? flatten([for t in var.targets : [for c, s in t.services : { region = t.region, cluster = c, whole = contains(s, "*"), names = s }]]) : []}',
    whole_service_clusters: `\${[for s in local.services : ${ARN('s.region', 'cluster/${s.cluster}')} if s.whole]}`,
    service_arns: `\${flatten([for s in local.services : s.whole ? [${ARN('s.region', 'service/${s.cluster}/*')}] : [for n in s.names : ${ARN('s.region', 'service/${s.cluster}/${n}')}]])}`,
    ...organizationRegionLocals('var.organization_regions'),
    trust_policy: `\${jsonencode(${spokeTrustDocument('var.organization_regions != null')})}`,
    policy: `\${jsonencode({ Version = "2012-10-17", Statement = ${hclIf('var.organization_regions == null', listedStatements, orgStatements)} })}`,
    permissions_boundary:
      '${var.permissions_boundary == null ? null : startswith(var.permissions_boundary, "arn:") ? var.permissions_boundary : "arn:${local.partition}:iam::${local.account}:policy/${var.permissions_boundary}"}',
  };
}

/** The spoke module's main.tf.json: the role, its inline policy, the account read from the credentials when not given. */
export function spokeModuleMain(): object {
  return {
    data: { aws_caller_identity: { current: { count: '${var.account_id == null ? 1 : 0}' } } },
    locals: spokeLocals(),
    resource: {
      aws_iam_role: {
        spoke: {
          name: '${local.spoke_role_name}',
          path: '${local.spoke_role_path}',
          assume_role_policy: '${local.trust_policy}',
          permissions_boundary: '${local.permissions_boundary}',
          tags: '${local.tags}',
          lifecycle: {
            precondition: [
              {
                condition: `\${length(local.trust_policy) <= ${IAM_LIMITS.trustPolicy}}`,
                error_message: `the spoke trust policy is \${length(local.trust_policy)} characters, over IAM's ${IAM_LIMITS.trustPolicy}: shorten the hub role's path or the external ID.`,
              },
            ],
          },
        },
      },
      aws_iam_role_policy: {
        spoke: {
          name: SPOKE_INLINE_POLICY_NAME,
          role: '${aws_iam_role.spoke.id}',
          policy: '${local.policy}',
          lifecycle: {
            precondition: [
              {
                condition: `\${length(local.policy) <= ${IAM_LIMITS.inlinePerRole}}`,
                error_message: `targets: the spoke role's policy is \${length(local.policy)} characters, over IAM's ${IAM_LIMITS.inlinePerRole}-character limit for a role's inline policies (the module has no managed policies): collect the account's clusters with ["*"] in its busiest regions.`,
              },
            ],
          },
        },
      },
    },
  };
}

/** The spoke module's files below the archive's root: modules/spoke/*, its README, examples/spoke/main.tf. */
export function spokeModuleFiles(version: string): Record<string, string> {
  const readme = moduleReadme({
    title: 'spoke',
    intro: [
      `Version ${version}, a submodule of terraform-aws-ecs-highres-metrics. The read-only role the hub's collector assumes in one member`,
      "account (`<name>-spoke` by default): trusted by the hub's collector role alone (with `organization_regions`, by its discovery role too),",
      "allowed only the ECS reads the hub's settings need on the account's listed clusters. IAM is global: one per account.",
      "Its documents are the EcsHighResMetricsSpoke construct's for the same inputs, statement for statement (a test plans both and compares them).",
      'The module configures no provider: it creates the role in the account of the `aws` provider it is given.',
    ].join('\n'),
    example: SPOKE_README_EXAMPLE,
    variables: SPOKE_VARIABLES,
    outputs: SPOKE_OUTPUTS,
    limits: SPOKE_LIMITS,
    notes: [
      `Requires Terraform \`${REQUIRED_TERRAFORM}\` (its validations compare variables) and the hashicorp/aws provider \`${AWS_PROVIDER_CONSTRAINT}\`.`,
      "Terraform JSON (`*.tf.json`) like the root module; the role's documents are HCL expressions over the variables (`jsonencode`), written from the construct's policy builders, so its policies are known at plan.",
    ],
  });
  return {
    ...moduleJsonFiles('modules/spoke', SPOKE_VARIABLES, SPOKE_OUTPUTS, spokeModuleMain()),
    'modules/spoke/README.md': readme,
    'examples/spoke/main.tf': submoduleExample(SPOKE_README_EXAMPLE, SPOKE_EXAMPLE_SOURCE, 'spoke'),
  };
}
