/**
 * EcsHighResMetricsHub synthesized: the target list bucket and object, the collector's handler,
 * exact policies and input, the outputs, every validation naming its field (names at their
 * limits and one over), two hubs in one app, and a hub of 1,000 account-regions × 25 clusters
 * within every limit the issue names.
 */
import { describeProblem } from '../../../modules/common/errors';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { TerraformStack, Testing } from 'cdktf';
import { EXECUTION_DATA_LIMIT_BYTES, RULE_TARGET_INPUT_LIMIT } from '../../../modules/common/aws-limits';
import { EMPTY_TARGETS_PROBLEM, serializeTargetList, type TargetListEntry, targetListProblems } from '../../../modules/contract/hub-target-list';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import type { EcsHighResMetricsHubProps } from '../../../modules/hub/props';
import { hubCollectorMemoryMb } from '../../../modules/hub/hub-settings';
import { addressOf, byId, only } from '../../support/synth';

const HUB = '999999999999';
const A = '111111111111';
const B = '222222222222';
const TARGETS: TargetListEntry[] = [
  { account: A, region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
  { account: B, region: 'eu-west-1', clusters: '*' },
];

function synthHub(props: Partial<EcsHighResMetricsHubProps> = {}) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'hub-stack');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const hub = new EcsHighResMetricsHub(stack, 'hub', { account: HUB, region: 'eu-west-1', targets: TARGETS, ...props });
  const json = Testing.synth(stack);
  return { hub, json, tf: JSON.parse(json) };
}

const ref = (tf: any, type: string, id: string, attribute: string) => `\${${addressOf(tf, type, id)}.${attribute}}`;

describe('the hub with default settings', () => {
  // GIVEN a hub of two member account-regions
  const { tf, json } = synthHub();
  const bucket = (attribute: string) => ref(tf, 'aws_s3_bucket', 'target-list-bucket', attribute);

  test('writes the target list to a versioned, private bucket that keeps every replaced version', () => {
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'ecs-highres-targets-', force_destroy: true });
    expect(json).toHaveResourceWithProperties(S3BucketVersioningA, { bucket: bucket('id'), versioning_configuration: { status: 'Enabled' } });
    expect(json).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      bucket: bucket('id'),
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(json).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      bucket: bucket('id'),
      // A version written by hand over the one the schedule names must not make it expire: no rule expires versions.
      rule: [{ id: 'abort-incomplete-uploads', status: 'Enabled', filter: [{}], abort_incomplete_multipart_upload: [{ days_after_initiation: 1 }] }],
    });
    const lifecycle = only(tf, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule[0]).not.toHaveProperty('noncurrent_version_expiration');
    expect(lifecycle.rule[0]).not.toHaveProperty('expiration');
  });

  test('the bucket refuses every request without TLS, to anyone, once public access is blocked', () => {
    const policy = only(tf, 'aws_s3_bucket_policy');
    expect(policy.bucket).toBe(bucket('id'));
    expect(policy.depends_on).toEqual([addressOf(tf, 'aws_s3_bucket_public_access_block', 'target-list-public-access-block')]);
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyRequestsWithoutTls',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: [bucket('arn'), `${bucket('arn')}/*`],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    });
  });

  test('the object is the serialized list, JSON, written once versioning is on', () => {
    expect(json).toHaveResourceWithProperties(S3Object, {
      bucket: bucket('id'),
      key: 'targets.json',
      content: serializeTargetList(TARGETS),
      content_type: 'application/json',
      depends_on: [addressOf(tf, 'aws_s3_bucket_versioning', 'target-list-versioning')],
    });
  });

  test('the collector runs the hub handler under the pipeline names', () => {
    expect(json).toHaveResourceWithProperties(LambdaFunction, { function_name: 'ecs-highres-collector', handler: 'index.hubHandler' });
    expect(json).toHaveResourceWithProperties(IamRole, { name: 'ecs-highres-collector-eu-west-1' });
  });

  test('the collector role reads the target object, publishes, logs and assumes the spoke role of the listed accounts, nothing else', () => {
    const policy = byId(tf, 'aws_iam_role_policy')['collector-policy'];
    expect(policy.role).toBe(ref(tf, 'aws_iam_role', 'collector-role', 'id'));
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ReadTargetList', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: `${bucket('arn')}/targets.json` },
        {
          Sid: 'PutMetricDataToOwnNamespace',
          Effect: 'Allow',
          Action: 'cloudwatch:PutMetricData',
          Resource: '*',
          Condition: { StringEquals: { 'cloudwatch:namespace': 'ECS' } },
        },
        {
          Sid: 'WriteOwnLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:eu-west-1:${HUB}:log-group:/aws/lambda/ecs-highres-collector:*`,
        },
        {
          Sid: 'AssumeSpokeRole',
          Effect: 'Allow',
          Action: 'sts:AssumeRole',
          Resource: 'arn:aws:iam::*:role/ecs-highres-spoke',
          Condition: { StringEquals: { 'aws:ResourceAccount': [A, B] } },
        },
      ],
    });
    expect(tf.resource.aws_iam_policy).toBeUndefined();
    expect(json).not.toMatch(/ecs:/);
  });

  test("the schedule's input names the object's version, the spoke role and the namespace, never the list", () => {
    const input = only(tf, 'aws_scheduler_schedule').target.input;
    expect(input).toBe(
      JSON.stringify({
        // The stack is named so that a collector that finds the version gone says which stack to re-apply.
        targetList: { bucket: bucket('bucket'), key: 'targets.json', versionId: ref(tf, 'aws_s3_object', 'target-list', 'version_id'), stack: 'hub-stack' },
        spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-hub' },
        namespace: 'ECS',
        // One set of fleet-health series for the whole hub, Pipeline=<the hub's name>.
        health: { pipeline: 'ecs-highres' },
        scheduledTime: '<aws.scheduler.scheduled-time>',
      }),
    );
  });

  test("outputs are the pipeline's and the target list bucket", () => {
    expect(Object.keys(tf.output).sort()).toEqual([
      'hub_collector_function_name',
      'hub_dashboard_name',
      'hub_dashboard_url',
      'hub_state_machine_arn',
      'hub_target_list_bucket',
      'hub_trigger_name',
    ]);
    expect(tf.output.hub_target_list_bucket.value).toBe(bucket('bucket'));
  });
});

describe('the hub with settings', () => {
  test('a rule carries the input without the scheduled time; role path, external ID and metrics go into it', () => {
    const { tf } = synthHub({
      trigger: 'EVENTBRIDGE_RULE',
      rolePath: '/platform/',
      externalId: 'fleet-7',
      metrics: ['RunningTask', 'PendingTask'],
      name: 'ops',
    });
    const input = JSON.parse(only(tf, 'aws_cloudwatch_event_target').input);
    expect(input.spokeRole).toEqual({ name: 'ops-spoke', path: '/platform/', externalId: 'fleet-7', sessionName: 'ops-hub' });
    expect(input.metrics).toEqual(['RunningTask', 'PendingTask']);
    expect(input.health).toEqual({ pipeline: 'ops' });
    expect(input).not.toHaveProperty('scheduledTime');
    const statements = JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy).Statement;
    expect(statements.find((s: any) => s.Sid === 'AssumeSpokeRole').Resource).toBe('arn:aws:iam::*:role/platform/ops-spoke');
  });

  test('spokeRole and organizationId decide the role assumed and where', () => {
    const { tf } = synthHub({ spokeRole: { name: 'reader', path: '/ro/' }, organizationId: 'o-a1b2c3d4e5' });
    const statement = JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy).Statement.at(-1);
    expect(statement).toEqual({
      Sid: 'AssumeSpokeRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: 'arn:aws:iam::*:role/ro/reader',
      Condition: { StringEquals: { 'aws:ResourceOrgID': ['o-a1b2c3d4e5'] } },
    });
    expect(JSON.parse(only(tf, 'aws_scheduler_schedule').target.input).spokeRole).toEqual({ name: 'reader', path: '/ro/', sessionName: 'ecs-highres-hub' });
  });

  test('fleetHealth: false leaves health out of the input: the collector publishes no fleet-health series', () => {
    const { tf } = synthHub({ fleetHealth: false });
    expect(JSON.parse(only(tf, 'aws_scheduler_schedule').target.input)).not.toHaveProperty('health');
  });

  test('tracing adds only the trace statement', () => {
    const { tf } = synthHub({ tracing: true });
    const sids = JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy).Statement.map((s: any) => s.Sid);
    expect(sids).toEqual(['ReadTargetList', 'PutMetricDataToOwnNamespace', 'WriteOwnLogGroup', 'WriteTraces', 'AssumeSpokeRole']);
  });

  test('an upper-case or underscored name becomes a lowercase bucket prefix', () => {
    const { json } = synthHub({ name: 'Ops_Fleet' });
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'ops-fleet-targets-' });
  });
});

describe('validation', () => {
  const refused = (props: Partial<EcsHighResMetricsHubProps>) => {
    try {
      synthHub(props);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the hub was built');
  };

  test('bad targets are refused naming each field', () => {
    const message = refused({
      targets: [
        { account: '1234', region: 'us-east-1', clusters: ['a'] },
        { account: A, region: 'moon-1', clusters: [] },
        { account: A, region: 'us-east-1', clusters: ['a'], services: { b: '*' } },
        { account: A, region: 'us-east-1', clusters: ['bad name!'] },
      ],
      metrics: ['RunningTask', 'RunningCount'],
    });
    expect(message).toContain('targets[0].account: "1234" is not an AWS account ID');
    expect(message).toContain('targets[1].region: "moon-1" is not an AWS region');
    expect(message).toContain('targets[1].clusters: [] is not a cluster list');
    expect(message).toContain('targets[2].services.b: "b" is not in targets[2].clusters: add it there, or remove it from services');
    expect(message).toContain('targets[3].clusters[0]:');
    expect(message).toContain('targets[3]: account-region 111111111111/us-east-1 is listed twice (also at targets[2])');
  });

  test('no targets, a per-service metric without services, and services without one are refused', () => {
    // The collector's own rule: the construct never writes a list the collector would refuse as empty.
    expect(refused({ targets: [] })).toContain(describeProblem(EMPTY_TARGETS_PROBLEM));
    expect(targetListProblems({ version: 1, targets: [] })).toEqual([EMPTY_TARGETS_PROBLEM]);
    expect(refused({ metrics: ['RunningCount'] })).toContain('metrics: RunningCount is a per-service metric, but no target names services');
    expect(refused({ targets: [{ account: A, region: 'us-east-1', clusters: ['a'], services: { a: '*' } }] })).toContain(
      'targets[0].services: services are named, but metrics selects no per-service metric',
    );
  });

  test('an alarm on a cluster no target collects is refused before anything is built, naming the setting', () => {
    const listed = [{ account: A, region: 'us-east-1', clusters: ['a'] }];
    expect(refused({ targets: listed, alarms: [{ metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5, clusters: ['nope'] }] })).toContain(
      'alarms[0].clusters[0]: "nope" is not a cluster of any account-region the pipeline collects',
    );
  });

  test("an alarm evaluating more than CloudWatch's day (its period from the interval) is refused at its field, as a pipeline's is", () => {
    const listed = [{ account: A, region: 'us-east-1', clusters: ['a'] }];
    const alarm = { metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5, evaluationPeriods: 9000 } as const;
    expect(refused({ targets: listed, alarms: [alarm] })).toBe(
      "hub-stack/hub: alarms[0].evaluationPeriods: 9000 periods of 10 s cover 90000 s, over CloudWatch's 86400 s limit for periods under an hour: use at most 8640 evaluation periods",
    );
  });

  test('a target in another partition than the hub is refused at its region, naming both partitions', () => {
    expect(refused({ targets: [...TARGETS, { account: B, region: 'cn-north-1', clusters: ['a'] }] })).toBe(
      'hub-stack/hub: targets[2].region: "cn-north-1" is in partition aws-cn, but the hub (eu-west-1) is in partition aws: credentials do not cross partitions, so the hub could never assume a role there; collect aws-cn account-regions with a hub of their own in aws-cn',
    );
  });

  test("a hub whose region comes from its provider refuses targets of two partitions, naming the first target's", () => {
    const stack = new TerraformStack(Testing.app(), 'hub-stack');
    new AwsProvider(stack, 'aws', {});
    const targets = [...TARGETS, { account: B, region: 'us-gov-west-1', clusters: ['a'] }];
    expect(() => new EcsHighResMetricsHub(stack, 'hub', { account: HUB, targets })).toThrow(
      'hub-stack/hub: targets[2].region: "us-gov-west-1" is in partition aws-us-gov, but targets[0] (us-east-1), as the hub must be, is in partition aws: credentials do not cross partitions, so the hub could never assume a role there; collect aws-us-gov account-regions with a hub of their own in aws-us-gov',
    );
  });

  test('an existing collector role is refused: the spokes trust the hub collector role by name', () => {
    expect(refused({ existingRoles: { collector: 'mine' } })).toContain('existingRoles.collector: every spoke role trusts the hub collector role');
  });

  test('a name of 28 characters makes a 37-character bucket prefix; 29 is refused naming the limit', () => {
    const name = 'a'.repeat(28);
    const { json } = synthHub({ name });
    expect(json).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: `${name}-targets-` });
    expect(`${name}-targets-`).toHaveLength(37);
    expect(refused({ name: 'a'.repeat(29) })).toContain(
      `name: "${'a'.repeat(29)}" makes the target list bucket's prefix "${'a'.repeat(29)}-targets-" 38 characters, over S3's 37-character limit for a bucket prefix: use a name of at most 28 characters`,
    );
  });

  test('a name S3 cannot begin a bucket with is refused', () => {
    expect(refused({ name: '-ops' })).toContain('but a bucket name begins with a letter or digit');
    expect(refused({ name: 'xn--ops' })).toContain('S3 reserves names beginning with "xn--"');
  });

  test('a spoke role name of 64 characters is used; 65 is refused naming spokeRole.name', () => {
    const { tf } = synthHub({ spokeRole: { name: 'r'.repeat(64) } });
    expect(JSON.parse(only(tf, 'aws_scheduler_schedule').target.input).spokeRole.name).toBe('r'.repeat(64));
    expect(refused({ spokeRole: { name: 'r'.repeat(65) } })).toContain(
      `spokeRole.name: the spoke role name "${'r'.repeat(65)}" (65 characters) is not an IAM role name`,
    );
  });

  test('a bad external ID, organization ID or spoke path is refused naming its field', () => {
    const message = refused({ externalId: 'x', organizationId: 'org-1', spokeRole: { path: 'no-slashes' } });
    expect(message).toContain('externalId: "x" is not a valid external ID');
    expect(message).toContain('organizationId: "org-1" is not an AWS Organizations ID');
    expect(message).toContain('spokeRole.path:');
  });
});

describe('two hubs in one app', () => {
  test('with different names, both synthesize side by side', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'hubs');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new EcsHighResMetricsHub(stack, 'prod', { name: 'prod', account: HUB, region: 'eu-west-1', targets: TARGETS });
    new EcsHighResMetricsHub(stack, 'staging', { name: 'staging', account: HUB, region: 'eu-west-1', targets: [TARGETS[1]] });
    const tf = JSON.parse(Testing.synth(stack));
    expect(
      Object.values<any>(tf.resource.aws_s3_bucket)
        .map((b) => b.bucket_prefix)
        .sort(),
    ).toEqual(['prod-targets-', 'staging-targets-']);
    expect(Object.values<any>(tf.resource.aws_iam_role).map((r) => r.name)).toEqual(
      expect.arrayContaining(['prod-collector-eu-west-1', 'staging-collector-eu-west-1']),
    );
    expect(Object.keys(tf.output)).toEqual(expect.arrayContaining(['prod_target_list_bucket', 'staging_target_list_bucket']));
  });

  test('with one name in one account-region, the second is refused naming the first', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'hubs');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new EcsHighResMetricsHub(stack, 'one', { account: HUB, region: 'eu-west-1', targets: TARGETS });
    expect(() => new EcsHighResMetricsHub(stack, 'two', { account: HUB, region: 'eu-west-1', targets: TARGETS })).toThrow(
      /the IAM role name "ecs-highres-collector-eu-west-1" is also created by hubs\/one/,
    );
  });
});

describe('a hub of 1,000 account-regions × 25 clusters', () => {
  // GIVEN 1,000 member accounts, one region each, 25 clusters of 20 characters
  const targets: TargetListEntry[] = Array.from({ length: 1000 }, (_, i) => ({
    account: String(100000000000 + i),
    region: 'us-east-1',
    clusters: Array.from({ length: 25 }, (_, j) => `cluster-${String(i).padStart(4, '0')}-${String(j).padStart(7, '0')}`),
  }));
  const { tf } = synthHub({ targets, trigger: 'EVENTBRIDGE_RULE' });

  test('the target object holds the whole list (621 KiB) and the input stays far below every input limit', () => {
    expect(targets[0].clusters[0]).toHaveLength(20);
    const content = only(tf, 'aws_s3_object').content;
    expect(Buffer.byteLength(content)).toBe(636025);
    expect(JSON.parse(content).targets).toHaveLength(1000);
    const input = only(tf, 'aws_cloudwatch_event_target').input;
    expect(input.length).toBeLessThan(RULE_TARGET_INPUT_LIMIT / 20);
    expect(input.length).toBeLessThan(EXECUTION_DATA_LIMIT_BYTES);
  });

  test('the AssumeRole permission goes to 3 managed policies within IAM limits, attached to the collector role, which waits for them', () => {
    const policies = Object.values<any>(tf.resource.aws_iam_policy);
    expect(policies).toHaveLength(3);
    expect(policies.map((p) => p.name)).toEqual([
      'ecs-highres-collector-eu-west-1-1',
      'ecs-highres-collector-eu-west-1-2',
      'ecs-highres-collector-eu-west-1-3',
    ]);
    const accounts = policies.flatMap((p) => JSON.parse(p.policy).Statement.flatMap((s: any) => s.Condition.StringEquals['aws:ResourceAccount']));
    expect(accounts).toEqual(targets.map((t) => t.account));
    for (const p of policies) expect(p.policy.length).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
    const attachments = Object.values<any>(tf.resource.aws_iam_role_policy_attachment);
    expect(attachments.map((a) => a.role)).toEqual(Array(3).fill(ref(tf, 'aws_iam_role', 'collector-role', 'name')));
    expect(attachments.map((a) => a.policy_arn).sort()).toEqual(
      ['collector-managed-policy-1', 'collector-managed-policy-2', 'collector-managed-policy-3'].map((id) => ref(tf, 'aws_iam_policy', id, 'arn')),
    );
    const inline = JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy);
    expect(inline.Statement.map((s: any) => s.Sid)).toEqual(['ReadTargetList', 'PutMetricDataToOwnNamespace', 'WriteOwnLogGroup']);
    expect(only(tf, 'aws_lambda_function').depends_on).toEqual([
      addressOf(tf, 'aws_iam_role_policy', 'collector-policy'),
      ...['1', '2', '3'].map((i) => addressOf(tf, 'aws_iam_role_policy_attachment', `collector-managed-policy-${i}-attachment`)),
    ]);
  });
});

describe("the hub collector's memory", () => {
  const targets = (accountRegions: number, clusters: number | '*') =>
    Array.from({ length: accountRegions }, (_, i) => ({
      account: String(100000000000 + i),
      region: 'us-east-1',
      clusters: clusters === '*' ? ('*' as const) : Array.from({ length: clusters }, (_, c) => `c${c}`),
    }));

  test('is sized from the fleet\'s clusters when not set, a "*" account-region counted as 25', () => {
    expect(hubCollectorMemoryMb(targets(100, 3))).toBe(128);
    expect(hubCollectorMemoryMb(targets(40, 25))).toBe(128);
    expect(hubCollectorMemoryMb(targets(41, 25))).toBe(512);
    expect(hubCollectorMemoryMb(targets(41, '*'))).toBe(512);
    expect(hubCollectorMemoryMb(targets(1000, 25))).toBe(1024);
    expect(hubCollectorMemoryMb(targets(1001, 25))).toBe(1769);
  });

  test('the synthesized function gets the sized memory, and a set value wins', () => {
    const sized = synthHub({ targets: targets(300, 25) }).tf;
    expect(Object.values<any>(sized.resource.aws_lambda_function)[0].memory_size).toBe(1024);
    const set = synthHub({ targets: targets(300, 25), collectorMemoryMb: 256 }).tf;
    expect(Object.values<any>(set.resource.aws_lambda_function)[0].memory_size).toBe(256);
  });
});
