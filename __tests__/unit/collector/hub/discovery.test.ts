/**
 * The discovery, run every minute on a fake clock against a fake organization: the ACTIVE
 * accounts of the units (recursively, every page, exclusions left out), their enabled regions,
 * the account-regions with clusters; a new account's clusters published within the bound; an
 * account moved out or suspended dropped without failing; a failing member keeping its last
 * known state and tried again; the state and the targets written to the discovered object.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { Discovery, DiscoveryError } from '../../../../functions/collector/hub/discovery/discovery';
import { createDiscoveryClients } from '../../../../functions/collector/hub/discovery/discovery-clients';
import { RUN_INTERVAL_SECONDS } from '../../../../functions/collector/hub/discovery/discovery-state';
import { handleDiscoveryEvent } from '../../../../functions/collector/index';
import type { DiscoveryInput } from '../../../../modules/contract/collector-event';
import { DEFAULT_DISCOVERY_REFRESH, type DiscoveredTargets, type OrganizationTargets, serializeTargetList } from '../../../../modules/contract/hub-target-list';
import { inputsOf } from '../../../support/fake-aws';
import { type FakeMembers, type FakeTree, givenBucket, givenMembers, givenOrganization, moveAccount } from '../../../support/fake-organization';
import { assumeRoleInputs, fakeClock, givenSts } from '../../../support/fake-spokes';

const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const organizations = mockClient(OrganizationsClient);
const ec2 = mockClient(EC2Client);
const ecs = mockClient(ECSClient);

const HUB = '999999999999';
const ORG = '888888888888';
const [A, B, C, D, E] = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'];
const OU1 = 'ou-ab12-11111111';
const OU2 = 'ou-ab12-22222222';
const NESTED = 'ou-ab12-33333333';
const OUTSIDE = 'ou-ab12-99999999';

const organization = (over: Partial<OrganizationTargets> = {}): OrganizationTargets => ({
  units: [OU1, OU2],
  regions: '*',
  exclude: [],
  organizationsRole: { account: ORG, name: 'ecs-highres-organizations-read', path: '/', sessionName: 'ecs-highres-discovery' },
  refresh: DEFAULT_DISCOVERY_REFRESH,
  ...over,
});

const INPUT: DiscoveryInput = {
  targetList: { bucket: 'hub-targets', key: 'targets.json', versionId: 'v-list' },
  spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-discovery' },
  discovered: { bucket: 'hub-targets', key: 'discovered.json' },
};
const RUN = { partition: 'aws', region: 'us-east-1', owner: HUB };

interface World {
  clock: ReturnType<typeof fakeClock>;
  tree: FakeTree;
  members: FakeMembers;
  bucket: ReturnType<typeof givenBucket>;
  org: ReturnType<typeof givenOrganization>;
  member: ReturnType<typeof givenMembers>;
  discovery: Discovery;
  /** One scheduled run; the clock then moves to the next minute. */
  run(): Promise<Awaited<ReturnType<Discovery['run']>>>;
  /** `account/region` of the discovered object's targets. */
  targets(): string[];
}

/** GIVEN OU1 holds A and the nested OU (holding B); OU2 holds C; OUTSIDE holds D; E is not created yet. A, D and E have clusters in us-east-1, B in eu-west-1, C in none. */
function given(over: Partial<OrganizationTargets> = {}, options: { failingOrganization?: () => Error | undefined } = {}): World {
  for (const stub of [s3, sts, organizations, ec2, ecs]) stub.reset();
  const clock = fakeClock(Date.parse('2026-12-02T03:00:00Z'));
  givenSts(sts, clock);
  const tree: FakeTree = {
    'r-ab12': { ous: [OU1, OU2, OUTSIDE], accounts: {} },
    [OU1]: { ous: [NESTED], accounts: { [A]: 'ACTIVE' } },
    [NESTED]: { ous: [], accounts: { [B]: 'ACTIVE' } },
    [OU2]: { ous: [], accounts: { [C]: 'ACTIVE' } },
    [OUTSIDE]: { ous: [], accounts: { [D]: 'ACTIVE' } },
  };
  const members: FakeMembers = {
    regions: { [A]: ['us-east-1', 'eu-west-1'], [B]: ['us-east-1', 'eu-west-1'], [C]: ['us-east-1'], [D]: ['us-east-1'], [E]: ['us-east-1'] },
    withClusters: new Set([`${A}/us-east-1`, `${B}/eu-west-1`, `${D}/us-east-1`, `${E}/us-east-1`]),
    failing: new Map(),
  };
  const bucket = givenBucket(s3);
  bucket.putVersion('targets.json', 'v-list', serializeTargetList([], organization(over)));
  const org = givenOrganization(organizations, tree, { failing: options.failingOrganization });
  const member = givenMembers(ec2, ecs, members);
  const discovery = new Discovery(createDiscoveryClients('us-east-1'), clock.now);
  const world: World = {
    clock,
    tree,
    members,
    bucket,
    org,
    member,
    discovery,
    async run() {
      try {
        return await discovery.run(INPUT, RUN);
      } finally {
        clock.advance(RUN_INTERVAL_SECONDS * 1000);
      }
    },
    targets: () => ((bucket.latest('discovered.json') as DiscoveredTargets | undefined)?.targets ?? []).map((t) => `${t.account}/${t.region}`),
  };
  return world;
}

describe('a first run', () => {
  test('lists the units recursively, asks every account its regions and every account-region its clusters, and writes the ones with clusters', async () => {
    const world = given();
    const summary = await world.run();
    expect(world.targets()).toEqual([`${A}/us-east-1`, `${B}/eu-west-1`]);
    expect(summary).toEqual({
      accounts: 3,
      accountRegions: 5,
      targets: 2,
      refreshed: { accounts: true, regions: 3, clusters: 5 },
      deferred: 0,
      calls: { GetObject: 2, PutObject: 1, DescribeRegions: 3, ListClusters: 5, ListAccountsForParent: 3, ListChildren: 3, AssumeRole: 4 },
      failures: [],
      failureCount: 0,
    });
    // Organizations through the read role of the organization's account; members through their spoke role.
    expect(assumeRoleInputs(sts).map((i) => [i.RoleArn, i.RoleSessionName])).toEqual([
      [`arn:aws:iam::${ORG}:role/ecs-highres-organizations-read`, 'ecs-highres-discovery'],
      ...[A, B, C].map((account) => [`arn:aws:iam::${account}:role/ecs-highres-spoke`, 'ecs-highres-discovery']),
    ]);
    expect(new Set(world.org.calls.map((c) => c.caller))).toEqual(new Set([ORG]));
    expect(world.org.calls.map((c) => `${c.command} ${c.parent}`)).toEqual([
      `ListAccountsForParent ${OU1}`,
      `ListChildren ${OU1}`,
      `ListAccountsForParent ${OU2}`,
      `ListChildren ${OU2}`,
      `ListAccountsForParent ${NESTED}`,
      `ListChildren ${NESTED}`,
    ]);
    // DescribeRegions without AllRegions (only the enabled ones), asked in the hub's region; ListClusters one cluster is enough.
    expect(world.member.calls.filter((c) => c.command === 'DescribeRegions').map((c) => [c.from, c.input])).toEqual(
      [A, B, C].map((account) => [`${account}/us-east-1`, {}]),
    );
    expect(new Set(world.member.calls.filter((c) => c.command === 'ListClusters').map((c) => JSON.stringify(c.input)))).toEqual(
      new Set([JSON.stringify({ maxResults: 1 })]),
    );
  });

  test('writes the discovered object with ExpectedBucketOwner, the targets with every cluster, and the state of each item', async () => {
    const world = given();
    await world.run();
    const [put] = inputsOf(s3, PutObjectCommand);
    expect(put).toMatchObject({ Bucket: 'hub-targets', Key: 'discovered.json', ExpectedBucketOwner: HUB, ContentType: 'application/json' });
    expect(inputsOf(s3, GetObjectCommand).map((i) => [i.Key, i.VersionId, i.ExpectedBucketOwner])).toEqual([
      ['targets.json', 'v-list', HUB],
      ['discovered.json', undefined, HUB],
    ]);
    const object = world.bucket.latest('discovered.json') as DiscoveredTargets;
    const at = Date.parse('2026-12-02T03:00:00Z') / 1000;
    expect(object.version).toBe(1);
    expect(object.generatedAt).toBe('2026-12-02T03:00:00.000Z');
    expect(object.targets).toEqual([
      { account: A, region: 'us-east-1', clusters: '*' },
      { account: B, region: 'eu-west-1', clusters: '*' },
    ]);
    expect(object.state.accountsCheckedAt).toBe(at);
    expect(object.state.accounts[A]).toEqual({
      regionsCheckedAt: at,
      regions: { 'eu-west-1': { checkedAt: at, hasClusters: false }, 'us-east-1': { checkedAt: at, hasClusters: true } },
    });
  });

  test('pages through 45 accounts and 25 child OUs of a unit, 20 at a time', async () => {
    const world = given({ units: ['r-ab12'], exclude: [OUTSIDE] });
    const many = Array.from({ length: 45 }, (_, i) => String(500000000000 + i));
    world.tree['r-ab12'].accounts = Object.fromEntries(many.map((id) => [id, 'ACTIVE' as const]));
    const children = Array.from({ length: 25 }, (_, i) => `ou-ab12-${String(40000000 + i)}`);
    for (const ou of children) world.tree[ou] = { ous: [], accounts: {} };
    world.tree['r-ab12'].ous.push(...children);
    const summary = await world.run();
    expect(summary.accounts).toBe(45 + 3);
    const rootCalls = world.org.calls.filter((c) => c.parent === 'r-ab12').map((c) => `${c.command} ${c.token ?? '-'}`);
    expect(rootCalls).toEqual(['ListAccountsForParent -', 'ListAccountsForParent 20', 'ListAccountsForParent 40', 'ListChildren -', 'ListChildren 20']);
    expect(world.org.calls.some((c) => c.parent === OUTSIDE)).toBe(false);
  });

  test('leaves out excluded accounts and excluded OUs with everything below them, and accounts that are not ACTIVE', async () => {
    const world = given({ exclude: [C, NESTED] });
    world.tree[OU1].accounts['575757575757'] = 'SUSPENDED';
    world.tree[OU1].accounts['666666666666'] = 'PENDING_CLOSURE';
    const summary = await world.run();
    expect(summary.accounts).toBe(1);
    expect(world.targets()).toEqual([`${A}/us-east-1`]);
    expect(world.org.calls.some((c) => c.parent === NESTED)).toBe(false);
  });

  test('with regions listed, asks those regions only and never DescribeRegions', async () => {
    const world = given({ regions: ['eu-west-1'] });
    const summary = await world.run();
    expect(world.targets()).toEqual([`${B}/eu-west-1`]);
    expect(summary.calls.DescribeRegions).toBe(0);
    expect(world.member.calls.map((c) => c.from).sort()).toEqual([A, B, C].map((a) => `${a}/eu-west-1`));
  });
});

describe('the bound: a new account is polled within accountsSeconds + 2 minutes', () => {
  // Discovery publishes it at the first accounts listing after it joined: at most accountsSeconds + one run interval
  // later (a refresh time not a multiple of a minute waits for the next run). The tick re-reads the discovered object
  // at most once a minute (hub-discovered.test.ts): one more minute. With the defaults, 300 + 60 + 60 = 420 s, 7 minutes.
  const bound = (accountsSeconds: number) => accountsSeconds + RUN_INTERVAL_SECONDS;

  test.each([
    [DEFAULT_DISCOVERY_REFRESH.accountsSeconds, 0],
    [DEFAULT_DISCOVERY_REFRESH.accountsSeconds, 1],
    [DEFAULT_DISCOVERY_REFRESH.accountsSeconds, 59],
    [DEFAULT_DISCOVERY_REFRESH.accountsSeconds, 299],
    [90, 1],
    [90, 61],
    [150, 30],
  ])('accounts refreshed every %i s, the account created %i s after a listing', async (accountsSeconds, offset) => {
    const world = given({ refresh: { ...DEFAULT_DISCOVERY_REFRESH, accountsSeconds } });
    await world.run();
    const listedAt = Date.parse('2026-12-02T03:00:00Z');
    const createdAt = listedAt + offset * 1000;
    let publishedAt: number | undefined;
    for (let i = 0; i < 30 && publishedAt === undefined; i++) {
      // Created between two runs, with its spoke role (as the StackSet deploys it) and a cluster.
      if (world.clock.now() >= createdAt) world.tree[OU2].accounts[E] = 'ACTIVE';
      const runAt = world.clock.now();
      await world.run();
      if (world.targets().includes(`${E}/us-east-1`)) publishedAt = runAt;
    }
    expect(publishedAt).toBeDefined();
    expect((publishedAt! - createdAt) / 1000).toBeLessThanOrEqual(bound(accountsSeconds));
    expect(bound(DEFAULT_DISCOVERY_REFRESH.accountsSeconds) + RUN_INTERVAL_SECONDS).toBe(420);
  });

  test('a new account is asked its regions and clusters in the run that finds it, ahead of due refreshes', async () => {
    const world = given();
    await world.run();
    world.tree[OU2].accounts[E] = 'ACTIVE';
    world.clock.advance((DEFAULT_DISCOVERY_REFRESH.accountsSeconds - RUN_INTERVAL_SECONDS) * 1000);
    world.member.calls.length = 0;
    const summary = await world.run();
    expect(summary.refreshed.accounts).toBe(true);
    expect(world.member.calls.slice(0, 2).map((c) => `${c.command} ${c.from}`)).toEqual([`DescribeRegions ${E}/us-east-1`, `ListClusters ${E}/us-east-1`]);
    expect(world.targets()).toContain(`${E}/us-east-1`);
  });

  test('a cluster created in a known account-region is published within clustersSeconds + one run', async () => {
    const world = given();
    await world.run();
    world.members.withClusters.add(`${C}/us-east-1`);
    const createdAt = world.clock.now();
    let publishedAt: number | undefined;
    for (let i = 0; i < 10 && publishedAt === undefined; i++) {
      const runAt = world.clock.now();
      await world.run();
      if (world.targets().includes(`${C}/us-east-1`)) publishedAt = runAt;
    }
    expect((publishedAt! - createdAt) / 1000).toBeLessThanOrEqual(DEFAULT_DISCOVERY_REFRESH.clustersSeconds + RUN_INTERVAL_SECONDS);
  });
});

describe('accounts that leave', () => {
  test.each([
    ['moved out of the units', (world: World) => moveAccount(world.tree, A, OUTSIDE)],
    ['suspended', (world: World) => void (world.tree[OU1].accounts[A] = 'SUSPENDED')],
    ['closing (PENDING_CLOSURE)', (world: World) => void (world.tree[OU1].accounts[A] = 'PENDING_CLOSURE')],
  ])('an account %s drops out at the next accounts listing, without failing, and nothing of the others is lost', async (_, leave) => {
    const world = given();
    await world.run();
    leave(world);
    const seen: string[][] = [];
    for (let i = 0; i < 5; i++) {
      await world.run();
      seen.push(world.targets());
    }
    // Still there until the accounts are listed again (5 minutes after the first), then gone.
    expect(seen.slice(0, 3)).toEqual(Array(3).fill([`${A}/us-east-1`, `${B}/eu-west-1`]));
    expect(seen[4]).toEqual([`${B}/eu-west-1`]);
  });
});

describe('failures', () => {
  test('a throttled account-region keeps its last known state, is tried again next run, and the others are unaffected', async () => {
    const world = given({ refresh: { ...DEFAULT_DISCOVERY_REFRESH, clustersSeconds: 60 } });
    await world.run();
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    world.members.failing.set(`${A}/us-east-1`, throttled);
    world.members.withClusters.add(`${C}/us-east-1`);
    const summary = await world.run();
    expect(summary.failures).toEqual([`${A}/us-east-1 ecs:ListClusters: ThrottlingException: Rate exceeded`]);
    expect(world.targets()).toEqual([`${A}/us-east-1`, `${B}/eu-west-1`, `${C}/us-east-1`]);
    const object = world.bucket.latest('discovered.json') as DiscoveredTargets;
    expect(object.state.accounts[A].regions['us-east-1']).toMatchObject({ hasClusters: true, failure: { reason: 'ThrottlingException: Rate exceeded' } });
    world.members.failing.clear();
    world.members.withClusters.delete(`${A}/us-east-1`);
    world.member.calls.length = 0;
    await world.run();
    expect(world.member.calls.map((c) => c.from)).toContain(`${A}/us-east-1`);
    expect(world.targets()).toEqual([`${B}/eu-west-1`, `${C}/us-east-1`]);
  });

  test('a spoke role that cannot be assumed (not deployed yet) keeps the account, tried every run until it answers', async () => {
    const world = given();
    sts.reset();
    givenSts(sts, world.clock, [C]);
    world.members.withClusters.add(`${C}/us-east-1`);
    const first = await world.run();
    expect(first.failures).toEqual([
      expect.stringMatching(
        new RegExp(`^${C} ec2:DescribeRegions: AssumeRoleError: AssumeRole of arn:aws:iam::${C}:role/ecs-highres-spoke failed: AccessDenied`),
      ),
    ]);
    expect(world.targets()).toEqual([`${A}/us-east-1`, `${B}/eu-west-1`]);
    const second = await world.run();
    expect(second.failures).toEqual([expect.stringMatching(new RegExp(`^${C} ec2:DescribeRegions: AssumeRoleError`))]);
    sts.reset();
    givenSts(sts, world.clock);
    await world.run();
    expect(world.targets()).toEqual([`${A}/us-east-1`, `${B}/eu-west-1`, `${C}/us-east-1`]);
  });

  test('a failed accounts listing keeps every known account, writes the state, fails the run naming the read role, and is tried again next run', async () => {
    let failing = false;
    const world = given(
      {},
      { failingOrganization: () => (failing ? Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }) : undefined) },
    );
    await world.run();
    world.clock.advance((DEFAULT_DISCOVERY_REFRESH.accountsSeconds - RUN_INTERVAL_SECONDS) * 1000);
    failing = true;
    const puts = inputsOf(s3, PutObjectCommand).length;
    await expect(world.run()).rejects.toThrow(
      new DiscoveryError(
        `listing the accounts of ${OU1}, ${OU2} failed: TooManyRequestsException: Rate exceeded; the accounts known before are kept and the listing is tried again next run. Check the Organizations read role in account ${ORG}`,
      ),
    );
    expect(inputsOf(s3, PutObjectCommand)).toHaveLength(puts + 1);
    expect(world.targets()).toEqual([`${A}/us-east-1`, `${B}/eu-west-1`]);
    failing = false;
    world.org.calls.length = 0;
    await world.run();
    expect(world.org.calls.length).toBeGreaterThan(0);
  });

  test('a discovered object that cannot be read fails the run and writes nothing', async () => {
    const world = given();
    s3.on(GetObjectCommand, { Key: 'discovered.json' }).rejects(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    await expect(world.run()).rejects.toThrow(
      'reading the discovered object s3://hub-targets/discovered.json failed: AccessDenied: Access Denied; nothing was changed',
    );
    expect(inputsOf(s3, PutObjectCommand)).toHaveLength(0);
  });

  test('a target list without an organization says there is nothing to discover', async () => {
    const world = given();
    world.bucket.putVersion('targets.json', 'v-list', serializeTargetList([{ account: A, region: 'us-east-1', clusters: '*' }]));
    await expect(world.run()).rejects.toThrow('has no organization section: there is nothing to discover');
  });

  test('another organization section starts afresh and says so', async () => {
    const world = given();
    await world.run();
    world.bucket.putVersion('targets.json', 'v-list2', serializeTargetList([], organization({ exclude: [A] })));
    const summary = await world.discovery.run({ ...INPUT, targetList: { ...INPUT.targetList, versionId: 'v-list2' } }, RUN);
    expect(summary.restarted).toBe('the organization section changed');
    expect(world.targets()).toEqual([`${B}/eu-west-1`]);
  });
});

describe('steady state', () => {
  test('after the first run, known items are refreshed spread over their refresh time, never all in one run', async () => {
    const world = given();
    const many = Array.from({ length: 100 }, (_, i) => String(700000000000 + i));
    for (const id of many) {
      world.tree[OU2].accounts[id] = 'ACTIVE';
      world.members.regions[id] = ['us-east-1'];
    }
    await world.run();
    const perRun: number[] = [];
    for (let i = 0; i < 15; i++) {
      world.member.calls.length = 0;
      await world.run();
      perRun.push(world.member.calls.filter((c) => c.command === 'ListClusters').length);
    }
    // 105 account-regions every 300 s: an even share of 21 a run, at most 42.
    expect(Math.max(...perRun)).toBeLessThanOrEqual(42);
    expect(perRun.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(105 * 2);
  });

  test('a run starts no member call after its time budget; the rest stays due for the next run', async () => {
    const world = given();
    const summary = await world.discovery.run(INPUT, { ...RUN, budgetMs: 0 });
    expect(summary.deferred).toBe(3);
    expect(summary.calls.DescribeRegions).toBe(0);
    world.clock.advance(60_000);
    const next = await world.run();
    expect(next.refreshed).toEqual({ accounts: false, regions: 3, clusters: 5 });
  });
});

describe('the handler', () => {
  test('logs one line with the counts and returns the summary', async () => {
    const world = given();
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      const summary = await handleDiscoveryEvent(world.discovery, INPUT, {
        getRemainingTimeInMillis: () => 60_000,
        invokedFunctionArn: `arn:aws:lambda:us-east-1:${HUB}:function:discovery`,
      });
      expect(summary.targets).toBe(2);
      expect(info).toHaveBeenCalledWith(expect.objectContaining({ event: 'discovered', accounts: 3, targets: 2 }));
      expect(inputsOf(s3, PutObjectCommand)[0].ExpectedBucketOwner).toBe(HUB);
    } finally {
      info.mockRestore();
    }
  });

  test('refuses a malformed event before any call', async () => {
    const world = given();
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await expect(handleDiscoveryEvent(world.discovery, { targetList: INPUT.targetList })).rejects.toThrow('Malformed event: spokeRole must be');
      expect(s3.calls()).toHaveLength(0);
    } finally {
      error.mockRestore();
    }
  });
});
