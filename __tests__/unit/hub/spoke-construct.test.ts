/**
 * EcsHighResMetricsSpoke synthesized: one role `<name>-spoke` trusting the hub collector role
 * (the ARN the hub's own names give), its ECS reads inline or in managed policies, its output,
 * and every validation naming its prop.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetricsSpoke } from '../../../modules/hub/ecs-high-res-metrics-spoke';
import { hubCollectorRoleArn } from '../../../modules/hub/hub-names';
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import type { EcsHighResMetricsSpokeProps } from '../../../modules/hub/props';
import { addressOf, byId, only } from '../../support/synth';

const HUB = '999999999999';
const A = '111111111111';

function synthSpoke(props: Partial<EcsHighResMetricsSpokeProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'spoke-stack');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const spoke = new EcsHighResMetricsSpoke(stack, 'spoke', {
    account: A,
    hub: { account: HUB, region: 'eu-west-1' },
    targets: [
      { account: A, region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
      { account: A, region: 'eu-west-1', clusters: '*' },
    ],
    ...props,
  });
  const json = Testing.synth(stack);
  return { spoke, json, tf: JSON.parse(json) };
}

const refused = (props: Partial<EcsHighResMetricsSpokeProps>) => {
  try {
    synthSpoke(props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the spoke was built');
};

describe('the spoke with default settings', () => {
  const { tf, json } = synthSpoke();

  test('is one role named <name>-spoke on /, trusting the hub collector role alone', () => {
    expect(Object.keys(tf.resource.aws_iam_role)).toHaveLength(1);
    expect(json).toHaveResourceWithProperties(IamRole, { name: 'ecs-highres-spoke', path: '/' });
    expect(JSON.parse(only(tf, 'aws_iam_role').assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'HubCollectorRoleOnly',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${HUB}:root` },
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${HUB}:role/ecs-highres-collector-eu-west-1` } },
        },
      ],
    });
  });

  test('its one inline policy describes the listed clusters, and lists clusters only where they are discovered', () => {
    const policy = only(tf, 'aws_iam_role_policy');
    expect(policy.role).toBe(`\${${addressOf(tf, 'aws_iam_role', 'spoke-role')}.id}`);
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DescribeListedClusters',
          Effect: 'Allow',
          Action: 'ecs:DescribeClusters',
          Resource: [`arn:aws:ecs:us-east-1:${A}:cluster/prod-api`, `arn:aws:ecs:us-east-1:${A}:cluster/prod-workers`, `arn:aws:ecs:eu-west-1:${A}:cluster/*`],
        },
        {
          Sid: 'ListClustersWhereDiscovered',
          Effect: 'Allow',
          Action: 'ecs:ListClusters',
          Resource: '*',
          Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
        },
      ],
    });
    expect(tf.resource.aws_iam_policy).toBeUndefined();
  });

  test('outputs the role ARN', () => {
    expect(tf.output).toEqual({
      spoke_spoke_role_arn: {
        value: `\${${addressOf(tf, 'aws_iam_role', 'spoke-role')}.arn}`,
        description: 'ARN of the role the hub collector assumes in this account',
      },
    });
  });
});

describe('the spoke with settings', () => {
  test("the hub's role path, an external ID, a boundary and tags", () => {
    const { tf, json } = synthSpoke({
      name: 'ops',
      hub: { account: HUB, region: 'eu-west-1', rolePath: '/platform/' },
      externalId: 'fleet-7',
      permissionsBoundary: 'boundaries/ecs-read',
      tags: { team: 'platform' },
    });
    expect(json).toHaveResourceWithProperties(IamRole, {
      name: 'ops-spoke',
      path: '/platform/',
      permissions_boundary: `arn:aws:iam::${A}:policy/boundaries/ecs-read`,
      tags: { team: 'platform' },
    });
    const condition = JSON.parse(only(tf, 'aws_iam_role').assume_role_policy).Statement[0].Condition;
    const hubRole = hubCollectorRoleArn({ partition: 'aws', account: HUB, region: 'eu-west-1', name: 'ops', rolePath: '/platform/' });
    expect(hubRole).toBe(`arn:aws:iam::${HUB}:role/platform/ops-collector-eu-west-1`);
    expect(condition).toEqual({ ArnEquals: { 'aws:PrincipalArn': hubRole }, StringEquals: { 'sts:ExternalId': 'fleet-7' } });
  });

  test('per-service metrics add the service reads of the services listed; without them, none', () => {
    const targets = [{ account: A, region: 'us-east-1', clusters: ['api'], services: { api: ['web'] } }];
    const withMetric = JSON.parse(only(synthSpoke({ targets, metrics: ['RunningTask', 'RunningCount'] }).tf, 'aws_iam_role_policy').policy);
    expect(withMetric.Statement.map((s: any) => s.Sid)).toEqual(['DescribeListedClusters', 'DescribeCollectedServices']);
    expect(withMetric.Statement[1].Resource).toEqual([`arn:aws:ecs:us-east-1:${A}:service/api/web`]);
    const without = JSON.parse(only(synthSpoke({ targets }).tf, 'aws_iam_role_policy').policy);
    expect(without.Statement.map((s: any) => s.Sid)).toEqual(['DescribeListedClusters']);
  });

  test('reads that outgrow the inline limit go to managed policies attached to the role', () => {
    // 25 clusters of 255 characters in each of 3 regions: more than one inline policy holds
    const regions = ['us-east-1', 'us-west-2', 'eu-west-1'];
    const targets = regions.map((region) => ({
      account: A,
      region,
      clusters: Array.from({ length: 25 }, (_, j) => `${'c'.repeat(251)}${String(j).padStart(4, '0')}`),
    }));
    const { tf } = synthSpoke({ targets });
    expect(tf.resource.aws_iam_role_policy).toBeUndefined();
    const policies = byId(tf, 'aws_iam_policy');
    expect(Object.keys(policies).length).toBeGreaterThan(1);
    expect(Object.keys(policies).length).toBeLessThanOrEqual(IAM_LIMITS.managedPoliciesPerRole);
    for (const [id, policy] of Object.entries<any>(policies)) {
      expect(policy.policy.length).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
      expect(policy.name).toBe(`ecs-highres-spoke-${id.split('-').pop()}`);
    }
    const described = Object.values<any>(policies).flatMap((p) => JSON.parse(p.policy).Statement.flatMap((s: any) => s.Resource));
    expect(described).toHaveLength(3 * 25);
    const attachments = Object.values<any>(tf.resource.aws_iam_role_policy_attachment);
    expect(attachments).toHaveLength(Object.keys(policies).length);
    for (const a of attachments) expect(a.role).toBe(`\${${addressOf(tf, 'aws_iam_role', 'spoke-role')}.name}`);
  });
});

describe('validation', () => {
  test('each bad prop is named', () => {
    const message = refused({
      name: 'bad name',
      account: '1234',
      hub: { account: 'x', region: 'moon-1', rolePath: 'no-slash' },
      externalId: 'x',
      targets: [{ account: '222222222222', region: 'us-east-1', clusters: [] }],
      permissionsBoundary: 'arn:bad',
    });
    for (const field of [
      'name:',
      'account:',
      'hub.account:',
      'hub.region:',
      'hub.rolePath:',
      'externalId:',
      'targets[0].clusters:',
      'targets[0].account:',
      'permissionsBoundary:',
    ]) {
      expect(message).toContain(`  - ${field}`);
    }
  });

  test('a target region in another partition than the hub is refused, naming both partitions', () => {
    expect(
      refused({
        targets: [
          { account: A, region: 'us-east-1', clusters: ['a'] },
          { account: A, region: 'us-gov-west-1', clusters: ['a'] },
        ],
      }),
    ).toBe(
      'spoke-stack/spoke: targets[1].region: "us-gov-west-1" is in partition aws-us-gov, but the hub (eu-west-1) is in partition aws: credentials do not cross partitions, so the hub could never assume a role there; collect aws-us-gov account-regions with a hub of their own in aws-us-gov',
    );
  });

  test("another account's targets are refused naming the spoke's account", () => {
    expect(refused({ targets: [{ account: '222222222222', region: 'us-east-1', clusters: ['a'] }] })).toContain(
      `targets[0].account: "222222222222" is not this spoke's account ${A}: give each spoke only its own account's targets`,
    );
    expect(refused({ targets: [] })).toContain('targets: is empty');
  });

  test('a spoke role name of 64 characters is created; 65 is refused naming spokeRole.name', () => {
    const { json } = synthSpoke({ spokeRole: { name: 'r'.repeat(64) } });
    expect(json).toHaveResourceWithProperties(IamRole, { name: 'r'.repeat(64) });
    expect(refused({ spokeRole: { name: 'r'.repeat(65) } })).toContain(
      `spokeRole.name: the spoke role name "${'r'.repeat(65)}" (65 characters) is not an IAM role name`,
    );
  });

  test('two spokes of one account with one role name are refused; with two names, both are built', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'spokes');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const props = { account: A, hub: { account: HUB, region: 'eu-west-1' }, targets: [{ account: A, region: 'us-east-1', clusters: ['a'] }] };
    new EcsHighResMetricsSpoke(stack, 'prod', { ...props, name: 'prod' });
    new EcsHighResMetricsSpoke(stack, 'staging', { ...props, name: 'staging' });
    expect(() => new EcsHighResMetricsSpoke(stack, 'again', { ...props, name: 'prod' })).toThrow(/"prod-spoke" is also created by spokes\/prod/);
    const tf = JSON.parse(Testing.synth(stack));
    expect(
      Object.values<any>(tf.resource.aws_iam_role)
        .map((r) => r.name)
        .sort(),
    ).toEqual(['prod-spoke', 'staging-spoke']);
  });

  test('two spokes of one account named "Fleet" and "fleet" are refused: IAM role names ignore case', () => {
    const stack = new TerraformStack(Testing.app(), 'spokes');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const props = { account: A, hub: { account: HUB, region: 'eu-west-1' }, targets: [{ account: A, region: 'us-east-1', clusters: ['a'] }] };
    new EcsHighResMetricsSpoke(stack, 'upper', { ...props, name: 'Fleet' });
    expect(() => new EcsHighResMetricsSpoke(stack, 'lower', { ...props, name: 'fleet' })).toThrow(
      'spokes/lower: the IAM role name "fleet-spoke" is also created by spokes/upper as "Fleet-spoke", and both are in account 111111111111 (IAM role names are unique in an account, whatever their case): give one of the pipelines another name',
    );
  });
});
