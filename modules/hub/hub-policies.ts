/**
 * The IAM documents of hub mode, as plain objects: the role each member account holds (trusted by
 * the hub's collector role alone, allowed only the ECS reads the settings need) and the hub
 * collector's permission to assume it, sized to fit IAM's limits at 1,000 accounts.
 */
import { arns, Environment } from '../common/environment';
import { REGION_NAME } from '../common/region-names';
import { clusterNameProblem, rolePathProblem, ServiceSelection } from '../common/rules';
import { HubPolicyDocument, HubStatement, IAM_LIMITS, ListStatement, packStatements, policySize } from './iam-limits';

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
  readonly inline?: HubPolicyDocument;
  readonly managed: readonly HubPolicyDocument[];
}

/** Hub-mode IAM that cannot be built: every problem, each naming its field, the value and the fix. */
export class HubIamError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.length === 1 ? problems[0] : `hub IAM:\n  - ${problems.join('\n  - ')}`);
    this.name = 'HubIamError';
  }
}

const ACCOUNT_ID = /^\d{12}$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;

function throwIfAny(problems: readonly string[]): void {
  if (problems.length > 0) throw new HubIamError(problems);
}

const accountProblem = (field: string, account: string) =>
  ACCOUNT_ID.test(account) ? [] : [`${field}: ${JSON.stringify(account)} is not an AWS account ID: use its 12 digits, quoted`];

/**
 * The spoke role's trust policy: the hub account, only as its collector role (aws:PrincipalArn).
 * Naming the role in a condition rather than as the principal lets spokes be applied before the
 * hub, and keeps the trust when the hub role is recreated (a principal ARN would turn into the
 * deleted role's unique ID and trust nobody).
 */
export function spokeTrustPolicy(options: SpokeTrustOptions): HubPolicyDocument {
  const match = ROLE_ARN.exec(options.hubCollectorRoleArn);
  const problems: string[] = [];
  if (!match) {
    problems.push(
      `hubCollectorRoleArn: ${JSON.stringify(options.hubCollectorRoleArn)} is not an IAM role ARN: use the hub collector role's ARN with its path, such as arn:aws:iam::999999999999:role/platform/ecs-highres-hub-collector`,
    );
  }
  if (options.externalId !== undefined && !EXTERNAL_ID.test(options.externalId)) {
    problems.push(
      `externalId: ${JSON.stringify(options.externalId)} is not a valid external ID: use 2 to 1,224 letters, digits or + = , . @ : / -`,
    );
  }
  throwIfAny(problems);
  const [, partition, hubAccount] = match!;
  const document: HubPolicyDocument = {
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
    throw new HubIamError([`the spoke trust policy is ${size} characters, over IAM's ${IAM_LIMITS.trustPolicy}: shorten the hub role's path or the external ID`]);
  }
  return document;
}

function spokeProblems(options: SpokePermissionOptions): string[] {
  const problems = accountProblem('account', options.account);
  if (options.regions.length === 0) problems.push('regions: is empty: list at least one region of the account');
  const seen = new Set<string>();
  options.regions.forEach(({ region, clusters }, i) => {
    if (!REGION_NAME.test(region)) problems.push(`regions[${i}].region: ${JSON.stringify(region)} is not an AWS region: use a region code such as eu-west-1`);
    if (seen.has(region)) problems.push(`regions[${i}].region: ${region} is listed twice: list each region once with all its clusters`);
    seen.add(region);
    if (clusters === '*') return;
    if (clusters.length === 0) problems.push(`regions[${i}].clusters: is empty: list the clusters, or "*" for every cluster of the region`);
    clusters.forEach((name, j) => {
      const problem = clusterNameProblem(name);
      if (problem) problems.push(`regions[${i}].clusters[${j}]: ${problem}`);
    });
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
function place(lists: readonly ListStatement[], inlineBudget: number, managedSlots: number, what: string, fix: string): PlacedPolicies {
  const inline = packStatements(lists, inlineBudget);
  if (inline.length === 1) return { managed: [], inline: inline[0] };
  const managed = packStatements(lists, IAM_LIMITS.managedPolicy);
  if (managed.length > managedSlots) {
    throw new HubIamError([
      `${what} needs ${managed.length} managed policies of at most ${IAM_LIMITS.managedPolicy} characters, over the ${managedSlots} a role may have attached: ${fix}`,
    ]);
  }
  return { managed };
}

/**
 * The spoke role's permissions in one account: DescribeClusters on the listed clusters of each
 * region (the account's `cluster/*` where clusters are discovered), ListClusters only in regions
 * that discover, and the service calls only for services collected.
 */
export function spokePermissionPolicies(options: SpokePermissionOptions): PlacedPolicies {
  throwIfAny(spokeProblems(options));
  return place(
    spokeStatements(options),
    IAM_LIMITS.inlinePerRole,
    IAM_LIMITS.managedPoliciesPerRole,
    `the spoke role of account ${options.account}`,
    'collect the account\'s clusters with "*" in its busiest regions, or split the account\'s clusters across fewer names',
  );
}

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
export function hubAssumeRolePolicies(options: HubAssumeOptions, placement: HubAssumePlacement = {}): PlacedPolicies {
  const problems: string[] = [];
  const nameProblem = ROLE_NAME.test(options.spokeRole.name)
    ? undefined
    : `spokeRole.name: ${JSON.stringify(options.spokeRole.name)} is not an IAM role name: use 1 to 64 letters, digits or + = , . @ _ -`;
  if (nameProblem) problems.push(nameProblem);
  const pathProblem = rolePathProblem(options.spokeRole.path);
  if (pathProblem) problems.push(`spokeRole.path: ${pathProblem}`);
  if (options.organizationId !== undefined && !ORGANIZATION_ID.test(options.organizationId)) {
    problems.push(`organizationId: ${JSON.stringify(options.organizationId)} is not an AWS Organizations ID: use o- and 10 to 32 lowercase letters or digits`);
  }
  for (const [i, account] of options.accounts.entries()) problems.push(...accountProblem(`accounts[${i}]`, account));
  if (options.accounts.length === 0 && options.organizationId === undefined) {
    problems.push('accounts: is empty: list the member accounts, or give organizationId');
  }
  throwIfAny(problems);
  const resource = `arn:${options.partition}:iam::*:role${options.spokeRole.path}${options.spokeRole.name}`;
  const statement = (key: string) => (items: string[]): HubStatement => ({
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
