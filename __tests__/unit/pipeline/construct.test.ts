/** EcsHighResMetrics synthesized in a stack: its resources with defaults, every option, and validation messages. */
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SfnStateMachine } from '@cdktf/provider-aws/lib/sfn-state-machine';
import { Fn, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { collectorBundle, EcsHighResMetrics, ValidationError } from '../../../modules';
import { stateMachineDefinition } from '../../../modules/pipeline/state-machine-definition';
import { addressOf, byId, only, synthPipeline } from '../../support/synth';

const ACCOUNT = '111111111111';
const trust = (service: string, account = ACCOUNT) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'TrustedServiceOfThisAccount',
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': account } },
    },
  ],
});

describe('EcsHighResMetrics with defaults', () => {
  // GIVEN two clusters in a known account and region; WHEN synthesized
  const { json, tf } = synthPipeline();
  const bundle = collectorBundle();

  test('creates exactly the pipeline resources', () => {
    const counts = Object.fromEntries(Object.entries(tf.resource).map(([type, r]) => [type, Object.keys(r as object).length]));
    expect(counts).toEqual({
      aws_cloudwatch_dashboard: 1,
      aws_cloudwatch_log_group: 2,
      aws_cloudwatch_metric_alarm: 7,
      aws_iam_role: 3,
      aws_iam_role_policy: 3,
      aws_lambda_function: 1,
      aws_scheduler_schedule: 1,
      aws_sfn_state_machine: 1,
    });
    expect(tf.data).toBeUndefined();
  });

  test('the collector runs Node.js 22 on arm64 with 128 MB, a 10 s timeout and JSON logs', () => {
    const fn = only(tf, 'aws_lambda_function');
    expect(fn).toMatchObject({
      function_name: 'ecs-highres-collector',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      memory_size: 128,
      timeout: 10,
      handler: 'index.handler',
      role: `\${${addressOf(tf, 'aws_iam_role', 'collector-role')}.arn}`,
      logging_config: {
        log_format: 'JSON',
        log_group: `\${${addressOf(tf, 'aws_cloudwatch_log_group', 'collector-logs')}.name}`,
        application_log_level: 'INFO',
        system_log_level: 'WARN',
      },
      depends_on: [addressOf(tf, 'aws_iam_role_policy', 'collector-policy')],
    });
  });

  test('the code is the prebuilt bundle, one FILE asset named and hashed by its content', () => {
    const fn = only(tf, 'aws_lambda_function');
    expect(fn.source_code_hash).toBe(bundle.sha256Base64);
    expect(fn.filename).toBe(`assets/pipeline_collector-code_80D296BB/${bundle.sha256Hex}/collector.zip`);
  });

  test('log groups are explicit, with a 14-day retention', () => {
    expect(byId(tf, 'aws_cloudwatch_log_group')).toEqual({
      'collector-logs': expect.objectContaining({ name: '/aws/lambda/ecs-highres-collector', retention_in_days: 14 }),
      'state-machine-logs': expect.objectContaining({ name: '/aws/vendedlogs/states/ecs-highres', retention_in_days: 14 }),
    });
  });

  test('the state machine is Express, logs errors without execution data, and runs the generated definition', () => {
    const sm = only(tf, 'aws_sfn_state_machine');
    expect(sm).toMatchObject({
      name: 'ecs-highres',
      type: 'EXPRESS',
      role_arn: `\${${addressOf(tf, 'aws_iam_role', 'states-role')}.arn}`,
      logging_configuration: {
        include_execution_data: false,
        level: 'ERROR',
        log_destination: `\${${addressOf(tf, 'aws_cloudwatch_log_group', 'state-machine-logs')}.arn}:*`,
      },
    });
    const collectorArn = `\${${addressOf(tf, 'aws_lambda_function', 'collector')}.arn}`;
    expect(JSON.parse(sm.definition)).toEqual(stateMachineDefinition({ intervalSeconds: 5, collectorArn }));
  });

  test('a schedule starts it on every minute with the clusters, namespace and scheduled time', () => {
    const schedule = only(tf, 'aws_scheduler_schedule');
    expect(schedule).toMatchObject({
      name: 'ecs-highres-every-minute',
      schedule_expression: 'cron(* * * * ? *)',
      flexible_time_window: { mode: 'OFF' },
      target: {
        arn: `\${${addressOf(tf, 'aws_sfn_state_machine', 'state-machine')}.arn}`,
        role_arn: `\${${addressOf(tf, 'aws_iam_role', 'scheduler-role')}.arn}`,
        retry_policy: { maximum_event_age_in_seconds: 60, maximum_retry_attempts: 2 },
      },
    });
    expect(JSON.parse(schedule.target.input)).toEqual({
      clusters: ['prod-api', 'prod-workers'],
      namespace: 'ECS',
      health: { pipeline: 'ecs-highres' },
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  test('each role trusts one service principal, for this account only', () => {
    const roles = byId(tf, 'aws_iam_role');
    expect(Object.keys(roles).sort()).toEqual(['collector-role', 'scheduler-role', 'states-role']);
    expect(roles['collector-role'].name).toBe('ecs-highres-collector-us-east-1');
    expect(JSON.parse(roles['collector-role'].assume_role_policy)).toEqual(trust('lambda.amazonaws.com'));
    expect(JSON.parse(roles['states-role'].assume_role_policy)).toEqual(trust('states.amazonaws.com'));
    expect(JSON.parse(roles['scheduler-role'].assume_role_policy)).toEqual(trust('scheduler.amazonaws.com'));
  });

  test('the collector may describe only the listed clusters, put metrics only to its namespace, log only to its group', () => {
    const policy = byId(tf, 'aws_iam_role_policy')['collector-policy'];
    expect(policy.role).toBe(`\${${addressOf(tf, 'aws_iam_role', 'collector-role')}.id}`);
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DescribeListedClusters',
          Effect: 'Allow',
          Action: 'ecs:DescribeClusters',
          Resource: ['arn:aws:ecs:us-east-1:111111111111:cluster/prod-api', 'arn:aws:ecs:us-east-1:111111111111:cluster/prod-workers'],
        },
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
          Resource: 'arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/ecs-highres-collector:*',
        },
      ],
    });
  });

  test('the state machine may invoke only the collector (any version or alias) and deliver its logs', () => {
    const policy = byId(tf, 'aws_iam_role_policy')['states-policy'];
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'InvokeCollector',
          Effect: 'Allow',
          Action: 'lambda:InvokeFunction',
          Resource: [
            'arn:aws:lambda:us-east-1:111111111111:function:ecs-highres-collector',
            'arn:aws:lambda:us-east-1:111111111111:function:ecs-highres-collector:*',
          ],
        },
        {
          Sid: 'DeliverExecutionLogs',
          Effect: 'Allow',
          Action: [
            'logs:CreateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:DescribeLogGroups',
            'logs:DescribeResourcePolicies',
            'logs:GetLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:UpdateLogDelivery',
          ],
          Resource: '*',
        },
      ],
    });
  });

  test('the schedule may start only this state machine', () => {
    const policy = byId(tf, 'aws_iam_role_policy')['scheduler-policy'];
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'StartOwnStateMachine',
          Effect: 'Allow',
          Action: 'states:StartExecution',
          Resource: 'arn:aws:states:us-east-1:111111111111:stateMachine:ecs-highres',
        },
      ],
    });
  });

  test('outputs the state machine ARN, the collector name and the trigger name', () => {
    expect(tf.output).toEqual({
      pipeline_state_machine_arn: {
        description: 'ARN of the state machine that runs the collector',
        value: `\${${addressOf(tf, 'aws_sfn_state_machine', 'state-machine')}.arn}`,
      },
      pipeline_collector_function_name: {
        description: 'Name of the collector Lambda function',
        value: `\${${addressOf(tf, 'aws_lambda_function', 'collector')}.function_name}`,
      },
      pipeline_trigger_name: {
        description: 'Name of the schedule or rule that starts the state machine',
        value: `\${${addressOf(tf, 'aws_scheduler_schedule', 'schedule')}.name}`,
      },
      pipeline_dashboard_name: {
        description: 'Name of the CloudWatch dashboard of the pipeline',
        value: `\${${addressOf(tf, 'aws_cloudwatch_dashboard', 'dashboard')}.dashboard_name}`,
      },
      pipeline_dashboard_url: {
        description: 'Console address of the dashboard',
        value: 'https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#dashboards/dashboard/ecs-highres-us-east-1',
      },
    });
  });

  test('synthesizing again gives the same bytes', () => {
    expect(synthPipeline().json).toBe(json);
  });
});

describe('EcsHighResMetrics options', () => {
  test('the blog-style EventBridge rule, a Standard workflow and a 10 s interval', () => {
    const { json, tf } = synthPipeline({ trigger: 'EVENTBRIDGE_RULE', workflowType: 'STANDARD', intervalSeconds: 10 });
    expect(json).not.toHaveResource(SchedulerSchedule);
    expect(json).toHaveResourceWithProperties(CloudwatchEventRule, {
      name: 'ecs-highres-every-minute',
      schedule_expression: 'cron(0/1 * * * ? *)',
    });
    const target = only(tf, 'aws_cloudwatch_event_target');
    expect(target).toMatchObject({
      rule: `\${${addressOf(tf, 'aws_cloudwatch_event_rule', 'rule')}.name}`,
      arn: `\${${addressOf(tf, 'aws_sfn_state_machine', 'state-machine')}.arn}`,
      role_arn: `\${${addressOf(tf, 'aws_iam_role', 'events-role')}.arn}`,
      retry_policy: { maximum_event_age_in_seconds: 60, maximum_retry_attempts: 2 },
    });
    expect(JSON.parse(target.input)).toEqual({ clusters: ['prod-api', 'prod-workers'], namespace: 'ECS', health: { pipeline: 'ecs-highres' } });
    expect(JSON.parse(byId(tf, 'aws_iam_role')['events-role'].assume_role_policy)).toEqual(trust('events.amazonaws.com'));
    expect(json).toHaveResourceWithProperties(SfnStateMachine, { type: 'STANDARD' });
    expect(JSON.parse(only(tf, 'aws_sfn_state_machine').definition).States.Ticks.Branches).toHaveLength(6);
    expect(json).toHaveResourceWithProperties(LambdaFunction, { timeout: 20 });
    expect(tf.output.pipeline_trigger_name.value).toBe(`\${${addressOf(tf, 'aws_cloudwatch_event_rule', 'rule')}.name}`);
  });

  test('every setting is passed through', () => {
    const { json, tf } = synthPipeline({
      name: 'metrics',
      namespace: 'Platform/ECS',
      logRetentionDays: 30,
      collectorMemoryMb: 256,
      collectorTimeoutSeconds: 7,
      architecture: 'x86_64',
      stateMachineLogLevel: 'ALL',
      tags: { team: 'platform' },
    });
    expect(json).toHaveResourceWithProperties(LambdaFunction, {
      function_name: 'metrics-collector',
      memory_size: 256,
      timeout: 7,
      architectures: ['x86_64'],
      tags: { team: 'platform' },
    });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { retention_in_days: 30, tags: { team: 'platform' } });
    expect(only(tf, 'aws_sfn_state_machine').logging_configuration.level).toBe('ALL');
    expect(JSON.parse(only(tf, 'aws_scheduler_schedule').target.input).namespace).toBe('Platform/ECS');
    const collector = JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy);
    expect(collector.Statement[1].Condition).toEqual({ StringEquals: { 'cloudwatch:namespace': 'Platform/ECS' } });
    for (const role of Object.values(byId(tf, 'aws_iam_role'))) expect(role.tags).toEqual({ team: 'platform' });
  });

  test('logging OFF creates no state machine log group and grants no log delivery', () => {
    const { tf } = synthPipeline({ stateMachineLogLevel: 'OFF' });
    expect(Object.keys(byId(tf, 'aws_cloudwatch_log_group'))).toEqual(['collector-logs']);
    expect(only(tf, 'aws_sfn_state_machine').logging_configuration).toEqual({ level: 'OFF' });
    const sids = JSON.parse(byId(tf, 'aws_iam_role_policy')['states-policy'].policy).Statement.map((s: any) => s.Sid);
    expect(sids).toEqual(['InvokeCollector']);
  });

  test('without account and region, ARNs come from data sources', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', {});
    new EcsHighResMetrics(stack, 'pipeline', { clusters: ['a'] });
    const json = Testing.synth(stack);
    const tf = JSON.parse(json);
    expect(json).toHaveDataSource(DataAwsCallerIdentity);
    const data = (type: string, attribute: string) => `\${data.${type}.${Object.keys(tf.data[type])[0]}.${attribute}}`;
    const account = data('aws_caller_identity', 'account_id');
    const region = data('aws_region', 'name');
    const partition = data('aws_partition', 'partition');
    const statement = JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy).Statement[0];
    expect(Object.keys(tf.data).sort()).toEqual(['aws_caller_identity', 'aws_partition', 'aws_region']);
    expect(statement.Resource).toEqual([`arn:${partition}:ecs:${region}:${account}:cluster/a`]);
    expect(byId(tf, 'aws_iam_role')['collector-role'].name).toBe(`ecs-highres-collector-${region}`);
  });

  test('an aliased provider creates every resource', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const west = new AwsProvider(stack, 'west', { region: 'eu-west-1', alias: 'west' });
    new EcsHighResMetrics(stack, 'pipeline', { clusters: ['a'], provider: west, account: ACCOUNT, region: 'eu-west-1' });
    const tf = JSON.parse(Testing.synth(stack));
    const resources = Object.values(tf.resource).flatMap((byName: any) => Object.values(byName));
    expect(resources.length).toBe(19);
    for (const resource of resources as any[]) expect(resource.provider).toBe('aws.west');
  });

  test('regions of other partitions get their partition in ARNs', () => {
    const { tf } = synthPipeline({ region: 'cn-north-1' });
    const statement = JSON.parse(byId(tf, 'aws_iam_role_policy')['scheduler-policy'].policy).Statement[0];
    expect(statement.Resource).toBe('arn:aws-cn:states:cn-north-1:111111111111:stateMachine:ecs-highres');
  });
});

describe('EcsHighResMetrics validation', () => {
  const build = (props: Record<string, unknown>) => () => synthPipeline(props);

  test.each([
    [
      { intervalSeconds: 7 },
      'intervalSeconds: 7 is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)',
    ],
    [{ intervalSeconds: 60 }, 'intervalSeconds: 60 is not an allowed interval'],
    [{ namespace: 'AWS/ECS' }, 'namespace: "AWS/ECS" starts with "AWS/", which CloudWatch reserves for AWS services: use your own namespace, such as "ECS"'],
    [{ namespace: '' }, 'namespace: "" is not a valid CloudWatch namespace: use 1 to 255 characters'],
    [{ clusters: [] }, 'clusters: the cluster list is empty: list at least one ECS cluster name'],
    [{ clusters: ['ok', 'bad name!'] }, 'clusters[1]: "bad name!" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores'],
    [{ clusters: ['x'.repeat(256)] }, 'is not a valid ECS cluster name'],
    [{ clusters: ['a', 'b', 'a'] }, 'clusters[2]: "a" is listed twice (also at index 0): list each cluster once'],
    [{ name: 'has space' }, 'name: "has space" is not a valid pipeline name'],
    [{ logRetentionDays: 10 }, 'logRetentionDays: 10 is not a retention CloudWatch Logs accepts'],
    [{ collectorMemoryMb: 64 }, 'collectorMemoryMb: 64 MB is not a Lambda memory size: use a whole number from 128 to 10240'],
    [{ collectorTimeoutSeconds: 0 }, 'collectorTimeoutSeconds: 0 s is not a Lambda timeout'],
  ])('%j is refused: %s', (props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test('every problem is reported at once, with the construct path', () => {
    expect(build({ intervalSeconds: 7, namespace: 'AWS/X', clusters: [] })).toThrow(
      /^test\/pipeline: \n {2}- intervalSeconds: .*\n {2}- namespace: .*\n {2}- clusters: the cluster list is empty/,
    );
  });

  test('a 255-character cluster name is accepted', () => {
    expect(build({ clusters: ['x'.repeat(255)] })).not.toThrow();
  });

  test("a policy over IAM's inline limit is refused before apply", () => {
    const clusters = Array.from({ length: 300 }, (_, i) => `cluster-with-a-long-name-${i}`);
    expect(build({ clusters })).toThrow(/clusters: the collector's policy naming 300 clusters is \d+ characters, over IAM's 10240-character limit/);
  });

  test('values known only at apply (tokens) are not checked', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const cluster = new TerraformVariable(stack, 'cluster', { type: 'string' });
    const namespace = new TerraformVariable(stack, 'namespace', { type: 'string' });
    expect(
      () =>
        new EcsHighResMetrics(stack, 'pipeline', {
          clusters: [cluster.stringValue, Fn.lower('Prod')],
          namespace: namespace.stringValue,
        }),
    ).not.toThrow();
  });
});

test('the rule target is the only event target, and only with the rule trigger', () => {
  expect(synthPipeline().json).not.toHaveResource(CloudwatchEventTarget);
});
