/**
 * The IAM documents of an organization, as plain data: the spoke role every account of the
 * organization's units holds (deployed by the StackSet, or by a Terraform spoke stack: both from
 * these functions), the Organizations read role of the organization's account, and the hub
 * discovery role's own permissions. Pure: tests compare and simulate them without synthesizing.
 */
import type { PolicyDocument, PolicyStatement } from '../common/policy-document';
import { discoveredBucketArn } from './organization-names';

/** The regions an organization watches: a list, or "*" (every region enabled in each account). */
export type OrganizationRegions = readonly string[] | '*';

export interface OrganizationSpokeOptions {
  readonly partition: string;
  /** The member account, or `${AWS::AccountId}` in the StackSet's template (resolved by CloudFormation in each account). */
  readonly account: string;
  /** ARN of the hub collector role (polls the clusters). */
  readonly hubCollectorRoleArn: string;
  /** ARN of the hub discovery role (finds regions and clusters). */
  readonly hubDiscoveryRoleArn: string;
  readonly hubAccount: string;
  readonly regions: OrganizationRegions;
  /** The service reads only when per-service metrics are collected. */
  readonly withServices: boolean;
  /** When set, AssumeRole must pass it (sts:ExternalId). */
  readonly externalId?: string;
}

/** Trusts the hub account only as its collector or discovery role (aws:PrincipalArn), as a listed account's spoke trusts the collector. */
export function organizationSpokeTrustPolicy(o: OrganizationSpokeOptions): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'HubCollectorAndDiscoveryRolesOnly',
        Effect: 'Allow',
        Principal: { AWS: `arn:${o.partition}:iam::${o.hubAccount}:root` },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': [o.hubCollectorRoleArn, o.hubDiscoveryRoleArn] },
          ...(o.externalId !== undefined ? { StringEquals: { 'sts:ExternalId': o.externalId } } : {}),
        },
      },
    ],
  };
}

/**
 * The reads of an organization's spoke role, in one inline policy whatever the organization's size
 * (it names no cluster): ListClusters, DescribeClusters on the account's clusters of the watched
 * regions, DescribeRegions (to find enabled regions), and the service reads only with per-service metrics.
 */
export function organizationSpokePermissionPolicy(o: OrganizationSpokeOptions): PolicyDocument {
  const regions = o.regions === '*' ? ['*'] : [...o.regions];
  const inRegions: Pick<PolicyStatement, 'Condition'> = o.regions === '*' ? {} : { Condition: { StringEquals: { 'aws:RequestedRegion': [...o.regions] } } };
  const arn = (region: string, resource: string) => `arn:${o.partition}:ecs:${region}:${o.account}:${resource}`;
  const statements: PolicyStatement[] = [
    // ListClusters takes no resource scope; the watched regions are its only one.
    { Sid: 'ListClusters', Effect: 'Allow', Action: 'ecs:ListClusters', Resource: '*', ...inRegions },
    { Sid: 'DescribeClusters', Effect: 'Allow', Action: 'ecs:DescribeClusters', Resource: regions.map((r) => arn(r, 'cluster/*')) },
    // DescribeRegions takes no resource scope either.
    { Sid: 'DescribeRegions', Effect: 'Allow', Action: 'ec2:DescribeRegions', Resource: '*' },
  ];
  if (o.withServices) {
    statements.push(
      { Sid: 'ListServices', Effect: 'Allow', Action: 'ecs:ListServices', Resource: '*', ...inRegions },
      { Sid: 'DescribeServices', Effect: 'Allow', Action: 'ecs:DescribeServices', Resource: regions.map((r) => arn(r, 'service/*/*')) },
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The Organizations reads discovery needs: the units' children and accounts, recursively, and the organization itself. */
export const ORGANIZATIONS_READS = ['organizations:ListChildren', 'organizations:ListAccountsForParent', 'organizations:DescribeOrganization'] as const;

export interface OrganizationsRoleOptions {
  readonly partition: string;
  readonly hubAccount: string;
  readonly hubDiscoveryRoleArn: string;
  readonly externalId?: string;
}

/** The Organizations read role's trust: the hub account, only as its discovery role. */
export function organizationsRoleTrustPolicy(o: OrganizationsRoleOptions): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'HubDiscoveryRoleOnly',
        Effect: 'Allow',
        Principal: { AWS: `arn:${o.partition}:iam::${o.hubAccount}:root` },
        Action: 'sts:AssumeRole',
        Condition: {
          ArnEquals: { 'aws:PrincipalArn': o.hubDiscoveryRoleArn },
          ...(o.externalId !== undefined ? { StringEquals: { 'sts:ExternalId': o.externalId } } : {}),
        },
      },
    ],
  };
}

/** The Organizations read role's permissions: list and describe, nothing else (these actions take no resource scope but `*`). */
export function organizationsRolePermissionPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'ListAccountsOfUnits', Effect: 'Allow', Action: [...ORGANIZATIONS_READS], Resource: '*' }],
  };
}

export interface DiscoveryRoleOptions {
  readonly partition: string;
  /** ARN of the Organizations read role (in the organization's account). */
  readonly organizationsRoleArn: string;
  /** The spoke role's name and path, assumed in any account of the organization. */
  readonly spokeRole: { readonly name: string; readonly path: string };
  readonly organizationId: string;
  /** ARN of the target list object and of the discovered object. */
  readonly targetListObjectArn: string;
  readonly discoveredObjectArn: string;
  /** ARN of the discovery function's log group. */
  readonly logGroupArn: string;
}

/**
 * The discovery role's permissions: assume the Organizations read role and the spoke role (in the
 * organization only), read the target list, read and write the discovered object, write its logs.
 */
export function discoveryRolePolicy(o: DiscoveryRoleOptions): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AssumeOrganizationsReadRole', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: o.organizationsRoleArn },
      {
        Sid: 'AssumeSpokeRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:${o.partition}:iam::*:role${o.spokeRole.path}${o.spokeRole.name}`,
        Condition: { StringEquals: { 'aws:ResourceOrgID': o.organizationId } },
      },
      { Sid: 'ReadTargetList', Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: o.targetListObjectArn },
      { Sid: 'ReadWriteDiscovered', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: o.discoveredObjectArn },
      // Its first run reads an object not yet written: 404 with ListBucket, 403 without (organization-names.ts).
      { Sid: 'ListTargetBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: discoveredBucketArn(o.discoveredObjectArn) },
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${o.logGroupArn}:*` },
    ],
  };
}
