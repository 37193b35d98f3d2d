/**
 * The hub's target list: every member account-region with its clusters ("*" to discover them)
 * and services. At 1,000 account-regions × 25 clusters it is 621 KiB, more than any execution
 * input, rule input or environment can carry, so the hub stack writes it to an S3 object and the
 * execution input carries only where to read it (docs/hub-mode.md). Shared by the stack that
 * writes it and the collector that reads it, so both check it by the same rules.
 */
import { clusterNameProblem, type ServiceSelection, serviceSelectionProblems } from '../common/rules';
import { type Problem, problemAt, problemsAt } from '../common/errors';
import { isObject } from '../common/values';
import {
  accountIdProblem,
  EXTERNAL_ID,
  EXTERNAL_ID_ALLOWED,
  organizationExclusionProblem,
  organizationUnitProblem,
  ROLE_SESSION_NAME,
  ROLE_SESSION_NAME_ALLOWED,
  roleNameProblem,
} from '../common/iam-rules';
import { rolePathProblem } from '../common/rules';
import { regionCodeProblem } from '../common/region-names';

/** Format version of the object, so a collector never misreads a list written by a newer release. */
export const TARGET_LIST_VERSION = 1;

/** Format version of a list with an organization: its accounts and regions are found at run time (docs/hub-mode.md). */
export const ORGANIZATION_TARGET_LIST_VERSION = 2;

export interface TargetListEntry {
  /** 12-digit member account ID. */
  readonly account: string;
  readonly region: string;
  /** Cluster names, or "*": every cluster of the account-region, found with ListClusters. */
  readonly clusters: readonly string[] | '*';
  /** Per cluster, the services whose counts to publish. */
  readonly services?: ServiceSelection;
}

/** The read-only role the discovery assumes in the organization's management or delegated administrator account. */
export interface OrganizationsRoleReference {
  /** The management account, or the delegated administrator account, that may list the organization. */
  readonly account: string;
  /** Role name, e.g. `ecs-highres-organizations-read`. */
  readonly name: string;
  /** IAM path, `/` or `/platform/`. */
  readonly path: string;
  /** RoleSessionName: what the organization account's CloudTrail shows as the reader. */
  readonly sessionName: string;
  /** Passed as sts:ExternalId when the role's trust policy asks for one. */
  readonly externalId?: string;
}

/** How often the discovery refreshes each listing, in seconds; a new account or account-region is looked at at once. */
export interface DiscoveryRefresh {
  /** The ACTIVE accounts of the units (organizations:ListChildren, ListAccountsForParent). */
  readonly accountsSeconds: number;
  /** Each account's enabled regions (ec2:DescribeRegions), when the regions are "*". */
  readonly regionsSeconds: number;
  /** Whether each account-region has clusters (ecs:ListClusters, one page). */
  readonly clustersSeconds: number;
}

/** The refresh times when the config gives none: a new account's clusters are polled within 7 minutes (docs/hub-mode.md). */
export const DEFAULT_DISCOVERY_REFRESH: DiscoveryRefresh = { accountsSeconds: 300, regionsSeconds: 3600, clustersSeconds: 300 };

/** Refresh times allowed: the discovery runs once a minute, so less is not more often; more than a day is never. */
export const DISCOVERY_REFRESH_LIMITS = { minSeconds: 60, maxSeconds: 86_400 } as const;

/** The accounts of an organization's units, found at run time by the discovery function. */
export interface OrganizationTargets {
  /** Organizational unit IDs or the root ID; their accounts, recursively. */
  readonly units: readonly string[];
  /** Regions to look at in each account, or "*": every region enabled in the account. */
  readonly regions: readonly string[] | '*';
  /** Account IDs and OU IDs (with everything below them) left out. */
  readonly exclude: readonly string[];
  readonly organizationsRole: OrganizationsRoleReference;
  readonly refresh: DiscoveryRefresh;
}

/** A list of account-regions, all of them in the config (version 1, unchanged since the first hub release). */
export interface ListedTargetList {
  readonly version: typeof TARGET_LIST_VERSION;
  readonly targets: readonly TargetListEntry[];
}

/** A list with an organization (version 2): its targets (listed beside the organization) may be empty. */
export interface OrganizationTargetList {
  readonly version: typeof ORGANIZATION_TARGET_LIST_VERSION;
  readonly targets: readonly TargetListEntry[];
  readonly organization: OrganizationTargets;
}

export type TargetList = ListedTargetList | OrganizationTargetList;

/** Format version of the discovered object the discovery function writes. */
export const DISCOVERED_VERSION = 1;

/** What the discovery knows of one account-region: when ListClusters last answered, and whether it found a cluster. */
export interface DiscoveredRegionState {
  /** Epoch seconds of the last answer; absent: never answered. */
  readonly checkedAt?: number;
  readonly hasClusters: boolean;
  /** The last failure (epoch seconds, reason): the last known answer is kept, and the check is tried again. */
  readonly failure?: { readonly at: number; readonly reason: string };
}

/** What the discovery knows of one ACTIVE account of the units. */
export interface DiscoveredAccountState {
  /** Epoch seconds of the last DescribeRegions answer (regions "*"); absent: never answered, or regions listed. */
  readonly regionsCheckedAt?: number;
  readonly failure?: { readonly at: number; readonly reason: string };
  /** Each region looked at, by name. */
  readonly regions: Readonly<Record<string, DiscoveredRegionState>>;
}

/** The discovery's memory, kept in the discovered object so any run (any container) continues it. */
export interface DiscoveryState {
  /** Epoch seconds of the last complete account listing; absent: never. */
  readonly accountsCheckedAt?: number;
  readonly accountsFailure?: { readonly at: number; readonly reason: string };
  /** JSON of the organization section the state was found for: another section starts afresh. */
  readonly organization: string;
  /** Each ACTIVE account of the units, not excluded, by ID. */
  readonly accounts: Readonly<Record<string, DiscoveredAccountState>>;
}

/** The discovered object (S3, the hub's bucket): the account-regions with clusters, which the tick polls beside the listed ones. */
export interface DiscoveredTargets {
  readonly version: typeof DISCOVERED_VERSION;
  /** ISO 8601: when the discovery wrote it. */
  readonly generatedAt: string;
  /** Every account-region with clusters, clusters "*", in account then region order. */
  readonly targets: readonly TargetListEntry[];
  readonly state: DiscoveryState;
}

/** Where the discovered object is: the hub's bucket, a key of its own (read at its latest version). */
export interface DiscoveredLocation {
  readonly bucket: string;
  readonly key: string;
}

/** Where the collector reads the list: the execution input carries this, not the list. */
export interface TargetListLocation {
  readonly bucket: string;
  readonly key: string;
  /** The object version the stack wrote: executions keep reading it while a new one is deployed. */
  readonly versionId: string;
  /** The Terraform stack that writes the object: the one to re-apply when the version is gone. Absent in inputs of earlier releases. */
  readonly stack?: string;
}

/** Bytes (UTF-8; the list is ASCII) each place that could carry the list accepts. */
export const CARRIER_LIMITS = {
  /** EventBridge rule target input. */
  eventBridgeRuleInput: 8_192,
  /** Step Functions execution input and state data (each Parallel branch hands it to its Lambda task). */
  stepFunctionsPayload: 262_144,
  /** Lambda environment variables, all together. */
  lambdaEnvironment: 4_096,
  /** Lambda synchronous invocation payload. */
  lambdaSyncPayload: 6_291_456,
  /** SSM parameter, advanced tier. */
  ssmAdvancedParameter: 8_192,
} as const;

/** The list as the object's bytes: compact JSON, entries in the config's order; version 2 only with an organization. */
export function serializeTargetList(targets: readonly TargetListEntry[], organization?: OrganizationTargets): string {
  const list: TargetList =
    organization === undefined ? { version: TARGET_LIST_VERSION, targets } : { version: ORGANIZATION_TARGET_LIST_VERSION, targets, organization };
  return JSON.stringify(list);
}

/** An empty list: the hub would collect nothing, every tick, with no error to alarm on. */
export const EMPTY_TARGETS_PROBLEM: Problem = {
  path: ['targets'],
  problem: 'is empty: list every member account-region to collect, each with its clusters or "*"',
};

/** Problems of one entry, each at its field of the entry. */
function entryProblems(entry: unknown): Problem[] {
  if (!isObject(entry)) return [{ path: [], problem: `${JSON.stringify(entry)} is not an object: use { "account", "region", "clusters" }` }];
  const problems: Problem[] = [...problemAt(['account'], accountIdProblem(entry.account)), ...problemAt(['region'], regionCodeProblem(entry.region))];
  const clusters = entry.clusters;
  if (clusters !== '*') {
    if (!Array.isArray(clusters) || clusters.length === 0) {
      problems.push({ path: ['clusters'], problem: `${JSON.stringify(clusters)} is not a cluster list: use a non-empty list of cluster names, or "*"` });
    } else {
      clusters.forEach((name, j) => {
        const problem = typeof name === 'string' ? clusterNameProblem(name) : `${JSON.stringify(name)} is not a cluster name`;
        problems.push(...problemAt(['clusters', j], problem));
      });
      if (new Set(clusters).size !== clusters.length) problems.push({ path: ['clusters'], problem: 'a cluster is listed twice: list each once' });
    }
  }
  if (entry.services !== undefined) {
    const services = entry.services;
    const wellTyped = isObject(services) && Object.values(services).every((s) => s === '*' || (Array.isArray(s) && s.every((n) => typeof n === 'string')));
    if (!wellTyped) {
      problems.push({
        path: ['services'],
        problem: `${JSON.stringify(services)} is not a service selection: map cluster names to lists of service names or "*"`,
      });
    } else {
      problems.push(...problemsAt(['services'], serviceSelectionProblems(services as ServiceSelection)));
    }
  }
  return problems;
}

/** Problems of a list of entries, each at its index, and account-regions listed twice. */
function entriesProblems(targets: readonly unknown[]): Problem[] {
  const problems = targets.flatMap((entry, i) => problemsAt(['targets', i], entryProblems(entry)));
  const seen = new Map<string, number>();
  targets.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const key = `${String(entry.account)}/${String(entry.region)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else problems.push({ path: ['targets', i], problem: `account-region ${key} is listed twice (also at targets[${first}]): list each account-region once` });
  });
  return problems;
}

/** Problems of a list of IDs (units or exclusions), each at its index, and an ID given twice. */
function idListProblems(values: unknown, rule: (value: unknown) => string | undefined, what: string, allowEmpty: boolean): Problem[] {
  if (!Array.isArray(values) || (!allowEmpty && values.length === 0)) {
    return [{ path: [], problem: `${JSON.stringify(values)} is not a${allowEmpty ? '' : ' non-empty'} list of ${what}` }];
  }
  const problems = values.flatMap((value, i) => problemAt([i], rule(value)));
  if (new Set(values).size !== values.length) problems.push({ path: [], problem: `an ID is given twice: give each once` });
  return problems;
}

function organizationsRoleProblems(role: unknown): Problem[] {
  if (!isObject(role)) return [{ path: [], problem: `${JSON.stringify(role)} is not a role: use { "account", "name", "path", "sessionName", "externalId"? }` }];
  const problems: Problem[] = [...problemAt(['account'], accountIdProblem(role.account)), ...problemAt(['name'], roleNameProblem(role.name))];
  const path = role.path;
  problems.push(
    ...problemAt(['path'], typeof path === 'string' ? rolePathProblem(path) : `${JSON.stringify(path)} is not an IAM path: use "/" or "/platform/"`),
  );
  if (typeof role.sessionName !== 'string' || !ROLE_SESSION_NAME.test(role.sessionName)) {
    problems.push({ path: ['sessionName'], problem: `${JSON.stringify(role.sessionName)} is not a role session name: use ${ROLE_SESSION_NAME_ALLOWED}` });
  }
  if (role.externalId !== undefined && (typeof role.externalId !== 'string' || !EXTERNAL_ID.test(role.externalId))) {
    problems.push({ path: ['externalId'], problem: `${JSON.stringify(role.externalId)} is not an external ID: use ${EXTERNAL_ID_ALLOWED}, or leave it out` });
  }
  return problems;
}

function refreshProblems(refresh: unknown): Problem[] {
  if (!isObject(refresh)) return [{ path: [], problem: `${JSON.stringify(refresh)} is not { "accountsSeconds", "regionsSeconds", "clustersSeconds" }` }];
  const { minSeconds, maxSeconds } = DISCOVERY_REFRESH_LIMITS;
  return (['accountsSeconds', 'regionsSeconds', 'clustersSeconds'] as const).flatMap((field) => {
    const value = refresh[field];
    const ok = typeof value === 'number' && Number.isInteger(value) && value >= minSeconds && value <= maxSeconds;
    return ok
      ? []
      : [
          {
            path: [field],
            problem: `${JSON.stringify(value)} is not a refresh time: use whole seconds from ${minSeconds} to ${maxSeconds} (default ${DEFAULT_DISCOVERY_REFRESH[field]})`,
          },
        ];
  });
}

/** Every problem of an organization section, each at its path under the section. */
export function organizationTargetsProblems(organization: unknown): Problem[] {
  if (!isObject(organization)) {
    return [
      { path: [], problem: `${JSON.stringify(organization)} is not an organization: use { "units", "regions", "exclude", "organizationsRole", "refresh" }` },
    ];
  }
  const problems = [
    ...problemsAt(['units'], idListProblems(organization.units, organizationUnitProblem, 'organizational unit or root IDs', false)),
    ...problemsAt(['exclude'], idListProblems(organization.exclude, organizationExclusionProblem, 'account or organizational unit IDs', true)),
    ...problemsAt(['organizationsRole'], organizationsRoleProblems(organization.organizationsRole)),
    ...problemsAt(['refresh'], refreshProblems(organization.refresh)),
  ];
  const regions = organization.regions;
  if (regions !== '*') {
    if (!Array.isArray(regions) || regions.length === 0) {
      problems.push({
        path: ['regions'],
        problem: `${JSON.stringify(regions)} is not a region list: use a non-empty list of region codes, or "*" for every region enabled in each account`,
      });
    } else {
      problems.push(...regions.flatMap((region, i) => problemAt(['regions', i], regionCodeProblem(region))));
      if (new Set(regions).size !== regions.length) problems.push({ path: ['regions'], problem: 'a region is listed twice: list each once' });
    }
  }
  return problems;
}

/** Every problem of a parsed target list (version 1 or 2), each at its JSON path, naming the bad value and the fix; none: it is usable. */
export function targetListProblems(value: unknown): Problem[] {
  if (!isObject(value)) return [{ path: [], problem: `the target list must be a JSON object { "version": ${TARGET_LIST_VERSION}, "targets": [...] }` }];
  if (value.version !== TARGET_LIST_VERSION && value.version !== ORGANIZATION_TARGET_LIST_VERSION) {
    return [
      {
        path: ['version'],
        problem: `${JSON.stringify(value.version)} is not a target list version this collector reads (${TARGET_LIST_VERSION} or ${ORGANIZATION_TARGET_LIST_VERSION}): deploy the collector of the release that wrote it`,
      },
    ];
  }
  if (!Array.isArray(value.targets)) return [{ path: ['targets'], problem: `${JSON.stringify(value.targets)} is not a list of account-regions` }];
  if (value.version === TARGET_LIST_VERSION) {
    if ('organization' in value)
      return [{ path: ['organization'], problem: `is only read in a version ${ORGANIZATION_TARGET_LIST_VERSION} list: the hub stack writes it` }];
    if (value.targets.length === 0) return [EMPTY_TARGETS_PROBLEM];
    return entriesProblems(value.targets);
  }
  return [...entriesProblems(value.targets), ...problemsAt(['organization'], organizationTargetsProblems(value.organization))];
}

/** Every problem of a parsed discovered object; its state is the discovery's own and only checked to be an object. */
export function discoveredTargetsProblems(value: unknown): Problem[] {
  if (!isObject(value))
    return [{ path: [], problem: `the discovered object must be a JSON object { "version": ${DISCOVERED_VERSION}, "generatedAt", "targets", "state" }` }];
  if (value.version !== DISCOVERED_VERSION) {
    return [
      {
        path: ['version'],
        problem: `${JSON.stringify(value.version)} is not a discovered-object version this collector reads (${DISCOVERED_VERSION}): deploy the same release for the collector and the discovery`,
      },
    ];
  }
  const problems: Problem[] = [];
  if (typeof value.generatedAt !== 'string' || Number.isNaN(Date.parse(value.generatedAt))) {
    problems.push({ path: ['generatedAt'], problem: `${JSON.stringify(value.generatedAt)} is not an ISO 8601 time` });
  }
  if (!isObject(value.state)) problems.push({ path: ['state'], problem: `${JSON.stringify(value.state)} is not the discovery's state (an object)` });
  if (!Array.isArray(value.targets)) return [...problems, { path: ['targets'], problem: `${JSON.stringify(value.targets)} is not a list of account-regions` }];
  return [...problems, ...entriesProblems(value.targets)];
}
