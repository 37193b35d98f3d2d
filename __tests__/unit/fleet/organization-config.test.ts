/**
 * `organization` in the fleet config: what it accepts, every problem at its path with the bad
 * value and the fix, the JSON Schema agreeing, and the props the hub and the organization stack
 * are given from it (pure).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { fleetConfigJsonSchema } from '../../../modules/fleet/json-schema';
import { loadFleetConfig, validateFleetConfig } from '../../../modules/fleet/load-config';
import { hubProps, organizationProps } from '../../../modules/fleet/hub-props';
import { ROOT } from '../../support/app';
import { problemsOf } from '../../support/fleet-config';

/** GIVEN a config whose fleet is one organizational unit and nothing else. */
function orgConfig(edit: (c: any) => void = () => undefined): any {
  const c: any = {
    name: 'ecs-highres',
    topology: 'hub',
    hub: { account: '999999999999', region: 'eu-west-1', organizationId: 'o-abcd123456' },
    organization: { account: '888888888888', units: ['ou-ab12-cdef3456'], regions: '*' },
  };
  edit(c);
  return c;
}

const problems = (data: unknown) => problemsOf(() => validateFleetConfig(data));

test('a hub and an organizational unit, no accounts, is a valid config (accounts then read as none)', () => {
  expect(validateFleetConfig(orgConfig()).accounts).toEqual([]);
  expect(validateFleetConfig(orgConfig((c) => (c.accounts = []))).accounts).toEqual([]);
});

test('examples/organization.yaml is valid: units, "*" regions, an excluded account, a delegated administrator', () => {
  const config = loadFleetConfig(path.join(ROOT, 'examples', 'organization.yaml'));
  expect(config.organization).toEqual({
    account: '888888888888',
    administrator: 'delegated-administrator',
    deployRoleArn: 'arn:aws:iam::888888888888:role/terraform',
    units: ['ou-ab12-cdef3456', 'ou-ab12-ghij7890'],
    regions: '*',
    exclude: ['777777777777'],
  });
  expect(config.accounts).toEqual([]);
});

test.each<[string, (c: any) => void, string[]]>([
  [
    'no organizationId on the hub',
    (c) => delete c.hub.organizationId,
    [
      'hub.organizationId: is required with organization: the hub may assume the spoke role in the accounts it finds only by the organization\'s ID (aws:ResourceOrgID); give it, such as "o-abcd123456"',
    ],
  ],
  [
    'topology account-region',
    (c) => {
      delete c.topology;
      delete c.hub;
      c.accounts = [{ id: '111111111111', regions: { 'us-east-1': { clusters: '*' } } }];
    },
    [
      'organization: is set, but topology is not "hub": an organization\'s accounts are found at run time by the hub; set "topology": "hub" and hub { account, region }',
    ],
  ],
  [
    'a malformed unit and a unit listed twice',
    (c) => (c.organization.units = ['ou-x', 'r-ab12', 'r-ab12']),
    [
      'organization.units[0]: "ou-x" is not an organizational unit ID ("ou-ab12-cdef3456") or the root ID ("r-ab12")',
      'organization.units[2]: "r-ab12" is listed twice (also at [1]): list each unit once',
    ],
  ],
  [
    'no units',
    (c) => (c.organization.units = []),
    ['organization.units: no units: list at least one, an organizational unit ID ("ou-ab12-cdef3456") or the root ID ("r-ab12")'],
  ],
  [
    'a region that is not a region name',
    (c) => (c.organization.regions = ['us-east-1', 'Mars']),
    ['organization.regions[1]: "Mars" is not a region name: a region name is lowercase words and a number joined by hyphens, such as us-east-1 or eu-west-1'],
  ],
  [
    'regions neither a list nor "*"',
    (c) => (c.organization.regions = 'all'),
    ['organization.regions: "all" is not a region list: list region names, such as ["us-east-1"], or give "*" for every region enabled in each account'],
  ],
  [
    'an empty region list',
    (c) => (c.organization.regions = []),
    ['organization.regions: no regions: list at least one region, or give "*" for every region enabled in each account'],
  ],
  [
    'an exclusion that is neither an account nor a unit, and one listed twice',
    (c) => (c.organization.exclude = ['12', '777777777777', '777777777777']),
    [
      'organization.exclude[0]: "12" is neither a 12-digit account ID nor an organizational unit ID ("ou-ab12-cdef3456"): exclude accounts or OUs',
      'organization.exclude[2]: "777777777777" is listed twice (also at [1]): list each account or unit once',
    ],
  ],
  [
    'a deploy role of another account',
    (c) => (c.organization.deployRoleArn = 'arn:aws:iam::111111111111:role/terraform'),
    ['organization.deployRoleArn: the role is in account 111111111111, not 888888888888: use a role of the account being deployed'],
  ],
  [
    'neither accounts nor organization',
    (c) => delete c.organization,
    ['accounts: no accounts: list at least one account, or give organization { account, units, regions } to find the accounts at run time'],
  ],
  [
    'an administrator AWS does not know',
    (c) => (c.organization.administrator = 'root'),
    ['organization.administrator: "root" is not allowed: use one of "delegated-administrator", "management"'],
  ],
])('%s: refused, naming the field', (_, edit, expected) => {
  expect(problems(orgConfig(edit))).toEqual(expected);
});

test('a listed-accounts config without organization keeps its old message for no accounts', () => {
  expect(problems({ name: 'x', accounts: [] })).toEqual(['accounts: no accounts: list at least one account']);
});

describe('the JSON Schema agrees', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(fleetConfigJsonSchema());
  test('the organization example and an organization with an empty account list are accepted', () => {
    expect(validate(parseYaml(readFileSync(path.join(ROOT, 'examples', 'organization.yaml'), 'utf8')))).toBe(true);
    expect(validate(orgConfig((c) => (c.accounts = [])))).toBe(true);
  });
  test.each<[string, (c: any) => void]>([
    ['neither accounts nor organization', (c) => delete c.organization],
    [
      'an empty account list without organization',
      (c) => {
        c.accounts = [];
        delete c.organization;
      },
    ],
    ['a malformed unit', (c) => (c.organization.units = ['ou-x'])],
    ['an exclusion that is neither an account nor a unit', (c) => (c.organization.exclude = ['12'])],
    ['regions neither a list nor "*"', (c) => (c.organization.regions = 'all')],
  ])('%s: refused', (_, edit) => {
    expect(validate(orgConfig(edit))).toBe(false);
  });
});

describe('props from the config (pure)', () => {
  test("hubProps: no targets, the organization's account, units, regions and exclusions", () => {
    const props = hubProps(validateFleetConfig(orgConfig((c) => (c.organization.exclude = ['ou-ab12-zzzz9999']))));
    expect(props.targets).toEqual([]);
    expect(props.organizationId).toBe('o-abcd123456');
    expect(props.organization).toEqual({ account: '888888888888', units: ['ou-ab12-cdef3456'], regions: '*', exclude: ['ou-ab12-zzzz9999'] });
  });

  test("organizationProps: the hub it trusts on the defaults' role path, metrics, boundary, tags, external ID, administrator", () => {
    const config = validateFleetConfig(
      orgConfig((c) => {
        c.hub.externalId = 'ext-1';
        c.organization.administrator = 'management';
        c.organization.regions = ['us-east-1', 'eu-west-1'];
        c.defaults = { rolePath: '/platform/', metrics: ['RunningTask'], permissionsBoundary: 'platform/boundary', tags: { team: 'platform' } };
      }),
    );
    expect(organizationProps(config)).toEqual({
      name: 'ecs-highres',
      hub: { account: '999999999999', region: 'eu-west-1', rolePath: '/platform/' },
      units: ['ou-ab12-cdef3456'],
      regions: ['us-east-1', 'eu-west-1'],
      administrator: 'management',
      externalId: 'ext-1',
      metrics: ['RunningTask'],
      permissionsBoundary: 'platform/boundary',
      tags: { team: 'platform' },
    });
  });
});
