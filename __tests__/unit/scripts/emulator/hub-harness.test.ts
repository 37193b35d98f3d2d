/** The emulator harness's hub parts: what a hub execution must publish, and AssumeRole as the front decides it. */
import { accessDenied, policyDocumentOf } from '../../../../scripts/lib/emulator/assume-role-check';
import { expectedHubPublish, hubTargetList, spokeAccountOf } from '../../../../scripts/lib/emulator/expectations';
import { seriesLabel } from '../../../../scripts/lib/emulator/metrics-readback';

const tick = new Date('2026-01-01T10:11:00Z');
const seeds = [
  { account: '111111111111', region: 'us-east-1', clusters: [{ name: 'api', containerInstances: 2, runningTasks: 5 }] },
  {
    account: '111111111111',
    region: 'eu-west-1',
    clusters: [
      { name: 'a', containerInstances: 1, runningTasks: 1 },
      { name: 'b', containerInstances: 1, runningTasks: 2 },
    ],
  },
  { account: '222222222222', region: 'us-east-1', clusters: [{ name: 'api', containerInstances: 1, runningTasks: 3 }] },
];
const targets = [
  { account: '111111111111', region: 'us-east-1', clusters: ['api', 'gone'] },
  { account: '111111111111', region: 'eu-west-1', clusters: '*' as const },
  { account: '222222222222', region: 'us-east-1', clusters: ['api'] },
];

describe('what a hub execution must publish', () => {
  test('every seeded cluster of every target with its account and region; "*" means every seeded cluster there; unseeded are missing', () => {
    const expected = expectedHubPublish({ namespace: 'Fleet', metrics: ['RunningTask'] }, targets, seeds, tick, [0, 5], []);
    expect(expected.series.map((s) => [seriesLabel(s.key), s.value])).toEqual([
      ['Fleet/RunningTask{AccountId=111111111111,ClusterName=api,Region=us-east-1}', 5],
      ['Fleet/RunningTask{AccountId=111111111111,ClusterName=a,Region=eu-west-1}', 1],
      ['Fleet/RunningTask{AccountId=111111111111,ClusterName=b,Region=eu-west-1}', 2],
      ['Fleet/RunningTask{AccountId=222222222222,ClusterName=api,Region=us-east-1}', 3],
    ]);
    expect(expected.series[0].timestamps).toEqual(['2026-01-01T10:11:00.000Z', '2026-01-01T10:11:05.000Z']);
    expect(expected.missingClusters).toEqual(['gone']);
    expect(expected.lostAccountRegions).toEqual([]);
  });

  test('an unreachable account publishes nothing and each of its account-regions is lost; the same cluster name elsewhere still is expected', () => {
    const expected = expectedHubPublish({ metrics: ['RunningTask'] }, targets, seeds, tick, [0], ['111111111111']);
    expect(expected.series.map((s) => seriesLabel(s.key))).toEqual(['ECS/RunningTask{AccountId=222222222222,ClusterName=api,Region=us-east-1}']);
    expect(expected.lostAccountRegions).toEqual(['111111111111/us-east-1', '111111111111/eu-west-1']);
  });

  test('the spoke account of a stack comes from its name; other stacks have none', () => {
    expect(spokeAccountOf('fleet-spoke-222222222222')).toEqual(['222222222222']);
    expect(spokeAccountOf('fleet-999999999999-eu-west-1-hub')).toEqual([]);
  });

  test("the target list is read from the one object in the hub's state", () => {
    const object = { address: 'o', type: 'aws_s3_object', name: 'o', values: { content: JSON.stringify({ version: 1, targets }) } };
    expect(hubTargetList([object])).toEqual(targets);
    expect(() => hubTargetList([])).toThrow(/expected one target list object in the hub's state, found 0/);
  });
});

describe('AssumeRole as the front decides it', () => {
  test("policy documents are read URL-encoded or XML-escaped, as IAM's query API returns them", () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] };
    expect(policyDocumentOf(encodeURIComponent(JSON.stringify(policy)))).toEqual(policy);
    expect(policyDocumentOf(JSON.stringify(policy).replace(/"/g, '&quot;'))).toEqual(policy);
  });

  test("a refusal is AWS's AccessDenied, naming the caller, the role and why", () => {
    const denial = accessDenied('arn:aws:sts::999999999999:assumed-role/hub/s', 'arn:aws:iam::111111111111:role/spoke', 'the role does not exist');
    expect(denial.status).toBe(403);
    expect(denial.body).toContain('<Code>AccessDenied</Code>');
    expect(denial.body).toContain(
      'User: arn:aws:sts::999999999999:assumed-role/hub/s is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/spoke (the role does not exist)',
    );
  });
});
