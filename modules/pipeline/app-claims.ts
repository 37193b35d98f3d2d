/**
 * The names every pipeline of an app has claimed, kept per app (the construct tree's root), so
 * a second pipeline that would create a name the first one creates in the same place fails at
 * synth, naming both. Also where a pipeline's place is worked out from its props and provider.
 */
import { TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { Claimant, collisionProblems, NameClaim, Placement as ProvablePlace } from '../common/name-collisions';
import { effectiveAwsProvider, literalProviderAccount, literalProviderRegion } from './aws-provider';

/** Where a pipeline provably is, and the label of its region in names (a literal, or its provider's region in words). */
export interface Placement extends ProvablePlace {
  readonly regionLabel: string;
}

const claimantsOfApp = new WeakMap<IConstruct, Claimant[]>();

/** Records the claims of the pipeline at `path`; returns its collisions with the app's earlier pipelines (and then records nothing). */
export function claimNames(scope: Construct, claims: readonly NameClaim[], placement: Placement): string[] {
  const root = scope.node.root;
  const claimants = claimantsOfApp.get(root) ?? [];
  claimantsOfApp.set(root, claimants);
  const claimant: Claimant = { path: scope.node.path, placement, claims };
  const problems = collisionProblems(claimants, claimant);
  if (problems.length === 0) claimants.push(claimant);
  return problems;
}

/** Where a pipeline is: its literal account and region (props or provider), and its provider, which pins both. */
export function placementOf(
  scope: Construct,
  env: { readonly account: string; readonly region: string },
  provider?: TerraformProvider,
): Placement {
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
