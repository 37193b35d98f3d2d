import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadFleetConfig, validateFleetConfig } from '../modules';
import { ROOT, runApp } from './support/app';

const EXAMPLE = path.join(ROOT, 'examples', 'fleet.json');

/** A valid config with one account-region; `edit` changes it. */
function config(edit: (c: any) => void = () => undefined): any {
  const c: any = {
    name: 'ecs-highres',
    accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api', 'prod-workers'] } } }],
  };
  edit(c);
  return c;
}

/** The problems validation reports, one string each. */
function problems(data: unknown): readonly string[] {
  try {
    validateFleetConfig(data);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the config was accepted');
}

test('the example config is valid', () => {
  expect(() => loadFleetConfig(EXAMPLE)).not.toThrow();
});

test.each([
  ['an account ID that is not 12 digits', (c: any) => (c.accounts[0].id = '12345'), 'accounts[0].id: "12345": an AWS account ID is 12 digits'],
  [
    'an unknown region',
    (c: any) => (c.accounts[0].regions['us-east-9'] = { clusters: ['a'] }),
    'accounts[0].regions.us-east-9: "us-east-9" is not an AWS region: use a region name such as us-east-1 or eu-west-1',
  ],
  [
    'a bad cluster name',
    (c: any) => c.accounts[0].regions['us-east-1'].clusters.push('bad name!'),
    'accounts[0].regions.us-east-1.clusters[2]: "bad name!" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores',
  ],
  [
    'a duplicate cluster',
    (c: any) => c.accounts[0].regions['us-east-1'].clusters.push('prod-api'),
    'accounts[0].regions.us-east-1.clusters[2]: "prod-api" is listed twice (also at index 0): list each cluster once',
  ],
  [
    'an empty cluster list',
    (c: any) => (c.accounts[0].regions['us-east-1'].clusters = []),
    'accounts[0].regions.us-east-1.clusters: the cluster list is empty: list at least one ECS cluster name',
  ],
  [
    'an interval that does not divide 60',
    (c: any) => (c.defaults = { intervalSeconds: 7 }),
    'defaults.intervalSeconds: 7 is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)',
  ],
  [
    'a namespace starting AWS/',
    (c: any) => (c.accounts[0].regions['us-east-1'].namespace = 'AWS/ECS'),
    'accounts[0].regions.us-east-1.namespace: "AWS/ECS" starts with "AWS/", which CloudWatch reserves for AWS services: use your own namespace, such as "ECS"',
  ],
  [
    'a typo in a key',
    (c: any) => (c.accounts[0].regions['us-east-1'] = { cluster: ['a'] }),
    [
      'accounts[0].regions.us-east-1.clusters: is required (array)',
      'accounts[0].regions.us-east-1.cluster: unknown key "cluster": did you mean "clusters"? allowed keys are clusters, intervalSeconds, namespace, workflowType, trigger, logRetentionDays, collectorMemoryMb, collectorTimeoutSeconds, architecture, stateMachineLogLevel, metrics, services, dashboard, alarms, alarmActions, pipelineAlarms, tracing',
    ],
  ],
  [
    'a workflow type that does not exist',
    (c: any) => (c.defaults = { workflowType: 'FAST' }),
    'defaults.workflowType: "FAST" is not allowed: use one of "EXPRESS", "STANDARD"',
  ],
  [
    'a number given as a string',
    (c: any) => (c.defaults = { intervalSeconds: '5' }),
    'defaults.intervalSeconds: expected number, got "5"',
  ],
  ['a missing name', (c: any) => delete c.name, 'name: is required (string)'],
  ['no accounts', (c: any) => (c.accounts = []), 'accounts: no accounts: list at least one account'],
  [
    'an account listed twice',
    (c: any) => c.accounts.push({ id: '111111111111', regions: { 'eu-west-1': { clusters: ['a'] } } }),
    'accounts[1].id: account 111111111111 is listed twice (also at accounts[0]): list each account once and put all its regions under it',
  ],
  [
    'a deploy role of another account',
    (c: any) => (c.accounts[0].deployRoleArn = 'arn:aws:iam::222222222222:role/terraform'),
    'accounts[0].deployRoleArn: the role is in account 222222222222, not 111111111111: use a role of the account being deployed',
  ],
])('%s is refused with its path', (_, edit, message) => {
  expect(problems(config(edit))).toEqual(Array.isArray(message) ? message : [message]);
});

test('every problem is reported at once', () => {
  const bad = config((c) => {
    c.defaults = { intervalSeconds: 7 };
    c.accounts[0].id = 'x';
    c.accounts[0].regions['us-east-1'].clusters = ['ok', 'no way'];
  });
  expect(problems(bad)).toEqual([
    'defaults.intervalSeconds: 7 is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)',
    'accounts[0].id: "x": an AWS account ID is 12 digits',
    'accounts[0].regions.us-east-1.clusters[1]: "no way" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores',
  ]);
});

describe('files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-config-'));
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  test('malformed JSON is reported by line and column', () => {
    const p = file('broken.json', '{\n  "name": "x",\n  "accounts": [}\n');
    expect(() => loadFleetConfig(p)).toThrow(new ConfigError(p, ['not valid JSON at line 3, column 16: expected a value']));
  });

  test('comments and trailing commas are not JSON', () => {
    expect(() => loadFleetConfig(file('comment.json', '{\n  // no\n}'))).toThrow('line 2, column 3: comments are not allowed in JSON');
    expect(() => loadFleetConfig(file('comma.json', '{"name": "x",}'))).toThrow('line 1, column 14: expected a property name in double quotes');
  });

  test('a missing file says so and how to point at another', () => {
    const p = path.join(dir, 'nope.json');
    expect(() => loadFleetConfig(p)).toThrow(
      `${p}: 1 problem:\n  - cannot read the fleet config: the file does not exist; set FLEET_CONFIG to a config file's path`,
    );
  });
});

describe('the app', () => {
  test('synthesizes one stack per account-region of the example', () => {
    const run = runApp(EXAMPLE);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stacks).toEqual([
      'ecs-highres-111111111111-eu-west-1',
      'ecs-highres-111111111111-us-east-1',
      'ecs-highres-222222222222-us-west-2',
    ]);
    const stack = JSON.parse(readFileSync(path.join(run.outdir, 'stacks', run.stacks[0], 'cdk.tf.json'), 'utf8'));
    expect(stack.provider.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/terraform', session_name: 'ecs-highres-deploy' }],
      },
    ]);
    expect(stack.terraform.backend).toEqual({ local: { path: 'terraform.ecs-highres-111111111111-eu-west-1.tfstate' } });
    // The region's override (10 s) wins over the default (5 s).
    const definition = JSON.parse(Object.values<any>(stack.resource.aws_sfn_state_machine)[0].definition);
    expect(definition.States.Ticks.Branches).toHaveLength(6);
  });

  test('a bad config exits non-zero, lists every problem by path, and writes nothing', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-bad-'));
    const p = path.join(dir, 'fleet.json');
    writeFileSync(p, JSON.stringify(config((c) => {
      c.defaults = { namespace: 'AWS/ECS' };
      c.accounts[0].regions['us-east-1'].clusters = [];
    })));
    const run = runApp(p);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `${p}: 2 problems:\n` +
        '  - defaults.namespace: "AWS/ECS" starts with "AWS/", which CloudWatch reserves for AWS services: use your own namespace, such as "ECS"\n' +
        '  - accounts[0].regions.us-east-1.clusters: the cluster list is empty: list at least one ECS cluster name\n',
    );
    expect(existsSync(run.outdir)).toBe(false);
  });
});
