/**
 * The app (`npm run synth`: main.ts, run with tsx in a fresh process) given the fleet configs of the
 * unit tier's config tests: it synthesizes a good one (and prints its warnings); every refused one
 * ends in the problem report, exit 1, nothing written and no stack trace. The loader's own answers
 * to the same configs are tested in process under __tests__/unit/fleet/ (each block names its file).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT, runApp } from '../../support/app';
import { configFile, validConfig } from '../../support/fleet-config';
import {
  aliasBomb,
  deepFlowYaml,
  deepJson,
  HOSTNAME_PATH,
  interpolation,
  PROTO_BACKEND_JSON,
  refused,
  REGION_TWICE_JSON,
  REGION_TWICE_JSON_PROBLEM,
  REGION_TWICE_YAML,
  REGION_TWICE_YAML_PROBLEM,
} from '../../support/refused-configs';

const EXAMPLE = path.join(ROOT, 'examples', 'fleet.json');
const dir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-app-configs-'));

/** A valid config with one account-region; `edit` changes it. */
function config(edit: (c: any) => void = () => undefined): any {
  const c = validConfig();
  edit(c);
  return c;
}

/** A one-region fleet config with these monitoring settings in `defaults` and in the region. */
const fleetWith = (settings: { defaults?: object; region?: object }) => ({
  name: 'ecs-highres',
  ...(settings.defaults ? { defaults: settings.defaults } : {}),
  accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api', 'prod-workers'], ...settings.region } } }],
});

const alarm = (extra: Record<string, unknown> = {}) => ({
  metric: 'PendingTask',
  comparison: 'GreaterThanThreshold',
  threshold: 5,
  ...extra,
});

/** The warning for a region AWS opened after this release. */
const REGION_WARNING =
  'accounts[0].regions.xx-future-1: "xx-future-1" is not a region known to this release: it is used as given, so check the name unless AWS opened the region after this release';

describe('the app (configs of unit/fleet/config)', () => {
  test('synthesizes one stack per account-region of the example', () => {
    const run = runApp(EXAMPLE);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(run.stacks).toEqual(['ecs-highres-111111111111-eu-west-1', 'ecs-highres-111111111111-us-east-1', 'ecs-highres-222222222222-us-west-2']);
    const stack = JSON.parse(readFileSync(path.join(run.outdir, 'stacks', run.stacks[0], 'cdk.tf.json'), 'utf8'));
    expect(stack.provider.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['111111111111'],
        assume_role: [{ role_arn: 'arn:aws:iam::111111111111:role/terraform', session_name: 'ecs-highres-deploy' }],
        // defaults, then the account's, then the region's
        default_tags: [{ tags: { team: 'platform', service: 'ecs-highres-metrics', environment: 'production', 'data-residency': 'eu' } }],
      },
    ]);
    expect(stack.terraform.backend).toEqual({ local: { path: '../../../terraform.ecs-highres-111111111111-eu-west-1.tfstate' } });
    // The region's override (10 s) wins over the default (5 s).
    const definition = JSON.parse(Object.values<any>(stack.resource.aws_sfn_state_machine)[0].definition);
    expect(definition.States.Ticks.Branches).toHaveLength(6);
  });

  /** Each bad config the fleet issue lists: the file, then every problem the app must print. */
  const badConfigs: Array<[string, () => string, string[]]> = [
    [
      'an account ID that is not 12 digits',
      () => configFile('fleet.json', JSON.stringify(config((c) => (c.accounts[0].id = '1234567890123')))),
      ['accounts[0].id: "1234567890123": an AWS account ID is 12 digits'],
    ],
    [
      'a malformed region name',
      () => configFile('fleet.json', JSON.stringify(config((c) => (c.accounts[0].regions = { 'EU-WEST-1': { clusters: ['a'] } })))),
      [
        'accounts[0].regions.EU-WEST-1: "EU-WEST-1" is not a region name: did you mean "eu-west-1"? a region name is lowercase words and a number joined by hyphens, such as us-east-1 or eu-west-1',
      ],
    ],
    [
      'a duplicate cluster in one region',
      () => configFile('fleet.json', JSON.stringify(config((c) => c.accounts[0].regions['us-east-1'].clusters.push('prod-workers')))),
      ['accounts[0].regions.us-east-1.clusters[2]: "prod-workers" is listed twice (also at index 1): list each cluster once'],
    ],
    ['a region listed twice in an account (JSON)', () => configFile('fleet.json', REGION_TWICE_JSON), [REGION_TWICE_JSON_PROBLEM]],
    ['a region listed twice in an account (YAML)', () => configFile('fleet.yaml', REGION_TWICE_YAML), [REGION_TWICE_YAML_PROBLEM]],
    [
      'an interval that does not divide 60',
      () => configFile('fleet.json', JSON.stringify(config((c) => (c.accounts[0].regions['us-east-1'].intervalSeconds = 8)))),
      [
        'accounts[0].regions.us-east-1.intervalSeconds: 8 is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30)',
      ],
    ],
    [
      'a namespace starting AWS/ and an empty cluster list',
      () =>
        configFile(
          'fleet.json',
          JSON.stringify(
            config((c) => {
              c.defaults = { namespace: 'AWS/ECS' };
              c.accounts[0].regions['us-east-1'].clusters = [];
            }),
          ),
        ),
      [
        'defaults.namespace: "AWS/ECS" starts with "AWS/", which CloudWatch reserves for AWS services: use your own namespace, such as "ECS"',
        'accounts[0].regions.us-east-1.clusters: the cluster list is empty: list at least one ECS cluster name',
      ],
    ],
    [
      'an unknown key',
      () => configFile('fleet.json', JSON.stringify(config((c) => (c.acounts = [])))),
      ['acounts: unknown key "acounts": did you mean "accounts"? allowed keys are $schema, name, topology, hub, organization, defaults, backend, accounts'],
    ],
    [
      'a backend missing its required fields',
      () => configFile('fleet.json', JSON.stringify(config((c) => (c.backend = { type: 'cloud', organization: 'acme' })))),
      ['backend.workspacePrefix: is required (string)'],
    ],
    [
      'a malformed JSON file',
      () => configFile('fleet.json', '{\n  "name": "ecs-highres",\n  "accounts": [\n'),
      ['not valid JSON at line 4, column 1: expected "]"'],
    ],
    [
      'a missing file',
      () => path.join(dir, 'missing.json'),
      ["cannot read the fleet config: the file does not exist; set FLEET_CONFIG to a config file's path"],
    ],
  ];

  test.each(badConfigs)('%s: exits 1, prints every problem by path, and writes nothing', (_, write, expected) => {
    const p = write();
    const run = runApp(p);
    expect(run.stderr).toBe(`${p}: ${expected.length} problem${expected.length === 1 ? '' : 's'}:\n${expected.map((line) => `  - ${line}\n`).join('')}`);
    expect(run.status).toBe(1);
    expect(existsSync(run.outdir)).toBe(false);
  });
});

describe('the app (configs of unit/fleet/hostile-input)', () => {
  test.each<[string, () => string]>([
    ['JSON nested 5,000 deep', () => configFile('fleet.json', deepJson())],
    ['YAML nested 5,000 deep', () => configFile('fleet.yaml', deepFlowYaml())],
    ['a YAML alias bomb', () => configFile('fleet.yaml', aliasBomb())],
  ])('%s: the problem report, exit 1, nothing written, no stack trace', (_name, write) => {
    const run = runApp(write());
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/: 1 problem:\n {2}- (nested more than 32 levels deep|not usable YAML)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stacks).toEqual([]);
  });
});

describe('the app (configs of unit/fleet/region-names)', () => {
  test('synthesizes a region not known at release and prints the warning, exit 0', () => {
    const config = validConfig();
    config.accounts[0].regions = { 'xx-future-1': { clusters: ['a'] } };
    const file = configFile('fleet.json', JSON.stringify(config));
    const run = runApp(file);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`${file}: warning: ${REGION_WARNING}\n`);
    expect(run.stacks).toEqual(['ecs-highres-111111111111-xx-future-1']);
  });
});

describe('the app (configs of unit/fleet/monitoring-config)', () => {
  test('a problem only the pipeline can see (a period shorter than its interval) stops the app before it writes anything', () => {
    // GIVEN a region whose 15 s interval is longer than its alarm's 10 s period
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-config-')), 'fleet.json');
    writeFileSync(file, JSON.stringify(fleetWith({ defaults: { alarms: [alarm({ periodSeconds: 10 })] }, region: { intervalSeconds: 15 } })));
    // WHEN the app runs; THEN it fails naming the account-region's path and the field, and writes nothing
    const run = runApp(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `${file}: 1 problem:\n` +
        "  - defaults.alarms[0].periodSeconds: 10 s is shorter than the pipeline's 15 s interval, so some periods would hold no datum: use a period of at least 30 s\n",
    );
    expect(existsSync(run.outdir)).toBe(false);
  });
});

describe('the app (configs of unit/fleet/untrusted-keys)', () => {
  test('refuses the __proto__ backend: exit 1, the problem printed, nothing written', () => {
    const run = runApp(configFile('fleet.json', PROTO_BACKEND_JSON));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(refused('__proto__', '__proto__'));
    expect(run.stacks).toEqual([]);
  });
});

describe('the app (configs of unit/fleet/terraform-templates)', () => {
  test('refuses the hostname rolePath: exit 1, the problem printed, nothing written', () => {
    const config = validConfig();
    config.defaults = { rolePath: HOSTNAME_PATH };
    const run = runApp(configFile('fleet.json', JSON.stringify(config)));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`defaults.rolePath: ${interpolation(HOSTNAME_PATH)}`);
    expect(run.stacks).toEqual([]);
  });
});
