/**
 * Clusters may be asked for by name or by ARN (a direct invocation, the blog's ECSClusterName),
 * and ECS answers each one under its name and ARN, as a failure, or (an API answering with less
 * than asked) not at all. Every requested cluster must end published, skipped and reported, or
 * lost with the tick failing: never silently dropped, never published as another cluster.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, type CollectSummary, PublishError } from '../../../functions/collector/collect';
import { MalformedEventError, parseEvent } from '../../../functions/collector/event';
import { handler } from '../../../functions/collector/index';
import { ACCOUNT, cluster, clusterArn, givenEcs, inputsOf, putRequests, REGION, freshFakesForEachTest } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const clients = { ecs: new ECSClient({ region: REGION }), cloudwatch: new CloudWatchClient({ region: REGION }) };
const TIMESTAMP = new Date('2026-11-26T10:00:05Z');
const request = (clusters: string[]) => parseEvent({ clusters, metrics: ['RunningTask'] }, () => TIMESTAMP.getTime());
const OTHER_ACCOUNT = '222222222222';
const arnIn = (region: string, account: string, name: string) => `arn:aws:ecs:${region}:${account}:cluster/${name}`;
/** The Lambda context of a collector deployed in us-east-1 of ACCOUNT. */
const context = {
  getRemainingTimeInMillis: () => 10_000,
  invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:ecs-highres-collector`,
};

/** THEN: the ClusterName of every RunningTask datum published, in order. */
const publishedClusters = () =>
  putRequests(cloudwatch)
    .flatMap((put) => put.MetricData!)
    .map((d) => d.Dimensions![0].Value!);

/** Where each requested cluster ended: published (under this name), skipped or lost; exactly one of them. */
function outcomes(requested: readonly string[], summary: CollectSummary, published: readonly string[]) {
  return Object.fromEntries(
    requested.map((r) => {
      const ends = [
        ...summary.skipped.filter((s) => s.cluster === r).map((s) => `skipped: ${s.reason}`),
        ...summary.lost.filter((l) => l.cluster === r).map((l) => `lost: ${l.reason}`),
      ];
      const name = r.slice(r.lastIndexOf('/') + 1);
      if (ends.length === 0 && published.includes(name)) ends.push(`published as ${name}`);
      return [r, ends.length === 1 ? ends[0] : `${ends.length} outcomes: ${ends.join(' | ')}`];
    }),
  );
}

freshFakesForEachTest(ecs, cloudwatch);

describe('a cluster asked for by ARN', () => {
  test('is published under its name, as ECS answers it', async () => {
    givenEcs(ecs, [cluster('prod-api')]);
    const summary = await collect(request([clusterArn('prod-api')]), clients);
    expect(inputsOf(ecs, DescribeClustersCommand)).toEqual([{ clusters: [clusterArn('prod-api')] }]);
    expect(publishedClusters()).toEqual(['prod-api']);
    expect(summary).toMatchObject({ clusters: 1, datums: 1, skipped: [], lost: [] });
  });

  test("in the blog's ECSClusterName input, too", async () => {
    givenEcs(ecs, [cluster('ECSEsgaroth')]);
    const result = await handler({ ECSClusterName: clusterArn('ECSEsgaroth') }, context);
    expect(publishedClusters()).toEqual(['ECSEsgaroth', 'ECSEsgaroth', 'ECSEsgaroth', 'ECSEsgaroth']);
    expect(result).toMatchObject({ clusters: 1, datums: 4 });
  });

  test('that ECS does not know is skipped and reported under the ARN asked for', async () => {
    givenEcs(ecs, [cluster('a')]);
    const summary = await collect(request(['a', clusterArn('gone')]), clients);
    expect(summary.skipped).toEqual([{ cluster: clusterArn('gone'), reason: 'MISSING' }]);
    expect(publishedClusters()).toEqual(['a']);
  });

  test('and by name in one request is published once', async () => {
    givenEcs(ecs, [cluster('a'), cluster('b')]);
    const summary = await collect(request(['a', clusterArn('a'), 'b', clusterArn('b'), 'b']), clients);
    expect(publishedClusters()).toEqual(['a', 'b']);
    expect(summary).toMatchObject({ clusters: 2, datums: 2, skipped: [], lost: [] });
  });

  test('with services selected by its name, publishes them under its name', async () => {
    givenEcs(ecs, [cluster('prod', { services: [{ name: 'web', status: 'ACTIVE', runningCount: 3, desiredCount: 3, pendingCount: 0 }] })]);
    const summary = await collect(
      parseEvent({ clusters: [clusterArn('prod')], metrics: ['RunningTask', 'RunningCount'], services: { prod: ['web'] } }, () => TIMESTAMP.getTime()),
      clients,
    );
    expect(putRequests(cloudwatch)[0].MetricData!.map((d) => `${d.MetricName} ${d.Dimensions!.map((x) => x.Value).join('/')} = ${d.Value}`)).toEqual([
      'RunningTask prod = 7',
      'RunningCount prod/web = 3',
    ]);
    expect(summary).toMatchObject({ clusters: 1, services: 1, lost: [] });
  });
});

describe('names that are object keys or at the limit', () => {
  test('clusters named __proto__, constructor and hasOwnProperty, by name and by ARN, with services, are each published once', async () => {
    const web = [{ name: 'web', status: 'ACTIVE' as const, runningCount: 2, desiredCount: 2, pendingCount: 0 }];
    givenEcs(ecs, [cluster('__proto__', { services: web }), cluster('constructor', { services: web }), cluster('hasOwnProperty')]);
    const input = JSON.parse(
      JSON.stringify({
        clusters: ['__proto__', clusterArn('__proto__'), clusterArn('constructor'), 'hasOwnProperty'],
        metrics: ['RunningTask', 'RunningCount'],
        services: { ['__proto__']: ['web'], constructor: '*' },
      }),
    );
    // A computed key is an own property, as JSON.parse makes it: the event's services really name __proto__.
    expect(Object.keys(input.services)).toEqual(['__proto__', 'constructor']);
    const summary = await collect(
      parseEvent(input, () => TIMESTAMP.getTime()),
      clients,
    );
    expect(putRequests(cloudwatch)[0].MetricData!.map((d) => `${d.MetricName} ${d.Dimensions!.map((x) => x.Value).join('/')}`)).toEqual([
      'RunningTask __proto__',
      'RunningCount __proto__/web',
      'RunningTask constructor',
      'RunningCount constructor/web',
      'RunningTask hasOwnProperty',
    ]);
    expect(summary).toMatchObject({ clusters: 3, services: 2, skipped: [], lost: [] });
  });

  test('an ARN with a 255-character name is published under that name', async () => {
    const long = 'n'.repeat(255);
    givenEcs(ecs, [cluster(long)]);
    const summary = await collect(request([clusterArn(long)]), clients);
    expect(publishedClusters()).toEqual([long]);
    expect(summary).toMatchObject({ clusters: 1, lost: [] });
  });
});

describe('an ARN of another region or account', () => {
  test.each([
    ['another region', arnIn('eu-west-1', ACCOUNT, 'prod-eu'), `region eu-west-1 of account ${ACCOUNT}`],
    ['another account', arnIn(REGION, OTHER_ACCOUNT, 'prod-api'), `region ${REGION} of account ${OTHER_ACCOUNT}`],
    ['another partition', `arn:aws-cn:ecs:${REGION}:${ACCOUNT}:cluster/prod-api`, `region ${REGION} of account ${ACCOUNT} in partition aws-cn`],
  ])('(%s) is skipped without asking ECS, saying where the collector runs; the others are published', async (_, arn, where) => {
    givenEcs(ecs, [cluster('a'), cluster('prod-api'), cluster('prod-eu')]);
    const result = await handler({ clusters: ['a', arn] }, context);
    expect(inputsOf(ecs, DescribeClustersCommand)).toEqual([{ clusters: ['a'] }]);
    expect(result.skipped).toEqual([
      {
        cluster: arn,
        reason: `the cluster is in ${where}, but this collector runs in region ${REGION} of account ${ACCOUNT} in partition aws: list it in the pipeline of its own account-region`,
      },
    ]);
    expect(result).toMatchObject({ clusters: 1, lost: [] });
  });

  test('is never published as the cluster of the same name that ECS answers here', async () => {
    const elsewhere = arnIn('eu-west-1', OTHER_ACCOUNT, 'prod-api');
    // An ECS that looks an ARN up by its name alone.
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [{ clusterName: 'prod-api', clusterArn: clusterArn('prod-api'), status: 'ACTIVE', runningTasksCount: 7 }],
      failures: [],
    });
    const summary = await collect(request([elsewhere]), clients);
    expect(publishedClusters()).toEqual([]);
    expect(summary.skipped).toEqual([
      {
        cluster: elsewhere,
        reason: `ECS answered with ${clusterArn('prod-api')}, another cluster: list the cluster in the pipeline of its own account-region`,
      },
    ]);
  });
});

test("two clusters of one name (one asked for by ARN, with the collector's place unknown) are not mixed in one ClusterName", async () => {
  const theirs = arnIn(REGION, OTHER_ACCOUNT, 'a');
  ecs.on(DescribeClustersCommand).resolves({
    clusters: [
      { clusterName: 'a', clusterArn: theirs, status: 'ACTIVE', runningTasksCount: 5 },
      { clusterName: 'a', clusterArn: clusterArn('a'), status: 'ACTIVE', runningTasksCount: 1 },
    ],
    failures: [],
  });
  const summary = await collect(request([theirs, 'a']), clients);
  expect(putRequests(cloudwatch)[0].MetricData!.map((d) => d.Value)).toEqual([5]);
  expect(summary.skipped).toEqual([{ cluster: 'a', reason: `${theirs} is already published as ClusterName a` }]);
});

describe('ECS answering with less or more than asked', () => {
  test('a cluster left out of both clusters and failures is lost: the others are published, then the tick fails naming it', async () => {
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [{ clusterName: 'a', clusterArn: clusterArn('a'), status: 'ACTIVE', runningTasksCount: 1 }],
      failures: [],
    });
    const error = await collect(request(['a', 'b', clusterArn('c')]), clients).catch((e) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.message).toBe(`DescribeClusters failed for clusters b, ${clusterArn('c')}: ECS answered neither the cluster nor a failure for it`);
    expect(publishedClusters()).toEqual(['a']);
    expect(error.summary).toMatchObject({ clusters: 1, skipped: [] });
  });

  test('a cluster not asked for is not published', async () => {
    ecs.on(DescribeClustersCommand).resolves({
      clusters: [
        { clusterName: 'intruder', clusterArn: clusterArn('intruder'), status: 'ACTIVE', runningTasksCount: 9 },
        { clusterName: 'a', clusterArn: clusterArn('a'), status: 'ACTIVE', runningTasksCount: 1 },
      ],
      failures: [{ arn: clusterArn('stranger'), reason: 'MISSING' }],
    });
    const summary = await collect(request(['a']), clients);
    expect(publishedClusters()).toEqual(['a']);
    expect(summary).toMatchObject({ clusters: 1, skipped: [], lost: [] });
  });

  test('a cluster answered twice is published once', async () => {
    const a = { clusterName: 'a', clusterArn: clusterArn('a'), status: 'ACTIVE', runningTasksCount: 1 };
    ecs.on(DescribeClustersCommand).resolves({ clusters: [a, a], failures: [] });
    await collect(request(['a']), clients);
    expect(publishedClusters()).toEqual(['a']);
  });

  test('a chunk of 100 answered with 99 loses only the one left out', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `c${i}`);
    ecs.on(DescribeClustersCommand).callsFake(({ clusters: asked }: { clusters: string[] }) => ({
      clusters: asked
        .filter((name) => name !== 'c42')
        .map((clusterName) => ({ clusterName, clusterArn: clusterArn(clusterName), status: 'ACTIVE', runningTasksCount: 1 })),
      failures: [],
    }));
    const error = await collect(request(names), clients).catch((e) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.summary.lost).toEqual([{ api: 'DescribeClusters', cluster: 'c42', reason: 'ECS answered neither the cluster nor a failure for it' }]);
    expect(publishedClusters()).toEqual(names.filter((n) => n !== 'c42'));
  });
});

test('every requested cluster ends published, skipped or lost, exactly one of them', async () => {
  const elsewhere = arnIn('eu-west-1', ACCOUNT, 'x');
  const requested = ['a', clusterArn('a'), clusterArn('b'), 'old', 'gone', clusterArn('gone2'), 'silent', clusterArn('silent2'), elsewhere];
  const counts = { runningTasksCount: 1, pendingTasksCount: 0, activeServicesCount: 0, registeredContainerInstancesCount: 0 };
  ecs.on(DescribeClustersCommand).resolves({
    clusters: [
      { clusterName: 'a', clusterArn: clusterArn('a'), status: 'ACTIVE', ...counts },
      { clusterName: 'b', clusterArn: clusterArn('b'), status: 'ACTIVE', ...counts },
      { clusterName: 'old', clusterArn: clusterArn('old'), status: 'INACTIVE', ...counts },
    ],
    failures: [
      { arn: clusterArn('gone'), reason: 'MISSING' },
      { arn: clusterArn('gone2'), reason: 'MISSING' },
    ],
  });
  const error = await handler({ clusters: requested }, context).catch((e) => e);
  expect(error).toBeInstanceOf(PublishError);
  expect(outcomes(requested, error.summary, publishedClusters())).toEqual({
    a: 'published as a',
    [clusterArn('a')]: 'published as a',
    [clusterArn('b')]: 'published as b',
    old: 'skipped: INACTIVE',
    gone: 'skipped: MISSING',
    [clusterArn('gone2')]: 'skipped: MISSING',
    silent: 'lost: ECS answered neither the cluster nor a failure for it',
    [clusterArn('silent2')]: 'lost: ECS answered neither the cluster nor a failure for it',
    [elsewhere]: expect.stringMatching(/^skipped: the cluster is in region eu-west-1/),
  });
  expect(publishedClusters()).toEqual(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']);
});

describe('a cluster entry that is neither a cluster name nor a cluster ARN refuses the event, naming it', () => {
  test.each([
    ['bad name!'],
    ['arn:aws:ecs:us-east-1:111111111111:service/prod/web'],
    ['arn:aws:ecs:us-east-1:1111:cluster/prod'],
    ['arn:aws:ecs:us-east-1:111111111111:cluster/'],
    [`arn:aws:ecs:us-east-1:111111111111:cluster/${'x'.repeat(256)}`],
    ['arn:aws:s3:::bucket/cluster/prod'],
  ])('%s', (entry) => {
    expect(() => parseEvent({ clusters: ['a', entry] })).toThrow(MalformedEventError);
    expect(() => parseEvent({ clusters: ['a', entry] })).toThrow(
      `clusters[1]: ${JSON.stringify(entry)} is neither an ECS cluster name (1 to 255 letters, digits, hyphens and underscores) nor a cluster ARN (arn:<partition>:ecs:<region>:<account>:cluster/<name>)`,
    );
    expect(() => parseEvent({ ECSClusterName: entry })).toThrow(MalformedEventError);
  });
});
