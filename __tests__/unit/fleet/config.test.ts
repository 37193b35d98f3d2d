/**
 * The fleet config: accepted configs, every refused one with its JSON path and message, backends,
 * tags and IAM options, JSON and YAML files. The app given these configs, exiting 1 without writing
 * anything, is in the slow tier (__tests__/slow/cli/app-fleet-configs.test.ts).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError } from '../../../modules/fleet/config-problems';
import { loadFleetConfig, validateFleetConfig } from '../../../modules/fleet/load-config';
import { regionConfigSchema } from '../../../modules/fleet/config';
import { ROOT } from '../../support/app';
import { problemsOf } from '../../support/fleet-config';
import { REGION_TWICE_JSON, REGION_TWICE_JSON_PROBLEM, REGION_TWICE_YAML, REGION_TWICE_YAML_PROBLEM } from '../../support/refused-configs';

const EXAMPLES = path.join(ROOT, 'examples');

/** A valid config with one account-region; `edit` changes it. */
function config(edit: (c: any) => void = () => undefined): any {
  const c: any = {
    name: 'ecs-highres',
    accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api', 'prod-workers'] } } }],
  };
  edit(c);
  return c;
}

/** The problems validating `data` reports. */
const problems = (data: unknown) => problemsOf(() => validateFleetConfig(data));
/** The problems loading `file` reports. */
const fileProblems = (file: string) => problemsOf(() => loadFleetConfig(file));

const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-config-'));
let files = 0;
/** Writes `text` to a new file named `name` (its extension picks the format) and returns its path. */
function file(name: string, text: string): string {
  const p = path.join(dir, `${files++}-${name}`);
  writeFileSync(p, text);
  return p;
}

const ALLOWED_REGION_KEYS = Object.keys(regionConfigSchema.shape).join(', ');

test.each(['fleet.json', 'fleet-s3.yaml', 'fleet-cloud.json'])('the example %s is valid', (name) => {
  expect(() => loadFleetConfig(path.join(EXAMPLES, name))).not.toThrow();
});

test.each([
  ['an account ID that is not 12 digits', (c: any) => (c.accounts[0].id = '12345'), 'accounts[0].id: "12345": an AWS account ID is 12 digits'],
  ['an account ID written as a number', (c: any) => (c.accounts[0].id = 111111111111), 'accounts[0].id: expected string, got 111111111111: put it in quotes'],
  [
    'a malformed region name',
    (c: any) => (c.accounts[0].regions.us_east_1 = { clusters: ['a'] }),
    'accounts[0].regions.us_east_1: "us_east_1" is not a region name: did you mean "us-east-1"? a region name is lowercase words and a number joined by hyphens, such as us-east-1 or eu-west-1',
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
      'accounts[0].regions.us-east-1.clusters: is required: a list of ECS cluster names, or "*" for every cluster of the account-region',
      `accounts[0].regions.us-east-1.cluster: unknown key "cluster": did you mean "clusters"? allowed keys are ${ALLOWED_REGION_KEYS}`,
    ],
  ],
  [
    'a workflow type that does not exist',
    (c: any) => (c.defaults = { workflowType: 'FAST' }),
    'defaults.workflowType: "FAST" is not allowed: use one of "EXPRESS", "STANDARD"',
  ],
  ['a number given as a string', (c: any) => (c.defaults = { intervalSeconds: '5' }), 'defaults.intervalSeconds: expected number, got "5"'],
  ['a missing name', (c: any) => delete c.name, 'name: is required (string)'],
  ['no accounts', (c: any) => (c.accounts = []), 'accounts: no accounts: list at least one account'],
  [
    'an account listed twice',
    (c: any) => c.accounts.push({ id: '111111111111', regions: { 'eu-west-1': { clusters: ['a'] } } }),
    'accounts[1].id: account 111111111111 is listed twice (also at accounts[0]): list each account once and put all its regions under it',
  ],
  [
    // The role ARN rule of the hub's trust (modules/common/iam-rules.ts): a role name is at most 64 characters.
    'a deploy role named with 65 characters',
    (c: any) => (c.accounts[0].deployRoleArn = `arn:aws:iam::111111111111:role/${'r'.repeat(65)}`),
    `accounts[0].deployRoleArn: "arn:aws:iam::111111111111:role/${'r'.repeat(25)}...: an IAM role ARN looks like arn:aws:iam::111111111111:role/terraform`,
  ],
  [
    'a deploy role of another account',
    (c: any) => (c.accounts[0].deployRoleArn = 'arn:aws:iam::222222222222:role/terraform'),
    'accounts[0].deployRoleArn: the role is in account 222222222222, not 111111111111: use a role of the account being deployed',
  ],
])('%s is refused with its path', (_, edit, message) => {
  expect(problems(config(edit))).toEqual(Array.isArray(message) ? message : [message]);
});

describe('backends', () => {
  test.each([
    [{ type: 'local' }],
    [{ type: 's3', bucket: 'acme-terraform-state', region: 'eu-west-1' }],
    [{ type: 's3', bucket: 'acme.state-1', region: 'us-east-1', keyPrefix: 'platform/metrics', dynamodbTable: 'locks', useLockfile: true }],
    [{ type: 'cloud', organization: 'acme', workspacePrefix: '' }],
    [{ type: 'cloud', organization: 'acme', workspacePrefix: 'metrics-', hostname: 'tfe.acme.example:8443', project: 'Platform metrics' }],
  ])('%j is accepted', (backend) => {
    expect(() => validateFleetConfig(config((c) => (c.backend = backend)))).not.toThrow();
  });

  test.each([
    ['s3 without its bucket and region', { type: 's3' }, ['backend.bucket: is required (string)', 'backend.region: is required (string)']],
    [
      'cloud without its organization and workspace prefix',
      { type: 'cloud', project: 'metrics' },
      ['backend.organization: is required (string)', 'backend.workspacePrefix: is required (string)'],
    ],
    ['an unknown type', { type: 'gcs', bucket: 'b' }, ['backend.type: "gcs" is not allowed: use one of "local", "s3", "cloud"']],
    ['no type', { bucket: 'b' }, ['backend.type: is required: use one of "local", "s3", "cloud"']],
    [
      'a key of another backend type',
      { type: 's3', bucket: 'acme-state', region: 'us-east-1', organization: 'acme' },
      ['backend.organization: unknown key "organization": allowed keys are type, bucket, region, keyPrefix, dynamodbTable, useLockfile'],
    ],
    [
      'a typo in a key',
      { type: 'cloud', organization: 'acme', workspacePrefix: 'm-', projet: 'x' },
      ['backend.projet: unknown key "projet": did you mean "project"? allowed keys are type, organization, workspacePrefix, hostname, project'],
    ],
    [
      'a bucket name S3 refuses',
      { type: 's3', bucket: 'Acme_State', region: 'us-east-1' },
      ['backend.bucket: "Acme_State": an S3 bucket name is 3 to 63 lowercase letters, digits, dots and hyphens'],
    ],
    [
      'an unknown bucket region',
      { type: 's3', bucket: 'acme-state', region: 'moon-1' },
      ['backend.region: "moon-1" is not a region name: a region name is lowercase words and a number joined by hyphens, such as us-east-1 or eu-west-1'],
    ],
    [
      'a key prefix with a trailing slash',
      { type: 's3', bucket: 'acme-state', region: 'us-east-1', keyPrefix: 'platform/' },
      ['backend.keyPrefix: "platform/": a key prefix is path segments of letters, digits and !_.*\'()- separated by "/", without a leading or trailing "/"'],
    ],
    [
      'a workspace prefix that makes names too long',
      { type: 'cloud', organization: 'acme', workspacePrefix: 'x'.repeat(60) },
      [
        `backend.workspacePrefix: the workspace name "${'x'.repeat(60)}ecs-highres-111111111111-us-east-1" is 94 characters, over Terraform Cloud's 90: shorten workspacePrefix or the fleet name`,
      ],
    ],
  ])('%s is refused', (_, backend, expected) => {
    expect(problems(config((c) => (c.backend = backend)))).toEqual(expected);
  });
});

describe('tags, role path, permissions boundary and existing roles', () => {
  test('valid values at every level are accepted', () => {
    const valid = config((c) => {
      c.defaults = {
        tags: { team: 'platform', 'cost-center': '', 'owner:email': 'sre@acme.example' },
        rolePath: '/platform/metrics/',
        permissionsBoundary: 'platform/boundary',
        existingRoles: { stateMachine: 'platform/sfn-runner' },
      };
      c.accounts[0].tags = { environment: 'production' };
      c.accounts[0].regions['us-east-1'].tags = { 'data-residency': 'us' };
      c.accounts[0].regions['us-east-1'].permissionsBoundary = 'arn:aws:iam::aws:policy/PowerUserAccess';
      c.accounts[0].regions['us-east-1'].existingRoles = { collector: 'arn:aws:iam::111111111111:role/metrics/collector' };
    });
    expect(() => validateFleetConfig(valid)).not.toThrow();
  });

  test.each([
    [
      'a tag key in the aws: namespace',
      (c: any) => (c.defaults = { tags: { 'aws:team': 'x' } }),
      ['defaults.tags.aws:team: "aws:team" starts with "aws:", which AWS reserves for its own tags: use another key'],
    ],
    [
      'a tag value with a character AWS refuses',
      (c: any) => (c.accounts[0].tags = { team: 'a&b' }),
      ['accounts[0].tags.team: "a&b" is not a valid tag value: use up to 256 letters, digits, spaces and _ . : / = + - @'],
    ],
    [
      'a tag value that is not a string',
      (c: any) => (c.accounts[0].regions['us-east-1'].tags = { replicas: 3 }),
      ['accounts[0].regions.us-east-1.tags.replicas: expected string, got 3: put it in quotes'],
    ],
    [
      'more than 50 tags once merged',
      (c: any) => {
        c.defaults = { tags: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`d${i}`, 'x'])) };
        c.accounts[0].tags = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`a${i}`, 'x']));
      },
      ['accounts[0].regions.us-east-1: 51 tags once defaults, account and region tags are merged: AWS allows at most 50 on a resource'],
    ],
    [
      'a role path without its slashes',
      (c: any) => (c.defaults = { rolePath: 'platform' }),
      ['defaults.rolePath: "platform" is not an IAM path: start and end with "/", such as "/" or "/platform/metrics/"'],
    ],
    [
      'a permissions boundary that is neither an ARN nor a name',
      (c: any) => (c.defaults = { permissionsBoundary: 'arn:aws:iam::111111111111:role/boundary' }),
      [
        'defaults.permissionsBoundary: "arn:aws:iam::111111111111:role/boundary" is neither an IAM policy ARN nor a policy name: use an ARN such as arn:aws:iam::111111111111:policy/platform/boundary, or a name (with its path) that each account resolves to its own policy',
      ],
    ],
    [
      'a permissions boundary of another account in defaults',
      (c: any) => {
        c.defaults = { permissionsBoundary: 'arn:aws:iam::111111111111:policy/boundary' };
        c.accounts.push({ id: '222222222222', regions: { 'us-east-1': { clusters: ['a'] }, 'us-west-2': { clusters: ['b'] } } });
      },
      [
        "defaults.permissionsBoundary: the policy is in account 111111111111, but accounts[1] is 222222222222: in defaults, give the policy's name so that each account uses its own",
      ],
    ],
    [
      'an existing role of another account in a region',
      (c: any) => (c.accounts[0].regions['us-east-1'].existingRoles = { trigger: 'arn:aws:iam::222222222222:role/starter' }),
      [
        'accounts[0].regions.us-east-1.existingRoles.trigger: the role is in account 222222222222, not 111111111111: use a role of the account being deployed, or give its name',
      ],
    ],
    [
      'an unknown existing role',
      (c: any) => (c.defaults = { existingRoles: { lambda: 'collector' } }),
      ['defaults.existingRoles.lambda: unknown key "lambda": allowed keys are collector, stateMachine, trigger'],
    ],
  ])('%s is refused with its path', (_, edit, expected) => {
    expect(problems(config(edit))).toEqual(expected);
  });

  test("a region's existing roles replace the defaults' whole value, so a default it replaces is not checked", () => {
    const replaced = config((c) => {
      c.defaults = { existingRoles: { collector: 'arn:aws:iam::222222222222:role/collector' } };
      c.accounts[0].regions['us-east-1'].existingRoles = { trigger: 'starter' };
    });
    expect(() => validateFleetConfig(replaced)).not.toThrow();
  });
});

test('every problem is reported at once', () => {
  const bad = config((c) => {
    c.defaults = { intervalSeconds: 7 };
    c.accounts[0].id = 'x';
    c.accounts[0].regions['us-east-1'].clusters = ['ok', 'no way'];
    c.backend = { type: 's3' };
  });
  expect(problems(bad)).toEqual([
    'defaults.intervalSeconds: 7 is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)',
    'backend.bucket: is required (string)',
    'backend.region: is required (string)',
    'accounts[0].id: "x": an AWS account ID is 12 digits',
    'accounts[0].regions.us-east-1.clusters[1]: "no way" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores',
  ]);
});

test('problems across fields are reported together with the problems of the fields themselves', () => {
  const bad = config((c) => {
    c.accounts[0].deployRoleArn = 'arn:aws:iam::222222222222:role/terraform';
    c.accounts[0].regions['us-east-1'].clusters = ['no way'];
    c.accounts[0].regions['us-east-1'].existingRoles = { collector: 'arn:aws:iam::333333333333:role/c' };
    c.accounts.push({ id: '111111111111', regions: { 'eu-west-1': { clusters: [] } } });
    c.backend = { type: 'cloud', organization: 'acme org', workspacePrefix: 'x'.repeat(60) };
  });
  expect(problems(bad)).toEqual([
    'backend.organization: "acme org": an organization name is letters, digits, - and _',
    'accounts[0].regions.us-east-1.clusters[0]: "no way" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores',
    'accounts[0].deployRoleArn: the role is in account 222222222222, not 111111111111: use a role of the account being deployed',
    'accounts[1].regions.eu-west-1.clusters: the cluster list is empty: list at least one ECS cluster name',
    'accounts[0].regions.us-east-1.existingRoles.collector: the role is in account 333333333333, not 111111111111: use a role of the account being deployed, or give its name',
    `backend.workspacePrefix: the workspace name "${'x'.repeat(60)}ecs-highres-111111111111-us-east-1" is 94 characters, over Terraform Cloud's 90: shorten workspacePrefix or the fleet name`,
    'accounts[1].id: account 111111111111 is listed twice (also at accounts[0]): list each account once and put all its regions under it',
  ]);
});

test('a config too malformed to read across fields still reports each field', () => {
  expect(problems({ name: 'ecs-highres', accounts: [{ id: '111111111111', regions: 'us-east-1' }] })).toEqual([
    'accounts[0].regions: expected record, got "us-east-1"',
  ]);
  expect(problems('name: ecs-highres')).toEqual(['(top level): expected object, got "name: ecs-highres"']);
});

describe('JSON files', () => {
  test('malformed JSON is reported by line and column', () => {
    const p = file('broken.json', '{\n  "name": "x",\n  "accounts": [}\n');
    expect(() => loadFleetConfig(p)).toThrow(new ConfigError(p, ['not valid JSON at line 3, column 16: expected a value']));
  });

  test('comments and trailing commas are not JSON', () => {
    expect(() => loadFleetConfig(file('comment.json', '{\n  // no\n}'))).toThrow('line 2, column 3: comments are not allowed in JSON');
    expect(() => loadFleetConfig(file('comma.json', '{"name": "x",}'))).toThrow('line 1, column 14: expected a property name in double quotes');
  });

  test('a region listed twice in an account is reported with both places', () => {
    expect(fileProblems(file('fleet.json', REGION_TWICE_JSON))).toEqual([REGION_TWICE_JSON_PROBLEM]);
  });

  test('any key given twice is reported, together with every other problem', () => {
    const text = '{\n  "name": "ecs-highres",\n  "defaults": { "intervalSeconds": 5, "intervalSeconds": 7 },\n  "accounts": []\n}\n';
    expect(fileProblems(file('fleet.json', text))).toEqual([
      'defaults.intervalSeconds: key "intervalSeconds" is given twice (line 3, column 39; also at line 3, column 17): give it once',
      'defaults.intervalSeconds: 7 is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)',
      'accounts: no accounts: list at least one account',
    ]);
  });

  test('a missing file says so and how to point at another', () => {
    const p = path.join(dir, 'nope.json');
    expect(() => loadFleetConfig(p)).toThrow(
      `${p}: 1 problem:\n  - cannot read the fleet config: the file does not exist; set FLEET_CONFIG to a config file's path`,
    );
  });

  test('a file that is neither .json nor .yaml/.yml is refused by its name', () => {
    const p = file('fleet.toml', 'name = "x"');
    expect(fileProblems(p)).toEqual(['cannot tell the format of the fleet config from its name: end it in .json, .yaml, .yml']);
  });
});

describe('YAML files', () => {
  test('a YAML config (.yml or .yaml) loads to the same config as its JSON twin', () => {
    const yaml = 'name: ecs-highres\naccounts:\n  - id: "111111111111"\n    regions:\n      us-east-1:\n        clusters: [prod-api, prod-workers]\n';
    expect(loadFleetConfig(file('fleet.yml', yaml))).toEqual(validateFleetConfig(config()));
    expect(loadFleetConfig(file('fleet.yaml', yaml))).toEqual(validateFleetConfig(config()));
  });

  test('a region listed twice in an account is reported with both places', () => {
    expect(fileProblems(file('fleet.yaml', REGION_TWICE_YAML))).toEqual([REGION_TWICE_YAML_PROBLEM]);
  });

  test('a syntax error is reported by line and column', () => {
    const p = file('broken.yaml', 'name: ecs-highres\naccounts:\n  - id: "111111111111"\n   regions: {}\n');
    expect(fileProblems(p)).toEqual(['not valid YAML at line 4, column 1: Sequence item without - indicator']);
  });

  test('a second document is refused', () => {
    const p = file('two.yaml', 'name: a\naccounts: []\n---\nname: b\n');
    expect(fileProblems(p)).toEqual(['not valid YAML at line 3, column 1: a fleet config is one YAML document: remove the "---" and what follows it']);
  });

  test('an unquoted account ID, which YAML reads as a number, is refused with the fix', () => {
    const p = file('fleet.yaml', 'name: ecs-highres\naccounts:\n  - id: 011111111111\n    regions: { us-east-1: { clusters: [a] } }\n');
    expect(fileProblems(p)).toEqual(['accounts[0].id: expected string, got 11111111111: put it in quotes']);
  });
});
