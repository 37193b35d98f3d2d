/** Two pipelines in one app: output ids never collide, and AWS names that would are refused at synth, naming both. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { type App, TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetrics, type EcsHighResMetricsProps } from '../../../modules';
import { type Claimant, claimKey, collisionProblems, type NameScope, sharedPlace } from '../../../modules/common/name-collisions';
import type { NameKind } from '../../../modules/common/name-rules';

const pipeline = (scope: TerraformStack, id: string, props: Partial<EcsHighResMetricsProps> = {}) =>
  new EcsHighResMetrics(scope, id, { clusters: ['prod'], ...props });

function stackWithProviders(app: App = Testing.app(), id = 'test') {
  const stack = new TerraformStack(app, id);
  const provider = (alias: string, region?: string, account?: string) =>
    new AwsProvider(stack, `aws-${alias}`, { alias, region, allowedAccountIds: account ? [account] : undefined });
  return { app, stack, provider };
}

describe('two pipelines of one name in one stack', () => {
  test('GIVEN aliased providers in two regions of one account THEN both synthesize, with their own outputs', () => {
    const { stack, provider } = stackWithProviders();
    pipeline(stack, 'us', { provider: provider('us', 'us-east-1'), region: 'us-east-1', account: '111111111111' });
    pipeline(stack, 'eu', { provider: provider('eu', 'eu-west-1'), region: 'eu-west-1', account: '111111111111' });
    const tf = JSON.parse(Testing.synth(stack));
    expect(Object.keys(tf.output).sort()).toEqual(
      ['us', 'eu']
        .flatMap((p) => ['state_machine_arn', 'collector_function_name', 'trigger_name', 'dashboard_name', 'dashboard_url'].map((o) => `${p}_${o}`))
        .sort(),
    );
    expect(tf.output.eu_dashboard_url.value).toContain('region=eu-west-1');
    expect(tf.output.us_dashboard_url.value).toContain('region=us-east-1');
  });

  test('GIVEN the default provider for both THEN the second is refused, naming both paths and every colliding name', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    pipeline(stack, 'first');
    let message = '';
    try {
      pipeline(stack, 'second');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^test\/second: \n/);
    const line = (kind: string, name: string, place: string, unique: string) =>
      `the ${kind} "${name}" is also created by test/first, and both are in ${place} (${kind}s are ${unique}): give one of the pipelines another name`;
    const inRegion = 'the account of provider test/aws and region us-east-1';
    expect(message).toContain(line('IAM role name', 'ecs-highres-collector-us-east-1', 'the account of provider test/aws', 'unique in an account'));
    expect(message).toContain(line('IAM role name', 'ecs-highres-states-us-east-1', 'the account of provider test/aws', 'unique in an account'));
    expect(message).toContain(line('IAM role name', 'ecs-highres-scheduler-us-east-1', 'the account of provider test/aws', 'unique in an account'));
    expect(message).toContain(line('CloudWatch dashboard name', 'ecs-highres-us-east-1', 'the account of provider test/aws', 'unique in an account'));
    expect(message).toContain(line('Lambda function name', 'ecs-highres-collector', inRegion, 'unique in an account-region'));
    expect(message).toContain(line('state machine name', 'ecs-highres', inRegion, 'unique in an account-region'));
    expect(message).toContain(line('log group name', '/aws/lambda/ecs-highres-collector', inRegion, 'unique in an account-region'));
    expect(message).toContain(line('log group name', '/aws/vendedlogs/states/ecs-highres', inRegion, 'unique in an account-region'));
    expect(message).toContain(line('EventBridge Scheduler schedule name', 'ecs-highres-every-minute', inRegion, 'unique in an account-region'));
    expect(message).toContain(line('CloudWatch alarm name', 'ecs-highres pipeline executions failing', inRegion, 'unique in an account-region'));
    expect(message).not.toContain('Terraform output id');
  });

  test('GIVEN two providers of one literal account and region THEN rule, topic and alarm names collide too', () => {
    const { stack, provider } = stackWithProviders();
    const props = { trigger: 'EVENTBRIDGE_RULE', alarmActions: { createTopic: true }, account: '111111111111' } as const;
    pipeline(stack, 'a', { ...props, provider: provider('a', 'us-east-1') });
    expect(() => pipeline(stack, 'b', { ...props, provider: provider('b', 'us-east-1') })).toThrow(
      'the EventBridge rule name "ecs-highres-every-minute" is also created by test/a, and both are in account 111111111111 and region us-east-1',
    );
    expect(() => pipeline(stack, 'c', { ...props, provider: provider('c', 'us-east-1') })).toThrow('the SNS topic name "ecs-highres-alarms"');
  });

  test('GIVEN two accounts in one region THEN names do not collide', () => {
    const { stack, provider } = stackWithProviders();
    pipeline(stack, 'a', { provider: provider('a', 'us-east-1', '111111111111') });
    expect(() => pipeline(stack, 'b', { provider: provider('b', 'us-east-1', '222222222222') })).not.toThrow();
  });

  test('GIVEN different names in one account-region THEN nothing collides', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    pipeline(stack, 'a', { name: 'metrics-a' });
    expect(() => pipeline(stack, 'b', { name: 'metrics-b' })).not.toThrow();
  });

  test('GIVEN providers whose account and region are known only at plan THEN no collision is claimed', () => {
    const { stack, provider } = stackWithProviders();
    pipeline(stack, 'a', { provider: provider('a') });
    expect(() => pipeline(stack, 'b', { provider: provider('b') })).not.toThrow();
  });

  test('GIVEN construct ids that make one output id THEN the second is refused, asking for another construct id', () => {
    const { stack, provider } = stackWithProviders();
    pipeline(stack, 'a.b', { name: 'one', provider: provider('one', 'us-east-1') });
    expect(() => pipeline(stack, 'a_b', { name: 'two', provider: provider('two', 'us-east-1') })).toThrow(
      'the Terraform output id "a_b_state_machine_arn" is also created by test/a.b, and both are in stack test (Terraform output ids are unique in a stack): give one of the pipelines another construct id',
    );
  });

  test('GIVEN a construct id starting with a digit THEN the output ids start with _', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    pipeline(stack, '9lives', { name: '9lives' });
    const tf = JSON.parse(Testing.synth(stack));
    expect(Object.keys(tf.output)).toContain('_9lives_state_machine_arn');
    expect(Object.keys(tf.output).every((id) => /^[A-Za-z_][A-Za-z0-9_-]*$/.test(id))).toBe(true);
  });
});

describe('two stacks of one app', () => {
  test("GIVEN both in one literal account-region THEN the second pipeline is refused, naming the first stack's", () => {
    const app = Testing.app();
    for (const id of ['one', 'two']) new AwsProvider(new TerraformStack(app, id), 'aws', { region: 'eu-west-1' });
    const [one, two] = app.node.children as TerraformStack[];
    pipeline(one, 'pipeline', { account: '111111111111', region: 'eu-west-1' });
    expect(() => pipeline(two, 'pipeline', { account: '111111111111', region: 'eu-west-1' })).toThrow(
      'two/pipeline: \n  - the IAM role name "ecs-highres-collector-eu-west-1" is also created by one/pipeline, and both are in account 111111111111',
    );
  });

  test('GIVEN two apps THEN the names of one do not count in the other', () => {
    for (let i = 0; i < 2; i++) {
      const stack = new TerraformStack(Testing.app(), 'test');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      expect(() => pipeline(stack, 'pipeline', { account: '111111111111' })).not.toThrow();
    }
  });
});

describe('sharedPlace', () => {
  const at = (accountKeys: string[], regionKeys: string[], stack = 's') => ({ accountKeys, regionKeys, stack });
  test('needs a shared account key for account-wide names, and a shared region key too for the rest', () => {
    expect(sharedPlace('account', at(['account 1'], ['region x']), at(['account 1'], ['region y']))).toBe('account 1');
    expect(sharedPlace('account-region', at(['account 1'], ['region x']), at(['account 1'], ['region y']))).toBeUndefined();
    expect(sharedPlace('account-region', at(['account 1', 'p'], ['region x']), at(['p'], ['region x']))).toBe('p and region x');
    expect(sharedPlace('account', at(['account 1'], []), at(['account 2'], []))).toBeUndefined();
    expect(sharedPlace('stack', at([], [], 'a'), at([], [], 'b'))).toBeUndefined();
  });
});

describe('names compared as AWS compares them', () => {
  const messageOf = (build: () => unknown) => {
    try {
      build();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('built');
  };

  test('GIVEN pipelines "Fleet" and "fleet" in one account-region THEN the second is refused for its IAM role names alone (IAM ignores case)', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    pipeline(stack, 'first', { name: 'Fleet' });
    const message = messageOf(() => pipeline(stack, 'second', { name: 'fleet' }));
    const role = (purpose: string) =>
      `the IAM role name "fleet-${purpose}-us-east-1" is also created by test/first as "Fleet-${purpose}-us-east-1", and both are in the account of provider test/aws (IAM role names are unique in an account, whatever their case): give one of the pipelines another name`;
    expect(message).toBe(`test/second: \n  - ${['collector', 'states', 'scheduler'].map(role).join('\n  - ')}`);
  });

  test('GIVEN pipelines "Fleet" and "fleet" in two regions of one account THEN both synthesize: their role names carry the region', () => {
    const { stack, provider } = stackWithProviders();
    pipeline(stack, 'us', { name: 'Fleet', provider: provider('us', 'us-east-1', '111111111111') });
    expect(() => pipeline(stack, 'eu', { name: 'fleet', provider: provider('eu', 'eu-west-1', '111111111111') })).not.toThrow();
  });

  test('GIVEN existing roles THEN "Fleet" and "fleet" share no IAM name, and every other name differs by its case', () => {
    const stack = new TerraformStack(Testing.app(), 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const existingRoles = { collector: 'c', stateMachine: 's', trigger: 't' };
    pipeline(stack, 'first', { name: 'Fleet', existingRoles, alarmActions: { createTopic: true } });
    expect(() => pipeline(stack, 'second', { name: 'fleet', existingRoles, alarmActions: { createTopic: true } })).not.toThrow();
  });

  // Each kind by its service's rule: IAM names are "not distinguished by case"; the others' APIs compare names exactly.
  test.each<[NameKind, NameScope, boolean]>([
    ['IAM role name', 'account', true],
    ['IAM policy name', 'account', true],
    ['CloudWatch dashboard name', 'account', false],
    ['Lambda function name', 'account-region', false],
    ['state machine name', 'account-region', false],
    ['log group name', 'account-region', false],
    ['EventBridge Scheduler schedule name', 'account-region', false],
    ['EventBridge rule name', 'account-region', false],
    ['SNS topic name', 'account-region', false],
    ['CloudWatch alarm name', 'account-region', false],
    ['Terraform output id', 'stack', false],
  ])('two %ss differing only in case collide (%s): %s', (kind, scope, collide) => {
    const place = { accountKeys: ['account 111111111111'], regionKeys: ['region us-east-1'], stack: 's' };
    const first: Claimant = { path: 'app/first', placement: place, claims: [{ kind, name: 'Fleet-x', scope }] };
    const second: Claimant = { path: 'app/second', placement: place, claims: [{ kind, name: 'fleet-X', scope }] };
    const holders = new Map([[claimKey(first.claims[0]), [first]]]);
    const problems = collisionProblems(second, (claim) => holders.get(claimKey(claim)) ?? []);
    expect(problems.length).toBe(collide ? 1 : 0);
    if (collide) {
      expect(problems[0].path).toEqual([]);
      expect(problems[0].problem).toContain(`the ${kind} "fleet-X" is also created by app/first as "Fleet-x"`);
    }
    // The same spelling always collides.
    expect(collisionProblems(first, () => [first])).toHaveLength(1);
  });
});

test('a collision is Problem data (`{ path, problem }`), made text only where the construct throws it', () => {
  const place = { accountKeys: ['account 111111111111'], regionKeys: ['region us-east-1'], stack: 'app/s' };
  const first: Claimant = { path: 'app/s/first', placement: place, claims: [{ kind: 'Terraform output id', name: 'out', scope: 'stack' }] };
  const second: Claimant = { ...first, path: 'app/s/second' };
  expect(collisionProblems(second, () => [first])).toEqual([
    {
      path: [],
      problem:
        'the Terraform output id "out" is also created by app/s/first, and both are in stack app/s (Terraform output ids are unique in a stack): give one of the pipelines another construct id',
    },
  ]);
});
