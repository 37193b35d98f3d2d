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
import { accountIdProblem } from '../common/iam-rules';
import { regionCodeProblem } from '../common/region-names';

/** Format version of the object, so a collector never misreads a list written by a newer release. */
export const TARGET_LIST_VERSION = 1;

export interface TargetListEntry {
  /** 12-digit member account ID. */
  readonly account: string;
  readonly region: string;
  /** Cluster names, or "*": every cluster of the account-region, found with ListClusters. */
  readonly clusters: readonly string[] | '*';
  /** Per cluster, the services whose counts to publish. */
  readonly services?: ServiceSelection;
}

export interface TargetList {
  readonly version: typeof TARGET_LIST_VERSION;
  readonly targets: readonly TargetListEntry[];
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

/** The list as the object's bytes: compact JSON, entries in the config's order. */
export function serializeTargetList(targets: readonly TargetListEntry[]): string {
  const list: TargetList = { version: TARGET_LIST_VERSION, targets };
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

/** Every problem of a parsed target list, each at its JSON path, naming the bad value and the fix; none: it is usable. */
export function targetListProblems(value: unknown): Problem[] {
  if (!isObject(value)) return [{ path: [], problem: `the target list must be a JSON object { "version": ${TARGET_LIST_VERSION}, "targets": [...] }` }];
  if (value.version !== TARGET_LIST_VERSION) {
    return [
      {
        path: ['version'],
        problem: `${JSON.stringify(value.version)} is not a target list version this collector reads (${TARGET_LIST_VERSION}): deploy the collector of the release that wrote it`,
      },
    ];
  }
  if (!Array.isArray(value.targets)) return [{ path: ['targets'], problem: `${JSON.stringify(value.targets)} is not a list of account-regions` }];
  if (value.targets.length === 0) return [EMPTY_TARGETS_PROBLEM];
  const problems = value.targets.flatMap((entry, i) => problemsAt(['targets', i], entryProblems(entry)));
  const seen = new Map<string, number>();
  value.targets.forEach((entry, i) => {
    if (!isObject(entry)) return;
    const key = `${String(entry.account)}/${String(entry.region)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else problems.push({ path: ['targets', i], problem: `account-region ${key} is listed twice (also at targets[${first}]): list each account-region once` });
  });
  return problems;
}
