/**
 * An organization config synthesizes two stacks whatever the organization's size: the hub and the
 * organization stack (the spoke roles' StackSet and the Organizations read role) in the
 * organization's account; listed accounts beside it keep their spoke stacks.
 */
import { Testing } from 'cdktf';
import { MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { EcsHighResMetricsOrganization } from '../../../modules/hub/ecs-high-res-metrics-organization';

/** GIVEN an organization of two units (one account left out) and one listed account outside it. */
const config = validateFleetConfig({
  name: 'ecs-highres',
  topology: 'hub',
  hub: { account: '999999999999', region: 'eu-west-1', organizationId: 'o-abcd123456', externalId: 'ext-1' },
  organization: {
    account: '888888888888',
    deployRoleArn: 'arn:aws:iam::888888888888:role/terraform',
    units: ['ou-ab12-cdef3456', 'r-ab12'],
    regions: '*',
    exclude: ['777777777777', 'ou-ab12-zzzz9999'],
  },
  defaults: { tags: { team: 'platform' }, rolePath: '/platform/' },
  accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api'] } } }],
});
const app = Testing.app();
const fleet = new MetricsFleet(app, 'fleet', { config });
const org = JSON.parse(Testing.synth(fleet.organizationStack!));
const only = (type: string): any => {
  const found = Object.values(org.resource[type] ?? {});
  expect(found).toHaveLength(1);
  return found[0];
};

test('the hub, the organization stack, and a spoke stack for the listed account', () => {
  expect(fleet.allStacks.map((s) => s.node.id)).toEqual([
    'ecs-highres-999999999999-eu-west-1-hub',
    'ecs-highres-888888888888-organization',
    'ecs-highres-spoke-111111111111',
  ]);
  expect(fleet.organizationStack!.organization).toBeInstanceOf(EcsHighResMetricsOrganization);
});

test("the organization stack: its provider in the partition's home region of the organization's account, with its deploy role and the defaults' tags", () => {
  expect(org.provider.aws).toEqual([
    {
      region: 'us-east-1',
      allowed_account_ids: ['888888888888'],
      assume_role: [{ role_arn: 'arn:aws:iam::888888888888:role/terraform', session_name: 'ecs-highres-deploy' }],
      default_tags: [{ tags: { team: 'platform' } }],
    },
  ]);
  expect(Object.keys(org.resource).sort()).toEqual([
    'aws_cloudformation_stack_set',
    'aws_cloudformation_stack_set_instance',
    'aws_iam_role',
    'aws_iam_role_policy',
  ]);
});

test('the StackSet: service-managed, deployed automatically, as a delegated administrator, its template the spoke role', () => {
  const { template_body: body, '//': _, ...stackSet } = only('aws_cloudformation_stack_set');
  expect(stackSet).toEqual({
    name: 'ecs-highres-spoke-role',
    description: "The ecs-highres hub's read-only spoke role in every account of the organization's units",
    permission_model: 'SERVICE_MANAGED',
    auto_deployment: { enabled: true, retain_stacks_on_account_removal: false },
    call_as: 'DELEGATED_ADMIN',
    capabilities: ['CAPABILITY_NAMED_IAM'],
    operation_preferences: { failure_tolerance_percentage: 10, max_concurrent_percentage: 25, region_concurrency_type: 'PARALLEL' },
    tags: { team: 'platform' },
    lifecycle: { ignore_changes: ['administration_role_arn'] },
  });
  // CloudFormation's `${AWS::AccountId}` escaped, so Terraform passes it on rather than interpolating it.
  expect(body).toContain('$${AWS::AccountId}');
  expect(body.replaceAll('$${', '')).not.toContain('${');
  const template = JSON.parse(body.replaceAll('$${', '${'));
  expect(Object.keys(template.Resources)).toEqual(['SpokeRole']);
  expect(template.Resources.SpokeRole.Properties.RoleName).toBe('ecs-highres-spoke');
  expect(template.Resources.SpokeRole.Properties.Path).toBe('/platform/');
  expect(template.Resources.SpokeRole.Properties.Tags).toEqual([{ Key: 'team', Value: 'platform' }]);
});

test('one stack instance per account of the units, in one region, leaving out the excluded accounts (an excluded unit is left to discovery)', () => {
  const { '//': _, ...instance } = only('aws_cloudformation_stack_set_instance');
  expect(instance).toEqual({
    stack_set_name: '${aws_cloudformation_stack_set.organization_spoke-role-stack-set_921744A2.name}',
    call_as: 'DELEGATED_ADMIN',
    region: 'us-east-1',
    deployment_targets: { organizational_unit_ids: ['ou-ab12-cdef3456', 'r-ab12'], account_filter_type: 'DIFFERENCE', accounts: ['777777777777'] },
    operation_preferences: { failure_tolerance_percentage: 10, max_concurrent_percentage: 25, region_concurrency_type: 'PARALLEL' },
    retain_stack: false,
  });
});

test('the Organizations read role: trusted by the hub discovery role alone (and the external ID), allowed only to list and describe', () => {
  const role = only('aws_iam_role');
  expect([role.name, role.path]).toEqual(['ecs-highres-organizations-read', '/platform/']);
  expect(JSON.parse(role.assume_role_policy)).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'HubDiscoveryRoleOnly',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::999999999999:root' },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::999999999999:role/platform/ecs-highres-discovery-eu-west-1' },
          StringEquals: { 'sts:ExternalId': 'ext-1' },
        },
      },
    ],
  });
  expect(JSON.parse(only('aws_iam_role_policy').policy)).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ListAccountsOfUnits',
        Effect: 'Allow',
        Action: ['organizations:ListChildren', 'organizations:ListAccountsForParent', 'organizations:DescribeOrganization'],
        Resource: '*',
      },
    ],
  });
});

test('the hub stack is built with no listed target of the organization: its settings carry the organization', () => {
  expect(fleet.hubStack!.hub.settings.organization).toEqual({
    account: '888888888888',
    units: ['ou-ab12-cdef3456', 'r-ab12'],
    regions: '*',
    exclude: ['777777777777', 'ou-ab12-zzzz9999'],
  });
  expect(fleet.hubStack!.hub.settings.targets).toEqual([{ account: '111111111111', region: 'us-east-1', clusters: ['prod-api'] }]);
});
