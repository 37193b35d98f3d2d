/** The names a fleet derives from its config: stacks, their Terraform Cloud workspaces, their S3 state keys. */

import type { Problem } from '../common/errors';

/** `<fleet>-<accountId>-<region>`: the name of the stack of one account-region. */
export function fleetStackName(fleet: string, accountId: string, region: string): string {
  return `${fleet}-${accountId}-${region}`;
}

/*
 * Each stack name reads one way only, whatever the fleet's name, so two fleets never share a stack,
 * a state key or a workspace. An account-region's ends in its region (a 1-2 digit number), right
 * after the 12-digit account, whose digits end the fleet name's part; the hub's ends in `-hub`, a
 * spoke's in its 12-digit account. A hub marker before the account would let an account-region
 * fleet named `<x>-hub` read as the hub of fleet `<x>`.
 */

/** `<fleet>-<accountId>-<region>-hub`: the stack of the hub pipeline (topology "hub"). */
export function hubStackName(fleet: string, accountId: string, region: string): string {
  return `${fleet}-${accountId}-${region}-hub`;
}

/** `<fleet>-spoke-<accountId>`: the stack of one member account's spoke role (topology "hub"; IAM is global, so one per account). */
export function spokeStackName(fleet: string, accountId: string): string {
  return `${fleet}-spoke-${accountId}`;
}

/** The Terraform Cloud workspace of a stack: `<workspacePrefix><stack>`. */
export function workspaceName(workspacePrefix: string, stack: string): string {
  return `${workspacePrefix}${stack}`;
}

/** The S3 key of a stack's state: `<keyPrefix>/<stack>/terraform.tfstate`, or `<stack>/terraform.tfstate`. */
export function stateKey(keyPrefix: string | undefined, stack: string): string {
  return `${keyPrefix ? `${keyPrefix}/` : ''}${stack}/terraform.tfstate`;
}

/** A stack name is a directory of the synth output and a construct id: a safe file name. */
export const STACK_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}$/;

/** S3 refuses object keys longer than 1,024 bytes (UTF-8). */
export const MAX_STATE_KEY_BYTES = 1024;

export function stackNameProblem(stack: string): string | undefined {
  if (STACK_NAME.test(stack)) return undefined;
  return `the stack name "${stack}" is not a safe directory name: it takes 1 to 255 letters, digits, _ . and -, not starting with "."; change the fleet name`;
}

export function stateKeyProblem(keyPrefix: string | undefined, stack: string): string | undefined {
  const key = stateKey(keyPrefix, stack);
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes <= MAX_STATE_KEY_BYTES) return undefined;
  return `the state key "${key}" is ${bytes} bytes, over S3's ${MAX_STATE_KEY_BYTES}: shorten keyPrefix by ${bytes - MAX_STATE_KEY_BYTES}`;
}

/** Problems of the names derived from one stack name (its directory, its S3 state key), each with the config path to change. */
export function stackNameProblems(fleet: { readonly backend?: { readonly type: string; readonly keyPrefix?: unknown } }, stack: string): Problem[] {
  const problems: Problem[] = [];
  const badStack = stackNameProblem(stack);
  if (badStack) problems.push({ path: ['name'], problem: badStack });
  const keyPrefix = fleet.backend?.keyPrefix;
  if (fleet.backend?.type === 's3' && (keyPrefix === undefined || typeof keyPrefix === 'string')) {
    const badKey = stateKeyProblem(keyPrefix, stack);
    if (badKey) problems.push({ path: ['backend', 'keyPrefix'], problem: badKey });
  }
  return problems;
}

/** `<fleet>-<accountId>-organization`: the organization stack (the spoke roles' StackSet and the Organizations read role) in the organization's account. */
export function organizationStackName(fleet: string, accountId: string): string {
  return `${fleet}-${accountId}-organization`;
}
