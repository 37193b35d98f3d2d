/**
 * Hub-mode IAM, proven with @cloud-copilot/iam-simulate in both directions: the hub collector
 * role may assume the spoke role of a listed account and nothing else; the spoke role trusts
 * that role alone and may only read the clusters it is given. Sizes at 1,000 accounts × 25
 * clusters against IAM's limits: inline 10,240 per role, managed 6,144, trust 2,048.
 */
import { HubIamError, hubAssumeRolePolicies, spokePermissionPolicies, spokeTrustPolicy } from '../../../modules/hub/hub-policies';
import { IAM_LIMITS } from '../../../modules/common/aws-limits';
import { describeProblem } from '../../../modules/common/errors';
import { type PolicyDocument, policySize } from '../../../modules/common/policy-document';
import { ADMINISTRATOR, evaluateIdentity, evaluateResourcePolicy, type Outcome } from '../../support/iam-simulation';

/** The problems a builder throws, as the lines its HubIamError shows; none when it builds. */
function problemsOf(build: () => unknown): string[] {
  try {
    build();
  } catch (error) {
    if (error instanceof HubIamError) return error.problems.map(describeProblem);
    throw error;
  }
  return [];
}

const HUB = '999999999999';
const HUB_ROLE = `arn:aws:iam::${HUB}:role/platform/ecs-highres-hub-collector`;
const SPOKE = { name: 'ecs-highres-spoke', path: '/platform/' };
const A = '111111111111';
const B = '222222222222';
const UNLISTED = '333333333333';
const ORG = 'o-a1b2c3d4e5';
const spokeRoleArn = (account: string, name = SPOKE.name, path = SPOKE.path) => `arn:aws:iam::${account}:role${path}${name}`;
const accounts = (n: number) => Array.from({ length: n }, (_, i) => String(100000000000 + i));
const clusterNames = (n: number, length = 12) => Array.from({ length: n }, (_, i) => `${'c'.repeat(length - 4)}${String(i).padStart(4, '0')}`);
const allOf = (placed: { inline?: PolicyDocument; managed: readonly PolicyDocument[] }) => [...(placed.inline ? [placed.inline] : []), ...placed.managed];

/**
 * AssumeRole as AWS evaluates it across accounts: the caller's identity policies and the target
 * role's trust policy must both allow. The request context is what AWS derives from the request
 * itself (the role's account, the caller's role ARN, the target account's organization), never chosen per test.
 */
function assumeRole(
  caller: { roleArn: string; policies: readonly PolicyDocument[] },
  target: { roleArn: string; trust: PolicyDocument },
  options: { externalId?: string; organizationOf?: (account: string) => string } = {},
): Promise<Outcome> {
  const account = target.roleArn.split(':')[4];
  return evaluateResourcePolicy(target.trust, target.roleArn, {
    principal: caller.roleArn,
    identityPolicies: [...caller.policies],
    request: {
      action: 'sts:AssumeRole',
      context: {
        'aws:ResourceAccount': account,
        'aws:PrincipalArn': caller.roleArn,
        'aws:PrincipalAccount': caller.roleArn.split(':')[4],
        ...(options.organizationOf ? { 'aws:ResourceOrgID': options.organizationOf(account) } : {}),
        ...(options.externalId !== undefined ? { 'sts:ExternalId': options.externalId } : {}),
      },
    },
  });
}

describe('the spoke trust policy', () => {
  test('is exactly: the hub account, as the hub collector role', () => {
    expect(spokeTrustPolicy({ hubCollectorRoleArn: HUB_ROLE })).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'HubCollectorRoleOnly',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${HUB}:root` },
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:PrincipalArn': HUB_ROLE } },
        },
      ],
    });
  });

  test('with an external ID, asks for it too', () => {
    expect(spokeTrustPolicy({ hubCollectorRoleArn: HUB_ROLE, externalId: 'acme-ecs-7f3a' }).Statement[0].Condition).toEqual({
      ArnEquals: { 'aws:PrincipalArn': HUB_ROLE },
      StringEquals: { 'sts:ExternalId': 'acme-ecs-7f3a' },
    });
  });

  const trust = spokeTrustPolicy({ hubCollectorRoleArn: HUB_ROLE });
  const target = { roleArn: spokeRoleArn(A), trust };

  test('admits the hub collector role', async () => {
    expect((await assumeRole({ roleArn: HUB_ROLE, policies: [ADMINISTRATOR as PolicyDocument] }, target)).overall).toBe('Allowed');
  });

  test.each([
    ['another role of the hub account, even an administrator', `arn:aws:iam::${HUB}:role/platform/admin`],
    ['a role of the same name on another path', `arn:aws:iam::${HUB}:role/ecs-highres-hub-collector`],
    ['the same role name and path in another account', `arn:aws:iam::${UNLISTED}:role/platform/ecs-highres-hub-collector`],
    ['a role of the member account itself', `arn:aws:iam::${A}:role/platform/ecs-highres-hub-collector`],
  ])('refuses %s', async (_, roleArn) => {
    expect((await assumeRole({ roleArn, policies: [ADMINISTRATOR as PolicyDocument] }, target)).overall).not.toBe('Allowed');
  });

  test('with an external ID, refuses the hub role without it or with another one', async () => {
    const guarded = { roleArn: spokeRoleArn(A), trust: spokeTrustPolicy({ hubCollectorRoleArn: HUB_ROLE, externalId: 'acme-ecs-7f3a' }) };
    const hub = { roleArn: HUB_ROLE, policies: [ADMINISTRATOR as PolicyDocument] };
    expect((await assumeRole(hub, guarded, { externalId: 'acme-ecs-7f3a' })).overall).toBe('Allowed');
    expect((await assumeRole(hub, guarded)).overall).not.toBe('Allowed');
    expect((await assumeRole(hub, guarded, { externalId: 'acme-ecs-0000' })).overall).not.toBe('Allowed');
  });

  test('stays within 2,048 characters with a long hub role path and a long external ID', () => {
    const longRole = `arn:aws:iam::${HUB}:role/${'p'.repeat(200)}/${'r'.repeat(64)}`;
    const document = spokeTrustPolicy({ hubCollectorRoleArn: longRole, externalId: 'e'.repeat(1_224) });
    expect(policySize(document)).toBeLessThanOrEqual(IAM_LIMITS.trustPolicy);
  });

  test('over 2,048 characters is refused, saying what to shorten', () => {
    const longRole = `arn:aws:iam::${HUB}:role/${'p'.repeat(500)}/${'r'.repeat(64)}`;
    expect(() => spokeTrustPolicy({ hubCollectorRoleArn: longRole, externalId: 'e'.repeat(1_224) })).toThrow(
      /the spoke trust policy is 2\d{3} characters, over IAM's 2048: shorten the hub role's path or the external ID/,
    );
  });

  test('a bad role ARN and a bad external ID are both named, with the fix', () => {
    let error: unknown;
    try {
      spokeTrustPolicy({ hubCollectorRoleArn: 'ecs-highres-hub-collector', externalId: 'x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HubIamError);
    expect((error as HubIamError).problems.map(describeProblem)).toEqual([
      'hubCollectorRoleArn: "ecs-highres-hub-collector" is not an IAM role ARN: use the hub collector role\'s ARN with its path, such as arn:aws:iam::999999999999:role/platform/ecs-highres-hub-collector',
      'externalId: "x" is not a valid external ID: use 2 to 1,224 letters, digits and _ + = , . @ : / -',
    ]);
  });
});

describe("the hub collector's AssumeRole permission", () => {
  const trustOf = (account: string, name = SPOKE.name, path = SPOKE.path) => ({
    roleArn: spokeRoleArn(account, name, path),
    trust: spokeTrustPolicy({ hubCollectorRoleArn: HUB_ROLE }),
  });

  test('is the spoke role name in any account, narrowed to the listed accounts', () => {
    expect(hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: [A, B] })).toEqual({
      managed: [],
      inline: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'AssumeSpokeRole',
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Resource: 'arn:aws:iam::*:role/platform/ecs-highres-spoke',
            Condition: { StringEquals: { 'aws:ResourceAccount': [A, B] } },
          },
        ],
      },
    });
  });

  describe('listed accounts', () => {
    const hub = { roleArn: HUB_ROLE, policies: allOf(hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: [A, B] })) };

    test.each([A, B])('may assume the spoke role of listed account %s', async (account) => {
      expect(await assumeRole(hub, trustOf(account))).toEqual({ overall: 'Allowed', identity: 'Allowed' });
    });

    test('may not assume the spoke role of an account not listed, even one that trusts it', async () => {
      expect((await assumeRole(hub, trustOf(UNLISTED))).identity).toBe('ImplicitlyDenied');
    });

    test.each([
      ['another role name', 'admin', SPOKE.path],
      ['the spoke role name on another path', SPOKE.name, '/'],
      ['a name that starts like the spoke role', `${SPOKE.name}-admin`, SPOKE.path],
    ])('may not assume %s in a listed account', async (_, name, path) => {
      expect((await assumeRole(hub, trustOf(A, name, path))).identity).toBe('ImplicitlyDenied');
    });

    test('is granted nothing else', async () => {
      for (const [action, resource] of [
        ['iam:PassRole', spokeRoleArn(A)],
        ['sts:TagSession', spokeRoleArn(A)],
        ['ecs:DescribeClusters', `arn:aws:ecs:us-east-1:${A}:cluster/prod`],
      ]) {
        expect((await evaluateIdentity(HUB_ROLE, hub.policies, { action, resource, context: { 'aws:ResourceAccount': A } })).identity).toBe('ImplicitlyDenied');
      }
    });
  });

  describe('with an organization ID', () => {
    const hub = { roleArn: HUB_ROLE, policies: allOf(hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: [], organizationId: ORG })) };
    const organizationOf = (account: string) => (account === UNLISTED ? 'o-zzzzzzzzzz' : ORG);

    test('is one condition on aws:ResourceOrgID', () => {
      expect(hub.policies).toHaveLength(1);
      expect(hub.policies[0].Statement[0].Condition).toEqual({ StringEquals: { 'aws:ResourceOrgID': [ORG] } });
    });

    test('may assume the spoke role in an account of the organization, not in another organization', async () => {
      expect((await assumeRole(hub, trustOf(A), { organizationOf })).overall).toBe('Allowed');
      expect((await assumeRole(hub, trustOf(UNLISTED), { organizationOf })).identity).toBe('ImplicitlyDenied');
      expect((await assumeRole(hub, trustOf(A, 'admin'), { organizationOf })).identity).toBe('ImplicitlyDenied');
    });
  });

  describe('at 1,000 accounts', () => {
    const fleet = accounts(1_000);
    const placed = hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: fleet });

    test("does not fit the role's 10,240 inline characters, so it is managed policies of at most 6,144 each: three, of the ten a role may have", () => {
      expect(placed.inline).toBeUndefined();
      expect(placed.managed).toHaveLength(3);
      for (const document of placed.managed) expect(policySize(document)).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
      const listed = placed.managed.flatMap((d) => d.Statement.flatMap((s) => s.Condition!.StringEquals['aws:ResourceAccount'] as string[]));
      expect(listed).toEqual(fleet);
    });

    test.each([0, 399, 400, 999])('account #%i of the fleet is allowed; an account outside it is not', async (i) => {
      const hub = { roleArn: HUB_ROLE, policies: placed.managed };
      expect((await assumeRole(hub, trustOf(fleet[i]))).overall).toBe('Allowed');
      expect((await assumeRole(hub, trustOf(UNLISTED))).identity).toBe('ImplicitlyDenied');
    });

    test("with the collector role's own inline policy, a small fleet still fits inline and a larger one moves to managed", () => {
      expect(hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: accounts(600) }).inline).toBeDefined();
      expect(hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: accounts(600) }, { otherInlineSize: 2_000 }).inline).toBeUndefined();
    });

    test('a fleet too large for ten managed policies is refused, pointing at organizationId', () => {
      expect(() => hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: accounts(4_500) })).toThrow(
        /the hub collector's AssumeRole permission for 4500 accounts needs 12 managed policies of at most 6144 characters, over the 10 a role may have attached: give organizationId/,
      );
    });
  });

  test('bad input is named, each problem with its fix', () => {
    expect(
      problemsOf(() =>
        hubAssumeRolePolicies({ partition: 'aws', spokeRole: { name: 'bad name', path: 'platform' }, accounts: ['12345', A], organizationId: 'org-1' }),
      ),
    ).toEqual([
      'spokeRole.name: "bad name" is not an IAM role name: use 1 to 64 letters, digits and + = , . @ _ -',
      'spokeRole.path: "platform" is not an IAM path: start and end with "/", such as "/" or "/platform/metrics/"',
      'organizationId: "org-1" is not an AWS Organizations ID: use "o-" and 10 to 32 lowercase letters or digits',
      'accounts[0]: "12345" is not an AWS account ID: use its 12 digits, as a string',
    ]);
    expect(() => hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: [] })).toThrow(
      'accounts: is empty: list the member accounts, or give organizationId',
    );
  });

  test('an account listed twice is listed once', () => {
    const placed = hubAssumeRolePolicies({ partition: 'aws', spokeRole: SPOKE, accounts: [A, B, A] });
    expect(placed.inline!.Statement[0].Condition!.StringEquals['aws:ResourceAccount']).toEqual([A, B]);
  });
});

describe("the spoke role's permissions", () => {
  const role = spokeRoleArn(A);
  const cluster = (region: string, name: string, account = A) => `arn:aws:ecs:${region}:${account}:cluster/${name}`;
  const decide = async (policies: readonly PolicyDocument[], action: string, resource: string, context: Record<string, string> = {}) =>
    (await evaluateIdentity(role, [...policies], { action, resource, context })).identity;

  test('listed clusters: DescribeClusters on exactly their ARNs, region by region, nothing else', () => {
    expect(
      spokePermissionPolicies({
        partition: 'aws',
        account: A,
        regions: [
          { region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
          { region: 'eu-west-1', clusters: ['prod-eu'] },
        ],
      }),
    ).toEqual({
      managed: [],
      inline: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'DescribeListedClusters',
            Effect: 'Allow',
            Action: 'ecs:DescribeClusters',
            Resource: [cluster('us-east-1', 'prod-api'), cluster('us-east-1', 'prod-workers'), cluster('eu-west-1', 'prod-eu')],
          },
        ],
      },
    });
  });

  describe('allowed and denied, as evaluated', () => {
    const policies = allOf(
      spokePermissionPolicies({
        partition: 'aws',
        account: A,
        regions: [
          { region: 'us-east-1', clusters: ['prod-api'], services: { 'prod-api': '*' } },
          { region: 'eu-west-1', clusters: '*' },
        ],
      }),
    );

    test.each([
      ['ecs:DescribeClusters', cluster('us-east-1', 'prod-api'), {}],
      ['ecs:DescribeClusters', cluster('eu-west-1', 'any-cluster'), {}],
      ['ecs:ListClusters', '*', { 'aws:RequestedRegion': 'eu-west-1' }],
      ['ecs:ListServices', '*', { 'ecs:cluster': cluster('us-east-1', 'prod-api') }],
      ['ecs:DescribeServices', `arn:aws:ecs:us-east-1:${A}:service/prod-api/web`, {}],
    ])('allows %s on %s %j', async (action, resource, context) => {
      expect(await decide(policies, action, resource, context)).toBe('Allowed');
    });

    test.each([
      ['a cluster not listed', 'ecs:DescribeClusters', cluster('us-east-1', 'prod-other'), {}],
      ['a listed cluster name in another region', 'ecs:DescribeClusters', cluster('us-west-2', 'prod-api'), {}],
      ['a cluster of another account', 'ecs:DescribeClusters', cluster('eu-west-1', 'any-cluster', B), {}],
      ['ListClusters where clusters are listed, not discovered', 'ecs:ListClusters', '*', { 'aws:RequestedRegion': 'us-east-1' }],
      ['ListServices of a cluster whose services are not collected', 'ecs:ListServices', '*', { 'ecs:cluster': cluster('eu-west-1', 'any-cluster') }],
      ['services of another cluster', 'ecs:DescribeServices', `arn:aws:ecs:eu-west-1:${A}:service/any-cluster/web`, {}],
      ['a write', 'ecs:UpdateService', `arn:aws:ecs:us-east-1:${A}:service/prod-api/web`, {}],
      ['running a task', 'ecs:RunTask', `arn:aws:ecs:us-east-1:${A}:task-definition/web:1`, {}],
      ['exec into a container', 'ecs:ExecuteCommand', cluster('us-east-1', 'prod-api'), {}],
      ['publishing metrics (the hub publishes, not the spoke)', 'cloudwatch:PutMetricData', '*', { 'cloudwatch:namespace': 'ECS' }],
      ['passing a role', 'iam:PassRole', `arn:aws:iam::${A}:role/admin`, {}],
    ])('denies %s', async (_, action, resource, context) => {
      expect(await decide(policies, action, resource, context)).toBe('ImplicitlyDenied');
    });
  });

  test('each statement is needed: without it, a request the hub makes is denied', async () => {
    const placed = spokePermissionPolicies({
      partition: 'aws',
      account: A,
      regions: [
        { region: 'us-east-1', clusters: ['prod-api'], services: { 'prod-api': '*' } },
        { region: 'eu-west-1', clusters: '*' },
      ],
    });
    const document = placed.inline!;
    const needs: Record<string, [string, string, Record<string, string>]> = {
      DescribeListedClusters: ['ecs:DescribeClusters', cluster('us-east-1', 'prod-api'), {}],
      ListClustersWhereDiscovered: ['ecs:ListClusters', '*', { 'aws:RequestedRegion': 'eu-west-1' }],
      ListServicesOfClustersCollectedWhole: ['ecs:ListServices', '*', { 'ecs:cluster': cluster('us-east-1', 'prod-api') }],
      DescribeCollectedServices: ['ecs:DescribeServices', `arn:aws:ecs:us-east-1:${A}:service/prod-api/web`, {}],
    };
    expect(document.Statement.map((s) => s.Sid)).toEqual(Object.keys(needs));
    for (const [i, statement] of document.Statement.entries()) {
      const without = { ...document, Statement: document.Statement.filter((_, j) => j !== i) };
      const [action, resource, context] = needs[statement.Sid];
      expect(await decide([without], action, resource, context)).toBe('ImplicitlyDenied');
    }
  });

  describe('sizes', () => {
    test("1,000 accounts × 25 clusters: every account's spoke role fits one inline policy, even with 255-character cluster names", () => {
      const sizes = accounts(1_000).map((account, i) => {
        const placed = spokePermissionPolicies({
          partition: 'aws',
          account,
          regions: [{ region: 'us-east-1', clusters: clusterNames(25, i === 0 ? 255 : 40) }],
        });
        expect(placed.managed).toEqual([]);
        return policySize(placed.inline!);
      });
      expect(Math.max(...sizes)).toBeLessThanOrEqual(IAM_LIMITS.inlinePerRole);
      expect(sizes[0]).toBeGreaterThan(IAM_LIMITS.managedPolicy); // the long names' account: only inline could hold it in one policy
    });

    test('an account with 25 clusters in each of 17 regions moves to managed policies of at most 6,144, every ARN once', () => {
      const regions = Array.from({ length: 17 }, (_, i) => ({ region: `eu-test-${i + 1}`, clusters: clusterNames(25, 40) }));
      const placed = spokePermissionPolicies({ partition: 'aws', account: A, regions });
      expect(placed.inline).toBeUndefined();
      for (const document of placed.managed) expect(policySize(document)).toBeLessThanOrEqual(IAM_LIMITS.managedPolicy);
      expect(placed.managed.length).toBeLessThanOrEqual(IAM_LIMITS.managedPoliciesPerRole);
      const described = placed.managed.flatMap((d) => d.Statement.flatMap((s) => s.Resource as string[]));
      expect(described).toEqual(regions.flatMap(({ region, clusters }) => clusters.map((name) => cluster(region, name))));
    });

    test('an account too large for ten managed policies is refused, pointing at "*"', () => {
      const regions = Array.from({ length: 17 }, (_, i) => ({ region: `eu-test-${i + 1}`, clusters: clusterNames(60, 255) }));
      expect(() => spokePermissionPolicies({ partition: 'aws', account: A, regions })).toThrow(
        /^the spoke role of account 111111111111 needs \d+ managed policies of at most 6144 characters, over the 10 a role may have attached: collect the account's clusters with "\*"/,
      );
    });
  });

  test('any region the fleet config accepts is accepted, including a four-letter partition prefix', () => {
    const placed = spokePermissionPolicies({ partition: 'aws', account: A, regions: [{ region: 'eusc-de-east-1', clusters: ['a'] }] });
    expect(JSON.stringify(placed)).toContain(`arn:aws:ecs:eusc-de-east-1:${A}:cluster/a`);
  });

  test('bad input is named, each problem with its fix', () => {
    expect(
      problemsOf(() =>
        spokePermissionPolicies({
          partition: 'aws',
          account: '1111',
          regions: [
            { region: 'Mars', clusters: ['ok', 'bad name!'] },
            { region: 'us-east-1', clusters: [] },
            { region: 'us-east-1', clusters: '*' },
          ],
        }),
      ),
    ).toEqual([
      'account: "1111" is not an AWS account ID: use its 12 digits, as a string',
      'regions[0].region: "Mars" is not an AWS region: use a region code such as eu-west-1',
      'regions[0].clusters[1]: "bad name!" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores',
      'regions[1].clusters: is empty: list the clusters, or "*" for every cluster of the region',
      'regions[2].region: us-east-1 is listed twice: list each region once with all its clusters',
    ]);
  });
});
