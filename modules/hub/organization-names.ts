/**
 * The names an organization's hub, organization stack and StackSet must agree on: the discovery
 * role (which the Organizations read role and every spoke role trust), the Organizations read role
 * (which the discovery role assumes), the StackSet. Built by the same functions on every side. Pure.
 */
import { pipelineNames } from '../common/names';
import type { HubCollectorRole } from './hub-names';

/** ARN of the hub's discovery role, with its path: `<name>-discovery-<region>` in the hub account. */
export function hubDiscoveryRoleArn(hub: HubCollectorRole): string {
  return `arn:${hub.partition}:iam::${hub.account}:role${hub.rolePath ?? '/'}${pipelineNames(hub.name, hub.region).roleName('discovery')}`;
}

/** Name of the hub's discovery function: `<name>-discovery`. */
export const discoveryFunctionName = (name: string): string => `${name}-discovery`;

/** Name of the Organizations read role in the organization's account: `<name>-organizations-read`. */
export const organizationsRoleNameOf = (name: string): string => `${name}-organizations-read`;

/** The session name of the discovery role's AssumeRole of the Organizations read role, as CloudTrail shows it. */
export const discoverySessionName = (name: string): string => `${name}-discovery`;

/** Name of the StackSet of spoke roles: `<name>-spoke-role`. */
export const spokeStackSetNameOf = (name: string): string => `${name}-spoke-role`;

/** Key of the discovered targets object in the target list's bucket. */
export const DISCOVERED_KEY = 'discovered.json';

/**
 * The bucket of the discovered object, from the object's ARN (`<bucket ARN>/discovered.json`): who
 * reads the object also needs s3:ListBucket on it, or S3 answers a not-yet-written object with 403
 * AccessDenied instead of 404 (the discovery's first run, a tick before it) and it cannot be told
 * from a real denial. The bucket holds only the target list and this object, both readable anyway,
 * so the listing reveals nothing new.
 */
export function discoveredBucketArn(discoveredObjectArn: string): string {
  const suffix = `/${DISCOVERED_KEY}`;
  if (!discoveredObjectArn.endsWith(suffix)) throw new Error(`${discoveredObjectArn} is not the ARN of the discovered object (…${suffix})`);
  return discoveredObjectArn.slice(0, -suffix.length);
}
