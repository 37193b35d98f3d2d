/** Names a fleet derives (stack directories, S3 state keys, Terraform Cloud workspaces): at each limit accepted, one over refused. */
import { type TerraformStack, Testing } from 'cdktf';
import { ConfigError, MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { pipelineNameProblem } from '../../../modules/common/rules';
import { fleetStackName, hubStackName, spokeStackName, stackNameProblem, stateKey, stateKeyProblem, workspaceName } from '../../../modules/fleet/naming';

const STACK = 'ecs-highres-111111111111-us-east-1';

function problemsOf(backend: unknown): readonly string[] {
  try {
    validateFleetConfig({ name: 'ecs-highres', backend, accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod'] } } }] });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('S3 state keys', () => {
  // `<prefix>/<stack>/terraform.tfstate`: the prefix, 1, the stack's 34 and 18.
  const prefixOf = (keyLength: number) => 'k'.repeat(keyLength - 1 - STACK.length - 18);
  const s3 = (keyPrefix: string) => ({ type: 's3', bucket: 'acme-state', region: 'us-east-1', keyPrefix });

  test('a key of exactly 1,024 bytes is accepted', () => {
    expect(problemsOf(s3(prefixOf(1024)))).toEqual([]);
  });

  test('a key of 1,025 bytes is refused at backend.keyPrefix with the count and the fix', () => {
    const prefix = prefixOf(1025);
    expect(problemsOf(s3(prefix))).toEqual([
      `backend.keyPrefix: the state key "${prefix}/${STACK}/terraform.tfstate" is 1025 bytes, over S3's 1024: shorten keyPrefix by 1`,
    ]);
  });

  test('bytes, not characters, are counted', () => {
    expect(stateKeyProblem('é'.repeat(490), STACK)).toMatch(/is 1033 bytes, over S3's 1024/);
  });
});

describe('Terraform Cloud workspace names', () => {
  const cloud = (workspacePrefix: string) => ({ type: 'cloud', organization: 'acme', workspacePrefix });
  test('a name of exactly 90 characters is accepted, 91 refused', () => {
    expect(problemsOf(cloud('w'.repeat(90 - STACK.length)))).toEqual([]);
    expect(problemsOf(cloud('w'.repeat(91 - STACK.length)))).toEqual([
      `backend.workspacePrefix: the workspace name "${'w'.repeat(91 - STACK.length)}${STACK}" is 91 characters, over Terraform Cloud's 90: shorten workspacePrefix or the fleet name`,
    ]);
  });
});

describe('stack names (directories of the synth output)', () => {
  test.each([
    ['s'.repeat(255), true],
    ['s'.repeat(256), false],
    ['.hidden', false],
    ['..', false],
    ['a/b', false],
    [STACK, true],
  ])('"%s" accepted: %s', (stack, ok) => {
    expect(stackNameProblem(stack) === undefined).toBe(ok);
  });
});

describe('stack names and state keys of every fleet are readable one way only', () => {
  // Names built to collide: each pair of segments a stack name joins, as a fleet name's tail or head.
  const ACCOUNTS = ['111111111111', '999999999999'];
  // Well-formed region names, known or not: any is accepted (with a warning when unknown).
  const REGIONS = ['us-east-1', 'eu-west-1', 'us-gov-west-1', 'hub-us-east-1', 'us-hub-1'];
  const SEGMENTS = ['m', 'hub', 'spoke', 'HUB', ...ACCOUNTS, 'us', 'east', '1', 'eu-west-1', 'us-east-1'];
  function fleetNames(): string[] {
    const names = new Set<string>(['metrics', 'metrics-hub', 'metrics-spoke', 'x-spoke', 'x-hub', 'hub', 'spoke', 'm_hub', 'm-hub-', '-hub']);
    // Every join of up to three segments: a deterministic, exhaustive search over the small alphabet.
    for (const a of SEGMENTS) {
      names.add(a);
      for (const b of SEGMENTS) {
        names.add(`${a}-${b}`);
        for (const c of SEGMENTS) names.add(`${a}-${b}-${c}`);
      }
    }
    return [...names].filter((name) => pipelineNameProblem(name) === undefined);
  }

  type Tuple = {
    readonly fleet: string;
    readonly topology: 'account-region' | 'hub';
    readonly stack: 'pipeline' | 'hub' | 'spoke';
    readonly account: string;
    readonly region?: string;
  };

  /** Every stack a fleet of either topology can make in the accounts and regions above. */
  function stacksOf(fleet: string): Array<{ name: string; tuple: Tuple }> {
    return ACCOUNTS.flatMap((account) => [
      ...REGIONS.map((region) => ({
        name: fleetStackName(fleet, account, region),
        tuple: { fleet, topology: 'account-region', stack: 'pipeline', account, region } as Tuple,
      })),
      ...REGIONS.map((region) => ({ name: hubStackName(fleet, account, region), tuple: { fleet, topology: 'hub', stack: 'hub', account, region } as Tuple })),
      { name: spokeStackName(fleet, account), tuple: { fleet, topology: 'hub', stack: 'spoke', account } as Tuple },
    ]);
  }

  test('no two (fleet name, topology, account, region) give one stack name, S3 state key or workspace', () => {
    const names = fleetNames();
    expect(names.length).toBeGreaterThan(1000);
    const seen = new Map<string, Tuple>();
    const clashes: string[] = [];
    for (const fleet of names) {
      for (const { name, tuple } of stacksOf(fleet)) {
        for (const key of [name, stateKey('states', name), workspaceName('ecs-', name)]) {
          const other = seen.get(key);
          if (other && JSON.stringify(other) !== JSON.stringify(tuple)) clashes.push(`${key}: ${JSON.stringify(other)} and ${JSON.stringify(tuple)}`);
          seen.set(key, tuple);
        }
      }
    }
    expect(clashes.slice(0, 5)).toEqual([]);
  });

  test('the issue\'s case: an account-region fleet "metrics-hub" and a hub fleet "metrics" in one account-region get their own stacks and state keys', () => {
    const backend = { type: 's3', bucket: 'acme-state', region: 'eu-west-1' };
    const account = (regions: object) => [{ id: '999999999999', regions }];
    const perRegion = new MetricsFleet(Testing.app(), 'a', {
      config: { name: 'metrics-hub', backend, accounts: account({ 'eu-west-1': { clusters: ['prod'] } }) } as any,
    });
    const hub = new MetricsFleet(Testing.app(), 'b', {
      config: {
        name: 'metrics',
        topology: 'hub',
        hub: { account: '999999999999', region: 'eu-west-1' },
        backend,
        accounts: account({ 'eu-west-1': { clusters: ['prod'] } }),
      } as any,
    });
    const keyOf = (stack: TerraformStack) => JSON.parse(Testing.synth(stack)).terraform.backend.s3.key;
    const a = perRegion.allStacks.map((s) => [s.node.id, keyOf(s)]);
    const b = hub.allStacks.map((s) => [s.node.id, keyOf(s)]);
    expect(a).toEqual([['metrics-hub-999999999999-eu-west-1', 'metrics-hub-999999999999-eu-west-1/terraform.tfstate']]);
    expect(b).toEqual([
      ['metrics-999999999999-eu-west-1-hub', 'metrics-999999999999-eu-west-1-hub/terraform.tfstate'],
      ['metrics-spoke-999999999999', 'metrics-spoke-999999999999/terraform.tfstate'],
    ]);
  });
});
