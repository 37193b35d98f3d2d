/**
 * The organization's roles as synthesized: the spoke role the StackSet deploys is the Terraform
 * spoke role of an organization account (same name, path, trust and permissions, from one
 * builder), and iam-simulate proves both roles of the organization in both directions: only the
 * hub's discovery role may assume the Organizations read role, which may only list and describe;
 * the organization's spoke role is assumable by the hub's collector and discovery roles alone and
 * allows exactly its reads.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetricsOrganization } from '../../../modules/hub/ecs-high-res-metrics-organization';
import { EcsHighResMetricsSpoke } from '../../../modules/hub/ecs-high-res-metrics-spoke';
import type { EcsHighResMetricsOrganizationProps } from '../../../modules/hub/props';
import { ADMINISTRATOR, evaluateIdentity, evaluateResourcePolicy, type Outcome } from '../../support/iam-simulation';

/** A Terraform string literal's value: `$${` is a literal `${`. */
const asTerraformReadsIt = (text: string) => text.replaceAll('$${', '${');

const HUB = '999999999999';
const ORG = '888888888888';
const MEMBER = '123456789012';
const COLLECTOR = `arn:aws:iam::${HUB}:role/platform/ops-collector-eu-west-1`;
const DISCOVERY = `arn:aws:iam::${HUB}:role/platform/ops-discovery-eu-west-1`;

/** CloudFormation's Fn::Sub of `${AWS::AccountId}`, as it resolves in `account`. */
function resolved(value: any, account: string): any {
  if (Array.isArray(value)) return value.map((v) => resolved(v, account));
  if (value && typeof value === 'object') {
    if (Object.keys(value).length === 1 && 'Fn::Sub' in value) return value['Fn::Sub'].replaceAll('${AWS::AccountId}', account);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolved(v, account)]));
  }
  return value;
}

const only = (tf: any, type: string): any => {
  const found = Object.values<any>(tf.resource[type] ?? {});
  expect(found).toHaveLength(1);
  return found[0];
};

/** GIVEN an organization stack and a Terraform spoke stack of an organization account with the same settings. */
function synthBoth(settings: Partial<EcsHighResMetricsOrganizationProps>) {
  const props: EcsHighResMetricsOrganizationProps = {
    name: 'ops',
    hub: { account: HUB, region: 'eu-west-1', rolePath: '/platform/' },
    units: ['ou-ab12-cdef3456'],
    regions: '*',
    ...settings,
  };
  const app = Testing.app();
  const orgStack = new TerraformStack(app, 'organization');
  new AwsProvider(orgStack, 'aws', { region: 'us-east-1' });
  const organization = new EcsHighResMetricsOrganization(orgStack, 'organization', props);
  const spokeStack = new TerraformStack(app, 'spoke');
  new AwsProvider(spokeStack, 'aws', { region: 'us-east-1' });
  new EcsHighResMetricsSpoke(spokeStack, 'spoke', {
    name: props.name,
    account: MEMBER,
    hub: props.hub,
    targets: [],
    organization: { regions: props.regions },
    ...(props.externalId !== undefined ? { externalId: props.externalId } : {}),
    ...(props.metrics !== undefined ? { metrics: [...props.metrics] } : {}),
  });
  const org = JSON.parse(Testing.synth(orgStack));
  const spoke = JSON.parse(Testing.synth(spokeStack));
  const template = JSON.parse(asTerraformReadsIt(only(org, 'aws_cloudformation_stack_set').template_body));
  const fromStackSet = template.Resources.SpokeRole.Properties;
  const terraformRole = only(spoke, 'aws_iam_role');
  return { organization, org, spoke, template, fromStackSet, terraformRole, terraformPolicy: JSON.parse(only(spoke, 'aws_iam_role_policy').policy) };
}

describe.each<[string, Partial<EcsHighResMetricsOrganizationProps>]>([
  ['every region, the blog metrics', {}],
  ['listed regions, service metrics, an external ID', { regions: ['us-east-1', 'eu-west-1'], metrics: ['RunningTask', 'RunningCount'], externalId: 'ext-7' }],
])('the StackSet spoke role and the Terraform spoke role of an organization account (%s)', (_, settings) => {
  const both = synthBoth(settings);

  test('have the same name and path', () => {
    expect([both.fromStackSet.RoleName, both.fromStackSet.Path]).toEqual([both.terraformRole.name, both.terraformRole.path]);
  });

  test('have identical trust policies', () => {
    expect(resolved(both.fromStackSet.AssumeRolePolicyDocument, MEMBER)).toEqual(JSON.parse(both.terraformRole.assume_role_policy));
  });

  test('have identical permission policies: one inline policy each, of the same name', () => {
    expect(both.fromStackSet.Policies).toHaveLength(1);
    expect(both.fromStackSet.Policies[0].PolicyName).toBe(Object.values<any>(both.spoke.resource.aws_iam_role_policy)[0].name);
    expect(resolved(both.fromStackSet.Policies[0].PolicyDocument, MEMBER)).toEqual(both.terraformPolicy);
  });
});

describe('the organization spoke role, simulated', () => {
  const { fromStackSet } = synthBoth({ metrics: ['RunningTask', 'RunningCount'] });
  const trust = resolved(fromStackSet.AssumeRolePolicyDocument, MEMBER);
  const permissions = [resolved(fromStackSet.Policies[0].PolicyDocument, MEMBER)];
  const roleArn = `arn:aws:iam::${MEMBER}:role/platform/ops-spoke`;
  const assumedBy = (principal: string): Promise<Outcome> =>
    evaluateResourcePolicy(trust, roleArn, {
      principal,
      request: { action: 'sts:AssumeRole', context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': principal.split(':')[4] } },
      identityPolicies: [ADMINISTRATOR],
    });

  test.each([
    ['the hub collector role', COLLECTOR, 'Allowed'],
    ['the hub discovery role', DISCOVERY, 'Allowed'],
    ['another role of the hub account', `arn:aws:iam::${HUB}:role/admin`, 'ImplicitlyDenied'],
    ['a role of the same name in another account', `arn:aws:iam::${ORG}:role/platform/ops-collector-eu-west-1`, 'ImplicitlyDenied'],
  ])('AssumeRole by %s: %s', async (_, principal, decision) => {
    expect((await assumedBy(principal)).overall).toBe(decision);
  });

  test.each([
    ['ecs:ListClusters', '*', 'Allowed'],
    ['ecs:DescribeClusters', `arn:aws:ecs:ap-southeast-2:${MEMBER}:cluster/any`, 'Allowed'],
    ['ec2:DescribeRegions', '*', 'Allowed'],
    ['ecs:ListServices', '*', 'Allowed'],
    ['ecs:DescribeServices', `arn:aws:ecs:us-east-1:${MEMBER}:service/any/web`, 'Allowed'],
    ['ecs:DescribeClusters', `arn:aws:ecs:us-east-1:${ORG}:cluster/any`, 'ImplicitlyDenied'],
    ['ecs:UpdateService', `arn:aws:ecs:us-east-1:${MEMBER}:service/any/web`, 'ImplicitlyDenied'],
    ['ecs:DescribeTasks', `arn:aws:ecs:us-east-1:${MEMBER}:task/any/1`, 'ImplicitlyDenied'],
    ['ec2:DescribeInstances', '*', 'ImplicitlyDenied'],
    ['iam:PassRole', '*', 'ImplicitlyDenied'],
  ])('%s on %s: %s', async (action, resource, decision) => {
    expect((await evaluateIdentity(roleArn, permissions, { action, resource })).overall).toBe(decision);
  });

  test('with listed regions, ListClusters is allowed only in them', async () => {
    const listed = synthBoth({ regions: ['us-east-1'] }).fromStackSet;
    const policies = [resolved(listed.Policies[0].PolicyDocument, MEMBER)];
    const list = (region: string) =>
      evaluateIdentity(roleArn, policies, { action: 'ecs:ListClusters', resource: '*', context: { 'aws:RequestedRegion': region } });
    expect([(await list('us-east-1')).overall, (await list('eu-west-1')).overall]).toEqual(['Allowed', 'ImplicitlyDenied']);
  });
});

describe('the Organizations read role, simulated', () => {
  const { org } = synthBoth({ externalId: 'ext-7' });
  const role = only(org, 'aws_iam_role');
  const trust = JSON.parse(role.assume_role_policy);
  const permissions = [JSON.parse(only(org, 'aws_iam_role_policy').policy)];
  const roleArn = `arn:aws:iam::${ORG}:role/platform/ops-organizations-read`;
  const assumedBy = (principal: string, externalId?: string): Promise<Outcome> =>
    evaluateResourcePolicy(trust, roleArn, {
      principal,
      request: {
        action: 'sts:AssumeRole',
        context: {
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': principal.split(':')[4],
          ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}),
        },
      },
      identityPolicies: [ADMINISTRATOR],
    });

  test('only the hub discovery role, passing the external ID, may assume it', async () => {
    expect((await assumedBy(DISCOVERY, 'ext-7')).overall).toBe('Allowed');
    expect((await assumedBy(DISCOVERY)).overall).toBe('ImplicitlyDenied');
    expect((await assumedBy(COLLECTOR, 'ext-7')).overall).toBe('ImplicitlyDenied');
    expect((await assumedBy(`arn:aws:iam::${ORG}:role/platform/ops-discovery-eu-west-1`, 'ext-7')).overall).toBe('ImplicitlyDenied');
  });

  test.each([
    ['organizations:ListChildren', 'Allowed'],
    ['organizations:ListAccountsForParent', 'Allowed'],
    ['organizations:DescribeOrganization', 'Allowed'],
    ['organizations:CreateAccount', 'ImplicitlyDenied'],
    ['organizations:MoveAccount', 'ImplicitlyDenied'],
    ['organizations:DescribeAccount', 'ImplicitlyDenied'],
    ['organizations:ListPolicies', 'ImplicitlyDenied'],
    ['sts:AssumeRole', 'ImplicitlyDenied'],
  ])('%s: %s', async (action, decision) => {
    expect((await evaluateIdentity(roleArn, permissions, { action, resource: '*' })).overall).toBe(decision);
  });
});
