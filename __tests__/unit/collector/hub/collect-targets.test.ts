/**
 * The hub's tick over many account-regions: exact requests per account-region, DescribeClusters
 * by 100, dimensions that keep accounts and regions apart, losses kept to their own
 * account-region, the bound on calls in flight, and what warm invocations reuse.
 */
import { ECSClient } from '@aws-sdk/client-ecs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { ClusterDiscovery, CLUSTER_LIST_TTL_MS } from '../../../../functions/collector/cluster-discovery';
import {
  type AccountRegionReport,
  collectTargets,
  describeLostAccountRegions,
  type HubCollectRequest,
  type HubState,
  HUB_CONCURRENCY,
} from '../../../../functions/collector/hub/collect-targets';
import { EcsClientPool } from '../../../../functions/collector/hub/hub-clients';
import type { Pace } from '../../../../functions/collector/hub/rate-pacer';
import { SpokeCredentials } from '../../../../functions/collector/hub/spoke-credentials';
import type { HubTarget } from '../../../../functions/collector/hub/targets';
import { DEFAULT_METRICS, metricDefinition } from '../../../../modules/metrics/catalog';
import { assumeRoleInputs, fakeClock, givenSpokeEcs, givenSts, type Spokes } from '../../../support/fake-spokes';

const sts = mockClient(STSClient);
const ecs = mockClient(ECSClient);
const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const TICK = new Date('2026-11-30T10:00:15Z');
const METRICS = DEFAULT_METRICS.map((name) => metricDefinition(name)!);
const COUNTS = { runningTasksCount: 7, pendingTasksCount: 2, activeServicesCount: 3, registeredContainerInstancesCount: 1 };
const names = (n: number, prefix = 'c') => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(4, '0')}`);
const clustersOf = (list: string[], counts = COUNTS) => Object.fromEntries(list.map((name) => [name, counts]));
let clock: ReturnType<typeof fakeClock>;

/** What a warm Lambda container keeps, as the hub entry point will create it; `pace`: its AssumeRole pace (default the SpokeCredentials'). */
function hubState(pace?: Pace): HubState {
  const credentials = new SpokeCredentials(
    new STSClient({ region: 'us-east-1' }),
    {
      partition: 'aws',
      name: 'ecs-highres-spoke',
      path: '/',
      sessionName: 'ecs-highres-hub',
    },
    clock.now,
    pace ? { pace } : {},
  );
  return { credentials, ecsClients: new EcsClientPool(credentials), discovery: new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now), serviceLists: new Map() };
}
const request = (targets: HubTarget[]): HubCollectRequest => ({ targets, metrics: METRICS, timestamp: TICK });
const lostOf = (report: AccountRegionReport) => report.lost.map((l) => `${l.api} ${l.cluster}`);

beforeEach(() => {
  sts.reset();
  ecs.reset();
  clock = fakeClock();
  givenSts(sts, clock);
});

describe('clusters of the same name in different accounts and regions', () => {
  const spokes: Spokes = {
    [`${A}/us-east-1`]: { prod: { ...COUNTS, runningTasksCount: 1 } },
    [`${A}/eu-west-1`]: { prod: { ...COUNTS, runningTasksCount: 2 } },
    [`${B}/us-east-1`]: { prod: { ...COUNTS, runningTasksCount: 3 } },
  };
  const targets: HubTarget[] = [
    { account: A, region: 'us-east-1', clusters: ['prod'] },
    { account: A, region: 'eu-west-1', clusters: ['prod'] },
    { account: B, region: 'us-east-1', clusters: ['prod'] },
  ];

  test('each account-region is asked with its own region and account, once, for its own clusters', async () => {
    const fake = givenSpokeEcs(ecs, spokes);
    await collectTargets(request(targets), hubState());
    expect(fake.calls.map((c) => [c.from, c.command, c.input])).toEqual(
      expect.arrayContaining([
        [`${A}/us-east-1`, 'DescribeClusters', { clusters: ['prod'] }],
        [`${A}/eu-west-1`, 'DescribeClusters', { clusters: ['prod'] }],
        [`${B}/us-east-1`, 'DescribeClusters', { clusters: ['prod'] }],
      ]),
    );
    expect(fake.calls).toHaveLength(3);
    // One AssumeRole per account, not per account-region: IAM is global.
    expect(
      assumeRoleInputs(sts)
        .map((i) => i.RoleArn)
        .sort(),
    ).toEqual([`arn:aws:iam::${A}:role/ecs-highres-spoke`, `arn:aws:iam::${B}:role/ecs-highres-spoke`]);
  });

  test('every datum names its cluster, account and region, at the tick, 1-second resolution', async () => {
    givenSpokeEcs(ecs, spokes);
    const { datums, reports } = await collectTargets(request(targets), hubState());
    const running = datums.filter((d) => d.MetricName === 'RunningTask');
    expect(running).toEqual([
      {
        MetricName: 'RunningTask',
        Dimensions: [
          { Name: 'ClusterName', Value: 'prod' },
          { Name: 'AccountId', Value: A },
          { Name: 'Region', Value: 'us-east-1' },
        ],
        Timestamp: TICK,
        Value: 1,
        Unit: 'Count',
        StorageResolution: 1,
      },
      {
        MetricName: 'RunningTask',
        Dimensions: [
          { Name: 'ClusterName', Value: 'prod' },
          { Name: 'AccountId', Value: A },
          { Name: 'Region', Value: 'eu-west-1' },
        ],
        Timestamp: TICK,
        Value: 2,
        Unit: 'Count',
        StorageResolution: 1,
      },
      {
        MetricName: 'RunningTask',
        Dimensions: [
          { Name: 'ClusterName', Value: 'prod' },
          { Name: 'AccountId', Value: B },
          { Name: 'Region', Value: 'us-east-1' },
        ],
        Timestamp: TICK,
        Value: 3,
        Unit: 'Count',
        StorageResolution: 1,
      },
    ]);
    expect(datums).toHaveLength(12);
    const series = new Set(datums.map((d) => `${d.MetricName} ${JSON.stringify(d.Dimensions)}`));
    expect(series.size).toBe(12);
    expect(reports.map((r) => [r.account, r.region, r.clusters, r.datums, r.lost.length])).toEqual([
      [A, 'us-east-1', 1, 4, 0],
      [A, 'eu-west-1', 1, 4, 0],
      [B, 'us-east-1', 1, 4, 0],
    ]);
  });
});

test('DescribeClusters is batched by 100 per account-region, statistics only when a metric needs them', async () => {
  const fake = givenSpokeEcs(ecs, { [`${A}/us-east-1`]: clustersOf(names(250)), [`${B}/us-east-1`]: clustersOf(names(100, 'b')) });
  const { datums } = await collectTargets(
    {
      ...request([
        { account: A, region: 'us-east-1', clusters: names(250) },
        { account: B, region: 'us-east-1', clusters: names(100, 'b') },
      ]),
      metrics: [metricDefinition('RunningTask')!],
    },
    hubState(),
  );
  const byTarget = (from: string) => fake.calls.filter((c) => c.from === from).map((c) => c.input);
  expect(byTarget(`${A}/us-east-1`)).toEqual([
    { clusters: names(250).slice(0, 100) },
    { clusters: names(250).slice(100, 200) },
    { clusters: names(250).slice(200) },
  ]);
  expect(byTarget(`${B}/us-east-1`)).toEqual([{ clusters: names(100, 'b') }]);
  expect(datums).toHaveLength(350);

  fake.calls.length = 0;
  await collectTargets(
    { ...request([{ account: B, region: 'us-east-1', clusters: ['b-0000'] }]), metrics: [metricDefinition('RunningFargateTask')!] },
    hubState(),
  );
  expect(fake.calls.map((c) => c.input)).toEqual([{ clusters: ['b-0000'], include: ['STATISTICS'] }]);
});

describe('one account-region failing loses only its own datums', () => {
  const spokes: Spokes = {
    [`${A}/us-east-1`]: clustersOf(['a1', 'a2']),
    [`${B}/us-east-1`]: clustersOf(['b1']),
    [`${B}/eu-west-1`]: clustersOf(['b2']),
    [`${C}/us-east-1`]: clustersOf(['c1']),
  };
  const targets: HubTarget[] = [
    { account: A, region: 'us-east-1', clusters: ['a1', 'a2'] },
    { account: B, region: 'us-east-1', clusters: ['b1'] },
    { account: B, region: 'eu-west-1', clusters: ['b2'] },
    { account: C, region: 'us-east-1', clusters: '*' },
  ];
  const accountsOf = (datums: { Dimensions?: { Value?: string }[] }[]) => [
    ...new Set(datums.map((d) => `${d.Dimensions![1].Value}/${d.Dimensions![2].Value}`)),
  ];

  test('an account whose role cannot be assumed: every region of it lost, named, nothing asked of its ECS', async () => {
    sts.reset();
    givenSts(sts, clock, [B]);
    const fake = givenSpokeEcs(ecs, spokes);
    const { datums, reports } = await collectTargets(request(targets), hubState());
    expect(accountsOf(datums)).toEqual([`${A}/us-east-1`, `${C}/us-east-1`]);
    expect(datums).toHaveLength(12);
    expect(fake.calls.filter((c) => c.from.startsWith(B))).toEqual([]);
    expect(reports.map(lostOf)).toEqual([[], ['AssumeRole b1'], ['AssumeRole b2'], []]);
    expect(describeLostAccountRegions(reports)).toBe(
      [
        `${B}/us-east-1: AssumeRole failed: AssumeRoleError: AssumeRole of arn:aws:iam::${B}:role/ecs-highres-spoke failed: AccessDenied: User: arn:aws:sts::999999999999:assumed-role/hub-collector/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${B}:role/ecs-highres-spoke`,
        `${B}/eu-west-1: AssumeRole failed: AssumeRoleError: AssumeRole of arn:aws:iam::${B}:role/ecs-highres-spoke failed: AccessDenied: User: arn:aws:sts::999999999999:assumed-role/hub-collector/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${B}:role/ecs-highres-spoke`,
      ].join('\n'),
    );
  });

  test('an account-region whose ECS answers errors: only its clusters lost; the same account in another region is collected', async () => {
    givenSpokeEcs(ecs, spokes, {
      failing: [`${B}/eu-west-1`],
      error: Object.assign(new Error('User is not authorized to perform: ecs:DescribeClusters'), { name: 'AccessDeniedException' }),
    });
    const { datums, reports } = await collectTargets(request(targets), hubState());
    expect(accountsOf(datums)).toEqual([`${A}/us-east-1`, `${B}/us-east-1`, `${C}/us-east-1`]);
    expect(reports.map(lostOf)).toEqual([[], [], ['DescribeClusters b2'], []]);
    expect(describeLostAccountRegions(reports)).toBe(
      `${B}/eu-west-1: DescribeClusters failed for clusters b2: AccessDeniedException: User is not authorized to perform: ecs:DescribeClusters`,
    );
  });

  test('a discovered account-region that cannot be listed the first time loses "*"', async () => {
    givenSpokeEcs(ecs, spokes, { failing: [`${C}/us-east-1`] });
    const { reports } = await collectTargets(request(targets), hubState());
    expect(reports.map(lostOf)).toEqual([[], [], [], ['ListClusters *']]);
    expect(describeLostAccountRegions(reports)).toBe(`${C}/us-east-1: ListClusters failed: ThrottlingException: Rate exceeded`);
  });

  test('nothing lost, nothing to say', async () => {
    givenSpokeEcs(ecs, spokes);
    const { reports } = await collectTargets(request(targets), hubState());
    expect(describeLostAccountRegions(reports)).toBe('');
    expect(reports.every((r) => r.skipped.length === 0)).toBe(true);
  });

  test('a cluster ECS does not know is skipped and reported, not lost', async () => {
    givenSpokeEcs(ecs, spokes);
    const { reports } = await collectTargets(request([{ account: A, region: 'us-east-1', clusters: ['a1', 'gone'] }]), hubState());
    expect(reports[0]).toMatchObject({ clusters: 1, datums: 4, lost: [], skipped: [{ cluster: 'gone', reason: 'MISSING' }] });
  });
});

describe('warm invocations', () => {
  const spokes: Spokes = { [`${A}/us-east-1`]: clustersOf(['x', 'y']), [`${B}/eu-west-1`]: clustersOf(['z']) };
  const targets: HubTarget[] = [
    { account: A, region: 'us-east-1', clusters: '*' },
    { account: B, region: 'eu-west-1', clusters: ['z'] },
  ];

  test('a minute of ticks: one AssumeRole per account, one ListClusters, one ECS client per account-region', async () => {
    const fake = givenSpokeEcs(ecs, spokes);
    const state = hubState();
    for (let t = 0; t < 12; t++) {
      const { datums } = await collectTargets(request(targets), state);
      expect(datums).toHaveLength(12);
      clock.advance(5_000);
    }
    expect(assumeRoleInputs(sts)).toHaveLength(2);
    expect(fake.calls.filter((c) => c.command === 'ListClusters')).toEqual([
      { from: `${A}/us-east-1`, command: 'ListClusters', input: { maxResults: 100, nextToken: undefined } },
    ]);
    expect(fake.calls.filter((c) => c.command === 'DescribeClusters')).toHaveLength(24);
    expect((state.ecsClients as EcsClientPool).size).toBe(2);
    // The next minute lists again: a new cluster gets metrics without a redeploy.
    spokes[`${A}/us-east-1`].w = COUNTS;
    const { reports } = await collectTargets(request(targets), state);
    expect(reports[0]).toMatchObject({ clusters: 3, calls: { ListClusters: 1, DescribeClusters: 1 } });
  });

  test('the same ECS client serves an account-region across invocations; another region of the account gets its own', () => {
    const pool = hubState().ecsClients as EcsClientPool;
    const first = pool.get({ account: A, region: 'us-east-1' });
    expect(pool.get({ account: A, region: 'us-east-1' })).toBe(first);
    expect(pool.get({ account: A, region: 'eu-west-1' })).not.toBe(first);
    expect(pool.get({ account: B, region: 'us-east-1' })).not.toBe(first);
    expect(pool.size).toBe(3);
  });

  test("an ECS client signs with its account's spoke role credentials, in its region", async () => {
    givenSts(sts, clock);
    const client = hubState().ecsClients.get({ account: B, region: 'eu-west-1' }) as ECSClient;
    expect(await client.config.region()).toBe('eu-west-1');
    expect((await client.config.credentials()).accessKeyId).toBe(`ASIA${B}N1`);
  });
});

describe('the bound on parallelism', () => {
  const targets = Array.from({ length: 40 }, (_, i): HubTarget => ({ account: String(100000000000 + i), region: 'us-east-1', clusters: ['prod'] }));
  const spokes: Spokes = Object.fromEntries(targets.map((t) => [`${t.account}/us-east-1`, clustersOf(['prod'])]));

  test.each([1, 4, 16])('with a bound of %i, never more ECS calls in flight, and every account-region collected', async (bound) => {
    const fake = givenSpokeEcs(ecs, spokes, { latencyMs: 5 });
    const { datums, reports } = await collectTargets(request(targets), hubState(), { concurrency: bound });
    expect(fake.peak).toBe(bound);
    expect(datums).toHaveLength(160);
    expect(reports.every((r) => r.lost.length === 0)).toBe(true);
  });

  test('by default the bound is HUB_CONCURRENCY', async () => {
    const many = Array.from(
      { length: HUB_CONCURRENCY + 20 },
      (_, i): HubTarget => ({ account: String(200000000000 + i), region: 'us-east-1', clusters: ['prod'] }),
    );
    const fake = givenSpokeEcs(ecs, Object.fromEntries(many.map((t) => [`${t.account}/us-east-1`, clustersOf(['prod'])])), { latencyMs: 5 });
    // AssumeRole not paced here (a pace of 150 a second would keep some account-regions waiting for their roles): the bound is ECS's alone.
    await collectTargets(request(many), hubState({ perSecond: 1_000_000, burst: 1_000 }));
    expect(fake.peak).toBe(HUB_CONCURRENCY);
    expect(assumeRoleInputs(sts)).toHaveLength(HUB_CONCURRENCY + 20);
  });
});

test('a cold tick asks for every account’s role at once, before reading any account-region, so none waits for its role in turn', async () => {
  // One account-region in flight at a time: without asking ahead, the second role would be asked only after the first account-region was read.
  const accounts = [A, B, C, '444444444444'];
  const targets = accounts.map((account): HubTarget => ({ account, region: 'us-east-1', clusters: ['prod'] }));
  const fake = givenSpokeEcs(ecs, Object.fromEntries(targets.map((t) => [`${t.account}/us-east-1`, clustersOf(['prod'])])), { latencyMs: 5 });
  const ecsCallsWhenAsked: number[] = [];
  sts.on(AssumeRoleCommand).callsFake(async (input) => {
    ecsCallsWhenAsked.push(fake.calls.length);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const account = input.RoleArn.split(':')[4];
    return { Credentials: { AccessKeyId: `ASIA${account}N1`, SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(clock.now() + 3_600_000) } };
  });
  const { reports } = await collectTargets(request(targets), hubState(), { concurrency: 1 });
  expect(ecsCallsWhenAsked).toEqual([0, 0, 0, 0]);
  expect(reports.map((r) => [r.account, r.lost.length])).toEqual(accounts.map((account) => [account, 0]));
  // Warm: no role asked again.
  ecsCallsWhenAsked.length = 0;
  const state = hubState();
  await collectTargets(request(targets), state, { concurrency: 1 });
  await collectTargets(request(targets), state, { concurrency: 1 });
  expect(ecsCallsWhenAsked).toHaveLength(4);
});

test('at the collect deadline, what is not collected is lost by its account-region, not waited for', async () => {
  givenSpokeEcs(ecs, { [`${A}/us-east-1`]: clustersOf(['a']) }, { latencyMs: 10_000 });
  const deadline = AbortSignal.timeout(50);
  const { reports } = await collectTargets(request([{ account: A, region: 'us-east-1', clusters: ['a'] }]), hubState(), { collectDeadline: deadline });
  expect(reports[0].lost).toEqual([
    { api: 'DescribeClusters', cluster: 'a', reason: 'DeadlineError: DescribeClusters was stopped at its deadline, before the Lambda timeout' },
  ]);
});

test("per-service metrics: each account-region's services are described with its own client, and each datum names service, cluster, account and region", async () => {
  const web = { runningCount: 4, desiredCount: 5, pendingCount: 1 };
  const fake = givenSpokeEcs(ecs, {
    [`${A}/us-east-1`]: { prod: { ...COUNTS, services: { web } } },
    [`${B}/eu-west-1`]: { prod: { ...COUNTS, services: { web: { ...web, runningCount: 9 } } } },
  });
  const { datums, reports } = await collectTargets(
    {
      targets: [
        { account: A, region: 'us-east-1', clusters: ['prod'], services: { prod: ['web'] } },
        { account: B, region: 'eu-west-1', clusters: ['prod'], services: { prod: ['web', 'gone'] } },
      ],
      metrics: [metricDefinition('RunningCount')!],
      timestamp: TICK,
    },
    hubState(),
  );
  expect(fake.calls.filter((c) => c.command === 'DescribeServices').map((c) => [c.from, c.input])).toEqual([
    [`${A}/us-east-1`, { cluster: 'prod', services: ['web'] }],
    [`${B}/eu-west-1`, { cluster: 'prod', services: ['web', 'gone'] }],
  ]);
  expect(datums.map((d) => [d.MetricName, d.Dimensions!.map((x) => `${x.Name}=${x.Value}`).join(' '), d.Value])).toEqual([
    ['RunningCount', `ClusterName=prod ServiceName=web AccountId=${A} Region=us-east-1`, 4],
    ['RunningCount', `ClusterName=prod ServiceName=web AccountId=${B} Region=eu-west-1`, 9],
  ]);
  expect(reports.map((r) => [r.services, r.skipped.map((s) => `${s.cluster}/${s.service}: ${s.reason}`)])).toEqual([
    [1, []],
    [1, ['prod/gone: MISSING']],
  ]);
});
