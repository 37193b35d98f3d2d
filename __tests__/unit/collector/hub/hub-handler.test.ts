/**
 * The hub's entry point over 2 accounts × 2 regions: the exact S3, STS, ECS and CloudWatch
 * requests of one invocation, what warm invocations reuse (the target list once per version,
 * the spoke credentials), one account's AssumeRole denied losing only its own datums, the
 * summary line and the state machine's result.
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { PublishError } from '../../../../functions/collector/collect';
import type { HubSummary } from '../../../../functions/collector/hub/hub-collector';
import { MalformedTargetListError } from '../../../../functions/collector/hub/target-list';
import { TargetListReadError } from '../../../../functions/collector/hub/target-list-reader';
import { handleHubEvent, hubHandler } from '../../../../functions/collector/index';
import { PUBLISH_ERROR_NAME } from '../../../../modules/contract/collector-event';
import type { HubCollectorInput } from '../../../../modules/contract/collector-event';
import { assumeRolePaceOf, shardIndexOf } from '../../../../modules/contract/hub-shards';
import { inputsOf, putRequests } from '../../../support/fake-aws';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  assumeRoleInputs,
  givenSpokeEcs,
  givenSts,
  HUB_TARGET_LIST,
  hubFakes,
  type Spokes,
  TWO_BY_TWO_TARGETS,
} from '../../../support/fake-spokes';

const { s3, sts, ecs, cloudwatch, context, givenTargetList, freshHub } = hubFakes();

const A = ACCOUNT_A;
const B = ACCOUNT_B;
const COUNTS = { runningTasksCount: 7, pendingTasksCount: 2, activeServicesCount: 3, registeredContainerInstancesCount: 1 };
const SPOKES: Spokes = {
  [`${A}/us-east-1`]: { prod: { ...COUNTS, runningTasksCount: 1 }, batch: { ...COUNTS, runningTasksCount: 2 } },
  [`${A}/eu-west-1`]: { prod: { ...COUNTS, runningTasksCount: 3 } },
  [`${B}/us-east-1`]: { prod: { ...COUNTS, runningTasksCount: 4 } },
  [`${B}/eu-west-1`]: { web: { ...COUNTS, runningTasksCount: 5 } },
};
const INPUT: HubCollectorInput = {
  targetList: HUB_TARGET_LIST,
  spokeRole: { name: 'ecs-highres-spoke', path: '/platform/', externalId: 'hub-ext-1', sessionName: 'ecs-highres-hub' },
  namespace: 'ECS/Fleet',
  metrics: ['RunningTask'],
};
const TICK = { intervalSeconds: 5, offsetSeconds: 10, executionStartTime: '2026-11-30T10:00:00.300Z' };
const event = (input: Partial<HubCollectorInput> = {}) => ({ input: { ...INPUT, ...input }, tick: TICK });

/** THEN: every datum published, as `account/region cluster MetricName = value`. */
const publishedNow = () => published();
const published = () =>
  putRequests(cloudwatch)
    .flatMap((put) => put.MetricData!)
    .map((d) => {
      const dim = (name: string) => d.Dimensions!.find((x) => x.Name === name)?.Value;
      return `${dim('AccountId')}/${dim('Region')} ${dim('ClusterName')} ${d.MetricName} = ${d.Value}`;
    });

beforeEach(() => givenTargetList({ v1: TWO_BY_TWO_TARGETS }));

describe('one hub invocation over 2 accounts × 2 regions', () => {
  test('reads the target list by version, assumes each account once, describes each account-region, publishes once in the hub', async () => {
    const fake = givenSpokeEcs(ecs, SPOKES);
    await handleHubEvent(freshHub(), event(), context);

    // ExpectedBucketOwner: the hub's own account (its function's), so a bucket of the same name in another account is never read.
    expect(inputsOf(s3, GetObjectCommand)).toEqual([
      { Bucket: 'ecs-highres-hub-targets', Key: 'targets.json', VersionId: 'v1', ExpectedBucketOwner: '999999999999' },
    ]);
    const role = (account: string) => ({
      RoleArn: `arn:aws:iam::${account}:role/platform/ecs-highres-spoke`,
      RoleSessionName: 'ecs-highres-hub',
      DurationSeconds: 3600,
      ExternalId: 'hub-ext-1',
    });
    expect(assumeRoleInputs(sts).sort((x, y) => x.RoleArn!.localeCompare(y.RoleArn!))).toEqual([role(A), role(B)]);
    expect(fake.calls.map((c) => [c.from, c.command, c.input]).sort()).toEqual(
      [
        [`${A}/eu-west-1`, 'DescribeClusters', { clusters: ['prod'] }],
        [`${A}/us-east-1`, 'DescribeClusters', { clusters: ['prod', 'batch'] }],
        [`${B}/eu-west-1`, 'DescribeClusters', { clusters: ['web'] }],
        [`${B}/eu-west-1`, 'ListClusters', { maxResults: 100 }],
        [`${B}/us-east-1`, 'DescribeClusters', { clusters: ['prod'] }],
      ].sort(),
    );
    const datum = (account: string, region: string, cluster: string, value: number) => ({
      MetricName: 'RunningTask',
      Dimensions: [
        { Name: 'ClusterName', Value: cluster },
        { Name: 'AccountId', Value: account },
        { Name: 'Region', Value: region },
      ],
      Timestamp: new Date('2026-11-30T10:00:10Z'),
      Value: value,
      Unit: 'Count',
      StorageResolution: 1,
    });
    // One request, in the hub's namespace, account-regions in the list's order.
    expect(putRequests(cloudwatch)).toEqual([
      {
        Namespace: 'ECS/Fleet',
        MetricData: [
          datum(A, 'us-east-1', 'prod', 1),
          datum(A, 'us-east-1', 'batch', 2),
          datum(A, 'eu-west-1', 'prod', 3),
          datum(B, 'us-east-1', 'prod', 4),
          datum(B, 'eu-west-1', 'web', 5),
        ],
      },
    ]);
  });

  test('the partition of the spoke roles is the hub function’s', async () => {
    givenSpokeEcs(ecs, SPOKES);
    await handleHubEvent(freshHub(), event(), { ...context, invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:999999999999:function:hub' });
    expect(
      assumeRoleInputs(sts)
        .map((i) => i.RoleArn)
        .sort(),
    ).toEqual([`arn:aws-cn:iam::${A}:role/platform/ecs-highres-spoke`, `arn:aws-cn:iam::${B}:role/platform/ecs-highres-spoke`]);
  });

  test('without an external ID, AssumeRole sends none', async () => {
    givenSpokeEcs(ecs, SPOKES);
    const { externalId: _none, ...role } = INPUT.spokeRole;
    await handleHubEvent(freshHub(), event({ spokeRole: role }), context);
    expect(assumeRoleInputs(sts).every((i) => !('ExternalId' in i))).toBe(true);
    expect(assumeRoleInputs(sts)).toHaveLength(2);
  });

  test('logs one summary line with the account-regions and the calls of every API; returns counts only', async () => {
    givenSpokeEcs(ecs, SPOKES);
    const result = await handleHubEvent(freshHub(), event(), context);
    expect(console.info).toHaveBeenCalledTimes(1);
    expect((console.info as jest.Mock).mock.calls[0][0]).toMatchObject({
      event: 'collected',
      tick: '2026-11-30T10:00:10.000Z',
      accountRegions: 4,
      lostAccountRegions: 0,
      clusters: 5,
      datums: 5,
      calls: { GetObject: 1, AssumeRole: 2, ListClusters: 1, DescribeClusters: 4, PutMetricData: 1, ListServices: 0, DescribeServices: 0 },
      lost: 0,
    });
    expect(result).toEqual({
      accountRegions: 4,
      clusters: 5,
      services: 0,
      datums: 5,
      refusedDatums: 0,
      calls: { GetObject: 1, AssumeRole: 2, ListClusters: 1, DescribeClusters: 4, PutMetricData: 1, ListServices: 0, DescribeServices: 0 },
      retries: 0,
      skipped: 0,
      lost: 0,
      lostAccountRegions: 0,
      timestamp: '2026-11-30T10:00:10.000Z',
    });
  });

  test('the exported hubHandler is the Lambda entry point (its own warm container)', async () => {
    givenSpokeEcs(ecs, SPOKES);
    await hubHandler(event({ targetList: { ...INPUT.targetList, versionId: 'v1' } }), context);
    expect(published()).toHaveLength(5);
  });
});

describe('a tick of several shards', () => {
  test('each shard collects and publishes only its own account-regions; together they publish the tick once', async () => {
    const fake = givenSpokeEcs(ecs, SPOKES);
    const count = 3;
    const published: string[][] = [];
    const paces: unknown[] = [];
    for (let index = 0; index < count; index++) {
      cloudwatch.resetHistory();
      const hub = freshHub();
      await handleHubEvent(hub, { ...event({ shards: count }), shard: { index, count } }, context);
      published.push(publishedNow());
      paces.push((hub as any).spokes.state.credentials.pacer.pace);
    }
    // Each shard's container assumes the roles of its own accounts, every region of an account in one shard: one AssumeRole per account for the tick.
    expect(
      assumeRoleInputs(sts)
        .map((input) => input.RoleArn!.split(':')[4])
        .sort(),
    ).toEqual([A, B]);
    // Each paces its AssumeRole calls to its share of the tick's: 300 a second and a burst of 25, over 3.
    expect(paces).toEqual([0, 1, 2].map(() => assumeRolePaceOf(count)));
    expect(assumeRolePaceOf(count)).toEqual({ perSecond: 100, burst: 8 });
    const ofShard = (index: number) => TWO_BY_TWO_TARGETS.filter((t) => shardIndexOf(t, count) === index).map((t) => `${t.account}/${t.region}`);
    // The hash spreads these four over more than one shard: the test would not fail otherwise.
    expect(new Set(TWO_BY_TWO_TARGETS.map((t) => shardIndexOf(t, count))).size).toBeGreaterThan(1);
    published.forEach((lines, index) => {
      expect([...new Set(lines.map((line) => line.split(' ')[0]))].sort()).toEqual(ofShard(index).sort());
    });
    expect(published.flat().sort()).toEqual(
      [
        `${A}/us-east-1 prod RunningTask = 1`,
        `${A}/us-east-1 batch RunningTask = 2`,
        `${A}/eu-west-1 prod RunningTask = 3`,
        `${B}/us-east-1 prod RunningTask = 4`,
        `${B}/eu-west-1 web RunningTask = 5`,
      ].sort(),
    );
    // Every account-region described by exactly one shard.
    expect(
      fake.calls
        .filter((c) => c.command === 'DescribeClusters')
        .map((c) => c.from)
        .sort(),
    ).toEqual(TWO_BY_TWO_TARGETS.map((t) => `${t.account}/${t.region}`).sort());
    // Each summary line names its shard and counts only its own account-regions.
    const lines = (console.info as jest.Mock).mock.calls.map(([line]) => line);
    expect(lines.map((l) => [l.shard, l.accountRegions])).toEqual([0, 1, 2].map((index) => [`${index}/${count}`, ofShard(index).length]));
  });
});

describe('warm invocations', () => {
  test('read the target list once per version, assume each role once, and re-read for a new version', async () => {
    givenSpokeEcs(ecs, SPOKES);
    givenTargetList({ v1: TWO_BY_TWO_TARGETS, v2: [{ account: A, region: 'us-east-1', clusters: ['prod'] }] });
    const hub = freshHub();
    await handleHubEvent(hub, event(), context);
    await handleHubEvent(hub, event(), context);
    await handleHubEvent(hub, event(), context);
    expect(inputsOf(s3, GetObjectCommand).map((i) => i.VersionId)).toEqual(['v1']);
    expect(assumeRoleInputs(sts)).toHaveLength(2);

    cloudwatch.resetHistory();
    await handleHubEvent(hub, event({ targetList: { ...INPUT.targetList, versionId: 'v2' } }), context);
    expect(inputsOf(s3, GetObjectCommand).map((i) => i.VersionId)).toEqual(['v1', 'v2']);
    expect(published()).toEqual([`${A}/us-east-1 prod RunningTask = 1`]);
    // An execution started before the deployment still reads v1: kept, not read again.
    await handleHubEvent(hub, event(), context);
    expect(inputsOf(s3, GetObjectCommand).map((i) => i.VersionId)).toEqual(['v1', 'v2']);
    expect(assumeRoleInputs(sts)).toHaveLength(2);
  });

  test('a new spoke role (another deployment) is assumed afresh, never answered with the old role’s credentials', async () => {
    givenSpokeEcs(ecs, SPOKES);
    const hub = freshHub();
    await handleHubEvent(hub, event(), context);
    await handleHubEvent(hub, event({ spokeRole: { ...INPUT.spokeRole, name: 'metrics-reader' } }), context);
    expect(assumeRoleInputs(sts).map((i) => i.RoleArn!.replace(/\d{12}/, 'ACCOUNT'))).toEqual([
      'arn:aws:iam::ACCOUNT:role/platform/ecs-highres-spoke',
      'arn:aws:iam::ACCOUNT:role/platform/ecs-highres-spoke',
      'arn:aws:iam::ACCOUNT:role/platform/metrics-reader',
      'arn:aws:iam::ACCOUNT:role/platform/metrics-reader',
    ]);
  });

  test('a failed read is not kept: nothing is collected or published, and the next invocation reads again', async () => {
    givenSpokeEcs(ecs, SPOKES);
    s3.on(GetObjectCommand).rejectsOnce(Object.assign(new Error('Access Denied'), { name: 'AccessDenied' }));
    const hub = freshHub();
    const failed = handleHubEvent(hub, event(), context);
    await expect(failed).rejects.toThrow(TargetListReadError);
    await expect(failed).rejects.toThrow(
      'reading the target list s3://ecs-highres-hub-targets/targets.json (version v1) failed: AccessDenied: Access Denied. Nothing was collected',
    );
    expect(sts.calls()).toHaveLength(0);
    expect(ecs.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
    expect((console.error as jest.Mock).mock.calls[0][0]).toMatchObject({
      event: 'collection failed',
      datums: 0,
      error: expect.stringContaining('AccessDenied'),
    });

    givenTargetList({ v1: TWO_BY_TWO_TARGETS });
    await handleHubEvent(hub, event(), context);
    expect(inputsOf(s3, GetObjectCommand)).toHaveLength(2);
    expect(published()).toHaveLength(5);
  });

  test('a version S3 does not have fails the invocation naming the object and version, and the stack to re-apply', async () => {
    givenSpokeEcs(ecs, SPOKES);
    const targetList = { ...INPUT.targetList, versionId: 'gone', stack: 'ecs-highres-hub-999999999999-eu-central-1' };
    await expect(handleHubEvent(freshHub(), event({ targetList }), context)).rejects.toThrow(
      'reading the target list s3://ecs-highres-hub-targets/targets.json (version gone) failed: NoSuchVersion: The specified version does not exist. ' +
        'Nothing was collected: the version the schedule names is gone (the bucket keeps every version, so it was deleted): ' +
        're-apply the hub stack ecs-highres-hub-999999999999-eu-central-1 to write the list again',
    );
    expect(cloudwatch.calls()).toHaveLength(0);
  });

  test('without a function ARN (a direct call outside Lambda) the owner is unknown, and not sent', async () => {
    givenSpokeEcs(ecs, SPOKES);
    await handleHubEvent(freshHub(), event(), { getRemainingTimeInMillis: () => 60_000 });
    expect(inputsOf(s3, GetObjectCommand)).toEqual([{ Bucket: 'ecs-highres-hub-targets', Key: 'targets.json', VersionId: 'v1' }]);
  });
});

describe('a target list the collector cannot act on', () => {
  test('an empty list fails the invocation naming the object and version: nothing to collect is a broken list, not a quiet success', async () => {
    givenSpokeEcs(ecs, SPOKES);
    givenTargetList({ v1: [] });
    const error = await handleHubEvent(freshHub(), event(), context).catch((e) => e);
    expect(error).toBeInstanceOf(MalformedTargetListError);
    expect(error.message).toBe(
      'Malformed target list s3://ecs-highres-hub-targets/targets.json (version v1): targets: is empty: list every member account-region to collect, each with its clusters or "*". ' +
        'Nothing was collected; the hub stack writes this object: re-apply the hub stack',
    );
    expect(sts.calls()).toHaveLength(0);
    expect(ecs.calls()).toHaveLength(0);
    expect(cloudwatch.calls()).toHaveLength(0);
    expect((console.error as jest.Mock).mock.calls[0][0]).toMatchObject({ event: 'collection failed', error: expect.stringContaining('targets: is empty') });
  });
});

describe('one account whose spoke role cannot be assumed', () => {
  test('loses only its own datums: the others are published, then the invocation fails naming its account-regions', async () => {
    sts.reset();
    givenSts(sts, { now: Date.now }, [B]);
    givenSpokeEcs(ecs, SPOKES);
    const error: PublishError<HubSummary> = await handleHubEvent(freshHub(), event(), context).then(
      () => {
        throw new Error('expected the invocation to fail');
      },
      (e) => e,
    );
    expect(published()).toEqual([`${A}/us-east-1 prod RunningTask = 1`, `${A}/us-east-1 batch RunningTask = 2`, `${A}/eu-west-1 prod RunningTask = 3`]);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.name).toBe(PUBLISH_ERROR_NAME);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('2 of 4 account-regions lost datums, everything else was published:');
    expect(lines[1]).toMatch(
      new RegExp(`^${B}/us-east-1: AssumeRole failed: AssumeRoleError: AssumeRole of arn:aws:iam::${B}:role/platform/ecs-highres-spoke failed: AccessDenied: `),
    );
    expect(lines[2]).toMatch(new RegExp(`^${B}/eu-west-1: AssumeRole failed: `));
    expect(lines).toHaveLength(3);
    expect(error.message).not.toContain(A);
    expect(error.summary.lostAccountRegions).toEqual([`${B}/us-east-1`, `${B}/eu-west-1`]);
    expect(error.summary.lost.map((l) => `${l.accountRegion} ${l.api} ${l.cluster}`)).toEqual([
      `${B}/us-east-1 AssumeRole prod`,
      `${B}/eu-west-1 AssumeRole *`,
    ]);
    expect((console.error as jest.Mock).mock.calls[0][0]).toMatchObject({
      event: 'collection failed',
      datums: 3,
      accountRegions: 4,
      lostAccountRegions: 2,
      lostAccountRegionNames: [`${B}/us-east-1`, `${B}/eu-west-1`],
      error: expect.stringContaining(`${PUBLISH_ERROR_NAME}: 2 of 4 account-regions lost datums`),
    });
  });

  test('a refused PutMetricData is charged to the account-regions it carried', async () => {
    givenSpokeEcs(ecs, SPOKES);
    cloudwatch.on(PutMetricDataCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    const error = await handleHubEvent(freshHub(), event(), context).catch((e) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.message.split('\n')[0]).toBe('4 of 4 account-regions lost datums, everything else was published:');
    expect(error.message).toContain(`${A}/us-east-1: PutMetricData failed for 2 datums of clusters prod, batch: Throttling: Rate exceeded`);
  });
});
