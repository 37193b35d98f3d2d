/**
 * The names every pipeline of an app has claimed, kept per app (the construct tree's root), so
 * a second pipeline that would create a name the first one creates in the same place fails at
 * synth, naming both. Also where a pipeline's place is worked out from its props and provider.
 */
import type { Problem } from '../common/errors';
import { type TerraformProvider, TerraformStack, Token } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import { type Claimant, claimKey, collisionProblems, type NameClaim, type Placement as ProvablePlace } from '../common/name-collisions';
import { effectiveAwsProvider, literalProviderAccount, literalProviderRegion } from './aws-provider';

/** Where a pipeline provably is, and the label of its region in names (a literal, or its provider's region in words). */
export interface Placement extends ProvablePlace {
  readonly regionLabel: string;
}

/** Per app, the pipelines holding each claim key, so a check looks only at pipelines sharing a name. */
const holdersOfApp = new WeakMap<IConstruct, Map<string, Claimant[]>>();

/** Records the claims of the pipeline at `scope`; returns its collisions with the app's earlier pipelines, problems of the whole construct (and then records nothing). */
export function claimNames(scope: Construct, claims: readonly NameClaim[], placement: Placement): Problem[] {
  const root = scope.node.root;
  const holders = holdersOfApp.get(root) ?? new Map<string, Claimant[]>();
  holdersOfApp.set(root, holders);
  const claimant: Claimant = { path: scope.node.path, placement, claims };
  const problems = collisionProblems(claimant, (claim) => holders.get(claimKey(claim)) ?? []);
  if (problems.length > 0) return problems;
  for (const key of new Set(claims.map(claimKey))) {
    const list = holders.get(key);
    if (list) list.push(claimant);
    else holders.set(key, [claimant]);
  }
  return [];
}

/** Where a pipeline is: its literal account and region (props or provider), and its provider, which pins both. */
export function placementOf(scope: Construct, env: { readonly account: string; readonly region: string }, provider?: TerraformProvider): Placement {
  const stack = TerraformStack.of(scope);
  const aws = effectiveAwsProvider(scope, provider);
  const by = aws ? `provider ${aws.node.path}` : `the default aws provider of stack ${stack.node.path}`;
  const account = Token.isUnresolved(env.account) ? literalProviderAccount(aws) : env.account;
  const region = Token.isUnresolved(env.region) ? literalProviderRegion(aws) : env.region;
  return {
    accountKeys: [...(account ? [`account ${account}`] : []), `the account of ${by}`],
    regionKeys: [...(region ? [`region ${region}`] : []), `the region of ${by}`],
    stack: stack.node.path,
    regionLabel: region ?? `<the region of ${by}>`,
  };
}
