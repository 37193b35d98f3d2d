/**
 * What the hub collector collects: the account-regions of a fleet, each with its clusters (or
 * "*" for every cluster there), and how it reaches them: the spoke role each member account holds.
 */
import type { ServiceSelection } from '../../../modules/pipeline/rules';

/** One member account-region the hub collects. */
export interface HubTarget {
  /** 12-digit AWS account ID of the member account. */
  readonly account: string;
  readonly region: string;
  /** Cluster names, or "*": every cluster of the account-region, found with ListClusters. */
  readonly clusters: readonly string[] | '*';
  /** Per cluster, the services whose counts to publish (a list, or "*" for all); none by default. */
  readonly services?: ServiceSelection;
}

/** The role the hub assumes in every member account (one per account: IAM is global). */
export interface SpokeRole {
  /** `aws`, `aws-cn`, `aws-us-gov`. */
  readonly partition: string;
  /** Role name, e.g. `ecs-highres-spoke`. */
  readonly name: string;
  /** IAM path, `/` or `/platform/`. */
  readonly path: string;
  /** Passed as ExternalId when the spoke role's trust policy asks for one. */
  readonly externalId?: string;
  /** RoleSessionName: shows in each member account's CloudTrail as who read its clusters. */
  readonly sessionName: string;
}

/** `111111111111/us-east-1`: how an account-region is named in reports, caches and logs. */
export const targetKey = (target: Pick<HubTarget, 'account' | 'region'>) => `${target.account}/${target.region}`;

/** `arn:aws:iam::111111111111:role/platform/ecs-highres-spoke`. */
export const spokeRoleArn = (role: SpokeRole, account: string) =>
  `arn:${role.partition}:iam::${account}:role${role.path}${role.name}`;
