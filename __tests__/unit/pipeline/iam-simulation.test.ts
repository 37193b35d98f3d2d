/**
 * IAM proven, not asserted: every role of the stacks synthesized from examples/fleet-operations.json
 * (tracing on, alarm topic, a Scheduler stack and an EventBridge-rule stack) is evaluated with
 * @cloud-copilot/iam-simulate against the requests the pipeline makes and the ones a reviewer fears.
 */
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { loadFleetConfig, MetricsFleet } from '../../../modules/subpaths/fleet';
import { ROOT } from '../../support/app';
import {
  ADMINISTRATOR,
  evaluateIdentity,
  evaluateResourcePolicy,
  type Request,
  type SynthesizedRole,
  synthesizedRoles,
  withoutStatement,
} from '../../support/iam-simulation';
import { only } from '../../support/synth';

const ACCOUNT = '111111111111';
const OTHER_ACCOUNT = '222222222222';

// GIVEN the example operations fleet, synthesized as the app does
const config = loadFleetConfig(path.join(ROOT, 'examples', 'fleet-operations.json'));
const fleet = new MetricsFleet(Testing.app(), 'fleet', { config });
const synthesized = Object.fromEntries(fleet.stacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack))]));

interface Pipeline {
  readonly region: string;
  readonly clusters: readonly string[];
  /** Per-service metrics: the services collected per cluster ('*': all, found with ListServices). */
  readonly services: Readonly<Record<string, readonly string[] | '*'>>;
  readonly trigger: 'scheduler-role' | 'events-role';
  readonly roles: Record<string, SynthesizedRole>;
  readonly tf: any;
}

const PIPELINES: Pipeline[] = [
  {
    region: 'us-east-1',
    clusters: ['prod-api', 'prod-workers'],
    services: { 'prod-api': '*', 'prod-workers': ['worker'] },
    trigger: 'scheduler-role',
  },
  { region: 'eu-west-1', clusters: ['prod-eu'], services: {}, trigger: 'events-role' },
].map((p) => {
  const tf = synthesized[`ecs-ops-${ACCOUNT}-${p.region}`];
  return { ...p, tf, roles: synthesizedRoles(tf) } as Pipeline;
});

const arn = (service: string, region: string, resource: string, account = ACCOUNT) => `arn:aws:${service}:${region}:${account}:${resource}`;
const roleArn = (role: SynthesizedRole) => `arn:aws:iam::${ACCOUNT}:role/${role.name}`;
const describeRequest = (request: Request) => `${request.action} on ${request.resource}${request.context ? ` ${JSON.stringify(request.context)}` : ''}`;

/** What each role must be able to do for the pipeline to work: the requests its service makes. */
function neededRequests(p: Pipeline): Record<string, Request[]> {
  const logStream = arn('logs', p.region, 'log-group:/aws/lambda/ecs-ops-collector:log-stream:2026/01/01/[$LATEST]abc');
  const collector = arn('lambda', p.region, 'function:ecs-ops-collector');
  return {
    'collector-role': [
      ...p.clusters.map((cluster) => ({ action: 'ecs:DescribeClusters', resource: arn('ecs', p.region, `cluster/${cluster}`) })),
      ...Object.entries(p.services).flatMap(([cluster, services]) =>
        services === '*'
          ? [
              { action: 'ecs:ListServices', resource: '*', context: { 'ecs:cluster': arn('ecs', p.region, `cluster/${cluster}`) } },
              { action: 'ecs:DescribeServices', resource: arn('ecs', p.region, `service/${cluster}/any-service`) },
            ]
          : services.map((service) => ({ action: 'ecs:DescribeServices', resource: arn('ecs', p.region, `service/${cluster}/${service}`) })),
      ),
      { action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'ECS' } },
      { action: 'logs:CreateLogStream', resource: logStream },
      { action: 'logs:PutLogEvents', resource: logStream },
      { action: 'xray:PutTraceSegments', resource: '*' },
      { action: 'xray:PutTelemetryRecords', resource: '*' },
    ],
    'states-role': [
      { action: 'lambda:InvokeFunction', resource: collector },
      { action: 'lambda:InvokeFunction', resource: `${collector}:$LATEST` },
      { action: 'lambda:InvokeFunction', resource: `${collector}:7` },
      { action: 'lambda:InvokeFunction', resource: `${collector}:live` },
      ...['CreateLogDelivery', 'GetLogDelivery', 'UpdateLogDelivery', 'DeleteLogDelivery', 'ListLogDeliveries'].map((a) => ({
        action: `logs:${a}`,
        resource: '*',
      })),
      { action: 'logs:PutResourcePolicy', resource: '*' },
      { action: 'logs:DescribeResourcePolicies', resource: '*' },
      { action: 'logs:DescribeLogGroups', resource: '*' },
      ...['PutTraceSegments', 'PutTelemetryRecords', 'GetSamplingRules', 'GetSamplingTargets'].map((a) => ({
        action: `xray:${a}`,
        resource: '*',
      })),
    ],
    [p.trigger]: [{ action: 'states:StartExecution', resource: arn('states', p.region, 'stateMachine:ecs-ops') }],
  };
}

/** What no role of the pipeline may do: the requests a security reviewer looks for. */
function reviewerWorries(p: Pipeline): Request[] {
  const at = (service: string, resource: string) => arn(service, p.region, resource);
  const collectorLogGroup = at('logs', 'log-group:/aws/lambda/ecs-ops-collector');
  return [
    { action: 'iam:PassRole', resource: `arn:aws:iam::${ACCOUNT}:role/admin` },
    { action: 'iam:CreateRole', resource: `arn:aws:iam::${ACCOUNT}:role/backdoor` },
    { action: 'iam:PutRolePolicy', resource: `arn:aws:iam::${ACCOUNT}:role/${p.roles['collector-role'].name}` },
    { action: 'iam:AttachRolePolicy', resource: `arn:aws:iam::${ACCOUNT}:role/${p.roles['collector-role'].name}` },
    { action: 'iam:CreateAccessKey', resource: `arn:aws:iam::${ACCOUNT}:user/admin` },
    { action: 'sts:AssumeRole', resource: `arn:aws:iam::${ACCOUNT}:role/admin` },
    { action: 'ecs:UpdateService', resource: at('ecs', `service/${p.clusters[0]}/web`) },
    { action: 'ecs:UpdateCluster', resource: at('ecs', `cluster/${p.clusters[0]}`) },
    { action: 'ecs:UpdateClusterSettings', resource: at('ecs', `cluster/${p.clusters[0]}`) },
    { action: 'ecs:UpdateContainerInstancesState', resource: at('ecs', `container-instance/${p.clusters[0]}/abc`) },
    { action: 'ecs:DeleteCluster', resource: at('ecs', `cluster/${p.clusters[0]}`) },
    { action: 'ecs:DeleteService', resource: at('ecs', `service/${p.clusters[0]}/web`) },
    { action: 'ecs:CreateService', resource: at('ecs', `service/${p.clusters[0]}/miner`) },
    { action: 'ecs:RunTask', resource: at('ecs', 'task-definition/miner:1') },
    { action: 'ecs:StopTask', resource: at('ecs', `task/${p.clusters[0]}/abc`) },
    { action: 'ecs:ExecuteCommand', resource: at('ecs', `task/${p.clusters[0]}/abc`) },
    { action: 'ecs:RegisterTaskDefinition', resource: '*' },
    { action: 'ecs:PutClusterCapacityProviders', resource: at('ecs', `cluster/${p.clusters[0]}`) },
    { action: 'logs:PutLogEvents', resource: at('logs', 'log-group:/aws/lambda/payments:log-stream:x') },
    { action: 'logs:CreateLogStream', resource: at('logs', 'log-group:/aws/lambda/payments:log-stream:x') },
    { action: 'logs:PutLogEvents', resource: at('logs', 'log-group:/aws/vendedlogs/states/ecs-ops:log-stream:x') },
    { action: 'logs:GetLogEvents', resource: `${collectorLogGroup}:log-stream:x` },
    { action: 'logs:DeleteLogGroup', resource: collectorLogGroup },
    { action: 'logs:PutRetentionPolicy', resource: collectorLogGroup },
    { action: 'logs:PutSubscriptionFilter', resource: collectorLogGroup },
    { action: 'logs:CreateLogGroup', resource: at('logs', 'log-group:/aws/lambda/anything') },
    { action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'AWS/ECS' } },
    { action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'Billing' } },
    { action: 'cloudwatch:PutMetricAlarm', resource: at('cloudwatch', 'alarm:ecs-ops collector errors') },
    { action: 'cloudwatch:DeleteAlarms', resource: at('cloudwatch', 'alarm:ecs-ops collector errors') },
    { action: 'cloudwatch:PutDashboard', resource: `arn:aws:cloudwatch::${ACCOUNT}:dashboard/ecs-ops-${p.region}` },
    { action: 'lambda:UpdateFunctionCode', resource: at('lambda', 'function:ecs-ops-collector') },
    { action: 'lambda:AddPermission', resource: at('lambda', 'function:ecs-ops-collector') },
    { action: 'states:UpdateStateMachine', resource: at('states', 'stateMachine:ecs-ops') },
    { action: 'states:DeleteStateMachine', resource: at('states', 'stateMachine:ecs-ops') },
    { action: 'sns:Publish', resource: at('sns', 'ecs-ops-alarms') },
    { action: 'sns:Subscribe', resource: at('sns', 'ecs-ops-alarms') },
    { action: 's3:GetObject', resource: 'arn:aws:s3:::terraform-state/prod.tfstate' },
    { action: 'secretsmanager:GetSecretValue', resource: at('secretsmanager', 'secret:db-AbCdEf') },
    { action: 'kms:Decrypt', resource: at('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab') },
    { action: 'ssm:GetParameter', resource: at('ssm', 'parameter/db-password') },
    { action: 'ec2:RunInstances', resource: at('ec2', 'instance/*') },
  ];
}

/** Requests a role's service makes, aimed one step off its own resources. */
function nearMisses(p: Pipeline): Record<string, Request[]> {
  const otherRegion = p.region === 'us-east-1' ? 'eu-west-1' : 'us-east-1';
  const collector = (region: string, account = ACCOUNT) => arn('lambda', region, 'function:ecs-ops-collector', account);
  const stateMachine = (region: string, account = ACCOUNT) => arn('states', region, 'stateMachine:ecs-ops', account);
  return {
    'collector-role': [
      { action: 'ecs:DescribeClusters', resource: arn('ecs', p.region, 'cluster/payments') },
      { action: 'ecs:DescribeClusters', resource: arn('ecs', p.region, `cluster/${p.clusters[0]}`, OTHER_ACCOUNT) },
      { action: 'ecs:DescribeClusters', resource: arn('ecs', otherRegion, `cluster/${p.clusters[0]}`) },
      { action: 'ecs:ListServices', resource: '*' },
      { action: 'ecs:ListServices', resource: '*', context: { 'ecs:cluster': arn('ecs', p.region, 'cluster/payments') } },
      { action: 'ecs:DescribeServices', resource: arn('ecs', p.region, 'service/payments/api') },
      { action: 'ecs:DescribeServices', resource: arn('ecs', p.region, `service/${p.clusters[p.clusters.length - 1]}/not-collected`) },
      { action: 'cloudwatch:PutMetricData', resource: '*' },
      { action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'ECS/Other' } },
      { action: 'logs:PutLogEvents', resource: arn('logs', otherRegion, 'log-group:/aws/lambda/ecs-ops-collector:log-stream:x') },
      { action: 'logs:PutLogEvents', resource: arn('logs', p.region, 'log-group:/aws/lambda/ecs-ops-collector-2:log-stream:x') },
      { action: 'lambda:InvokeFunction', resource: collector(p.region) },
      { action: 'states:StartExecution', resource: stateMachine(p.region) },
    ],
    'states-role': [
      { action: 'lambda:InvokeFunction', resource: arn('lambda', p.region, 'function:ecs-ops-collector-2') },
      { action: 'lambda:InvokeFunction', resource: arn('lambda', p.region, 'function:payments') },
      { action: 'lambda:InvokeFunction', resource: collector(otherRegion) },
      { action: 'lambda:InvokeFunction', resource: collector(p.region, OTHER_ACCOUNT) },
      { action: 'ecs:DescribeClusters', resource: arn('ecs', p.region, `cluster/${p.clusters[0]}`) },
      { action: 'cloudwatch:PutMetricData', resource: '*', context: { 'cloudwatch:namespace': 'ECS' } },
      { action: 'states:StartExecution', resource: stateMachine(p.region) },
    ],
    [p.trigger]: [
      { action: 'states:StartExecution', resource: arn('states', p.region, 'stateMachine:ecs-ops-2') },
      { action: 'states:StartExecution', resource: stateMachine(otherRegion) },
      { action: 'states:StartExecution', resource: stateMachine(p.region, OTHER_ACCOUNT) },
      { action: 'states:StartSyncExecution', resource: stateMachine(p.region) },
      { action: 'states:StopExecution', resource: arn('states', p.region, 'execution:ecs-ops:run-1') },
      { action: 'lambda:InvokeFunction', resource: collector(p.region) },
    ],
  };
}

const SERVICE_OF_ROLE: Record<string, string> = {
  'collector-role': 'lambda.amazonaws.com',
  'states-role': 'states.amazonaws.com',
  'scheduler-role': 'scheduler.amazonaws.com',
  'events-role': 'events.amazonaws.com',
};

describe.each(PIPELINES)('the roles of the $region pipeline', (p) => {
  test('are exactly the collector, state machine and trigger roles', () => {
    expect(Object.keys(p.roles).sort()).toEqual(['collector-role', 'states-role', p.trigger].sort());
  });

  describe.each(Object.entries(neededRequests(p)))('%s', (roleId, needed) => {
    const role = p.roles[roleId];

    test.each(needed.map((r) => [describeRequest(r), r] as const))('may %s', async (_, request) => {
      // WHEN the role makes a request its service needs; THEN it is allowed
      expect((await evaluateIdentity(roleArn(role), role.policies, request)).overall).toBe('Allowed');
    });

    test.each([...reviewerWorries(p), ...nearMisses(p)[roleId]].map((r) => [describeRequest(r), r] as const))('may not %s', async (_, request) => {
      // THEN its identity policy alone denies it (so no resource policy could be the reason)
      expect((await evaluateIdentity(roleArn(role), role.policies, request)).identity).not.toBe('Allowed');
    });

    test('every statement is needed: without any one of them, a request the pipeline makes is denied', async () => {
      expect(role.policies).toHaveLength(1);
      const [policy] = role.policies;
      for (let index = 0; index < policy.Statement.length; index++) {
        const reduced = withoutStatement(policy, index);
        const denied: string[] = [];
        for (const request of needed) {
          if ((await evaluateIdentity(roleArn(role), [reduced], request)).overall !== 'Allowed') denied.push(describeRequest(request));
        }
        expect({ statement: policy.Statement[index].Sid, denied }).toEqual({
          statement: policy.Statement[index].Sid,
          denied: expect.arrayContaining([expect.any(String)]),
        });
      }
    });

    test('its trust policy admits only its service, acting for this account', async () => {
      const service = SERVICE_OF_ROLE[roleId];
      const assume = (principal: string, sourceAccount: string, identityPolicies?: any[]) =>
        evaluateResourcePolicy(role.trust, roleArn(role), {
          principal,
          request: { action: 'sts:AssumeRole', context: { 'aws:SourceAccount': sourceAccount } },
          identityPolicies,
        });
      expect((await assume(service, ACCOUNT)).overall).toBe('Allowed');
      // The confused deputy: the same service, acting for another account.
      expect((await assume(service, OTHER_ACCOUNT)).overall).not.toBe('Allowed');
      for (const other of [...Object.values(SERVICE_OF_ROLE).filter((s) => s !== service), 'ec2.amazonaws.com', 'ecs-tasks.amazonaws.com']) {
        expect({ other, decision: (await assume(other, ACCOUNT)).overall }).toEqual({ other, decision: 'ImplicitlyDenied' });
      }
      // Not even an administrator of the account, nor another account's root, may assume it.
      expect((await assume(`arn:aws:iam::${ACCOUNT}:role/admin`, ACCOUNT, [ADMINISTRATOR])).overall).not.toBe('Allowed');
      expect((await assume(`arn:aws:iam::${OTHER_ACCOUNT}:root`, OTHER_ACCOUNT, [ADMINISTRATOR])).overall).not.toBe('Allowed');
    });
  });
});

describe('the alarm topic of the us-east-1 pipeline', () => {
  const [pipeline] = PIPELINES;
  const topic = only(pipeline.tf, 'aws_sns_topic_policy');
  const policy = JSON.parse(topic.policy);
  const topicArn = arn('sns', 'us-east-1', 'ecs-ops-alarms');
  const publish = (principal: string, context: Record<string, string>, identityPolicies?: any[]) =>
    evaluateResourcePolicy(policy, topicArn, { principal, request: { action: 'sns:Publish', context }, identityPolicies });
  const fromAlarm = (account: string, region = 'us-east-1') => ({
    'aws:SourceAccount': account,
    'aws:SourceArn': arn('cloudwatch', region, 'alarm:ecs-ops collector errors', account),
  });

  test('CloudWatch may publish for the alarms of this account and region', async () => {
    expect((await publish('cloudwatch.amazonaws.com', fromAlarm(ACCOUNT))).overall).toBe('Allowed');
  });

  test('no one else may publish: not CloudWatch for another account or region, nor another service, nor another account', async () => {
    expect((await publish('cloudwatch.amazonaws.com', fromAlarm(OTHER_ACCOUNT))).overall).not.toBe('Allowed');
    expect((await publish('cloudwatch.amazonaws.com', fromAlarm(ACCOUNT, 'eu-west-1'))).overall).not.toBe('Allowed');
    expect((await publish('events.amazonaws.com', fromAlarm(ACCOUNT))).overall).not.toBe('Allowed');
    expect((await publish(`arn:aws:iam::${OTHER_ACCOUNT}:root`, {}, [ADMINISTRATOR])).overall).not.toBe('Allowed');
  });

  test('another account may not subscribe to it', async () => {
    const subscribe = await evaluateResourcePolicy(policy, topicArn, {
      principal: `arn:aws:iam::${OTHER_ACCOUNT}:root`,
      request: { action: 'sns:Subscribe' },
      identityPolicies: [ADMINISTRATOR],
    });
    expect(subscribe.overall).not.toBe('Allowed');
  });

  test('its condition is needed: without it, CloudWatch acting for another account could publish', async () => {
    const [statement] = policy.Statement;
    expect(statement.Condition).toEqual({ ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:us-east-1:${ACCOUNT}:alarm:*` } });
    const unconditioned = {
      ...policy,
      Statement: [Object.fromEntries(Object.entries(statement).filter(([key]) => key !== 'Condition'))],
    };
    const decision = await evaluateResourcePolicy(unconditioned, topicArn, {
      principal: 'cloudwatch.amazonaws.com',
      request: { action: 'sns:Publish', context: fromAlarm(OTHER_ACCOUNT) },
    });
    expect(decision.overall).toBe('Allowed');
  });
});
