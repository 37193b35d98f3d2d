/**
 * The target list reader: GetObject by bucket, key and version; kept per version (the newest
 * KEPT_VERSIONS); a failed read and an unusable list are not kept; the PublishError of a hub
 * tick stays within MAX_ERROR_MESSAGE_CHARS however many account-regions are lost.
 */
import { GetObjectCommand, type GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { type AccountRegionReport, lostAccountRegionsMessage } from '../../../../functions/collector/hub/collect-targets';
import { MalformedTargetListError } from '../../../../functions/collector/hub/target-list';
import { KEPT_VERSIONS, TargetListReader } from '../../../../functions/collector/hub/target-list-reader';
import { MAX_ERROR_MESSAGE_CHARS } from '../../../../functions/collector/report';
import { serializeTargetList } from '../../../../modules/contract/hub-target-list';
import { inputsOf } from '../../../support/fake-aws';

const s3 = mockClient(S3Client);
const A = '111111111111';
const where = (versionId: string, key = 'targets.json') => ({ bucket: 'hub-targets', key, versionId });
/** S3's answer: a body whose transformToString gives the object's text (the one method the reader uses). */
const body = (text: string) => ({ Body: { transformToString: async () => text } as unknown as GetObjectCommandOutput['Body'] });
const list = (cluster: string) => serializeTargetList([{ account: A, region: 'us-east-1', clusters: [cluster] }]);

beforeEach(() => s3.reset());

test('one GetObject per version; the newest versions kept, an older one read again', async () => {
  s3.on(GetObjectCommand).callsFake(async (input: { VersionId: string }) => body(list(`c-${input.VersionId}`)));
  const reader = new TargetListReader(new S3Client({ region: 'us-east-1' }));
  const versions = Array.from({ length: KEPT_VERSIONS + 1 }, (_, i) => `v${i}`);
  for (const v of versions) expect(await reader.read(where(v))).toEqual([{ account: A, region: 'us-east-1', clusters: [`c-${v}`] }]);
  for (const v of versions.slice(1)) await reader.read(where(v));
  expect(inputsOf(s3, GetObjectCommand).map((i) => i.VersionId)).toEqual(versions);
  await reader.read(where('v0'));
  expect(inputsOf(s3, GetObjectCommand).map((i) => i.VersionId)).toEqual([...versions, 'v0']);
  expect(reader.getObjectCalls).toBe(versions.length + 1);
});

test('keys that join alike are two objects', async () => {
  s3.on(GetObjectCommand).callsFake(async (input: { Key: string }) => body(list(input.Key.replace(/\W/g, '-'))));
  const reader = new TargetListReader(new S3Client({ region: 'us-east-1' }));
  await reader.read({ bucket: 'hub-targets', key: 'a/b', versionId: 'c' });
  await reader.read({ bucket: 'hub-targets', key: 'a', versionId: 'b/c' });
  expect(inputsOf(s3, GetObjectCommand)).toHaveLength(2);
});

test('concurrent reads of one version share one GetObject', async () => {
  s3.on(GetObjectCommand).resolves(body(list('prod')));
  const reader = new TargetListReader(new S3Client({ region: 'us-east-1' }));
  await Promise.all([reader.read(where('v1')), reader.read(where('v1'))]);
  expect(inputsOf(s3, GetObjectCommand)).toHaveLength(1);
});

test('an unusable list names its problems and is read again next time', async () => {
  s3.on(GetObjectCommand)
    .resolvesOnce(body('{"version":1,"targets":[{"account":"12","region":"us-east-1","clusters":["a"]}]}'))
    .resolves(body(list('prod')));
  const reader = new TargetListReader(new S3Client({ region: 'us-east-1' }));
  await expect(reader.read(where('v1'))).rejects.toThrow(MalformedTargetListError);
  await expect(reader.read(where('v1'))).resolves.toEqual([{ account: A, region: 'us-east-1', clusters: ['prod'] }]);
  expect(inputsOf(s3, GetObjectCommand)).toHaveLength(2);
});

test('an answer without a body is a failed read', async () => {
  s3.on(GetObjectCommand).resolves({});
  const reader = new TargetListReader(new S3Client({ region: 'us-east-1' }));
  await expect(reader.read(where('v1'))).rejects.toThrow('(version v1) failed: Error: S3 answered without a body');
});

describe('the PublishError message of a hub tick', () => {
  const report = (i: number, lost: boolean): AccountRegionReport => ({
    account: String(100000000000 + i),
    region: 'eu-west-1',
    clusters: 0,
    services: 0,
    datums: 0,
    refusedDatums: 0,
    calls: { ListClusters: 0, DescribeClusters: 0, ListServices: 0, DescribeServices: 0 },
    retries: 0,
    skipped: [],
    health: { noRunningTask: [], pendingTasks: 0, unreadClusters: [], unread: false, shortServices: [] },
    lost: lost
      ? [
          {
            api: 'AssumeRole',
            cluster: '*',
            reason: `AssumeRoleError: AssumeRole of arn:aws:iam::${100000000000 + i}:role/ecs-highres-spoke failed: AccessDenied: not authorized`,
          },
        ]
      : [],
  });

  test('1,000 account-regions lost: the count, the first lines, and how many more, within the bound', () => {
    const reports = Array.from({ length: 1000 }, (_, i) => report(i, true));
    const message = lostAccountRegionsMessage(reports);
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS);
    const lines = message.split('\n');
    expect(lines[0]).toBe('1000 of 1000 account-regions lost datums, everything else was published:');
    expect(lines[1]).toMatch(/^100000000000\/eu-west-1: AssumeRole failed: /);
    const shown = lines.length - 2;
    expect(shown).toBeGreaterThan(1);
    expect(lines[lines.length - 1]).toBe(`and ${1000 - shown} more account-regions`);
  });

  test('one lost account-region among many gets the whole message; the others are not named', () => {
    const reports = Array.from({ length: 1000 }, (_, i) => report(i, i === 500));
    const message = lostAccountRegionsMessage(reports);
    expect(message.split('\n')).toEqual([
      '1 of 1000 account-regions lost datums, everything else was published:',
      expect.stringMatching(/^100000000500\/eu-west-1: /),
    ]);
  });
});
