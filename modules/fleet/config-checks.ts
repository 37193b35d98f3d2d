/**
 * The checks across the fleet config's fields: topology and hub, accounts listed twice, IAM ARNs
 * of another account, limits of merged values, derived names. config.ts runs them after the
 * fields' own checks.
 */
import type { z } from 'zod';
import { iamArnAccount, type IamKind, MAX_TAGS } from '../common/rules';
import { isObject } from '../common/values';
import { MAX_WORKSPACE_NAME } from './config-backends';
import { type AccountConfig, type FleetConfig, HUB_REGION_KEYS, type HubConfig, type PipelineDefaults, regionConfigSchema } from './config-fields';
import { mergedTags, spokeTags } from './merged-tags';
import { fleetStackName, hubStackName, organizationStackName, spokeStackName, stackNameProblems, workspaceName } from './naming';

/** Whether the cross-field checks can read `value` (accounts with their regions), whatever else is wrong in it. */
export function hasFleetShape(value: unknown): boolean {
  return (
    isObject(value) &&
    Array.isArray(value.accounts) &&
    value.accounts.every((account) => isObject(account) && isObject(account.regions) && Object.values(account.regions).every(isObject))
  );
}

/** `hub` goes with topology "hub" and only with it; so does `organization`, which may stand in for `accounts`. */
export function topologyProblems(fleet: Partial<FleetConfig>, ctx: z.RefinementCtx): void {
  if (fleet.organization === undefined && Array.isArray(fleet.accounts ?? []) && (fleet.accounts ?? []).length === 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['accounts'],
      message:
        fleet.topology === 'hub'
          ? 'no accounts: list at least one account, or give organization { account, units, regions } to find the accounts at run time'
          : 'no accounts: list at least one account',
    });
  }
  if (fleet.organization !== undefined && fleet.topology !== 'hub') {
    ctx.addIssue({
      code: 'custom',
      path: ['organization'],
      message:
        'is set, but topology is not "hub": an organization\'s accounts are found at run time by the hub; set "topology": "hub" and hub { account, region }',
    });
  }
  if (fleet.organization !== undefined && fleet.topology === 'hub' && isObject(fleet.hub) && fleet.hub.organizationId === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['hub', 'organizationId'],
      message:
        'is required with organization: the hub may assume the spoke role in the accounts it finds only by the organization\'s ID (aws:ResourceOrgID); give it, such as "o-abcd123456"',
    });
  }
  if (fleet.topology === 'hub' && fleet.hub === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['hub'],
      message: 'is required with topology "hub": give the hub\'s account and region, such as { "account": "999999999999", "region": "eu-west-1" }',
    });
  }
  if (fleet.hub !== undefined && (fleet.topology === undefined || fleet.topology === 'account-region')) {
    const now = fleet.topology === undefined ? 'topology is not set (default "account-region")' : 'topology is "account-region"';
    ctx.addIssue({
      code: 'custom',
      path: ['hub'],
      message: `is set, but ${now}, which has no hub: set "topology": "hub" to collect every account-region from the hub, or remove hub`,
    });
  }
}

/** Settings that name an IAM role or policy, by their path inside a settings object. */
const IAM_REFERENCES: ReadonlyArray<{ readonly field: readonly [keyof PipelineDefaults, ...string[]]; readonly kind: IamKind }> = [
  { field: ['permissionsBoundary'], kind: 'policy' },
  { field: ['existingRoles', 'collector'], kind: 'role' },
  { field: ['existingRoles', 'stateMachine'], kind: 'role' },
  { field: ['existingRoles', 'trigger'], kind: 'role' },
];

/** The account that owns an IAM ARN, when `reference` is one of a customer account (not a name, not AWS-managed). */
function customerOwner(kind: IamKind, reference: unknown): string | undefined {
  const owner = typeof reference === 'string' ? iamArnAccount(kind, reference) : undefined;
  return owner === 'aws' ? undefined : owner;
}

/**
 * Problems that span fields: accounts listed twice, IAM ARNs of another account, limits of
 * merged values, derived names. Fields may be invalid here (hasFleetShape only checks the shape),
 * so each is read for what it should be and skipped when it is not.
 */
export function fleetProblems(fleet: FleetConfig, ctx: z.RefinementCtx): void {
  const firstIndex = new Map<string, number>();
  const reported = new Set<string>();
  // A default shared by many account-regions is reported once.
  const report = (path: PropertyKey[], message: string) => {
    const key = JSON.stringify(path);
    if (reported.has(key)) return;
    reported.add(key);
    ctx.addIssue({ code: 'custom', path, message });
  };
  const hub = fleet.topology === 'hub' ? fleet.hub : undefined;
  fleet.accounts.forEach((account, index) => {
    const first = firstIndex.get(account.id);
    if (first === undefined) firstIndex.set(account.id, index);
    else
      report(
        ['accounts', index, 'id'],
        `account ${account.id} is listed twice (also at accounts[${first}]): list each account once and put all its regions under it`,
      );
    if (fleet.topology === 'hub') {
      hubMemberProblems(fleet, account, index, report);
      return;
    }
    for (const [region, regionConfig] of Object.entries(account.regions)) {
      const regionPath = ['accounts', index, 'regions', region];
      for (const { field, kind } of IAM_REFERENCES) {
        // A region's setting replaces the default's whole value, as in pipelineProps.
        const fromRegion = regionConfig[field[0]] !== undefined;
        const owner = customerOwner(kind, valueAt(fromRegion ? regionConfig : fleet.defaults, field));
        if (!owner || owner === account.id) continue;
        if (fromRegion) {
          report(
            [...regionPath, ...field],
            `the ${kind} is in account ${owner}, not ${account.id}: use a ${kind} of the account being deployed, or give its name`,
          );
        } else {
          report(
            ['defaults', ...field],
            `the ${kind} is in account ${owner}, but accounts[${index}] is ${account.id}: in defaults, give the ${kind}'s name so that each account uses its own`,
          );
        }
      }
      const tagCount = Object.keys(mergedTags(fleet.defaults, account, regionConfig)).length;
      if (tagCount > MAX_TAGS && [fleet.defaults?.tags, account.tags, regionConfig.tags].every((t) => t === undefined || isObject(t))) {
        report(regionPath, `${tagCount} tags once defaults, account and region tags are merged: AWS allows at most ${MAX_TAGS} on a resource`);
      }
      if (typeof fleet.name === 'string') stackProblems(fleet, fleetStackName(fleet.name, account.id, region), report);
    }
  });
  if (hub && isObject(hub)) hubAccountProblems(fleet, hub, report);
}

/** Problems of the names derived from one stack's name: its directory, its state key, its workspace. */
function stackProblems(fleet: FleetConfig, stack: string, report: Report): void {
  for (const { path, problem } of stackNameProblems(fleet, stack)) report([...path], problem);
  if (fleet.backend?.type === 'cloud' && typeof fleet.backend.workspacePrefix === 'string') {
    const workspace = workspaceName(fleet.backend.workspacePrefix, stack);
    if (workspace.length > MAX_WORKSPACE_NAME) {
      report(
        ['backend', 'workspacePrefix'],
        `the workspace name "${workspace}" is ${workspace.length} characters, over Terraform Cloud's ${MAX_WORKSPACE_NAME}: shorten workspacePrefix or the fleet name`,
      );
    }
  }
}

type Report = (path: PropertyKey[], message: string) => void;

/** In topology "hub", a member account-region names what to collect; every pipeline setting is the hub's. */
function hubMemberProblems(fleet: FleetConfig, account: AccountConfig, index: number, report: Report): void {
  for (const [region, regionConfig] of Object.entries(account.regions)) {
    for (const [key, value] of Object.entries(regionConfig)) {
      if (value === undefined || HUB_REGION_KEYS.includes(key) || !Object.hasOwn(regionConfigSchema.shape, key)) continue;
      report(
        ['accounts', index, 'regions', region, key],
        key === 'tags'
          ? 'in topology "hub" an account-region has no resources of its own to tag: put the tags on the account (its spoke role) or in defaults (the hub pipeline)'
          : `in topology "hub" the pipeline settings are the hub's: set ${key} in defaults, which configures the hub pipeline (a region sets only ${HUB_REGION_KEYS.join(' and ')})`,
      );
    }
  }
  // The spoke role's permissions boundary is the defaults' one, resolved in each member account.
  const boundary = customerOwner('policy', fleet.defaults?.permissionsBoundary);
  if (boundary && boundary !== account.id) {
    report(
      ['defaults', 'permissionsBoundary'],
      `the policy is in account ${boundary}, but accounts[${index}] is ${account.id}, whose spoke role it bounds too: give the policy's name so that each account uses its own`,
    );
  }
  const tagCount = Object.keys(spokeTags(fleet.defaults, account)).length;
  if (tagCount > MAX_TAGS && [fleet.defaults?.tags, account.tags].every((t) => t === undefined || isObject(t))) {
    report(['accounts', index], `${tagCount} tags once defaults and account tags are merged on its spoke role: AWS allows at most ${MAX_TAGS} on a resource`);
  }
  if (typeof fleet.name === 'string') stackProblems(fleet, spokeStackName(fleet.name, account.id), report);
}

/** In topology "hub", the IAM of `defaults` is the hub pipeline's, in the hub account. */
function hubAccountProblems(fleet: FleetConfig, hub: HubConfig, report: Report): void {
  if (typeof fleet.name === 'string' && typeof hub.account === 'string' && typeof hub.region === 'string') {
    stackProblems(fleet, hubStackName(fleet.name, hub.account, hub.region), report);
  }
  if (typeof fleet.name === 'string' && isObject(fleet.organization) && typeof fleet.organization.account === 'string') {
    stackProblems(fleet, organizationStackName(fleet.name, fleet.organization.account), report);
  }
  if (fleet.defaults?.existingRoles?.collector !== undefined) {
    report(
      ['defaults', 'existingRoles', 'collector'],
      'in topology "hub" every spoke role trusts the collector role the hub creates (<name>-collector-<region>): remove existingRoles.collector',
    );
  }
  for (const { field, kind } of IAM_REFERENCES) {
    const owner = customerOwner(kind, valueAt(fleet.defaults, field));
    if (!owner || owner === hub.account || typeof hub.account !== 'string') continue;
    report(
      ['defaults', ...field],
      `the ${kind} is in account ${owner}, but the hub pipeline is in hub.account ${hub.account}: use a ${kind} of the hub account, or give its name`,
    );
  }
}

function valueAt(settings: object | undefined, field: readonly string[]): unknown {
  return field.reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], settings);
}
