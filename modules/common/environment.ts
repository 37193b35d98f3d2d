/**
 * Where a pipeline lives (partition, region, account) and the ARNs built from it. Every folder
 * that names an AWS resource by ARN (IAM policies, alarms, topics, dashboards) uses these.
 */
import type { IamKind } from './rules';

/** Where the pipeline lives; each part is a literal or a Terraform reference. */
export interface Environment {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** ARNs built from names, so policies need no reference to the resources they protect. */
export const arns = {
  cluster: (env: Environment, name: string) => `arn:${env.partition}:ecs:${env.region}:${env.account}:cluster/${name}`,
  /** A service in ECS's long ARN format (the default since 2021), which names its cluster; `*` for all of them. */
  service: (env: Environment, cluster: string, name: string) => `arn:${env.partition}:ecs:${env.region}:${env.account}:service/${cluster}/${name}`,
  function: (env: Environment, name: string) => `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${name}`,
  stateMachine: (env: Environment, name: string) => `arn:${env.partition}:states:${env.region}:${env.account}:stateMachine:${name}`,
  logGroup: (env: Environment, name: string) => `arn:${env.partition}:logs:${env.region}:${env.account}:log-group:${name}`,
  /** IAM is global: its ARNs carry no region; `nameWithPath` is `name` or `path/name`. */
  iam: (env: Environment, kind: IamKind, nameWithPath: string) => `arn:${env.partition}:iam::${env.account}:${kind}/${nameWithPath}`,
};

/** A role or managed policy given as an ARN (kept) or as a name with its path (in the pipeline's account). */
export function iamArn(env: Environment, kind: IamKind, reference: string): string {
  return reference.startsWith('arn:') ? reference : arns.iam(env, kind, reference);
}

/** Region name prefixes of the partitions other than `aws`: China, GovCloud, European Sovereign Cloud and the isolated ones. */
export const PARTITION_PREFIXES: ReadonlyArray<readonly [prefix: string, partition: string]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['eusc-', 'aws-eusc'],
  ['us-iso-', 'aws-iso'],
  ['us-isob-', 'aws-iso-b'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-isof-', 'aws-iso-f'],
];

/** The partition of a region name: China, GovCloud, the European Sovereign Cloud and the isolated regions have their own. */
export function partitionOf(region: string): string {
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}
