/**
 * What the hub collector collects: the account-regions of a fleet, each with its clusters (or
 * "*" for every cluster there), and how it reaches them: the spoke role each member account holds.
 */
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';

/** One member account-region the hub collects: an entry of the target list the hub stack writes. */
export type HubTarget = TargetListEntry;

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
export const spokeRoleArn = (role: SpokeRole, account: string) => `arn:${role.partition}:iam::${account}:role${role.path}${role.name}`;
