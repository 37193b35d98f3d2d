/**
 * Where the hub's target list lives, decided by its size: at 1,000 account-regions × 25 clusters
 * it fits none of the places that travel with an execution (EventBridge rule input 8,192, Step
 * Functions input and state data 256 KiB, Lambda environment 4 KiB, SSM 8 KB, and with the longest
 * legal names not even Lambda's 6 MB payload), so it is an S3 object and the execution carries
 * only its location. And the rules every list must follow, with the message for each.
 */
import { describeProblem } from '../../../modules/common/errors';
import {
  CARRIER_LIMITS,
  serializeTargetList,
  type TargetListEntry,
  type TargetListLocation,
  targetListProblems,
  TARGET_LIST_VERSION,
} from '../../../modules/contract/hub-target-list';

const names = (n: number, length: number) => Array.from({ length: n }, (_, i) => `${'c'.repeat(length - 4)}${String(i).padStart(4, '0')}`);
const fleet = (accountRegions: number, clusters: number, nameLength: number): TargetListEntry[] =>
  Array.from({ length: accountRegions }, (_, i) => ({ account: String(100000000000 + i), region: 'us-east-1', clusters: names(clusters, nameLength) }));
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('the size of the target list at 1,000 account-regions × 25 clusters', () => {
  const typical = bytes(serializeTargetList(fleet(1_000, 25, 20)));
  const longest = bytes(serializeTargetList(fleet(1_000, 25, 255)));

  test('is 621 KiB with 20-character names and 6.2 MiB with 255-character ones', () => {
    expect(typical).toBe(636_025);
    expect(longest).toBe(6_511_025);
  });

  test.each([
    ['the EventBridge rule target input (8,192)', CARRIER_LIMITS.eventBridgeRuleInput],
    ['Step Functions execution input and state data (256 KiB)', CARRIER_LIMITS.stepFunctionsPayload],
    ['the Lambda environment (4 KiB)', CARRIER_LIMITS.lambdaEnvironment],
    ['an advanced SSM parameter (8 KB)', CARRIER_LIMITS.ssmAdvancedParameter],
  ])('does not fit %s', (_, limit) => {
    expect(typical).toBeGreaterThan(limit);
  });

  test("fits Lambda's 6 MB synchronous payload with typical names, but not with the longest legal ones", () => {
    expect(typical).toBeLessThan(CARRIER_LIMITS.lambdaSyncPayload);
    expect(longest).toBeGreaterThan(CARRIER_LIMITS.lambdaSyncPayload);
  });

  test('even all "*" (discovery everywhere) is too large for a rule input', () => {
    const discovered = serializeTargetList(
      Array.from({ length: 1_000 }, (_, i) => ({ account: String(100000000000 + i), region: 'us-east-1', clusters: '*' as const })),
    );
    expect(bytes(discovered)).toBeGreaterThan(CARRIER_LIMITS.eventBridgeRuleInput);
  });

  test("its location, in the execution input with the rest of a schedule's input, fits every carrier, even at S3's longest names", () => {
    const location: TargetListLocation = { bucket: 'b'.repeat(63), key: `${'k'.repeat(200)}/targets.json`, versionId: 'v'.repeat(1_024) };
    const input = JSON.stringify({
      targetList: location,
      namespace: 'n'.repeat(255),
      metrics: ['RunningTask', 'PendingTask', 'ActiveServices', 'RegisteredContainerInstances', 'RunningFargateTask', 'RunningEC2Task'],
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(bytes(input)).toBeLessThan(Math.min(...Object.values(CARRIER_LIMITS)));
  });
});

describe('a target list', () => {
  const good: TargetListEntry[] = [
    { account: '111111111111', region: 'us-east-1', clusters: ['prod-api', 'prod-workers'], services: { 'prod-api': '*' } },
    { account: '111111111111', region: 'eu-west-1', clusters: '*' },
    { account: '222222222222', region: 'us-east-1', clusters: ['prod'] },
  ];

  test('written by the stack is read back as it was, with no problem', () => {
    const parsed = JSON.parse(serializeTargetList(good));
    expect(parsed).toEqual({ version: TARGET_LIST_VERSION, targets: good });
    expect(targetListProblems(parsed)).toEqual([]);
  });

  test('names every problem with its path, the value and the fix', () => {
    expect(
      targetListProblems({
        version: 1,
        targets: [
          { account: 111111111111, region: 'us-east-1', clusters: ['ok'] },
          { account: '222222222222', region: 'Mars', clusters: [] },
          { account: '333333333333', region: 'us-east-1', clusters: ['a', 'bad name!', 'a'], services: { a: [] } },
          { account: '444444444444', region: 'us-east-1', clusters: 'all' },
          { account: '333333333333', region: 'us-east-1', clusters: '*' },
          'x',
        ],
      }).map(describeProblem),
    ).toEqual([
      'targets[0].account: 111111111111 is not an AWS account ID: use its 12 digits, as a string',
      'targets[1].region: "Mars" is not an AWS region: use a region code such as eu-west-1',
      'targets[1].clusters: [] is not a cluster list: use a non-empty list of cluster names, or "*"',
      'targets[2].clusters[1]: "bad name!" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores',
      'targets[2].clusters: a cluster is listed twice: list each once',
      'targets[2].services.a: no services listed for "a": list service names, or use "*" for all services of the cluster',
      'targets[3].clusters: "all" is not a cluster list: use a non-empty list of cluster names, or "*"',
      'targets[5]: "x" is not an object: use { "account", "region", "clusters" }',
      'targets[4]: account-region 333333333333/us-east-1 is listed twice (also at targets[2]): list each account-region once',
    ]);
  });

  test.each([
    [null, 'the target list must be a JSON object { "version": 1, "targets": [...] }'],
    [{ version: 2, targets: [] }, 'version: 2 is not a target list version this collector reads (1): deploy the collector of the release that wrote it'],
    [{ version: 1 }, 'targets: undefined is not a list of account-regions'],
    // Collecting nothing would look like success: no datum, no error, no alarm.
    [{ version: 1, targets: [] }, 'targets: is empty: list every member account-region to collect, each with its clusters or "*"'],
  ])('%j is refused: %s', (value, problem) => {
    expect(targetListProblems(value).map(describeProblem)).toEqual([problem]);
  });

  test('account and region names that look like object keys are plain values', () => {
    expect(targetListProblems({ version: 1, targets: [{ account: '__proto__', region: 'constructor', clusters: ['a'] }] }).map(describeProblem)).toEqual([
      'targets[0].account: "__proto__" is not an AWS account ID: use its 12 digits, as a string',
      'targets[0].region: "constructor" is not an AWS region: use a region code such as eu-west-1',
    ]);
  });
});
