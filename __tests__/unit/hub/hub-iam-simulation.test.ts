/**
 * Hub-mode IAM proven on what is synthesized, not on the builders: a hub and the spokes of two
 * member accounts in one app, their roles read back from the Terraform JSON and evaluated with
 * @cloud-copilot/iam-simulate. The hub collector may assume the spoke role of a listed account
 * only, read the one target object, and make no ECS call itself; each spoke role trusts that
 * collector role alone and may describe only its account's listed clusters.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { EcsHighResMetricsSpoke } from '../../../modules/hub/ecs-high-res-metrics-spoke';
import { ADMINISTRATOR, evaluateIdentity, evaluateResourcePolicy, type Outcome } from '../../support/iam-simulation';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { addressOf, byId, only } from '../../support/synth';

const HUB = '999999999999';
const A = '111111111111';
const B = '222222222222';
const UNLISTED = '333333333333';
const BUCKET = 'ops-targets-20260101000000000000000001';
const TARGETS: TargetListEntry[] = [
  { account: A, region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
  { account: A, region: 'eu-west-1', clusters: '*' },
  { account: B, region: 'us-west-2', clusters: ['batch'] },
];
const HUB_SETTINGS = { name: 'ops', rolePath: '/platform/', externalId: 'fleet-7' };

/** A role as synthesized, with every policy attached to it (inline and managed), references replaced by what apply gives them. */
interface Role {
  readonly arn: string;
  readonly trust: any;
  readonly policies: any[];
}

/** What Terraform fills in at apply: the target bucket's ARN. */
const applied = (text: string) => text.replace(/\$\{aws_s3_bucket\.[^}]+\.arn\}/g, `arn:aws:s3:::${BUCKET}`);

function roleOf(tf: any, id: string, account: string): Role {
  const role = byId(tf, 'aws_iam_role')[id];
  const address = addressOf(tf, 'aws_iam_role', id);
  const inline = Object.values<any>(tf.resource.aws_iam_role_policy ?? {}).filter((p) => p.role === `\${${address}.id}`);
  const managedByArn = Object.fromEntries(
    Object.keys(tf.resource.aws_iam_policy ?? {}).map((name) => [`\${aws_iam_policy.${name}.arn}`, tf.resource.aws_iam_policy[name]]),
  );
  const managed = Object.values<any>(tf.resource.aws_iam_role_policy_attachment ?? {})
    .filter((a) => a.role === `\${${address}.name}`)
    .map((a) => managedByArn[a.policy_arn]);
  return {
    arn: `arn:aws:iam::${account}:role${role.path ?? '/'}${role.name}`,
    trust: JSON.parse(role.assume_role_policy),
    policies: [...inline, ...managed].map((p) => JSON.parse(applied(p.policy))),
  };
}

function synthFleet(targets: readonly TargetListEntry[]) {
  const app = Testing.app();
  const hubStack = new TerraformStack(app, 'hub');
  new AwsProvider(hubStack, 'aws', { region: 'eu-west-1' });
  new EcsHighResMetricsHub(hubStack, 'hub', { ...HUB_SETTINGS, account: HUB, region: 'eu-west-1', targets });
  const hub = JSON.parse(Testing.synth(hubStack));
  const spokes = Object.fromEntries(
    [A, B].map((account) => {
      const stack = new TerraformStack(app, `spoke-${account}`);
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      new EcsHighResMetricsSpoke(stack, 'spoke', {
        name: HUB_SETTINGS.name,
        externalId: HUB_SETTINGS.externalId,
        account,
        hub: { account: HUB, region: 'eu-west-1', rolePath: HUB_SETTINGS.rolePath },
        targets: targets.filter((t) => t.account === account),
      });
      return [account, roleOf(JSON.parse(Testing.synth(stack)), 'spoke-role', account)];
    }),
  );
  return { hub, collector: roleOf(hub, 'collector-role', HUB), spokes };
}

/**
 * AssumeRole across accounts: the caller's identity policies and the target role's trust must
 * both allow; the context is what AWS derives from the request (the role's account, the caller).
 */
function assumeRole(caller: { arn: string; policies: any[] }, target: { arn: string; trust: any }, externalId?: string): Promise<Outcome> {
  return evaluateResourcePolicy(target.trust, target.arn, {
    principal: caller.arn,
    identityPolicies: caller.policies,
    request: {
      action: 'sts:AssumeRole',
      context: {
        'aws:ResourceAccount': target.arn.split(':')[4],
        'aws:PrincipalArn': caller.arn,
        'aws:PrincipalAccount': caller.arn.split(':')[4],
        ...(externalId !== undefined ? { 'sts:ExternalId': externalId } : {}),
      },
    },
  });
}

describe('a hub and two spokes, synthesized', () => {
  // GIVEN the hub and the spokes of accounts A and B
  const { hub, collector, spokes } = synthFleet(TARGETS);
  const spokeArn = (account: string, name = 'ops-spoke', path = '/platform/') => `arn:aws:iam::${account}:role${path}${name}`;

  test('the spokes trust exactly the hub collector role the hub synthesizes (one function names it on both sides)', () => {
    expect(collector.arn).toBe(`arn:aws:iam::${HUB}:role/platform/ops-collector-eu-west-1`);
    for (const spoke of Object.values(spokes)) {
      expect(spoke.trust.Statement[0].Condition.ArnEquals['aws:PrincipalArn']).toBe(collector.arn);
      expect(spoke.arn).toMatch(/:role\/platform\/ops-spoke$/);
    }
  });

  test('iam-simulate: the hub collector assumes the spoke role of each listed account, with the external ID', async () => {
    for (const account of [A, B]) {
      expect((await assumeRole(collector, spokes[account], 'fleet-7')).overall).toBe('Allowed');
    }
    expect((await assumeRole(collector, spokes[A])).overall).not.toBe('Allowed');
    expect((await assumeRole(collector, spokes[A], 'other')).overall).not.toBe('Allowed');
  });

  test('iam-simulate: not in an unlisted account, even where a role of that name trusts it; not another role name or path', async () => {
    const unlisted = { arn: spokeArn(UNLISTED), trust: spokes[A].trust };
    expect((await assumeRole(collector, unlisted, 'fleet-7')).identity).toBe('ImplicitlyDenied');
    expect((await assumeRole(collector, unlisted, 'fleet-7')).overall).not.toBe('Allowed');
    for (const arn of [spokeArn(A, 'admin'), spokeArn(A, 'ops-spoke', '/'), `arn:aws:iam::${HUB}:role/platform/ops-spoke`]) {
      expect((await assumeRole(collector, { arn, trust: spokes[A].trust }, 'fleet-7')).overall).not.toBe('Allowed');
    }
  });

  const collectorMay = async (action: string, resource: string, context: Record<string, string> = {}) =>
    (await evaluateIdentity(collector.arn, collector.policies, { action, resource, context })).identity;

  test('iam-simulate: the collector reads the target object only, and writes nothing to it', async () => {
    expect(await collectorMay('s3:GetObject', `arn:aws:s3:::${BUCKET}/targets.json`)).toBe('Allowed');
    expect(await collectorMay('s3:GetObjectVersion', `arn:aws:s3:::${BUCKET}/targets.json`)).toBe('Allowed');
    expect(await collectorMay('s3:GetObject', `arn:aws:s3:::${BUCKET}/other.json`)).toBe('ImplicitlyDenied');
    expect(await collectorMay('s3:GetObject', 'arn:aws:s3:::someone-elses-bucket/targets.json')).toBe('ImplicitlyDenied');
    expect(await collectorMay('s3:PutObject', `arn:aws:s3:::${BUCKET}/targets.json`)).toBe('ImplicitlyDenied');
    expect(await collectorMay('s3:ListBucket', `arn:aws:s3:::${BUCKET}`)).toBe('ImplicitlyDenied');
  });

  test('iam-simulate: the target bucket refuses its own collector, and an administrator of the hub, without TLS', async () => {
    const bucketPolicy = JSON.parse(applied(only(hub, 'aws_s3_bucket_policy').policy));
    const read = async (principal: string, policies: any[], action: string, resource: string, secure: boolean) => {
      const response = await runSimulation(
        {
          request: {
            principal,
            action,
            resource: { resource, accountId: HUB },
            contextVariables: { 'aws:SecureTransport': String(secure), 'aws:PrincipalAccount': HUB, 'aws:ResourceAccount': HUB },
          },
          identityPolicies: policies.map((policy, i) => ({ name: `p${i}`, policy })),
          serviceControlPolicies: [],
          resourceControlPolicies: [],
          resourcePolicy: bucketPolicy,
        },
        {},
      );
      if (response.resultType === 'error') throw new Error(response.errors.message);
      return response.overallResult;
    };
    const object = `arn:aws:s3:::${BUCKET}/targets.json`;
    expect(await read(collector.arn, collector.policies, 's3:GetObjectVersion', object, true)).toBe('Allowed');
    expect(await read(collector.arn, collector.policies, 's3:GetObjectVersion', object, false)).toBe('ExplicitlyDenied');
    const admin = `arn:aws:iam::${HUB}:role/admin`;
    expect(await read(admin, [ADMINISTRATOR], 's3:PutObject', object, true)).toBe('Allowed');
    expect(await read(admin, [ADMINISTRATOR], 's3:PutObject', object, false)).toBe('ExplicitlyDenied');
    expect(await read(admin, [ADMINISTRATOR], 's3:ListBucket', `arn:aws:s3:::${BUCKET}`, false)).toBe('ExplicitlyDenied');
  });

  test('iam-simulate: the hub collector makes no ECS call of its own, and publishes to its namespace only', async () => {
    expect(JSON.stringify(collector.policies)).not.toMatch(/"ecs:/);
    expect(await collectorMay('ecs:DescribeClusters', `arn:aws:ecs:eu-west-1:${HUB}:cluster/prod-api`)).toBe('ImplicitlyDenied');
    expect(await collectorMay('ecs:ListClusters', '*')).toBe('ImplicitlyDenied');
    expect(await collectorMay('cloudwatch:PutMetricData', '*', { 'cloudwatch:namespace': 'ECS' })).toBe('Allowed');
    expect(await collectorMay('cloudwatch:PutMetricData', '*', { 'cloudwatch:namespace': 'AWS/ECS' })).toBe('ImplicitlyDenied');
  });

  test('iam-simulate: a spoke role trusts the hub collector role only, not an administrator of the hub or of its own account', async () => {
    const as = (principal: string) =>
      evaluateResourcePolicy(spokes[A].trust, spokes[A].arn, {
        principal,
        identityPolicies: [ADMINISTRATOR],
        request: {
          action: 'sts:AssumeRole',
          context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': principal.split(':')[4], 'sts:ExternalId': 'fleet-7' },
        },
      });
    expect((await as(collector.arn)).overall).toBe('Allowed');
    expect((await as(`arn:aws:iam::${HUB}:role/admin`)).overall).not.toBe('Allowed');
    expect((await as(`arn:aws:iam::${HUB}:role/ops-collector-eu-west-1`)).overall).not.toBe('Allowed');
    expect((await as(`arn:aws:iam::${A}:role/platform/ops-collector-eu-west-1`)).overall).not.toBe('Allowed');
    expect((await as(`arn:aws:iam::${A}:role/admin`)).overall).not.toBe('Allowed');
  });

  const spokeMay = async (account: string, action: string, resource: string, context: Record<string, string> = {}) =>
    (await evaluateIdentity(spokes[account].arn, spokes[account].policies, { action, resource, context })).identity;

  test('iam-simulate: a spoke role describes its listed clusters, any cluster where it discovers, and nothing else', async () => {
    expect(await spokeMay(A, 'ecs:DescribeClusters', `arn:aws:ecs:us-east-1:${A}:cluster/prod-api`)).toBe('Allowed');
    expect(await spokeMay(A, 'ecs:DescribeClusters', `arn:aws:ecs:us-east-1:${A}:cluster/payments`)).toBe('ImplicitlyDenied');
    expect(await spokeMay(A, 'ecs:DescribeClusters', `arn:aws:ecs:eu-west-1:${A}:cluster/anything`)).toBe('Allowed');
    expect(await spokeMay(A, 'ecs:ListClusters', '*', { 'aws:RequestedRegion': 'eu-west-1' })).toBe('Allowed');
    expect(await spokeMay(A, 'ecs:ListClusters', '*', { 'aws:RequestedRegion': 'us-east-1' })).toBe('ImplicitlyDenied');
    expect(await spokeMay(B, 'ecs:DescribeClusters', `arn:aws:ecs:us-west-2:${B}:cluster/batch`)).toBe('Allowed');
    expect(await spokeMay(B, 'ecs:DescribeClusters', `arn:aws:ecs:us-west-2:${A}:cluster/batch`)).toBe('ImplicitlyDenied');
    expect(await spokeMay(B, 'ecs:DescribeClusters', `arn:aws:ecs:us-east-1:${B}:cluster/batch`)).toBe('ImplicitlyDenied');
    expect(await spokeMay(A, 'ecs:UpdateService', `arn:aws:ecs:us-east-1:${A}:service/prod-api/web`)).toBe('ImplicitlyDenied');
    expect(await spokeMay(A, 'cloudwatch:PutMetricData', '*', { 'cloudwatch:namespace': 'ECS' })).toBe('ImplicitlyDenied');
  });
});

describe('a hub of 1,000 member accounts, synthesized', () => {
  // GIVEN a hub whose AssumeRole permission is spread over managed policies
  const targets: TargetListEntry[] = Array.from({ length: 1000 }, (_, i) => ({ account: String(100000000000 + i), region: 'us-east-1', clusters: ['a'] }));
  const app = Testing.app();
  const stack = new TerraformStack(app, 'hub');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  new EcsHighResMetricsHub(stack, 'hub', { ...HUB_SETTINGS, account: HUB, region: 'eu-west-1', targets });
  const collector = roleOf(JSON.parse(Testing.synth(stack)), 'collector-role', HUB);
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${HUB}:root` }, Action: 'sts:AssumeRole' }],
  };

  test('iam-simulate: the first, a middle and the last listed account are allowed through the attached policies; an unlisted one is not', async () => {
    expect(collector.policies).toHaveLength(4);
    for (const account of ['100000000000', '100000000500', '100000000999']) {
      expect((await assumeRole(collector, { arn: `arn:aws:iam::${account}:role/platform/ops-spoke`, trust })).overall).toBe('Allowed');
    }
    expect((await assumeRole(collector, { arn: `arn:aws:iam::${UNLISTED}:role/platform/ops-spoke`, trust })).overall).not.toBe('Allowed');
  });
});
