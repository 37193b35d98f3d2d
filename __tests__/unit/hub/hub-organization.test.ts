/**
 * The hub's additions when an organization is configured: the target list written as version 2
 * with its organization section, the discovered object in the tick input and the collector's read
 * of it, the discovery function (same bundle, `index.discoveryHandler`, its own role) and its
 * every-minute schedule with the DiscoveryInput; and iam-simulate proofs of the discovery role and
 * the collector role around the organization's roles and objects.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { evaluateIdentity, evaluateResourcePolicy } from '../../support/iam-simulation';
import { organizationPlan } from '../../../modules/hub/ecs-high-res-metrics-organization';
import { byId } from '../../support/synth';

const HUB = '999999999999';
const ORG = '888888888888';
const MEMBER = '123456789012';
const BUCKET = 'ops-targets-20260101000000000000000001';

/** GIVEN a hub of organization o-abcd123456 (two units, every region) and one listed account-region. */
const app = Testing.app();
const stack = new TerraformStack(app, 'hub');
new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
const hub = new EcsHighResMetricsHub(stack, 'hub', {
  name: 'ops',
  account: HUB,
  region: 'eu-west-1',
  rolePath: '/platform/',
  externalId: 'ext-7',
  organizationId: 'o-abcd123456',
  targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'] }],
  organization: { account: ORG, units: ['ou-ab12-cdef3456', 'r-ab12'], regions: '*', exclude: ['777777777777'] },
});
const tf = JSON.parse(Testing.synth(stack));
const functions = byId(tf, 'aws_lambda_function');
const roles = byId(tf, 'aws_iam_role');
const policies = byId(tf, 'aws_iam_role_policy');
const schedules = byId(tf, 'aws_scheduler_schedule');

/** What apply fills in: the bucket's name and ARN, the list's version, the functions' ARNs. */
const applied = (text: string) =>
  text
    .replace(/\$\{aws_s3_bucket\.[^}]+\.arn\}/g, `arn:aws:s3:::${BUCKET}`)
    .replace(/\$\{aws_s3_bucket\.[^}]+\.bucket\}/g, BUCKET)
    .replace(/\$\{aws_s3_object\.[^}]+\.version_id\}/g, 'v1');
const policyOf = (id: string) => JSON.parse(applied(policies[id].policy));

test('the target list is version 2: the listed targets and the organization section, with the Organizations read role and the default refresh times', () => {
  expect(JSON.parse(byId(tf, 'aws_s3_object')['target-list'].content)).toEqual({
    version: 2,
    targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'] }],
    organization: {
      units: ['ou-ab12-cdef3456', 'r-ab12'],
      regions: '*',
      exclude: ['777777777777'],
      organizationsRole: { account: ORG, name: 'ops-organizations-read', path: '/platform/', sessionName: 'ops-discovery', externalId: 'ext-7' },
      refresh: { accountsSeconds: 300, regionsSeconds: 3600, clustersSeconds: 300 },
    },
  });
});

test('replaced versions of the discovered object expire after a day; those of the target list are kept', () => {
  expect(byId(tf, 'aws_s3_bucket_lifecycle_configuration')['target-list-lifecycle'].rule).toEqual([
    { id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] },
    {
      id: 'expire-replaced-discovered-targets',
      status: 'Enabled',
      filter: [{ prefix: 'discovered.json' }],
      noncurrent_version_expiration: [{ noncurrent_days: 1 }],
    },
  ]);
});

test("the tick's input names the discovered object; the collector role may read it (its latest version) and list its bucket, nothing more of it", () => {
  const input = JSON.parse(applied(schedules.schedule.target.input));
  expect(input.discovered).toEqual({ bucket: BUCKET, key: 'discovered.json' });
  expect(policyOf('collector-policy').Statement.filter((s: any) => ['ReadDiscoveredTargets', 'ListTargetBucket'].includes(s.Sid))).toEqual([
    { Sid: 'ReadDiscoveredTargets', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/discovered.json` },
    // Without it S3 answers the object not yet written (before the discovery's first run) with 403, not 404.
    { Sid: 'ListTargetBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` },
  ]);
  expect(policyOf('discovery-policy').Statement.filter((s: any) => s.Sid === 'ListTargetBucket')).toEqual([
    { Sid: 'ListTargetBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}` },
  ]);
});

test('the discovery function: the collector bundle with handler index.discoveryHandler, its own role, log group, one run at a time', () => {
  const { discovery, collector } = functions;
  expect(Object.keys(functions).sort()).toEqual(['collector', 'discovery']);
  expect(discovery).toMatchObject({
    function_name: 'ops-discovery',
    handler: 'index.discoveryHandler',
    runtime: 'nodejs22.x',
    memory_size: 256,
    timeout: 60,
    reserved_concurrent_executions: 1,
    filename: collector.filename,
    source_code_hash: collector.source_code_hash,
    role: `\${${'aws_iam_role'}.${Object.keys(tf.resource.aws_iam_role).find((n) => n.includes('_discovery-role_'))}.arn}`,
  });
  expect(discovery.logging_config.log_group).toMatch(/aws_cloudwatch_log_group\..*discovery-logs.*\.name/);
  expect(byId(tf, 'aws_cloudwatch_log_group')['discovery-logs'].name).toBe('/aws/lambda/ops-discovery');
  expect([roles['discovery-role'].name, roles['discovery-role'].path]).toEqual(['ops-discovery-eu-west-1', '/platform/']);
  expect(JSON.parse(roles['discovery-role'].assume_role_policy).Statement[0]).toMatchObject({
    Principal: { Service: 'lambda.amazonaws.com' },
    Condition: { StringEquals: { 'aws:SourceAccount': HUB } },
  });
});

test("the discovery schedule: every minute, the DiscoveryInput (the list's version, the spoke role, the discovered object), its role may only invoke the function", () => {
  const schedule = schedules['discovery-schedule'];
  expect(schedule.schedule_expression).toBe('rate(1 minute)');
  expect(JSON.parse(applied(schedule.target.input))).toEqual({
    targetList: { bucket: BUCKET, key: 'targets.json', versionId: 'v1', stack: 'hub' },
    spokeRole: { name: 'ops-spoke', path: '/platform/', externalId: 'ext-7', sessionName: 'ops-hub' },
    discovered: { bucket: BUCKET, key: 'discovered.json' },
  });
  expect(policyOf('discovery-scheduler-policy')).toEqual({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'InvokeDiscoveryFunction', Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: `arn:aws:lambda:eu-west-1:${HUB}:function:ops-discovery` },
    ],
  });
  expect(hub.discovery?.schedule).toBeDefined();
});

describe("the discovery role's identity policy, simulated", () => {
  const roleArn = `arn:aws:iam::${HUB}:role/platform/ops-discovery-eu-west-1`;
  const discovery = [policyOf('discovery-policy')];
  const collector = [policyOf('collector-policy')];
  // The identity policy's own decision: a role of another account also needs its trust policy (organization-roles.test.ts; end to end below).
  const allowed = async (policy: any[], action: string, resource: string, context: Record<string, string> = {}) =>
    (await evaluateIdentity(roleArn, policy, { action, resource, context })).identity;
  const ORGANIZATIONS_ROLE = `arn:aws:iam::${ORG}:role/platform/ops-organizations-read`;
  const SPOKE = `arn:aws:iam::${MEMBER}:role/platform/ops-spoke`;

  test.each([
    ['assume the Organizations read role', 'sts:AssumeRole', ORGANIZATIONS_ROLE, {}, 'Allowed'],
    ['assume a spoke role in the organization', 'sts:AssumeRole', SPOKE, { 'aws:ResourceOrgID': 'o-abcd123456' }, 'Allowed'],
    ['assume a spoke role outside the organization', 'sts:AssumeRole', SPOKE, { 'aws:ResourceOrgID': 'o-zzzz999999' }, 'ImplicitlyDenied'],
    ['assume another role of the organization account', 'sts:AssumeRole', `arn:aws:iam::${ORG}:role/OrganizationAccountAccessRole`, {}, 'ImplicitlyDenied'],
    ['read the target list', 's3:GetObject', `arn:aws:s3:::${BUCKET}/targets.json`, {}, 'Allowed'],
    ['write the target list', 's3:PutObject', `arn:aws:s3:::${BUCKET}/targets.json`, {}, 'ImplicitlyDenied'],
    ['read the discovered object', 's3:GetObject', `arn:aws:s3:::${BUCKET}/discovered.json`, {}, 'Allowed'],
    ['write the discovered object', 's3:PutObject', `arn:aws:s3:::${BUCKET}/discovered.json`, {}, 'Allowed'],
    ['delete the discovered object', 's3:DeleteObject', `arn:aws:s3:::${BUCKET}/discovered.json`, {}, 'ImplicitlyDenied'],
    ['write another object', 's3:PutObject', `arn:aws:s3:::${BUCKET}/other.json`, {}, 'ImplicitlyDenied'],
    ['list the hub bucket (a missing discovered object is then 404)', 's3:ListBucket', `arn:aws:s3:::${BUCKET}`, {}, 'Allowed'],
    ['list another bucket', 's3:ListBucket', 'arn:aws:s3:::someone-elses-bucket', {}, 'ImplicitlyDenied'],
    ['list the organization itself', 'organizations:ListChildren', '*', {}, 'ImplicitlyDenied'],
    ['publish metrics', 'cloudwatch:PutMetricData', '*', {}, 'ImplicitlyDenied'],
  ])('may %s: %s', async (_, action, resource, context, decision) => {
    expect(await allowed(discovery, action, resource, context)).toBe(decision);
  });

  test('the collector role may not assume the Organizations read role, nor write the discovered object', async () => {
    expect(await allowed(collector, 'sts:AssumeRole', ORGANIZATIONS_ROLE, { 'aws:ResourceOrgID': 'o-abcd123456' })).toBe('ImplicitlyDenied');
    expect(await allowed(collector, 's3:PutObject', `arn:aws:s3:::${BUCKET}/discovered.json`)).toBe('ImplicitlyDenied');
    expect(await allowed(collector, 's3:GetObject', `arn:aws:s3:::${BUCKET}/discovered.json`)).toBe('Allowed');
  });
});

test("end to end: the discovery role assumes the Organizations read role (its identity policy and the role's trust both allow it); the collector role cannot", async () => {
  const { organizationsRole } = organizationPlan({
    name: 'ops',
    hub: { account: HUB, region: 'eu-west-1', rolePath: '/platform/' },
    units: ['r-ab12'],
    regions: '*',
    externalId: 'ext-7',
  });
  const target = `arn:aws:iam::${ORG}:role/platform/ops-organizations-read`;
  const as = (principal: string, identity: any) =>
    evaluateResourcePolicy(organizationsRole.trust, target, {
      principal,
      identityPolicies: [identity],
      request: { action: 'sts:AssumeRole', context: { 'aws:PrincipalArn': principal, 'aws:PrincipalAccount': HUB, 'sts:ExternalId': 'ext-7' } },
    });
  expect((await as(`arn:aws:iam::${HUB}:role/platform/ops-discovery-eu-west-1`, policyOf('discovery-policy'))).overall).toBe('Allowed');
  expect((await as(`arn:aws:iam::${HUB}:role/platform/ops-collector-eu-west-1`, policyOf('collector-policy'))).overall).toBe('ImplicitlyDenied');
});
