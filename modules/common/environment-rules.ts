/**
 * Rules of a pipeline's `region` and `account` props: well formed, as the fleet config requires,
 * and not contradicting the provider that creates the resources (ARNs, IAM conditions and
 * dashboard links are built from them). Pure; the construct checks them (pipeline-problems.ts, pipeline/aws-provider.ts).
 */

import { partitionOf } from './environment';
import { REGION_NAME } from './region-names';

/** An AWS account ID: 12 digits. */
export const ACCOUNT_ID = /^\d{12}$/;
/** What an account ID is, in the words of every message and description about one. */
export const ACCOUNT_ID_ALLOWED = '12 digits';
/** The start of every message about a value (`shown` as the message quotes it) that is not an account ID. */
export const notAnAccountId = (shown: string) => `${shown} is not an AWS account ID`;
/** What a fleet config says of an account ID that is not one. */
export const ACCOUNT_ID_IS = `an AWS account ID is ${ACCOUNT_ID_ALLOWED}`;

/** The `region` prop of a construct, which may be left out. */
export function regionPropProblem(region: string): string | undefined {
  if (REGION_NAME.test(region)) return undefined;
  return `"${region}" is not an AWS region name: use a region such as us-east-1 or eu-west-1, or leave region out to read it from the provider`;
}

/** The `account` prop of a construct, which may be left out. */
export function accountPropProblem(account: string): string | undefined {
  if (ACCOUNT_ID.test(account)) return undefined;
  return `${notAnAccountId(`"${account}"`)}: use the account's ${ACCOUNT_ID_ALLOWED}, such as "111111111111", or leave account out to read it from the provider's credentials`;
}

/** The region prop against the literal region of the provider that creates the resources. */
export function providerRegionProblem(region: string, providerRegion: string, providerPath: string): string | undefined {
  if (region === providerRegion) return undefined;
  return `"${region}" is not the region of the provider ${providerPath} ("${providerRegion}"), which creates the resources: set region to "${providerRegion}", leave it out, or pass the provider of ${region}`;
}

/** The account prop against the one account the provider is pinned to (allowed_account_ids). */
export function providerAccountProblem(account: string, providerAccount: string, providerPath: string): string | undefined {
  if (account === providerAccount) return undefined;
  return `"${account}" is not the account the provider ${providerPath} is limited to (allowed_account_ids "${providerAccount}"): set account to "${providerAccount}", leave it out, or pass the provider of ${account}`;
}

/**
 * A member region of a hub: credentials never cross partitions, so a hub reads only account-regions
 * of its own partition. `reference` is the hub's region, or (when the hub's is known only at apply)
 * another target's, with how to name it (`targets[0]`).
 */
export function crossPartitionProblem(region: string, reference: { readonly region: string; readonly name?: string }): string | undefined {
  const partition = partitionOf(region);
  const other = partitionOf(reference.region);
  if (partition === other) return undefined;
  const what = reference.name === undefined ? `the hub (${reference.region})` : `${reference.name} (${reference.region}), as the hub must be,`;
  return `"${region}" is in partition ${partition}, but ${what} is in partition ${other}: credentials do not cross partitions, so the hub could never assume a role there; collect ${partition} account-regions with a hub of their own in ${partition}`;
}
