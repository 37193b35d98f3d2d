/**
 * The organization module (`modules/organization`): what the organization's account (a delegated
 * administrator for CloudFormation StackSets, or the management account) holds, as
 * EcsHighResMetricsOrganization builds it: a service-managed StackSet with automatic deployment
 * that puts the spoke role in every account of the units, and the Organizations read role the
 * hub's discovery assumes. The StackSet's template is the construct's (spoke-role-template.ts,
 * organization-spoke.ts) written as an HCL object over the variables and jsonencoded at plan; a slow
 * test plans it and compares it with the construct's for the same inputs. Pure.
 */
import { ORGANIZATIONAL_UNIT_ID, ROOT_ID, UNIT_ID_ALLOWED } from '../../../modules/common/iam-rules';
import { ACCOUNT_ID } from '../../../modules/common/environment-rules';
import { REGION_NAME } from '../../../modules/common/region-names';
import { STACK_SET_HOME_REGIONS } from '../../../modules/hub/ecs-high-res-metrics-organization';
import { organizationsRolePermissionPolicy } from '../../../modules/hub/organization-policies';
import { SPOKE_INLINE_POLICY_NAME, SPOKE_ROLE_LOGICAL_ID } from '../../../modules/hub/spoke-role-template';
import type { StackSetAdministrator } from '../../../modules/hub/props';
import { moduleReadme } from './module-readme';
import { AWS_PROVIDER_CONSTRAINT, REQUIRED_TERRAFORM } from './pipeline-module';
import { hclString, re2 } from './hcl-validations';
import type { ModuleVariable } from './pipeline-variables';
import { hclIf, hclList, hclPresent, hubLocals, hubTrustVariables, type ModuleOutput, moduleJsonFiles, regionValidations, submoduleExample } from './spoke-hcl';
import { organizationRegionLocals, organizationSpokeStatements, spokeTrustDocument, statement } from './spoke-module';

/** Where the organization module's README example expects it: below the extracted archive. */
export const ORGANIZATION_EXAMPLE_SOURCE = './terraform-aws-ecs-highres-metrics/modules/organization';

export const ORGANIZATION_README_EXAMPLE = `provider "aws" {
  region = "us-east-1"
}

module "ecs_metrics_organization" {
  # the archive extracted here: tar -xzf terraform-aws-ecs-highres-metrics-<version>.tar.gz -C terraform-aws-ecs-highres-metrics
  source = "${ORGANIZATION_EXAMPLE_SOURCE}"

  # the hub pipeline's account and region (and name and role_path, when not the defaults)
  hub_account_id = "999999999999"
  hub_region     = "us-east-1"

  units   = ["ou-ab12-cdef3456"]
  regions = ["us-east-1", "eu-west-1"]
  exclude = ["222222222222"]
}

output "organizations_role_arn" {
  value = module.ecs_metrics_organization.organizations_role_arn
}
`;

const ADMINISTRATORS: readonly StackSetAdministrator[] = ['delegated-administrator', 'management'];
const unit = (expression: string) => `(can(regex(${re2(ORGANIZATIONAL_UNIT_ID)}, ${expression})) || can(regex(${re2(ROOT_ID)}, ${expression})))`;

export const ORGANIZATION_VARIABLES: readonly ModuleVariable[] = [
  ...hubTrustVariables("each account's spoke role"),
  {
    name: 'units',
    type: 'list(string)',
    description: 'Organizational unit IDs (or the root ID) the StackSet deploys the spoke role to, every OU below them included.',
    validations: [
      {
        condition: `length(var.units) > 0 && alltrue([for u in var.units : ${unit('u')}])`,
        message: `units: \${jsonencode(var.units)} must list 1 or more units, each ${UNIT_ID_ALLOWED}.`,
      },
      {
        condition: 'length(distinct(var.units)) == length(var.units)',
        message: 'units lists a unit more than once: list each unit once.',
      },
    ],
  },
  {
    name: 'regions',
    type: 'list(string)',
    description: 'Regions the hub watches in each account; ["*"]: every region enabled in each account.',
    validations: [
      {
        condition: `var.regions == tolist(["*"]) || (length(var.regions) > 0 && alltrue([for r in var.regions : can(regex(${re2(REGION_NAME)}, r))]))`,
        message: 'regions: ${jsonencode(var.regions)} must be ["*"] or 1 or more AWS region names such as "us-east-1".',
      },
    ],
  },
  {
    name: 'exclude',
    type: 'list(string)',
    description:
      "Accounts (12 digits) the StackSet leaves out (the hub's discovery leaves them out too). Units in the list are left out by the discovery only: a StackSet cannot exclude an OU below a target.",
    default: [],
    validations: [
      {
        condition: `alltrue([for x in var.exclude : can(regex(${re2(ACCOUNT_ID)}, x)) || can(regex(${re2(ORGANIZATIONAL_UNIT_ID)}, x))])`,
        message: 'exclude: ${jsonencode(var.exclude)} must list 12-digit account IDs or organizational unit IDs ("ou-ab12-cdef3456").',
      },
      {
        condition: 'length(distinct(var.exclude)) == length(var.exclude)',
        message: 'exclude lists an ID more than once: list each ID once.',
      },
    ],
  },
  {
    name: 'administrator',
    type: 'string',
    description: `What the provider's account is to the organization: a delegated administrator for CloudFormation StackSets (call_as DELEGATED_ADMIN) or the management account (SELF). One of ${ADMINISTRATORS.join(', ')}.`,
    default: 'delegated-administrator',
    validations: [
      {
        condition: `contains(${hclList(ADMINISTRATORS)}, var.administrator)`,
        message: `administrator: \${jsonencode(var.administrator)} is not allowed: use one of ${ADMINISTRATORS.join(', ')}.`,
      },
    ],
  },
  {
    name: 'stack_set_region',
    type: 'string',
    description: `The one region of each account's stack instance (the template holds IAM only, which is global); null: the partition's home region (${Object.values(STACK_SET_HOME_REGIONS).join(', ')}).`,
    default: null,
    validations: regionValidations('stack_set_region').map((rule) => ({ ...rule, condition: `var.stack_set_region == null ? true : ${rule.condition}` })),
  },
];

export const ORGANIZATION_OUTPUTS: readonly ModuleOutput[] = [
  {
    name: 'organizations_role_arn',
    description: "ARN of the Organizations read role the hub's discovery assumes",
    value: '${aws_iam_role.organizations_read.arn}',
  },
  {
    name: 'spoke_stack_set_name',
    description: 'Name of the StackSet that deploys the spoke role to every account of the units',
    value: '${aws_cloudformation_stack_set.spoke_role.name}',
  },
];

export const ORGANIZATION_LIMITS: readonly string[] = [
  "The spoke role's tags in the template are ordered by key (Terraform's maps are), where the construct keeps the order given; CloudFormation reads them alike.",
  "The hub's `organization_id` is the hub's to give (its collector may assume the spoke role in any account of the organization); this stack does not take it, as the construct does not.",
];

/** A string naming the member account, as the template carries it: CloudFormation substitutes `${AWS::AccountId}` in each account. */
const sub = (template: string) => `{ "Fn::Sub" = ${template} }`;
const memberArn = (region: string, resource: string) => sub(`"arn:\${local.partition}:ecs:\${${region}}:$\${AWS::AccountId}:${resource}"`);

function organizationLocals(): Record<string, string> {
  const permissions = `{ Version = "2012-10-17", Statement = ${organizationSpokeStatements(memberArn)} }`;
  const boundary = hclIf(
    'startswith(var.permissions_boundary, "arn:")',
    'var.permissions_boundary',
    sub('"arn:${local.partition}:iam::$${AWS::AccountId}:policy/${var.permissions_boundary}"'),
  );
  const properties = `merge(${statement({
    RoleName: 'local.spoke_role_name',
    Path: 'local.spoke_role_path',
    Description: hclString('Read-only role the ECS high-resolution metrics hub assumes to list and describe the ECS clusters of this account'),
    AssumeRolePolicyDocument: spokeTrustDocument('true'),
    Policies: `[{ PolicyName = ${hclString(SPOKE_INLINE_POLICY_NAME)}, PolicyDocument = ${permissions} }]`,
  })}, ${hclPresent([
    `var.permissions_boundary == null ? null : { PermissionsBoundary = ${boundary} }`,
    'length(var.tags) == 0 ? null : { Tags = [for k, v in var.tags : { Key = k, Value = v }] }',
  ])}...)`;
  const template = statement({
    AWSTemplateFormatVersion: '"2010-09-09"',
    Description:
      '"Spoke role ${local.spoke_role_path}${local.spoke_role_name} of the ECS high-resolution metrics hub (deployed by a service-managed StackSet)"',
    Resources: `{ ${SPOKE_ROLE_LOGICAL_ID} = { Type = "AWS::IAM::Role", Properties = ${properties} } }`,
    Outputs: `{ SpokeRoleArn = { Description = "ARN of the spoke role", Value = { "Fn::GetAtt" = [${hclString(SPOKE_ROLE_LOGICAL_ID)}, "Arn"] } } }`,
  });
  const readTrust = statement({
    Sid: '"HubDiscoveryRoleOnly"',
    Effect: '"Allow"',
    Principal: '{ AWS = "arn:${local.partition}:iam::${var.hub_account_id}:root" }',
    Action: '"sts:AssumeRole"',
    Condition: hclIf(
      'var.external_id == null',
      '{ ArnEquals = { "aws:PrincipalArn" = local.hub_discovery_role_arn } }',
      '{ ArnEquals = { "aws:PrincipalArn" = local.hub_discovery_role_arn }, StringEquals = { "sts:ExternalId" = var.external_id } }',
    ),
  });
  const homes = `{ ${Object.entries(STACK_SET_HOME_REGIONS)
    .map(([partition, region]) => `${hclString(partition)} = ${hclString(region)}`)
    .join(', ')} }`;
  return {
    ...hubLocals(),
    ...organizationRegionLocals('var.regions'),
    template_body: `\${jsonencode(${template})}`,
    organizations_role_trust: `\${jsonencode({ Version = "2012-10-17", Statement = [${readTrust}] })}`,
    stack_set_region: `\${coalesce(var.stack_set_region, lookup(${homes}, local.partition, var.hub_region))}`,
    call_as: '${var.administrator == "management" ? "SELF" : "DELEGATED_ADMIN"}',
    excluded_accounts: `\${[for x in var.exclude : x if can(regex(${re2(ACCOUNT_ID)}, x))]}`,
  };
}

const OPERATION_PREFERENCES = { failure_tolerance_percentage: 10, max_concurrent_percentage: 25, region_concurrency_type: 'PARALLEL' };

export function organizationModuleMain(): object {
  return {
    locals: organizationLocals(),
    resource: {
      aws_cloudformation_stack_set: {
        spoke_role: {
          name: '${var.name}-spoke-role',
          description: "The ${var.name} hub's read-only spoke role in every account of the organization's units",
          permission_model: 'SERVICE_MANAGED',
          auto_deployment: { enabled: true, retain_stacks_on_account_removal: false },
          call_as: '${local.call_as}',
          capabilities: ['CAPABILITY_NAMED_IAM'],
          template_body: '${local.template_body}',
          operation_preferences: OPERATION_PREFERENCES,
          tags: '${local.tags}',
          // AWS fills in the service-managed administration role; Terraform would otherwise plan to clear it on every apply.
          lifecycle: { ignore_changes: ['administration_role_arn'] },
        },
      },
      aws_cloudformation_stack_set_instance: {
        spoke_role: {
          stack_set_name: '${aws_cloudformation_stack_set.spoke_role.name}',
          call_as: '${local.call_as}',
          region: '${local.stack_set_region}',
          deployment_targets: {
            organizational_unit_ids: '${var.units}',
            account_filter_type: '${length(local.excluded_accounts) > 0 ? "DIFFERENCE" : null}',
            accounts: '${length(local.excluded_accounts) > 0 ? local.excluded_accounts : null}',
          },
          operation_preferences: OPERATION_PREFERENCES,
          retain_stack: false,
        },
      },
      aws_iam_role: {
        organizations_read: {
          name: '${var.name}-organizations-read',
          path: '${var.hub_role_path}',
          assume_role_policy: '${local.organizations_role_trust}',
          tags: '${local.tags}',
        },
      },
      aws_iam_role_policy: {
        organizations_read: {
          name: SPOKE_INLINE_POLICY_NAME,
          role: '${aws_iam_role.organizations_read.id}',
          policy: JSON.stringify(organizationsRolePermissionPolicy()),
        },
      },
    },
  };
}

/** The organization module's files below the archive's root: modules/organization/*, its README, examples/organization/main.tf. */
export function organizationModuleFiles(version: string): Record<string, string> {
  const readme = moduleReadme({
    title: 'organization',
    intro: [
      `Version ${version}, a submodule of terraform-aws-ecs-highres-metrics. What the organization's account (a delegated administrator`,
      "for CloudFormation StackSets, or the management account) holds when a hub's fleet is an organization: a service-managed StackSet",
      'with automatic deployment that puts the read-only spoke role in every account of `units`, now and as accounts join, and the',
      "Organizations read role the hub's discovery assumes to list those accounts. No account is named: its size does not grow with the organization.",
      "The StackSet's template is the EcsHighResMetricsOrganization construct's for the same inputs (a test plans both and compares them).",
      'The module configures no provider: it creates everything in the account of the `aws` provider it is given.',
    ].join('\n'),
    example: ORGANIZATION_README_EXAMPLE,
    variables: ORGANIZATION_VARIABLES,
    outputs: ORGANIZATION_OUTPUTS,
    limits: ORGANIZATION_LIMITS,
    notes: [
      `Requires Terraform \`${REQUIRED_TERRAFORM}\` and the hashicorp/aws provider \`${AWS_PROVIDER_CONSTRAINT}\`.`,
      "Terraform JSON (`*.tf.json`) like the root module; the StackSet's template and the roles' documents are HCL expressions over the variables (`jsonencode`), written from the construct's builders, so they are known at plan.",
    ],
  });
  return {
    ...moduleJsonFiles('modules/organization', ORGANIZATION_VARIABLES, ORGANIZATION_OUTPUTS, organizationModuleMain()),
    'modules/organization/README.md': readme,
    'examples/organization/main.tf': submoduleExample(ORGANIZATION_README_EXAMPLE, ORGANIZATION_EXAMPLE_SOURCE, 'organization'),
  };
}
