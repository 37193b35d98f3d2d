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
  DEFAULT_DISCOVERY_REFRESH,
  discoveredTargetsProblems,
  ORGANIZATION_TARGET_LIST_VERSION,
  type OrganizationTargets,
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
    [{ version: 3, targets: [] }, 'version: 3 is not a target list version this collector reads (1 or 2): deploy the collector of the release that wrote it'],
    [{ version: 1, targets: [], organization: {} }, 'organization: is only read in a version 2 list: the hub stack writes it'],
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

describe('a target list with an organization (version 2)', () => {
  const organization: OrganizationTargets = {
    units: ['ou-ab12-cdef3456', 'r-ab12'],
    regions: '*',
    exclude: ['123456789012', 'ou-ab12-00000000'],
    organizationsRole: { account: '999999999999', name: 'ecs-highres-organizations-read', path: '/', sessionName: 'ecs-highres-discovery' },
    refresh: DEFAULT_DISCOVERY_REFRESH,
  };

  test('without an organization the bytes stay those of version 1', () => {
    const targets: TargetListEntry[] = [{ account: '111111111111', region: 'us-east-1', clusters: '*' }];
    expect(serializeTargetList(targets)).toBe('{"version":1,"targets":[{"account":"111111111111","region":"us-east-1","clusters":"*"}]}');
  });

  test('is version 2, may have no listed targets, and is read back with no problem', () => {
    const parsed = JSON.parse(serializeTargetList([], organization));
    expect(parsed).toEqual({ version: ORGANIZATION_TARGET_LIST_VERSION, targets: [], organization });
    expect(ORGANIZATION_TARGET_LIST_VERSION).toBe(2);
    expect(targetListProblems(parsed)).toEqual([]);
    expect(targetListProblems({ ...parsed, organization: { ...organization, regions: ['us-east-1', 'eu-west-1'], exclude: [] } })).toEqual([]);
  });

  test('refreshes every 5 minutes (accounts, clusters) and every hour (regions) by default', () => {
    expect(DEFAULT_DISCOVERY_REFRESH).toEqual({ accountsSeconds: 300, regionsSeconds: 3600, clustersSeconds: 300 });
  });

  test('names every problem of the organization with its path, the value and the fix', () => {
    const bad = {
      units: ['ou-x', 'r-ab12', 'r-ab12'],
      regions: ['us-east-1', 'Mars'],
      exclude: ['12345', 'r-ab12'],
      organizationsRole: { account: '9', name: 'bad name', path: 'x', sessionName: 'a', externalId: '' },
      refresh: { accountsSeconds: 30, regionsSeconds: 3600.5, clustersSeconds: 100_000 },
    };
    expect(targetListProblems({ version: 2, targets: [], organization: bad }).map(describeProblem)).toEqual([
      'organization.units[0]: "ou-x" is not an organizational unit ID ("ou-ab12-cdef3456") or the root ID ("r-ab12")',
      'organization.units: an ID is given twice: give each once',
      'organization.exclude[0]: "12345" is neither a 12-digit account ID nor an organizational unit ID ("ou-ab12-cdef3456"): exclude accounts or OUs',
      'organization.exclude[1]: "r-ab12" is neither a 12-digit account ID nor an organizational unit ID ("ou-ab12-cdef3456"): exclude accounts or OUs',
      'organization.organizationsRole.account: "9" is not an AWS account ID: use its 12 digits, as a string',
      'organization.organizationsRole.name: "bad name" is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -',
      'organization.organizationsRole.path: "x" is not an IAM path: start and end with "/", such as "/" or "/platform/metrics/"',
      'organization.organizationsRole.sessionName: "a" is not a role session name: use 2 to 64 letters, digits and + = , . @ _ -',
      'organization.organizationsRole.externalId: "" is not an external ID: use 2 to 1,224 letters, digits and _ + = , . @ : / -, or leave it out',
      'organization.refresh.accountsSeconds: 30 is not a refresh time: use whole seconds from 60 to 86400 (default 300)',
      'organization.refresh.regionsSeconds: 3600.5 is not a refresh time: use whole seconds from 60 to 86400 (default 3600)',
      'organization.refresh.clustersSeconds: 100000 is not a refresh time: use whole seconds from 60 to 86400 (default 300)',
      'organization.regions[1]: "Mars" is not an AWS region: use a region code such as eu-west-1',
    ]);
  });

  test.each([
    [{ version: 2, targets: [] }, 'organization: undefined is not an organization: use { "units", "regions", "exclude", "organizationsRole", "refresh" }'],
    [
      { version: 2, targets: [], organization: { ...organization, units: [] } },
      'organization.units: [] is not a non-empty list of organizational unit or root IDs',
    ],
    [
      { version: 2, targets: [], organization: { ...organization, regions: [] } },
      'organization.regions: [] is not a region list: use a non-empty list of region codes, or "*" for every region enabled in each account',
    ],
    [
      { version: 2, targets: [], organization: { ...organization, exclude: undefined } },
      'organization.exclude: undefined is not a list of account or organizational unit IDs',
    ],
  ])('%j is refused: %s', (value, problem) => {
    expect(targetListProblems(value).map(describeProblem)).toEqual([problem]);
  });

  test('its listed targets follow the rules of version 1', () => {
    const targets = [{ account: '111111111111', region: 'us-east-1', clusters: [] }];
    expect(targetListProblems({ version: 2, targets, organization }).map(describeProblem)).toEqual([
      'targets[0].clusters: [] is not a cluster list: use a non-empty list of cluster names, or "*"',
    ]);
  });
});

describe('the discovered object', () => {
  const state = { organization: '{}', accounts: {} };
  test('with targets, or none, has no problem', () => {
    expect(discoveredTargetsProblems({ version: 1, generatedAt: '2026-12-02T03:00:00.000Z', targets: [], state })).toEqual([]);
    expect(
      discoveredTargetsProblems({
        version: 1,
        generatedAt: '2026-12-02T03:00:00.000Z',
        targets: [{ account: '111111111111', region: 'us-east-1', clusters: '*' }],
        state,
      }),
    ).toEqual([]);
  });

  test.each([
    [null, 'the discovered object must be a JSON object { "version": 1, "generatedAt", "targets", "state" }'],
    [{ version: 2 }, 'version: 2 is not a discovered-object version this collector reads (1): deploy the same release for the collector and the discovery'],
  ])('%j is refused: %s', (value, problem) => {
    expect(discoveredTargetsProblems(value).map(describeProblem)).toEqual([problem]);
  });

  test('names each bad field', () => {
    expect(
      discoveredTargetsProblems({ version: 1, generatedAt: 'soon', targets: [{ account: '1', region: 'us-east-1', clusters: '*' }], state: [] }).map(
        describeProblem,
      ),
    ).toEqual([
      'generatedAt: "soon" is not an ISO 8601 time',
      "state: [] is not the discovery's state (an object)",
      'targets[0].account: "1" is not an AWS account ID: use its 12 digits, as a string',
    ]);
  });
});
