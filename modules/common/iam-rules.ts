/**
 * The identifiers of hub mode as IAM and STS take them (an account ID, a role name, a role ARN, a
 * session name, an external ID, an organization ID): each pattern and the words for what it
 * allows, defined once for the constructs, the fleet config and the collector. Pure.
 */
import { ACCOUNT_ID } from './environment-rules';

/** An IAM role name: 1 to 64 of `\w+=,.@-`. */
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const ROLE_NAME_ALLOWED = '1 to 64 letters, digits and + = , . @ _ -';

/** A role ARN with its path: the partition is group 1, the account group 2. */
export const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:[\x21-\x7e]+\/)?[\w+=,.@-]{1,64}$/;

/** A role session name: 2 to 64 of `\w+=,.@-`. */
export const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
export const ROLE_SESSION_NAME_ALLOWED = '2 to 64 letters, digits and + = , . @ _ -';

/** sts:ExternalId: what IAM accepts. */
export const EXTERNAL_ID = /^[\w+=,.@:\/-]{2,1224}$/;
export const EXTERNAL_ID_ALLOWED = '2 to 1,224 letters, digits and _ + = , . @ : / -';

/** An AWS Organizations ID. */
export const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
export const ORGANIZATION_ID_ALLOWED = '"o-" and 10 to 32 lowercase letters or digits';

/** An account ID of a member or hub account, given as data (a number is refused: it loses leading zeros). */
/** An AWS Organizations organizational unit ID: `ou-` and the root's 4 to 32 characters, `-`, then 8 to 32 (lowercase letters or digits). */
export const ORGANIZATIONAL_UNIT_ID = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
/** An AWS Organizations root ID: `r-` and 4 to 32 lowercase letters or digits. */
export const ORGANIZATION_ROOT_ID = /^r-[0-9a-z]{4,32}$/;
export const ORGANIZATION_UNIT_ALLOWED = 'an organizational unit ID such as "ou-ab12-cdef3456" or the root ID such as "r-ab12"';

export function accountIdProblem(account: unknown): string | undefined {
  if (typeof account === 'string' && ACCOUNT_ID.test(account)) return undefined;
  return `${JSON.stringify(account)} is not an AWS account ID: use its 12 digits, as a string`;
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
