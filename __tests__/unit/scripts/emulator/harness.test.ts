/** The pure parts of the emulator harness: what it reads from a deployment, what it expects, what it answers for moto. */
import { definitionTicks, deployedFunction, deployedFunctions, deployedSchedules, deployedTrigger } from '../../../../scripts/lib/emulator/deployment';
import { formList, scopedTo, unitsToExpand, withAccounts } from '../../../../scripts/lib/emulator/stack-set-units';
import { expectedPublish } from '../../../../scripts/lib/emulator/expectations';
import { triggerInput } from '../../../../scripts/lib/emulator/execution';
import { bucketPolicyBucket, invokedFunction, policyMotoCanJudge, STEP_FUNCTIONS_STAND_INS } from '../../../../scripts/lib/emulator/front';
import { targetListBucketPolicy } from '../../../../modules/hub/hub-policies';
import { dashboardReferences } from '../../../../scripts/lib/emulator/metrics-readback';
import { requireEmulatorTools } from '../../../../scripts/lib/emulator/moto-server';
import { emulatorOverride } from '../../../../scripts/lib/emulator/provider-override';
import { sparkline } from '../../../../scripts/sandbox';
import type { DeployedPipeline } from '../../../../scripts/lib/emulator/deployment';
import { stateMachineDefinition } from '../../../../modules/pipeline/state-machine-definition';

describe('the tier needs its tools', () => {
  test('without moto_server and terraform on PATH it fails saying what to install', () => {
    expect(() => requireEmulatorTools('/nonexistent')).toThrow(
      /needs moto_server and terraform on PATH: install moto with its server extras: pip install "moto\[server\]==5\.2\.1".*; install Terraform 1\.5 or later/,
    );
  });
});

describe('the front', () => {
  test('answers the two Step Functions calls moto lacks, as AWS would for a valid definition and no versions', () => {
    expect(STEP_FUNCTIONS_STAND_INS).toEqual({
      'AWSStepFunctions.ValidateStateMachineDefinition': { result: 'OK', diagnostics: [] },
      'AWSStepFunctions.ListStateMachineVersions': { stateMachineVersions: [] },
    });
  });

  test('recognizes a Lambda Invoke by its method and path, and nothing else', () => {
    const arn = 'arn:aws:lambda:us-east-1:111111111111:function:ecs-highres-collector';
    expect(invokedFunction('POST', `/2015-03-31/functions/${encodeURIComponent(arn)}/invocations`)).toBe(arn);
    expect(invokedFunction('POST', '/2015-03-31/functions/f/invocations?Qualifier=1')).toBe('f');
    expect(invokedFunction('GET', '/2015-03-31/functions/f/invocations')).toBeUndefined();
    expect(invokedFunction('POST', '/2015-03-31/functions/f')).toBeUndefined();
  });

  test('recognizes a bucket-policy request by its path-style bucket and ?policy, and nothing else', () => {
    expect(bucketPolicyBucket('/ecs-highres-targets-1?policy')).toBe('ecs-highres-targets-1');
    expect(bucketPolicyBucket('/ecs-highres-targets-1/?policy=')).toBe('ecs-highres-targets-1');
    expect(bucketPolicyBucket('/ecs-highres-targets-1/targets.json?policy')).toBeUndefined();
    expect(bucketPolicyBucket('/ecs-highres-targets-1?versioning')).toBeUndefined();
    expect(bucketPolicyBucket('/')).toBeUndefined();
  });

  test("gives moto the target list bucket's policy without its TLS Deny, which moto would apply unconditionally; other statements stay", () => {
    const written = targetListBucketPolicy('arn:aws:s3:::b');
    const allow = {
      Sid: 'Read',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::b/*',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    };
    const deny = { Sid: 'NoDelete', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::b/*' };
    expect(JSON.parse(policyMotoCanJudge(JSON.stringify({ ...written, Statement: [...written.Statement, allow, deny] })))).toEqual({
      Version: '2012-10-17',
      Statement: [allow, deny],
    });
  });
});

test("the provider override sends every service the stacks use to the emulator, with few retries, keeping the stack's role and pin", () => {
  const override = emulatorOverride('http://127.0.0.1:4000') as { provider: { aws: Array<Record<string, unknown>> } };
  const [aws] = override.provider.aws;
  expect(aws.endpoints).toEqual([
    Object.fromEntries(
      ['iam', 'sts', 'lambda', 'sfn', 'scheduler', 'events', 'cloudwatch', 'logs', 'sns', 'ecs', 's3', 'cloudformation', 'organizations'].map((s) => [
        s,
        'http://127.0.0.1:4000',
      ]),
    ),
  ]);
  expect(aws.max_retries).toBe(2);
  expect(aws.s3_use_path_style).toBe(true);
  expect(aws).not.toHaveProperty('assume_role');
  expect(aws).not.toHaveProperty('allowed_account_ids');
});

describe("a service-managed StackSet's deletion by unit, which moto lacks", () => {
  const form = (entries: Record<string, string>) => new URLSearchParams({ Action: 'DeleteStackInstances', StackSetName: 's', ...entries });

  test('a DeleteStackInstances naming units and no account is expanded; one naming accounts, or any other action, is left alone', () => {
    const byUnits = form({
      'DeploymentTargets.OrganizationalUnitIds.member.2': 'ou-ab12-two00000',
      'DeploymentTargets.OrganizationalUnitIds.member.1': 'ou-ab12-one00000',
    });
    expect(unitsToExpand(byUnits)).toEqual(['ou-ab12-one00000', 'ou-ab12-two00000']);
    expect(
      unitsToExpand(form({ 'Accounts.member.1': '111111111111', 'DeploymentTargets.OrganizationalUnitIds.member.1': 'ou-ab12-one00000' })),
    ).toBeUndefined();
    expect(unitsToExpand(form({}))).toBeUndefined();
    expect(
      unitsToExpand(new URLSearchParams({ Action: 'CreateStackInstances', 'DeploymentTargets.OrganizationalUnitIds.member.1': 'ou-ab12-one00000' })),
    ).toBeUndefined();
  });

  test("the units' accounts become the request's account list, everything else as sent", () => {
    const sent = form({ 'DeploymentTargets.OrganizationalUnitIds.member.1': 'ou-ab12-one00000', 'Regions.member.1': 'us-east-1' });
    const expanded = withAccounts(sent, ['111111111111', '222222222222']);
    expect(formList(expanded, 'Accounts')).toEqual(['111111111111', '222222222222']);
    expect(formList(expanded, 'Regions')).toEqual(['us-east-1']);
    expect(formList(expanded, 'DeploymentTargets.OrganizationalUnitIds')).toEqual(['ou-ab12-one00000']);
    expect(expanded.get('StackSetName')).toBe('s');
  });

  test("the caller's account is asked of STS with the request's own key: the credential scope names sts, moto's routing key", () => {
    expect(scopedTo('AWS4-HMAC-SHA256 Credential=ASIAKEY/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=ab', 'sts')).toBe(
      'AWS4-HMAC-SHA256 Credential=ASIAKEY/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=ab',
    );
  });
});

describe('reading a deployment', () => {
  test('the ticks are read from the generated definition: every offset of the minute at the interval', () => {
    for (const intervalSeconds of [5, 10, 30]) {
      const definition = JSON.stringify(stateMachineDefinition({ collectorArn: 'arn:aws:lambda:us-east-1:1:function:f', intervalSeconds }));
      const ticks = definitionTicks(definition);
      expect(ticks).toEqual({ intervalSeconds, tickOffsets: Array.from({ length: 60 / intervalSeconds }, (_, k) => k * intervalSeconds) });
    }
  });

  test('the trigger is the schedule or the rule target, found by resource type', () => {
    const schedule = { address: 's', type: 'aws_scheduler_schedule', name: 's', values: { target: [{ arn: 'arn:sm', input: '{"clusters":["a"]}' }] } };
    const rule = { address: 'r', type: 'aws_cloudwatch_event_target', name: 'r', values: { arn: 'arn:sm', input: '{}' } };
    expect(deployedTrigger([schedule])).toEqual({ kind: 'schedule', stateMachineArn: 'arn:sm', input: '{"clusters":["a"]}' });
    expect(deployedTrigger([rule])).toEqual({ kind: 'rule', stateMachineArn: 'arn:sm', input: '{}' });
    expect(() => deployedTrigger([schedule, rule])).toThrow(/found 1 and 1/);
  });

  test("with a hub's discovery beside the collector: the trigger is the one that starts the state machine, the collector the function its definition invokes", () => {
    const fn = (name: string, handler: string) => ({
      address: `aws_lambda_function.${name}`,
      type: 'aws_lambda_function',
      name,
      values: { arn: `arn:aws:lambda:eu-west-1:999999999999:function:${name}`, filename: 'code.zip', handler, timeout: 10, memory_size: 512, role: 'arn:role' },
    });
    const schedule = (name: string, arn: string) => ({
      address: name,
      type: 'aws_scheduler_schedule',
      name,
      values: { name, target: [{ arn, input: `{"${name}":1}` }] },
    });
    const state = [
      fn('collector', 'index.handler'),
      fn('discovery', 'index.discoveryHandler'),
      schedule('ticks', 'arn:sm'),
      schedule('discovery', 'arn:aws:lambda:eu-west-1:999999999999:function:discovery'),
    ];
    const definition = JSON.stringify({
      States: {
        Tick: { Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'arn:aws:lambda:eu-west-1:999999999999:function:collector' } },
      },
    });
    expect(deployedTrigger(state, 'arn:sm')).toEqual({ kind: 'schedule', stateMachineArn: 'arn:sm', input: '{"ticks":1}' });
    expect(() => deployedTrigger(state)).toThrow(/found 2 and 0/);
    expect(deployedFunction(state, '/work', definition)).toMatchObject({ handler: 'index.handler', zipFile: '/work/code.zip', region: 'eu-west-1' });
    expect(() => deployedFunction(state, '/work')).toThrow(/expected one aws_lambda_function in the state, found 2/);
    expect(deployedFunctions(state, '/work').map((f) => f.handler)).toEqual(['index.handler', 'index.discoveryHandler']);
    expect(deployedSchedules(state).map((s) => [s.name, s.targetArn])).toEqual([
      ['ticks', 'arn:sm'],
      ['discovery', 'arn:aws:lambda:eu-west-1:999999999999:function:discovery'],
    ]);
  });

  test("the schedule's placeholder becomes the time it fired; a rule's input is sent as deployed", () => {
    const pipeline = (input: string) => ({ trigger: { kind: 'schedule', stateMachineArn: 'a', input } }) as DeployedPipeline;
    const fired = new Date('2026-01-01T10:11:00Z');
    expect(triggerInput(pipeline('{"clusters":["a"],"scheduledTime":"<aws.scheduler.scheduled-time>"}'), fired)).toBe(
      '{"clusters":["a"],"scheduledTime":"2026-01-01T10:11:00.000Z"}',
    );
    expect(triggerInput(pipeline('{"clusters":["a"]}'), fired)).toBe('{"clusters":["a"]}');
  });
});

describe('what an execution must publish', () => {
  const tick = new Date('2026-01-01T10:11:00Z');
  const seeds = [{ name: 'api', containerInstances: 2, runningTasks: 5, services: { web: 3, cron: 1 } }];

  test('each metric of each seeded cluster at every tick, with the value moto answers; unseeded clusters are missing', () => {
    const expected = expectedPublish({ clusters: ['api', 'gone'], namespace: 'Custom' }, seeds, tick, [0, 30]);
    expect(expected.missingClusters).toEqual(['gone']);
    expect(expected.series.map((s) => [s.key.namespace, s.key.metric, s.key.dimensions, s.value, s.timestamps])).toEqual(
      [
        ['RunningTask', 5],
        ['PendingTask', 4],
        ['ActiveServices', 0],
        ['RegisteredContainerInstances', 2],
      ].map(([metric, value]) => ['Custom', metric, { ClusterName: 'api' }, value, ['2026-01-01T10:11:00.000Z', '2026-01-01T10:11:30.000Z']]),
    );
  });

  test('per-service metrics for the selected services only; capacity-split metrics are named as not modelled', () => {
    const expected = expectedPublish(
      { clusters: ['api'], metrics: ['RunningTask', 'DesiredCount', 'RunningEC2Task'], services: { api: ['web'] } },
      seeds,
      tick,
      [0],
    );
    expect(expected.series.map((s) => [s.key.namespace, s.key.metric, s.key.dimensions, s.value])).toEqual([
      ['ECS', 'RunningTask', { ClusterName: 'api' }, 5],
      ['ECS', 'DesiredCount', { ClusterName: 'api', ServiceName: 'web' }, 3],
    ]);
    expect(expected.unmodelled).toEqual(['RunningEC2Task']);
  });
});

describe("the dashboard's references", () => {
  test("series of the namespace, SEARCH expressions and alarm ARNs; other namespaces are AWS's own", () => {
    const body = JSON.stringify({
      widgets: [
        { properties: { alarms: ['arn:aws:cloudwatch:us-east-1:1:alarm:a'] } },
        {
          properties: {
            metrics: [
              ['ECS', 'RunningTask', 'ClusterName', 'api', { label: 'api' }],
              ['AWS/Lambda', 'Errors', 'FunctionName', 'f'],
            ],
          },
        },
        {
          properties: {
            metrics: [[{ expression: 'SEARCH(\'{"ECS","ClusterName","ServiceName"} MetricName="RunningCount" ClusterName="api"\', \'Maximum\', 5)', id: 's' }]],
          },
        },
      ],
    });
    expect(dashboardReferences(body, 'ECS')).toEqual({
      series: [{ namespace: 'ECS', metric: 'RunningTask', dimensions: { ClusterName: 'api' } }],
      searches: [{ metric: 'RunningCount', dimensions: { ClusterName: 'api' } }],
      alarmArns: ['arn:aws:cloudwatch:us-east-1:1:alarm:a'],
    });
  });
});

test("the sandbox's sparkline scales from zero to the largest value", () => {
  expect(sparkline([0, 4, 8])).toBe('▁▅█');
  expect(sparkline([0, 0])).toBe('▁▁');
  expect(sparkline([7, 7])).toBe('██');
});
