/**
 * The identifiers of hub mode as IAM and STS take them (an account ID, a role name, a role ARN, a
 * session name, an external ID, an organization ID): each pattern and the words for what it
 * allows, defined once for the constructs, the fleet config and the collector. Pure.
 */
import { ACCOUNT_ID, ACCOUNT_ID_ALLOWED, notAnAccountId } from './environment-rules';

/** An IAM role name: 1 to 64 of `\w+=,.@-`. */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const ROLE_NAME_ALLOWED = '1 to 64 letters, digits and + = , . @ _ -';

/** A role ARN with its path: the partition is group 1, the account group 2. */
export const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;
/** What a role ARN looks like, for a message about a value that is not one. */
export const ROLE_ARN_SHAPE = 'an IAM role ARN looks like arn:aws:iam::111111111111:role/terraform';

/** A role session name: 2 to 64 of `\w+=,.@-`. */
export const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
export const ROLE_SESSION_NAME_ALLOWED = '2 to 64 letters, digits and + = , . @ _ -';

/** sts:ExternalId: what IAM accepts. */
export const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;
export const EXTERNAL_ID_ALLOWED = '2 to 1,224 letters, digits and _ + = , . @ : / -';

/** An AWS Organizations ID. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const ORGANIZATION_ID_ALLOWED = '"o-" and 10 to 32 lowercase letters or digits';

/** An AWS Organizations organizational unit ID: `ou-` and the root's 4 to 32 characters, `-`, then 8 to 32 (lowercase letters or digits). */
export const ORGANIZATIONAL_UNIT_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** An AWS Organizations root ID: `r-` and 4 to 32 lowercase letters or digits. */
export const ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const UNIT_ID_ALLOWED = 'an organizational unit ID ("ou-ab12-cdef3456") or the root ID ("r-ab12")';

/** A unit whose accounts the hub collects: an OU or the root (AWS Organizations' ListChildren takes both as ParentId). */
export function organizationUnitProblem(unit: unknown): string | undefined {
  if (typeof unit === 'string' && (ORGANIZATIONAL_UNIT_ID.test(unit) || ROOT_ID.test(unit))) return undefined;
  return `${JSON.stringify(unit)} is not ${UNIT_ID_ALLOWED}`;
}

/** An exclusion: an account ID or an organizational unit ID (with every account below it). */
export function organizationExclusionProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && (ACCOUNT_ID.test(value) || ORGANIZATIONAL_UNIT_ID.test(value))) return undefined;
  return `${JSON.stringify(value)} is neither a 12-digit account ID nor an organizational unit ID ("ou-ab12-cdef3456"): exclude accounts or OUs`;
}

/** An account ID of a member or hub account, given as data (a number is refused: it loses leading zeros). */

export function accountIdProblem(account: unknown): string | undefined {
  if (typeof account === 'string' && ACCOUNT_ID.test(account)) return undefined;
  return `${notAnAccountId(JSON.stringify(account))}: use its ${ACCOUNT_ID_ALLOWED}, as a string`;
}

export function roleNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && ROLE_NAME.test(name)) return undefined;
  return `${JSON.stringify(name)} is not an IAM role name: use ${ROLE_NAME_ALLOWED}`;
}

export function externalIdProblem(externalId: string): string | undefined {
  if (EXTERNAL_ID.test(externalId)) return undefined;
  return `${JSON.stringify(externalId)} is not a valid external ID: use ${EXTERNAL_ID_ALLOWED}`;
}

export function organizationIdProblem(organizationId: string): string | undefined {
  if (ORGANIZATION_ID.test(organizationId)) return undefined;
  return `${JSON.stringify(organizationId)} is not an AWS Organizations ID: use ${ORGANIZATION_ID_ALLOWED}`;
}
