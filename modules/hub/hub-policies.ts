/**
 * The IAM documents of hub mode, as plain objects: the role each member account holds (trusted by
 * the hub's collector role alone, allowed only the ECS reads the settings need) and the hub
 * collector's permission to assume it, sized to fit IAM's limits at 1,000 accounts.
 */
import { arns, type Environment } from '../common/environment';
import { IAM_LIMITS } from '../common/aws-limits';
import { describeProblem, type Problem, problemAt } from '../common/errors';
import { accountIdProblem, externalIdProblem, organizationIdProblem, ROLE_ARN, roleNameProblem } from '../common/iam-rules';
import { type PolicyDocument, type PolicyStatement, policySize } from '../common/policy-document';
import { regionCodeProblem } from '../common/region-names';
import { clusterNameProblem, rolePathProblem, type ServiceSelection } from '../common/rules';
import { type ListStatement, packStatements } from './policy-packing';

/** The spoke role's name and path, the same in every member account. */
export interface SpokeRoleName {
  /** e.g. `ecs-highres-spoke`. */
  readonly name: string;
  /** `/` or `/platform/`. */
  readonly path: string;
}

export interface SpokeTrustOptions {
  /** ARN of the hub collector's role, with its path: `arn:aws:iam::999999999999:role/platform/ecs-highres-hub-collector`. */
  readonly hubCollectorRoleArn: string;
  /** When set, AssumeRole must pass it (sts:ExternalId). */
  readonly externalId?: string;
}

/** One member region of an account, as its spoke role must allow it. */
export interface SpokeRegion {
  readonly region: string;
  /** Cluster names, or "*": every cluster there (ListClusters, describe calls on the account's clusters). */
  readonly clusters: readonly string[] | '*';
  /** Per cluster, the services collected (a list, or "*"); only when per-service metrics are selected. */
  readonly services?: ServiceSelection;
}

export interface SpokePermissionOptions {
  readonly partition: string;
  readonly account: string;
  readonly regions: readonly SpokeRegion[];
}

export interface HubAssumeOptions {
  readonly partition: string;
  readonly spokeRole: SpokeRoleName;
  /** The member accounts; each may be assumed. */
  readonly accounts: readonly string[];
  /** With an organization ID, any account of the organization (one condition, whatever the fleet's size). */
  readonly organizationId?: string;
}

/** Where a role's documents go: one inline policy when it fits the role's inline budget, else managed policies. */
export interface PlacedPolicies {
  readonly inline?: PolicyDocument;
  readonly managed: readonly PolicyDocument[];
}

/** Hub-mode IAM that cannot be built: every problem, each at its field of the options (`[]`: the whole), naming the value and the fix. */
export class HubIamError extends Error {
  constructor(public readonly problems: readonly Problem[]) {
    const lines = problems.map(describeProblem);
    super(lines.length === 1 ? lines[0] : `hub IAM:\n  - ${lines.join('\n  - ')}`);
    this.name = 'HubIamError';
  }
}

/** What a builder made, or every problem that keeps it from being made. */
export type Checked<T> = { readonly value: T } | { readonly problems: readonly Problem[] };

/** The value, or a HubIamError with the problems: for callers that pass what they checked. */
function built<T>(checked: Checked<T>): T {
  if ('problems' in checked) throw new HubIamError(checked.problems);
  return checked.value;
}

/**
 * The spoke role's trust policy: the hub account, only as its collector role (aws:PrincipalArn).
 * Naming the role in a condition rather than as the principal lets spokes be applied before the
 * hub, and keeps the trust when the hub role is recreated (a principal ARN would turn into the
 * deleted role's unique ID and trust nobody).
 */
export function checkedSpokeTrustPolicy(options: SpokeTrustOptions): Checked<PolicyDocument> {
  const match = ROLE_ARN.exec(options.hubCollectorRoleArn);
  const problems: Problem[] = [];
  if (!match) {
    problems.push({
      path: ['hubCollectorRoleArn'],
      problem: `${JSON.stringify(options.hubCollectorRoleArn)} is not an IAM role ARN: use the hub collector role's ARN with its path, such as arn:aws:iam::999999999999:role/platform/ecs-highres-hub-collector`,
    });
  }
  if (options.externalId !== undefined) problems.push(...problemAt(['externalId'], externalIdProblem(options.externalId)));
  if (problems.length > 0) return { problems };
  const [, partition, hubAccount] = match!;
  const document: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'HubCollectorRoleOnly',
        Effect: 'Allow',
        Principal: { AWS: `arn:${partition}:iam::${hubAccount}:root` },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': options.hubCollectorRoleArn },
          ...(options.externalId !== undefined ? { StringEquals: { 'sts:ExternalId': options.externalId } } : {}),
        },
      },
    ],
  };
  const size = policySize(document);
  if (size > IAM_LIMITS.trustPolicy) {
    return {
      problems: [
        {
          path: [],
          problem: `the spoke trust policy is ${size} characters, over IAM's ${IAM_LIMITS.trustPolicy}: shorten the hub role's path or the external ID`,
        },
      ],
    };
  }
  return { value: document };
}

/** The spoke role's trust policy (checkedSpokeTrustPolicy); throws HubIamError with every problem of `options`. */
export const spokeTrustPolicy = (options: SpokeTrustOptions): PolicyDocument => built(checkedSpokeTrustPolicy(options));

function spokeProblems(options: SpokePermissionOptions): Problem[] {
  const problems = problemAt(['account'], accountIdProblem(options.account));
  if (options.regions.length === 0) problems.push({ path: ['regions'], problem: 'is empty: list at least one region of the account' });
  const seen = new Set<string>();
  options.regions.forEach(({ region, clusters }, i) => {
    problems.push(...problemAt(['regions', i, 'region'], regionCodeProblem(region)));
    if (seen.has(region)) problems.push({ path: ['regions', i, 'region'], problem: `${region} is listed twice: list each region once with all its clusters` });
    seen.add(region);
    if (clusters === '*') return;
    if (clusters.length === 0)
      problems.push({ path: ['regions', i, 'clusters'], problem: 'is empty: list the clusters, or "*" for every cluster of the region' });
    for (const [j, name] of clusters.entries()) problems.push(...problemAt(['regions', i, 'clusters', j], clusterNameProblem(name)));
  });
  return problems;
}

/** The ECS statements of an account's spoke role, each with the list that may grow with the fleet. */
function spokeStatements(options: SpokePermissionOptions): ListStatement[] {
  const env = (region: string): Environment => ({ partition: options.partition, region, account: options.account });
  const discovered = options.regions.filter((r) => r.clusters === '*');
  const lists: ListStatement[] = [
    {
      items: options.regions.flatMap(({ region, clusters }) =>
        clusters === '*' ? [arns.cluster(env(region), '*')] : clusters.map((name) => arns.cluster(env(region), name)),
      ),
      statement: (items) => ({ Sid: 'DescribeListedClusters', Effect: 'Allow', Action: 'ecs:DescribeClusters', Resource: items }),
    },
  ];
  if (discovered.length > 0) {
    lists.push({
      items: discovered.map((r) => r.region),
      // ListClusters takes no resource scope; the regions where clusters are discovered are its only one.
      statement: (items) => ({
        Sid: 'ListClustersWhereDiscovered',
        Effect: 'Allow',
        Action: 'ecs:ListClusters',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': items } },
      }),
    });
  }
  const services = options.regions.flatMap(({ region, services: selection }) =>
    Object.entries(selection ?? {}).map(([cluster, selected]: [string, readonly string[] | '*']) => ({ env: env(region), cluster, selected })),
  );
  const listedWhole = services.filter((s) => s.selected === '*');
  if (listedWhole.length > 0) {
    lists.push({
      items: listedWhole.map((s) => arns.cluster(s.env, s.cluster)),
      // ListServices has no resource type; the ecs:cluster condition is its only scope.
      statement: (items) => ({
        Sid: 'ListServicesOfClustersCollectedWhole',
        Effect: 'Allow',
        Action: 'ecs:ListServices',
        Resource: '*',
        Condition: { ArnEquals: { 'ecs:cluster': items } },
      }),
    });
  }
  if (services.length > 0) {
    lists.push({
      items: services.flatMap(({ env: e, cluster, selected }) =>
        selected === '*' ? [arns.service(e, cluster, '*')] : selected.map((name) => arns.service(e, cluster, name)),
      ),
      statement: (items) => ({ Sid: 'DescribeCollectedServices', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: items }),
    });
  }
  return lists;
}

/**
 * `lists` in one inline policy when it fits `inlineBudget`, else in managed policies of at most
 * IAM's managed size, no more than `managedSlots` of them; `what` and `fix` word the error.
 */
function place(lists: readonly ListStatement[], inlineBudget: number, managedSlots: number, what: string, fix: string): Checked<PlacedPolicies> {
  const inline = packStatements(lists, inlineBudget);
  if (inline.length === 1) return { value: { managed: [], inline: inline[0] } };
  const managed = packStatements(lists, IAM_LIMITS.managedPolicy);
  if (managed.length > managedSlots) {
    return {
      problems: [
        {
          path: [],
          problem: `${what} needs ${managed.length} managed policies of at most ${IAM_LIMITS.managedPolicy} characters, over the ${managedSlots} a role may have attached: ${fix}`,
        },
      ],
    };
  }
  return { value: { managed } };
}

/**
 * The spoke role's permissions in one account: DescribeClusters on the listed clusters of each
 * region (the account's `cluster/*` where clusters are discovered), ListClusters only in regions
 * that discover, and the service calls only for services collected.
 */
export function checkedSpokePermissionPolicies(options: SpokePermissionOptions): Checked<PlacedPolicies> {
  const problems = spokeProblems(options);
  if (problems.length > 0) return { problems };
  return place(
    spokeStatements(options),
    IAM_LIMITS.inlinePerRole,
    IAM_LIMITS.managedPoliciesPerRole,
    `the spoke role of account ${options.account}`,
    'collect the account\'s clusters with "*" in its busiest regions, or split the account\'s clusters across fewer names',
  );
}

/** The spoke role's permissions (checkedSpokePermissionPolicies); throws HubIamError with every problem of `options`. */
export const spokePermissionPolicies = (options: SpokePermissionOptions): PlacedPolicies => built(checkedSpokePermissionPolicies(options));

export interface HubAssumePlacement {
  /** Characters of the hub collector role's other inline policies, which share its 10,240. */
  readonly otherInlineSize?: number;
  /** Managed policies already attached to the hub collector role. */
  readonly otherManagedCount?: number;
}

/**
 * The hub collector's permission to assume the spoke role, and nothing else: the role's name and
 * path in any account (`arn:…:iam::*:role/<path><name>`), narrowed to the listed accounts with
 * aws:ResourceAccount, or to the organization with aws:ResourceOrgID. Listing 1,000 accounts takes
 * 15 characters each: three managed policies, where one ARN per account would take ten.
 */
export function checkedHubAssumeRolePolicies(options: HubAssumeOptions, placement: HubAssumePlacement = {}): Checked<PlacedPolicies> {
  const problems: Problem[] = [
    ...problemAt(['spokeRole', 'name'], roleNameProblem(options.spokeRole.name)),
    ...problemAt(['spokeRole', 'path'], rolePathProblem(options.spokeRole.path)),
    ...(options.organizationId !== undefined ? problemAt(['organizationId'], organizationIdProblem(options.organizationId)) : []),
  ];
  for (const [i, account] of options.accounts.entries()) problems.push(...problemAt(['accounts', i], accountIdProblem(account)));
  if (options.accounts.length === 0 && options.organizationId === undefined) {
    problems.push({ path: ['accounts'], problem: 'is empty: list the member accounts, or give organizationId' });
  }
  if (problems.length > 0) return { problems };
  const resource = `arn:${options.partition}:iam::*:role${options.spokeRole.path}${options.spokeRole.name}`;
  const statement =
    (key: string) =>
    (items: string[]): PolicyStatement => ({
      Sid: 'AssumeSpokeRole',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: resource,
      Condition: { StringEquals: { [key]: items } },
    });
  const lists: ListStatement[] =
    options.organizationId !== undefined
      ? [{ items: [options.organizationId], statement: statement('aws:ResourceOrgID') }]
      : [{ items: [...new Set(options.accounts)], statement: statement('aws:ResourceAccount') }];
  return place(
    lists,
    IAM_LIMITS.inlinePerRole - (placement.otherInlineSize ?? 0),
    IAM_LIMITS.managedPoliciesPerRole - (placement.otherManagedCount ?? 0),
    `the hub collector's AssumeRole permission for ${options.accounts.length} accounts`,
    'give organizationId to allow the spoke role in every account of the organization with one condition',
  );
}

/** The hub collector's AssumeRole permission (checkedHubAssumeRolePolicies); throws HubIamError with every problem of `options`. */
export const hubAssumeRolePolicies = (options: HubAssumeOptions, placement: HubAssumePlacement = {}): PlacedPolicies =>
  built(checkedHubAssumeRolePolicies(options, placement));

/** The target list bucket's policy: any request to the bucket or its objects without TLS is refused, whoever makes it. */
export function targetListBucketPolicy(bucketArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyRequestsWithoutTls',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}
