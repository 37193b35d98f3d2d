/**
 * The names hub and spokes must agree on, in one place: the hub collector role's ARN (which every
 * spoke role trusts), the spoke role's name and path (which the hub assumes), the target list's
 * bucket prefix and key. Built by the same functions on both sides, so neither can drift. Pure.
 */
import { pipelineNames } from '../common/names';
import { PIPELINE_DEFAULTS } from '../common/settings';
import type { SpokeRoleProps } from './props';

/** Key of the target list object in its bucket. */
export const TARGET_LIST_KEY = 'targets.json';

/** S3's limit on `bucket_prefix` (Terraform appends 26 characters to make the 63-character name). */
export const BUCKET_PREFIX_LIMIT = 37;

/** The hub pipeline's name, defaulted as every pipeline's. */
export const fleetNameOf = (name: string | undefined): string => name ?? PIPELINE_DEFAULTS.name;

/** The spoke role's name: `<name>-spoke` unless given. */
export function spokeRoleNameOf(name: string, spokeRole?: SpokeRoleProps): string {
  return spokeRole?.name ?? `${name}-spoke`;
}

/** The spoke role's path: its own, else the hub's role path, else `/`. */
export function spokeRolePathOf(spokeRole: SpokeRoleProps | undefined, hubRolePath: string | undefined): string {
  return spokeRole?.path ?? hubRolePath ?? '/';
}

/** What names the hub collector's role: the fleet's name, the hub's account, region and role path. */
export interface HubCollectorRole {
  readonly partition: string;
  readonly account: string;
  readonly region: string;
  readonly name: string;
  /** @default '/' */
  readonly rolePath?: string;
}

/** ARN of the hub collector's role, with its path: the role every spoke role trusts. */
export function hubCollectorRoleArn(hub: HubCollectorRole): string {
  const roleName = pipelineNames(hub.name, hub.region).roleName('collector');
  return `arn:${hub.partition}:iam::${hub.account}:role${hub.rolePath ?? '/'}${roleName}`;
}

/** The session name of every AssumeRole: what member accounts' CloudTrail shows as the reader of their clusters. */
export const hubSessionName = (name: string): string => `${name}-hub`;

/**
 * The target list bucket's prefix: the name in S3's alphabet (lowercase; `_` is not allowed), then
 * `-targets-`. Validation refuses what still is not a bucket prefix.
 */
export function targetBucketPrefix(name: string): string {
  return `${name.toLowerCase().replace(/_/g, '-')}-targets-`;
}
