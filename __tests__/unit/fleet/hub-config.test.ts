/**
 * The fleet config's topology: "hub" with its `hub`, refused without it (and `hub` refused without
 * the topology), a region's settings in hub mode, clusters "*" in both topologies, and problems
 * only the whole hub or a spoke shows placed at their config paths.
 */
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { hubProps } from '../../../modules/fleet/hub-props';
import { fleetConfigJsonSchema } from '../../../modules/fleet/json-schema';
import { loadFleetConfig, validateFleetConfig } from '../../../modules/fleet/load-config';
import { ROOT } from '../../support/app';
import { problemsOf } from '../../support/fleet-config';

/** A valid hub-topology config: two member accounts, three account-regions; `edit` changes it. */
function hubConfig(edit: (c: any) => void = () => undefined): any {
  const c: any = {
    name: 'ecs-highres',
    topology: 'hub',
    hub: { account: '999999999999', region: 'eu-west-1' },
    accounts: [
      { id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api'] }, 'eu-west-1': { clusters: '*' } } },
      { id: '222222222222', regions: { 'us-west-2': { clusters: ['staging'] } } },
    ],
  };
  edit(c);
  return c;
}

const problems = (data: unknown) => problemsOf(() => validateFleetConfig(data));

test('examples/hub.yaml is valid: topology hub, a region with "*"', () => {
  const config = loadFleetConfig(path.join(ROOT, 'examples', 'hub.yaml'));
  expect(config.topology).toBe('hub');
  expect(config.hub).toEqual({
    account: '999999999999',
    region: 'eu-west-1',
    deployRoleArn: 'arn:aws:iam::999999999999:role/terraform',
    externalId: 'ecs-highres-hub',
  });
  expect(config.accounts.flatMap((a) => Object.values(a.regions).map((r) => r.clusters))).toContainEqual('*');
});

test.each<[string, (c: any) => void]>([
  ['the hub account-region not being a member', () => undefined],
  ['the hub account-region also being a member', (c) => (c.accounts[0].regions['eu-west-1'] = { clusters: ['ops'] })],
  [
    'every hub option',
    (c) => (c.hub = { ...c.hub, deployRoleArn: 'arn:aws:iam::999999999999:role/terraform', externalId: 'a=b,c.d@e:f/g-h_1', organizationId: 'o-abcdefghij' }),
  ],
  [
    'services in a region and metrics in defaults',
    (c) => {
      c.defaults = { metrics: ['RunningTask', 'RunningCount'] };
      c.accounts[0].regions['us-east-1'].services = { 'prod-api': '*' };
    },
  ],
])('topology hub is accepted with %s', (_, edit) => {
  expect(() => validateFleetConfig(hubConfig(edit))).not.toThrow();
});

test.each<[string, (c: any) => void, string[]]>([
  [
    'topology hub without hub',
    (c) => delete c.hub,
    ['hub: is required with topology "hub": give the hub\'s account and region, such as { "account": "999999999999", "region": "eu-west-1" }'],
  ],
  [
    'hub without topology hub',
    (c) => delete c.topology,
    [
      'hub: is set, but topology is not set (default "account-region"), which has no hub: set "topology": "hub" to collect every account-region from the hub, or remove hub',
    ],
  ],
  [
    'hub with topology account-region',
    (c) => (c.topology = 'account-region'),
    ['hub: is set, but topology is "account-region", which has no hub: set "topology": "hub" to collect every account-region from the hub, or remove hub'],
  ],
  ['an unknown topology', (c) => (c.topology = 'star'), ['topology: "star" is not allowed: use one of "account-region", "hub"']],
  [
    'malformed hub fields',
    (c) => (c.hub = { account: '9999', region: 'eu_west-1', externalId: 'x', organizationId: 'o-short' }),
    [
      'hub.account: "9999": an AWS account ID is 12 digits',
      'hub.region: "eu_west-1" is not a region name: did you mean "eu-west-1"? a region name is lowercase words and a number joined by hyphens, such as us-east-1 or eu-west-1',
      'hub.externalId: "x": an external ID is 2 to 1,224 letters, digits and _ + = , . @ : / -',
      'hub.organizationId: "o-short": an AWS Organizations ID is "o-" and 10 to 32 lowercase letters or digits',
    ],
  ],
  [
    'an external ID with a character IAM refuses',
    (c) => (c.hub.externalId = 'has space'),
    ['hub.externalId: "has space": an external ID is 2 to 1,224 letters, digits and _ + = , . @ : / -'],
  ],
  [
    'an external ID over 1,224 characters',
    (c) => (c.hub.externalId = 'x'.repeat(1225)),
    [`hub.externalId: "${'x'.repeat(56)}...: an external ID is 2 to 1,224 letters, digits and _ + = , . @ : / -`],
  ],
  [
    'a hub deploy role of another account',
    (c) => (c.hub.deployRoleArn = 'arn:aws:iam::111111111111:role/terraform'),
    ['hub.deployRoleArn: the role is in account 111111111111, not 999999999999: use a role of the account being deployed'],
  ],
  [
    'an unknown hub key',
    (c) => (c.hub.acount = '1'),
    [
      'hub.acount: unknown key "acount": did you mean "account"? allowed keys are account, region, deployRoleArn, externalId, organizationId, assumedCallLatencyMs, assumedClustersPerDiscoveredRegion, assumedDiscoveredAccountRegions, shards',
    ],
  ],
  [
    'a member account listed twice',
    (c) => c.accounts.push({ id: '111111111111', regions: { 'ap-south-1': { clusters: ['x'] } } }),
    ['accounts[2].id: account 111111111111 is listed twice (also at accounts[0]): list each account once and put all its regions under it'],
  ],
  [
    'pipeline settings in a region',
    (c) => Object.assign(c.accounts[1].regions['us-west-2'], { intervalSeconds: 10, workflowType: 'STANDARD' }),
    [
      'accounts[1].regions.us-west-2.intervalSeconds: in topology "hub" the pipeline settings are the hub\'s: set intervalSeconds in defaults, which configures the hub pipeline (a region sets only clusters and services)',
      'accounts[1].regions.us-west-2.workflowType: in topology "hub" the pipeline settings are the hub\'s: set workflowType in defaults, which configures the hub pipeline (a region sets only clusters and services)',
    ],
  ],
  [
    'tags in a region',
    (c) => (c.accounts[0].regions['us-east-1'].tags = { team: 'x' }),
    [
      'accounts[0].regions.us-east-1.tags: in topology "hub" an account-region has no resources of its own to tag: put the tags on the account (its spoke role) or in defaults (the hub pipeline)',
    ],
  ],
  [
    'an existing collector role',
    (c) => (c.defaults = { existingRoles: { collector: 'platform/collector' } }),
    [
      'defaults.existingRoles.collector: in topology "hub" every spoke role trusts the collector role the hub creates (<name>-collector-<region>): remove existingRoles.collector',
    ],
  ],
  [
    "an existing role of a member account (the hub's roles are in the hub account)",
    (c) => (c.defaults = { existingRoles: { trigger: 'arn:aws:iam::111111111111:role/starter' } }),
    [
      'defaults.existingRoles.trigger: the role is in account 111111111111, but the hub pipeline is in hub.account 999999999999: use a role of the hub account, or give its name',
    ],
  ],
  [
    'a permissions boundary ARN of the hub account (it bounds every spoke role too)',
    (c) => (c.defaults = { permissionsBoundary: 'arn:aws:iam::999999999999:policy/boundary' }),
    [
      "defaults.permissionsBoundary: the policy is in account 999999999999, but accounts[0] is 111111111111, whose spoke role it bounds too: give the policy's name so that each account uses its own",
    ],
  ],
  [
    'a service of a cluster the region does not list',
    (c) => {
      c.defaults = { metrics: ['RunningCount'] };
      c.accounts[1].regions['us-west-2'].services = { other: '*' };
    },
    ['accounts[1].regions.us-west-2.services.other: "other" is not in accounts[1].regions.us-west-2.clusters: add it there, or remove it from services'],
  ],
  [
    'a per-service metric with no services anywhere',
    (c) => (c.defaults = { metrics: ['RunningTask', 'RunningCount'] }),
    [
      'defaults.metrics: RunningCount is a per-service metric, but no target names services: give the targets to watch services, e.g. "services": { "my-cluster": "*" }, or remove it from metrics',
    ],
  ],
  [
    'a workspace name over 90 characters',
    (c) => (c.backend = { type: 'cloud', organization: 'acme', workspacePrefix: 'x'.repeat(53) }),
    [
      `backend.workspacePrefix: the workspace name "${'x'.repeat(53)}ecs-highres-999999999999-eu-west-1-hub" is 91 characters, over Terraform Cloud's 90: shorten workspacePrefix or the fleet name`,
    ],
  ],
])('topology hub: %s is refused with its path', (_, edit, expected) => {
  expect(problems(hubConfig(edit))).toEqual(expected);
});

describe('clusters "*" in both topologies', () => {
  const accountRegion = (clusters: unknown) => ({ name: 'ecs-highres', accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters } } }] });

  test('"*" is accepted per account-region and in hub mode', () => {
    expect(validateFleetConfig(accountRegion('*')).accounts[0].regions['us-east-1'].clusters).toBe('*');
    expect(() => validateFleetConfig(hubConfig())).not.toThrow();
  });

  test.each<[string, unknown, string]>([
    [
      '["*"] suggests the bare "*"',
      ['*'],
      'accounts[0].regions.us-east-1.clusters[0]: "*" in a list is a cluster named "*": for every cluster of the account-region, give "*" itself, without the list',
    ],
    [
      'a single name not in a list',
      'prod',
      'accounts[0].regions.us-east-1.clusters: "prod" is not a cluster list: list ECS cluster names, such as ["prod-api"], or give "*" for every cluster of the account-region',
    ],
    [
      'a number',
      5,
      'accounts[0].regions.us-east-1.clusters: 5 is not a cluster list: list ECS cluster names, such as ["prod-api"], or give "*" for every cluster of the account-region',
    ],
  ])('%s', (_, clusters, expected) => {
    expect(problems(accountRegion(clusters))).toEqual([expected]);
    expect(problems(hubConfig((c) => (c.accounts[0].regions['us-east-1'].clusters = clusters)))).toEqual([expected]);
  });

  test('the JSON Schema: oneOf a list or the const "*", agreeing with the loader', () => {
    const schema: any = fleetConfigJsonSchema();
    const clusters = schema.properties.accounts.items.properties.regions.additionalProperties.properties.clusters;
    expect(clusters.anyOf).toBeUndefined();
    expect(clusters.oneOf.map((o: any) => o.const ?? o.type)).toEqual(['*', 'array']);
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    for (const value of ['*', ['a', 'b']]) expect([value, validate(accountRegion(value))]).toEqual([value, true]);
    for (const value of ['prod', [], 5]) expect([value, validate(accountRegion(value))]).toEqual([value, false]);
    expect(validate(hubConfig())).toBe(true);
    expect(validate(hubConfig((c) => (c.hub.externalId = 'has space')))).toBe(false);
  });
});

describe('alarm settings: one rule in both topologies', () => {
  const alarm = { metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5, evaluationPeriods: 9000 };
  const range =
    "defaults.alarms[0].evaluationPeriods: 9000 periods of 10 s cover 90000 s, over CloudWatch's 86400 s limit for periods under an hour: use at most 8640 evaluation periods";
  const accountRegion = (clusters: unknown, alarms: unknown[], intervalSeconds?: number) => ({
    name: 'ecs-highres',
    defaults: { alarms, ...(intervalSeconds ? { intervalSeconds } : {}) },
    accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters } } }],
  });

  test("evaluationPeriods over CloudWatch's day, the period defaulted from the interval, is refused per account-region and in the hub alike", () => {
    expect(problems(accountRegion(['prod-api'], [alarm]))).toEqual([range]);
    expect(problems(hubConfig((c) => (c.defaults = { alarms: [alarm] })))).toContain(range);
    expect(
      problems(
        hubConfig((c) => {
          c.defaults = { alarms: [alarm] };
          c.accounts[0].regions['eu-west-1'].clusters = ['ops'];
        }),
      ),
    ).toEqual([range]);
  });

  test('the same alarm watching listed clusters of a "*" account-region is refused too', () => {
    expect(problems(accountRegion('*', [{ ...alarm, clusters: ['prod-api'] }]))).toEqual([range]);
  });

  test('a period shorter than the interval is refused in the hub as per account-region', () => {
    const short = { ...alarm, evaluationPeriods: 3, periodSeconds: 10 };
    const expected =
      "defaults.alarms[0].periodSeconds: 10 s is shorter than the pipeline's 30 s interval, so some periods would hold no datum: use a period of at least 30 s";
    expect(problems(accountRegion(['prod-api'], [short], 30))).toEqual([expected]);
    expect(
      problems(
        hubConfig((c) => {
          c.defaults = { alarms: [short], intervalSeconds: 30 };
          c.accounts[0].regions['eu-west-1'].clusters = ['ops'];
        }),
      ),
    ).toEqual([expected]);
  });

  test('at the limit (8,640 periods of 10 s) the hub is accepted', () => {
    expect(() =>
      validateFleetConfig(
        hubConfig((c) => {
          c.defaults = { alarms: [{ ...alarm, evaluationPeriods: 8640 }] };
          c.accounts[0].regions['eu-west-1'].clusters = ['ops'];
        }),
      ),
    ).not.toThrow();
  });
});

describe('one partition per hub', () => {
  const member = (region: string) => (c: any) => (c.accounts[1].regions = { [region]: { clusters: ['staging'] } });

  test.each<[string, string, string]>([
    ['us-gov-west-1', 'aws-us-gov', 'eu-west-1'],
    ['cn-north-1', 'aws-cn', 'eu-west-1'],
    ['us-iso-east-1', 'aws-iso', 'eu-west-1'],
  ])('a member region %s (%s) of a hub in %s (aws) is refused at the member region, naming both partitions', (region, partition, hub) => {
    expect(problems(hubConfig(member(region)))).toEqual([
      `accounts[1].regions.${region}: "${region}" is in partition ${partition}, but the hub (${hub}) is in partition aws: credentials do not cross partitions, so the hub could never assume a role there; collect ${partition} account-regions with a hub of their own in ${partition}`,
    ]);
  });

  test('a hub in GovCloud collects GovCloud members, and refuses a commercial one', () => {
    const gov = (c: any) => {
      c.hub.region = 'us-gov-west-1';
      c.accounts = [{ id: '111111111111', regions: { 'us-gov-east-1': { clusters: ['a'] }, 'us-gov-west-1': { clusters: '*' } } }];
    };
    expect(() => validateFleetConfig(hubConfig(gov))).not.toThrow();
    expect(
      problems(
        hubConfig((c) => {
          gov(c);
          c.accounts[0].regions['us-east-1'] = { clusters: ['a'] };
        }),
      ),
    ).toEqual([
      'accounts[0].regions.us-east-1: "us-east-1" is in partition aws, but the hub (us-gov-west-1) is in partition aws-us-gov: credentials do not cross partitions, so the hub could never assume a role there; collect aws account-regions with a hub of their own in aws',
    ]);
  });
});

describe('hub.shards', () => {
  test('"auto" or a count from 1 to 40 is valid, and reaches the hub props', () => {
    for (const shards of ['auto', 1, 8, 40] as const) {
      const config = validateFleetConfig(hubConfig((c) => (c.hub.shards = shards)));
      expect(hubProps(config).shards).toBe(shards);
    }
    expect(hubProps(validateFleetConfig(hubConfig()))).not.toHaveProperty('shards');
  });

  test('a count outside 1..40 is refused at hub.shards, with the fix', () => {
    expect(problems(hubConfig((c) => (c.hub.shards = 41)))).toEqual([
      'hub.shards: 41 is not a shard count: use a whole number from 1 to 40 (an inline Map state runs at most 40 invocations at once), or "auto" (the tick model chooses)',
    ]);
  });
});
