/**
 * How a request names a cluster: by name (in the collector's own account-region) or by ARN
 * (anywhere). ECS answers each under its name and ARN, so matching an answer to what was asked
 * needs both; and an ARN of another account-region must never reach ECS, which cannot describe it
 * here and might answer with a same-named cluster of its own.
 */
import { ECS_NAME } from '../../modules/common/rules';

/** Where a cluster or the collector is: what an ARN names besides the resource. */
export interface Place {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export type ClusterReference =
  | { readonly kind: 'name'; readonly name: string }
  | ({ readonly kind: 'arn'; readonly arn: string; readonly name: string } & Place);

const CLUSTER_ARN = /^arn:(aws[a-z-]*):ecs:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/;

/** The reference a request entry makes, or undefined when it is neither a cluster name nor a cluster ARN. */
export function clusterReference(entry: string): ClusterReference | undefined {
  if (ECS_NAME.test(entry)) return { kind: 'name', name: entry };
  const match = CLUSTER_ARN.exec(entry);
  if (!match || !ECS_NAME.test(match[4])) return undefined;
  return { kind: 'arn', arn: entry, partition: match[1], region: match[2], account: match[3], name: match[4] };
}

export const CLUSTER_REFERENCE_HINT =
  'an ECS cluster name (1 to 255 letters, digits, hyphens and underscores) nor a cluster ARN (arn:<partition>:ecs:<region>:<account>:cluster/<name>)';

/** The collector's own place, from its function's ARN (`arn:aws:lambda:us-east-1:111111111111:function:name`). */
export function placeOfFunction(functionArn: string | undefined): Place | undefined {
  const match = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):(\d{12}):function:/.exec(functionArn ?? '');
  return match ? { partition: match[1], region: match[2], account: match[3] } : undefined;
}

const describePlace = (place: Place, withPartition: boolean) =>
  `region ${place.region} of account ${place.account}${withPartition ? ` in partition ${place.partition}` : ''}`;

/** Why a reference cannot be collected by a collector at `home`; undefined when it can (or `home` is unknown). */
export function elsewhereReason(reference: ClusterReference, home: Place | undefined): string | undefined {
  if (!home || reference.kind === 'name') return undefined;
  if (reference.partition === home.partition && reference.region === home.region && reference.account === home.account) return undefined;
  return (
    `the cluster is in ${describePlace(reference, reference.partition !== home.partition)}, but this collector runs in ` +
    `${describePlace(home, true)}: list it in the pipeline of its own account-region`
  );
}
