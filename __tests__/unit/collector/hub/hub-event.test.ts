/**
 * The hub's event: accepted from the state machine or invoked directly, and every malformed
 * field refused before any call, naming the field, the bad value and the fix.
 */
import { MalformedEventError } from '../../../../functions/collector/event';
import { parseHubEvent } from '../../../../functions/collector/hub/hub-event';
import { handleHubEvent } from '../../../../functions/collector/index';
import { DEFAULT_METRICS } from '../../../../modules/metrics/catalog';
import { hubFakes } from '../../../support/fake-spokes';

const { s3, sts, ecs, cloudwatch, freshHub } = hubFakes();

const INPUT = {
  targetList: { bucket: 'ecs-highres-hub-targets', key: 'hub/targets.json', versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY' },
  spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-hub' },
  namespace: 'ECS',
};
const TICK = { intervalSeconds: 5, offsetSeconds: 55, executionStartTime: '2026-11-30T10:00:01Z' };

describe('accepted events', () => {
  test('from the state machine: the tick decides the timestamp, the defaults fill the metrics', () => {
    expect(parseHubEvent({ input: INPUT, tick: TICK })).toEqual({
      targetList: INPUT.targetList,
      spokeRole: INPUT.spokeRole,
      namespace: 'ECS',
      metrics: DEFAULT_METRICS.map((name) => expect.objectContaining({ name })),
      timestamp: new Date('2026-11-30T10:00:55Z'),
    });
  });

  test('scheduledTime wins over the execution start, as in the account-region collector', () => {
    const request = parseHubEvent({ input: { ...INPUT, scheduledTime: '2026-11-30T09:59:00Z' }, tick: TICK });
    expect(request.timestamp).toEqual(new Date('2026-11-30T09:59:55Z'));
  });

  test('invoked directly: stamped now, to the second; the external ID passed on', () => {
    const spokeRole = { ...INPUT.spokeRole, path: '/platform/metrics/', externalId: 'a:b/c=d' };
    const request = parseHubEvent({ ...INPUT, spokeRole, metrics: ['PendingTask'] }, () => Date.parse('2026-11-30T10:00:07.900Z'));
    expect(request).toMatchObject({ spokeRole, timestamp: new Date('2026-11-30T10:00:07Z') });
    expect(request.metrics.map((m) => m.name)).toEqual(['PendingTask']);
  });
});

test('names at AWS limits are accepted: a 64-character role name and session name, 3- and 63-character buckets, a 1,024-character key', () => {
  for (const bucket of ['abc', 'a'.repeat(63)]) {
    const spokeRole = { name: 'r'.repeat(64), path: '/', sessionName: 's'.repeat(64) };
    const targetList = { ...INPUT.targetList, bucket, key: 'k'.repeat(1024) };
    expect(parseHubEvent({ input: { ...INPUT, spokeRole, targetList }, tick: TICK })).toMatchObject({ spokeRole, targetList });
  }
  expect(() => parseHubEvent({ input: { ...INPUT, targetList: { ...INPUT.targetList, bucket: 'a'.repeat(64) } }, tick: TICK })).toThrow('targetList.bucket');
  expect(() => parseHubEvent({ input: { ...INPUT, targetList: { ...INPUT.targetList, key: 'k'.repeat(1025) } }, tick: TICK })).toThrow('targetList.key');
  expect(() => parseHubEvent({ input: { ...INPUT, spokeRole: { ...INPUT.spokeRole, sessionName: 's'.repeat(65) } }, tick: TICK })).toThrow(
    'spokeRole.sessionName',
  );
});

test('the stack that writes the list is passed on when named, and may be left out (an input of an earlier release)', () => {
  const targetList = { ...INPUT.targetList, stack: 'ecs-highres-hub-999999999999-eu-west-1' };
  expect(parseHubEvent({ input: { ...INPUT, targetList }, tick: TICK }).targetList).toEqual(targetList);
  expect(parseHubEvent({ input: INPUT, tick: TICK }).targetList).toEqual(INPUT.targetList);
  const long = { ...INPUT.targetList, stack: 's'.repeat(1_000) };
  expect(parseHubEvent({ input: { ...INPUT, targetList: long }, tick: TICK }).targetList).toEqual(long);
});

const withInput = (changes: Record<string, unknown>) => ({ input: { ...INPUT, ...changes }, tick: TICK });

describe('malformed events collect and publish nothing', () => {
  test.each<[string, unknown, string]>([
    ['not an object', 'go', 'Malformed event: expected a JSON object, got "go"'],
    ['no input', { tick: TICK }, 'Malformed event: "input" must be the execution input object'],
    [
      'no targetList',
      withInput({ targetList: undefined }),
      'Malformed event: targetList must be { "bucket", "key", "versionId" } (where the target list is), got undefined',
    ],
    [
      'an account-region input sent to the hub',
      { input: { clusters: ['prod'], namespace: 'ECS' }, tick: TICK },
      'this is an account-region input; its handler is index.handler',
    ],
    [
      'a bad bucket',
      withInput({ targetList: { ...INPUT.targetList, bucket: 'My_Bucket' } }),
      'targetList.bucket: "My_Bucket" is not an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)',
    ],
    // The bucket rule is the fleet config's (modules/common/s3-rules.ts): S3 refuses a name shaped like an IP address.
    ['a bucket named like an IP address', withInput({ targetList: { ...INPUT.targetList, bucket: '192.168.5.4' } }), 'targetList.bucket: "192.168.5.4"'],
    ['no key', withInput({ targetList: { ...INPUT.targetList, key: '' } }), 'targetList.key: "" is not an S3 object key (1 to 1,024 characters)'],
    [
      'the "null" version of an unversioned bucket',
      withInput({ targetList: { ...INPUT.targetList, versionId: 'null' } }),
      'targetList.versionId: "null" is not an object version ID: the bucket must have versioning on',
    ],
    ['no versionId', withInput({ targetList: { ...INPUT.targetList, versionId: undefined } }), 'targetList.versionId: undefined is not an object version ID'],
    [
      'a stack name that is not text',
      withInput({ targetList: { ...INPUT.targetList, stack: 7 } }),
      'targetList.stack: 7 is not a stack name (a non-empty string)',
    ],
    ['an empty stack name', withInput({ targetList: { ...INPUT.targetList, stack: '' } }), 'targetList.stack: "" is not a stack name (a non-empty string)'],
    [
      'no spokeRole',
      withInput({ spokeRole: 'ecs-highres-spoke' }),
      'spokeRole must be { "name", "path", "sessionName", "externalId"? }, got "ecs-highres-spoke"',
    ],
    [
      'a role name over 64 characters',
      withInput({ spokeRole: { ...INPUT.spokeRole, name: 'r'.repeat(65) } }),
      `spokeRole.name: "${'r'.repeat(65)}" is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -`,
    ],
    ['a path without its slashes', withInput({ spokeRole: { ...INPUT.spokeRole, path: 'platform' } }), 'spokeRole.path: "platform" is not an IAM path'],
    ['a path that is not text', withInput({ spokeRole: { ...INPUT.spokeRole, path: 7 } }), 'spokeRole.path: 7 is not an IAM path'],
    [
      'a one-letter session name',
      withInput({ spokeRole: { ...INPUT.spokeRole, sessionName: 'h' } }),
      'spokeRole.sessionName: "h" is not a role session name: use 2 to 64',
    ],
    ['an external ID with a space', withInput({ spokeRole: { ...INPUT.spokeRole, externalId: 'a b' } }), 'spokeRole.externalId: "a b" is not an external ID'],
    ['an empty namespace', withInput({ namespace: '' }), 'namespace must be a non-empty string, got ""'],
    ['an unknown metric', withInput({ metrics: ['RunningTasks'] }), 'Malformed event: metrics[0]: "RunningTasks"'],
    ['a bad tick', { input: INPUT, tick: { ...TICK, intervalSeconds: 7 } }, 'tick.intervalSeconds must divide 60, got 7'],
  ])('%s', async (_, event, message) => {
    expect(() => parseHubEvent(event)).toThrow(MalformedEventError);
    expect(() => parseHubEvent(event)).toThrow(message);
    await expect(handleHubEvent(freshHub(), event)).rejects.toThrow(message);
    for (const client of [s3, sts, ecs, cloudwatch]) expect(client.calls()).toHaveLength(0);
    expect((console.error as jest.Mock).mock.calls[0][0]).toMatchObject({ event: 'collection failed', datums: 0, error: expect.stringContaining(message) });
  });
});

describe('a shard of the tick (a hub that fans out)', () => {
  test('the Map state’s shard is parsed; a shard of one, or none, is the whole list', () => {
    expect(parseHubEvent({ input: { ...INPUT, shards: 8 }, tick: TICK, shard: { index: 7, count: 8 } }).shard).toEqual({ index: 7, count: 8 });
    expect(parseHubEvent({ input: INPUT, tick: TICK, shard: { index: 0, count: 1 } })).not.toHaveProperty('shard');
    expect(parseHubEvent({ input: { ...INPUT, shards: 8 }, tick: TICK })).not.toHaveProperty('shard');
  });

  test('the definition’s count decides: an older input’s shards (mid-deployment) does not fail the tick', () => {
    expect(parseHubEvent({ input: { ...INPUT, shards: 4 }, tick: TICK, shard: { index: 5, count: 8 } }).shard).toEqual({ index: 5, count: 8 });
  });

  test.each([
    [{ shard: 3 }, 'shard must be { "index", "count" }, got 3; the hub stack writes it: redeploy the hub stack'],
    [{ shard: { index: 0, count: 41 } }, 'shard.count: 41 is not a shard count: use a whole number from 1 to 40'],
    [{ shard: { index: 0 } }, 'shard.count: undefined is not a shard count'],
    [{ shard: { index: 8, count: 8 } }, 'shard.index: 8 is not a shard of 8: use a whole number from 0 to 7; the hub stack writes it'],
    [{ shard: { index: -1, count: 8 } }, 'shard.index: -1 is not a shard of 8'],
    [{ shard: { index: 1.5, count: 8 } }, 'shard.index: 1.5 is not a shard of 8'],
    [{ input: { ...INPUT, shards: 0 } }, 'shards: 0 is not a shard count: use a whole number from 1 to 40'],
  ])('refused before any call: %j', (fields, message) => {
    const event = { input: INPUT, tick: TICK, ...fields };
    expect(() => parseHubEvent(event)).toThrow(MalformedEventError);
    expect(() => parseHubEvent(event)).toThrow(message);
  });
});
