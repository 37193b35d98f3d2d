/**
 * Names that must be unique where AWS (or Terraform) keeps them: IAM role and dashboard names
 * per account, the other resource names per account-region, output ids per stack. Two pipelines
 * collide only where they are provably in the same place: the same literal account or region,
 * or the same provider (same credentials and region). Pure; the construct keeps the claims of
 * an app and checks each new pipeline against them (pipeline/app-claims.ts).
 */

import type { Problem } from './errors';
import { comparedName, type NameKind } from './name-rules';

/** Where a name must be unique. */
export type NameScope = 'account' | 'account-region' | 'stack';

/** A name a pipeline creates, what it names, and where it must be unique. */
export interface NameClaim {
  /** What the name names, e.g. `IAM role name`: it decides how names compare (NAME_RULES). */
  readonly kind: NameKind;
  readonly name: string;
  readonly scope: NameScope;
}

/**
 * What is known of where a pipeline lives. Each key is a proof of place, in words: `account
 * 111111111111`, `the account of provider app/stack/aws`; two pipelines sharing a key share the place.
 */
export interface Placement {
  readonly accountKeys: readonly string[];
  readonly regionKeys: readonly string[];
  /** Path of the stack (the Terraform root module) of the pipeline. */
  readonly stack: string;
}

/** A pipeline's claims and where it lives. */
export interface Claimant {
  readonly path: string;
  readonly placement: Placement;
  readonly claims: readonly NameClaim[];
}

const shared = (a: readonly string[], b: readonly string[]) => a.find((key) => b.includes(key));

/** Why two placements share a name's scope (`account 111111111111 and region us-east-1`), or undefined when not provable. */
export function sharedPlace(scope: NameScope, a: Placement, b: Placement): string | undefined {
  if (scope === 'stack') return a.stack === b.stack ? `stack ${a.stack}` : undefined;
  const account = shared(a.accountKeys, b.accountKeys);
  if (account === undefined) return undefined;
  if (scope === 'account') return account;
  const region = shared(a.regionKeys, b.regionKeys);
  return region === undefined ? undefined : `${account} and ${region}`;
}

const UNIQUE_WHERE: Readonly<Record<NameScope, string>> = {
  account: 'unique in an account',
  'account-region': 'unique in an account-region',
  stack: 'unique in a stack',
};

/** The key under which a claim is held: two claims collide only if their keys are equal, as AWS compares the names. */
export const claimKey = (claim: NameClaim) => `${claim.scope}|${claim.kind}|${comparedName(claim.kind, claim.name)}`;

/**
 * Each claim of `claimant` that an earlier pipeline holds in the same place, as a problem of the
 * claimant as a whole (path `[]`: the name comes from several props and the construct id) naming
 * both paths; `holdersOf` gives the earlier pipelines holding a claim's key.
 */
export function collisionProblems(claimant: Claimant, holdersOf: (claim: NameClaim) => readonly Claimant[]): Problem[] {
  const problems: Problem[] = [];
  for (const claim of claimant.claims) {
    for (const other of holdersOf(claim)) {
      const place = sharedPlace(claim.scope, claimant.placement, other.placement);
      if (place === undefined) continue;
      const fix = claim.scope === 'stack' ? 'give one of the pipelines another construct id' : 'give one of the pipelines another name';
      // The other's spelling, when it differs only in case.
      const theirs = other.claims.find((c) => claimKey(c) === claimKey(claim))?.name;
      const as = theirs !== undefined && theirs !== claim.name ? ` as "${theirs}"` : '';
      const unique = `${UNIQUE_WHERE[claim.scope]}${as ? ', whatever their case' : ''}`;
      problems.push({
        path: [],
        problem: `the ${claim.kind} "${claim.name}" is also created by ${other.path}${as}, and both are in ${place} (${claim.kind}s are ${unique}): ${fix}`,
      });
    }
  }
  return problems;
}
