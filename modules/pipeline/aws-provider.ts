/**
 * The AwsProvider that creates a pipeline's resources: the one given, or the stack's default
 * (un-aliased) one. Its literal region and pinned account are what a pipeline can prove about
 * where it lives, for the environment checks and the collision checks.
 */
import { type Problem, problemAt } from '../common/errors';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { type TerraformProvider, TerraformStack, Token } from 'cdktf';
import type { Construct } from 'constructs';
import { providerAccountProblem, providerRegionProblem } from '../common/environment-rules';

/** The provider given, else the stack's un-aliased aws provider (undefined when the stack has none yet). */
export function effectiveAwsProvider(scope: Construct, provider?: TerraformProvider): TerraformProvider | undefined {
  if (provider) return provider;
  return TerraformStack.of(scope)
    .node.findAll()
    .find((c): c is AwsProvider => c instanceof AwsProvider && c.alias === undefined);
}

/** The provider's region when it is a literal. */
export function literalProviderRegion(provider: TerraformProvider | undefined): string | undefined {
  const region = provider instanceof AwsProvider ? provider.region : undefined;
  return region !== undefined && !Token.isUnresolved(region) ? region : undefined;
}

/** The one account the provider is pinned to (`allowed_account_ids` with one literal ID). */
export function literalProviderAccount(provider: TerraformProvider | undefined): string | undefined {
  const allowed = provider instanceof AwsProvider ? provider.allowedAccountIds : undefined;
  if (!allowed || Token.isUnresolved(allowed) || allowed.length !== 1 || Token.isUnresolved(allowed[0])) return undefined;
  return allowed[0];
}

/** `region`/`account` props that contradict the provider's literal region or pinned account. */
export function providerEnvironmentProblems(
  scope: Construct,
  props: { readonly provider?: TerraformProvider; readonly region?: string; readonly account?: string },
): Problem[] {
  const provider = effectiveAwsProvider(scope, props.provider);
  if (!provider) return [];
  const problems: Problem[] = [];
  const providerRegion = literalProviderRegion(provider);
  if (props.region !== undefined && providerRegion !== undefined && !Token.isUnresolved(props.region)) {
    const problem = providerRegionProblem(props.region, providerRegion, provider.node.path);
    problems.push(...problemAt(['region'], problem));
  }
  const providerAccount = literalProviderAccount(provider);
  if (props.account !== undefined && providerAccount !== undefined && !Token.isUnresolved(props.account)) {
    const problem = providerAccountProblem(props.account, providerAccount, provider.node.path);
    problems.push(...problemAt(['account'], problem));
  }
  return problems;
}
