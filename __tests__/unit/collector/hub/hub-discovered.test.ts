/**
 * The tick with an organization: it polls the target list's account-regions plus those of the
 * discovered object (latest version, read at most once a minute per container; a listed entry
 * wins), collects the listed ones alone when the discovery has not written yet, saying so; and,
 * end to end on one fake clock, a new account's clusters reach a tick within the bound.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { DISCOVERED_TTL_MS, withDiscovered } from '../../../../functions/collector/hub/discovered-reader';
import { Discovery } from '../../../../functions/collector/hub/discovery/discovery';
import { createDiscoveryClients } from '../../../../functions/collector/hub/discovery/discovery-clients';
import { RUN_INTERVAL_SECONDS } from '../../../../functions/collector/hub/discovery/discovery-state';
import { HubCollector } from '../../../../functions/collector/hub/hub-collector';
import { handleHubEvent } from '../../../../functions/collector/index';
import type { HubCollectorInput } from '../../../../modules/contract/collector-event';
import {
  DEFAULT_DISCOVERY_REFRESH,
  DISCOVERED_VERSION,
  type OrganizationTargets,
  serializeTargetList,
  type TargetListEntry,
} from '../../../../modules/contract/hub-target-list';
import { freshFakesForEachTest, inputsOf, putRequests } from '../../../support/fake-aws';
import { type FakeTree, givenBucket, givenOrganization } from '../../../support/fake-organization';
import { fakeClock, givenSpokeEcs, givenSts, type Spokes } from '../../../support/fake-spokes';

const s3 = mockClient(S3Client);
const sts = mockClient(STSClient);
const ecs = mockClient(ECSClient);
const ec2 = mockClient(EC2Client);
const organizations = mockClient(OrganizationsClient);
const cloudwatch = mockClient(CloudWatchClient);
freshFakesForEachTest(ecs, cloudwatch);

const HUB = '999999999999';
const [A, B, C] = ['111111111111', '222222222222', '333333333333'];
const OU = 'ou-ab12-11111111';
const HUB_FUNCTION = `arn:aws:lambda:eu-central-1:${HUB}:function:ecs-highres-collector`;
const context = { getRemainingTimeInMillis: () => 60_000, invokedFunctionArn: HUB_FUNCTION };
const COUNTS = { runningTasksCount: 7, pendingTasksCount: 2, activeServicesCount: 3, registeredContainerInstancesCount: 1 };

const INPUT: HubCollectorInput = {
  targetList: { bucket: 'hub-targets', key: 'targets.json', versionId: 'v-list' },
  spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-hub' },
  namespace: 'ECS/Fleet',
  metrics: ['RunningTask'],
  discovered: { bucket: 'hub-targets', key: 'discovered.json' },
};
const ORGANIZATION: OrganizationTargets = {
  units: [OU],
  regions: '*',
  exclude: [],
  organizationsRole: { account: '888888888888', name: 'ecs-highres-organizations-read', path: '/', sessionName: 'ecs-highres-discovery' },
  refresh: DEFAULT_DISCOVERY_REFRESH,
};

/** The tick at `clock`'s now: its event, as the state machine sends it. */
const tickAt = (ms: number, input: HubCollectorInput = INPUT) => ({
  input,
  tick: { intervalSeconds: 5, offsetSeconds: 0, executionStartTime: new Date(ms).toISOString() },
});

/** THEN: the account-regions of the datums published, sorted. */
const polled = () =>
  [...new Set(putRequests(cloudwatch).flatMap((put) => put.MetricData!.map((d) => d.Dimensions!.find((x) => x.Name === 'AccountId')!.Value!)))].sort();

const discoveredText = (targets: TargetListEntry[]) =>
  JSON.stringify({ version: DISCOVERED_VERSION, generatedAt: '2026-12-02T03:00:00.000Z', targets, state: { organization: '{}', accounts: {} } });

function hubWith(clock: { now(): number }) {
  return new HubCollector(
    {
      s3: new S3Client({ region: 'eu-central-1' }),
      sts: new STSClient({ region: 'eu-central-1' }),
      cloudwatch: new CloudWatchClient({ region: 'eu-central-1' }),
    },
    clock.now,
  );
}

beforeEach(() => {
  for (const stub of [s3, sts, ec2, organizations]) stub.reset();
});

test('a listed entry wins over a discovered one of the same account-region; the discovered ones follow', () => {
  const listed: TargetListEntry[] = [{ account: A, region: 'us-east-1', clusters: ['prod'], services: { prod: '*' } }];
  const discovered: TargetListEntry[] = [
    { account: A, region: 'us-east-1', clusters: '*' },
    { account: B, region: 'us-east-1', clusters: '*' },
  ];
  expect(withDiscovered(listed, discovered)).toEqual([listed[0], discovered[1]]);
});

describe('a tick with a discovered object', () => {
  test('polls the listed and the discovered account-regions, reads the object with ExpectedBucketOwner, and says how many it added', async () => {
    const clock = fakeClock();
    givenSts(sts, clock);
    const bucket = givenBucket(s3, { 'discovered.json': discoveredText([{ account: B, region: 'us-east-1', clusters: '*' }]) });
    bucket.putVersion('targets.json', 'v-list', serializeTargetList([{ account: A, region: 'us-east-1', clusters: ['prod'] }], ORGANIZATION));
    const spokes: Spokes = { [`${A}/us-east-1`]: { prod: COUNTS }, [`${B}/us-east-1`]: { web: COUNTS } };
    givenSpokeEcs(ecs, spokes);
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      const result = await handleHubEvent(hubWith(clock), tickAt(clock.now()), context);
      expect(result).toMatchObject({ accountRegions: 2, datums: 2 });
      expect(result).not.toHaveProperty('discovered');
      expect(polled()).toEqual([A, B]);
      expect(inputsOf(s3, GetObjectCommand).map((i) => [i.Key, i.VersionId, i.ExpectedBucketOwner])).toEqual([
        ['targets.json', 'v-list', HUB],
        ['discovered.json', undefined, HUB],
      ]);
      expect(info).toHaveBeenCalledWith(
        expect.objectContaining({ accountRegions: 2, discovered: { targets: 1, source: 'read', generatedAt: '2026-12-02T03:00:00.000Z' } }),
      );
    } finally {
      info.mockRestore();
    }
  });

  test('re-reads the object at most once a minute per container, then picks up what the discovery wrote', async () => {
    const clock = fakeClock();
    givenSts(sts, clock);
    const bucket = givenBucket(s3, { 'discovered.json': discoveredText([{ account: B, region: 'us-east-1', clusters: '*' }]) });
    bucket.putVersion('targets.json', 'v-list', serializeTargetList([], ORGANIZATION));
    givenSpokeEcs(ecs, { [`${B}/us-east-1`]: { web: COUNTS }, [`${C}/us-east-1`]: { web: COUNTS } });
    const hub = hubWith(clock);
    const reads = () => inputsOf(s3, GetObjectCommand).filter((i) => i.Key === 'discovered.json').length;
    const quiet = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      for (let second = 0; second < 60; second += 5) await handleHubEvent(hub, tickAt(clock.now() + second * 1000), context);
      expect(reads()).toBe(1);
      // The discovery writes C; ticks of the same minute still poll B alone, the first after a minute polls C too.
      bucket.put(
        'discovered.json',
        discoveredText([
          { account: B, region: 'us-east-1', clusters: '*' },
          { account: C, region: 'us-east-1', clusters: '*' },
        ]),
      );
      cloudwatch.resetHistory();
      clock.advance(DISCOVERED_TTL_MS - 1);
      await handleHubEvent(hub, tickAt(clock.now()), context);
      expect(polled()).toEqual([B]);
      clock.advance(1);
      cloudwatch.resetHistory();
      await handleHubEvent(hub, tickAt(clock.now()), context);
      expect(polled()).toEqual([B, C]);
      expect(reads()).toBe(2);
    } finally {
      quiet.mockRestore();
    }
  });

  test('without the object yet (the discovery has not run), collects the listed targets and says so in its line', async () => {
    const clock = fakeClock();
    givenSts(sts, clock);
    const bucket = givenBucket(s3);
    bucket.putVersion('targets.json', 'v-list', serializeTargetList([{ account: A, region: 'us-east-1', clusters: ['prod'] }], ORGANIZATION));
    givenSpokeEcs(ecs, { [`${A}/us-east-1`]: { prod: COUNTS } });
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      await handleHubEvent(hubWith(clock), tickAt(clock.now()), context);
      expect(polled()).toEqual([A]);
      expect(info).toHaveBeenCalledWith(
        expect.objectContaining({
          discovered: { targets: 0, source: 'missing', note: 'no discovered object yet (the discovery has not run): the listed targets only' },
        }),
      );
    } finally {
      info.mockRestore();
    }
  });

  test('a failed read keeps the last known targets, says why, and is tried again a minute later', async () => {
    const clock = fakeClock();
    givenSts(sts, clock);
    const bucket = givenBucket(s3, { 'discovered.json': discoveredText([{ account: B, region: 'us-east-1', clusters: '*' }]) });
    bucket.putVersion('targets.json', 'v-list', serializeTargetList([], ORGANIZATION));
    givenSpokeEcs(ecs, { [`${B}/us-east-1`]: { web: COUNTS } });
    const hub = hubWith(clock);
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      await handleHubEvent(hub, tickAt(clock.now()), context);
      s3.on(GetObjectCommand, { Key: 'discovered.json' }).rejects(Object.assign(new Error('Slow Down'), { name: 'SlowDown' }));
      clock.advance(DISCOVERED_TTL_MS);
      cloudwatch.resetHistory();
      await handleHubEvent(hub, tickAt(clock.now()), context);
      expect(polled()).toEqual([B]);
      expect(info).toHaveBeenLastCalledWith(
        expect.objectContaining({
          discovered: {
            targets: 1,
            source: 'failed',
            reason: 'reading the discovered object failed: SlowDown: Slow Down',
            generatedAt: '2026-12-02T03:00:00.000Z',
          },
        }),
      );
    } finally {
      info.mockRestore();
    }
  });

  test('an input without discovered reads no discovered object and its line has no discovered field', async () => {
    const clock = fakeClock();
    givenSts(sts, clock);
    const bucket = givenBucket(s3);
    bucket.putVersion('targets.json', 'v-list', serializeTargetList([{ account: A, region: 'us-east-1', clusters: ['prod'] }]));
    givenSpokeEcs(ecs, { [`${A}/us-east-1`]: { prod: COUNTS } });
    const { discovered: _none, ...input } = INPUT;
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      await handleHubEvent(hubWith(clock), tickAt(clock.now(), input), context);
      expect(inputsOf(s3, GetObjectCommand).map((i) => i.Key)).toEqual(['targets.json']);
      expect(info.mock.calls[0][0]).not.toHaveProperty('discovered');
    } finally {
      info.mockRestore();
    }
  });
});

test('end to end on one clock: an account created in the OU is polled by a tick within accountsSeconds + 2 minutes (7 minutes with the defaults)', async () => {
  const clock = fakeClock(Date.parse('2026-12-02T03:00:00Z'));
  givenSts(sts, clock);
  const bucket = givenBucket(s3);
  bucket.putVersion('targets.json', 'v-list', serializeTargetList([], ORGANIZATION));
  const tree: FakeTree = { [OU]: { ous: [], accounts: { [A]: 'ACTIVE' } } };
  givenOrganization(organizations, tree);
  ec2.on(DescribeRegionsCommand).resolves({ Regions: [{ RegionName: 'us-east-1' }] });
  const spokes: Spokes = { [`${A}/us-east-1`]: { prod: COUNTS }, [`${C}/us-east-1`]: { web: COUNTS } };
  givenSpokeEcs(ecs, spokes);
  const discovery = new Discovery(createDiscoveryClients('eu-central-1'), clock.now);
  const hub = hubWith(clock);
  const discoveryInput = {
    targetList: INPUT.targetList,
    spokeRole: { ...INPUT.spokeRole, sessionName: 'ecs-highres-discovery' },
    discovered: INPUT.discovered!,
  };
  const quiet = jest.spyOn(console, 'info').mockImplementation(() => undefined);
  try {
    // Minute 0: the discovery runs, then the minute's ticks.
    const start = clock.now();
    let createdAt: number | undefined;
    let polledAt: number | undefined;
    for (let minute = 0; minute < 12 && polledAt === undefined; minute++) {
      await discovery.run(discoveryInput, { partition: 'aws', region: 'eu-central-1', owner: HUB });
      if (minute === 0) {
        // Created just after the first accounts listing: the worst case for the listing's refresh.
        tree[OU].accounts[C] = 'ACTIVE';
        createdAt = clock.now() + 1000;
      }
      for (let second = 0; second < 60; second += 5) {
        clock.advance(5000);
        cloudwatch.resetHistory();
        await handleHubEvent(hub, tickAt(clock.now()), context);
        if (polledAt === undefined && polled().includes(C)) polledAt = clock.now();
      }
      if (minute === 0) expect(polled()).toEqual([A]);
    }
    expect(start).toBeLessThan(createdAt!);
    expect(polledAt).toBeDefined();
    const bound = DEFAULT_DISCOVERY_REFRESH.accountsSeconds + 2 * RUN_INTERVAL_SECONDS;
    expect((polledAt! - createdAt!) / 1000).toBeLessThanOrEqual(bound);
    expect(bound).toBeLessThanOrEqual(600);
    // Nothing of A was lost meanwhile.
    expect(polled()).toEqual([A, C]);
  } finally {
    quiet.mockRestore();
  }
});
