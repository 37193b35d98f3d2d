/**
 * Every problem of a hub's props, collected at once, each naming its field, the bad value and the
 * fix: the pipeline's own checks (pipeline-problems.ts) with the hub's target list, spoke role,
 * target bucket and AWS limits measured on what the hub writes. Pure.
 */
import { Token } from 'cdktf';
import { longestEnvironment, sizeProblems } from '../common/aws-limits';
import type { Environment } from '../common/environment';
import { crossPartitionProblem } from '../common/environment-rules';
import { formatPath, type Problem, problemAt, problemsAt } from '../common/errors';
import { REGION_NAME } from '../common/region-names';
import { rolePathProblem } from '../common/rules';
import { EMPTY_TARGETS_PROBLEM, TARGET_LIST_VERSION, targetListProblems } from '../contract/hub-target-list';
import { SERVICE_METRIC_NAMES } from '../metrics/catalog';
import { COLLECTOR_RUN, collectorDeadlinesMs, type PipelineSettings, pipelineSizeChecks, settingsProblems } from '../pipeline/for-hub';
import {
  hubCollectorPolicyProblems,
  longestHubCollectorPolicy,
  hubCollectorInput,
  hubTriggerInputText,
  LONGEST_BUCKET_NAME,
  LONGEST_VERSION_ID,
} from './hub-collection';
import { BUCKET_PREFIX_LIMIT, TARGET_LIST_KEY, targetBucketPrefix } from './hub-names';
import { externalIdProblem, organizationIdProblem, ROLE_NAME_ALLOWED, roleNameProblem } from '../common/iam-rules';
import { type HubSettings, hubCollectorMemoryMb, hubCollectorTimeoutSeconds } from './hub-settings';
import { shardCountProblem } from '../contract/hub-shards';
import { fitsDeadlines, HUB_COLLECTOR_CONCURRENCY, HUB_TICK_BOUNDS, hubTickEstimate, type HubTickKind, hubTimeoutFitting } from './hub-tick';
import type { EcsHighResMetricsHubProps } from './props';

/**
 * How a problem's text names what it refers to besides its own field (the tick model's settings,
 * another target): by the props, or, for a hub built from a fleet config, where the config writes them.
 */
export interface HubProblemNames
  extends Readonly<
    Record<
      | 'assumedCallLatencyMs'
      | 'assumedClustersPerDiscoveredRegion'
      | 'assumedDiscoveredAccountRegions'
      | 'intervalSeconds'
      | 'collectorTimeoutSeconds'
      | 'shards',
      string
    >
  > {
  /** Target `index` of the props' targets. */
  readonly target: (index: number) => string;
}

/** The names of the props. */
export const HUB_PROP_NAMES: HubProblemNames = {
  assumedCallLatencyMs: 'assumedCallLatencyMs',
  assumedClustersPerDiscoveredRegion: 'assumedClustersPerDiscoveredRegion',
  assumedDiscoveredAccountRegions: 'assumedDiscoveredAccountRegions',
  intervalSeconds: 'intervalSeconds',
  collectorTimeoutSeconds: 'collectorTimeoutSeconds',
  shards: 'shards',
  target: (index) => formatPath(['targets', index]),
};

/**
 * Every problem of a hub, each at its prop; none: it can be built. `names` words what a problem's text
 * refers to; `stack`, the hub's stack name, is measured in the input that carries it.
 */
export function hubProblems(
  h: HubSettings,
  env: Environment,
  props: EcsHighResMetricsHubProps,
  names: HubProblemNames = HUB_PROP_NAMES,
  stack?: string,
): Problem[] {
  const s = h.pipeline;
  return settingsProblems(s, env, props, {
    collected: [
      ...targetProblems(h, names),
      ...partitionProblems(h, env, names),
      ...bucketProblems(s.name),
      ...trustProblems(h, props),
      ...tickSettingProblems(props),
      ...(props.shards !== undefined && props.shards !== 'auto' && shardCountProblem(props.shards)
        ? [{ path: ['shards'], problem: `${shardCountProblem(props.shards)}, or "auto" (the tick model chooses)` }]
        : []),
    ],
    selection: () => serviceSelectionProblems(h, s),
    sizes: () => hubSizeProblems(h, env, props, names, stack),
    targets: Array.isArray(h.targets) ? h.targets : undefined,
  });
}

function targetProblems(h: HubSettings, names: HubProblemNames): Problem[] {
  if (!Array.isArray(h.targets) || h.targets.length === 0) {
    // An organization's targets are found at run time: the listed ones may be none.
    if (Array.isArray(h.targets) && h.organization !== undefined) return [];
    return [EMPTY_TARGETS_PROBLEM];
  }
  const problems = targetListProblems({ version: TARGET_LIST_VERSION, targets: h.targets });
  h.targets.forEach((entry, i) => {
    if (!Array.isArray(entry?.clusters) || entry.services === null || typeof entry.services !== 'object') return;
    for (const cluster of Object.keys(entry.services).filter((c) => !(entry.clusters as readonly string[]).includes(c))) {
      problems.push({
        path: ['targets', i, 'services', cluster],
        problem: `"${cluster}" is not in ${names.target(i)}.clusters: add it there, or remove it from services`,
      });
    }
  });
  return problems;
}

/** Every target in the hub's partition; with the hub's region known only at apply, in the first target's. */
function partitionProblems(h: HubSettings, env: Environment, names: HubProblemNames): Problem[] {
  if (!Array.isArray(h.targets)) return [];
  const regions = h.targets.map((t) => (typeof t?.region === 'string' && REGION_NAME.test(t.region) ? t.region : undefined));
  const first = regions.findIndex((r) => r !== undefined);
  const reference = !Token.isUnresolved(env.region) ? { region: env.region } : first >= 0 ? { region: regions[first]!, name: names.target(first) } : undefined;
  if (!reference) return [];
  return regions.flatMap((region, i) => (region ? problemAt(['targets', i, 'region'], crossPartitionProblem(region, reference)) : []));
}

/** The target bucket's prefix comes from the name: S3's rules for bucket names apply to it. */
function bucketProblems(name: string): Problem[] {
  if (Token.isUnresolved(name)) return [];
  const prefix = targetBucketPrefix(name);
  const problems: string[] = [];
  if (prefix.length > BUCKET_PREFIX_LIMIT) {
    problems.push(
      `"${name}" makes the target list bucket's prefix "${prefix}" ${prefix.length} characters, over S3's ${BUCKET_PREFIX_LIMIT}-character limit for a bucket prefix: use a name of at most ${BUCKET_PREFIX_LIMIT - (prefix.length - name.length)} characters`,
    );
  }
  if (!/^[a-z0-9]/.test(prefix)) {
    problems.push(`"${name}" makes the target list bucket's prefix "${prefix}", but a bucket name begins with a letter or digit: start the name with one`);
  }
  const reserved = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => prefix.startsWith(p));
  if (reserved)
    problems.push(`"${name}" makes the target list bucket's prefix "${prefix}", but S3 reserves names beginning with "${reserved}": choose another name`);
  return problems.map((problem) => ({ path: ['name'], problem }));
}

/** The spoke role the hub assumes, and who may be assumed: each field as the spokes will read it. */
function trustProblems(h: HubSettings, props: EcsHighResMetricsHubProps): Problem[] {
  const problems: Problem[] = [];
  if (props.existingRoles?.collector !== undefined) {
    problems.push({
      path: ['existingRoles', 'collector'],
      problem: 'every spoke role trusts the hub collector role by its name (<name>-collector-<region>), so the hub creates it: remove existingRoles.collector',
    });
  }
  const { name, path } = h.spokeRole;
  if (roleNameProblem(name)) {
    const nameGiven = props.spokeRole?.name !== undefined;
    problems.push({
      path: nameGiven ? ['spokeRole', 'name'] : ['name'],
      problem: `the spoke role name "${name}" (${name.length} characters) is not an IAM role name: use ${ROLE_NAME_ALLOWED}${nameGiven ? '' : ', or give spokeRole.name'}`,
    });
  }
  problems.push(...problemAt(props.spokeRole?.path !== undefined ? ['spokeRole', 'path'] : ['rolePath'], rolePathProblem(path)));
  if (props.externalId !== undefined) problems.push(...problemAt(['externalId'], externalIdProblem(props.externalId)));
  if (props.organizationId !== undefined) problems.push(...problemAt(['organizationId'], organizationIdProblem(props.organizationId)));
  if (props.organization !== undefined && props.organizationId === undefined) {
    problems.push({
      path: ['organizationId'],
      problem:
        'is required with organization: the hub may assume the spoke role in the accounts it finds only by the organization\'s ID (aws:ResourceOrgID); give it, such as "o-abcd123456"',
    });
  }
  return problems;
}

/** Per-service metrics need services in some target, and services need a per-service metric. */
function serviceSelectionProblems(h: HubSettings, s: PipelineSettings): Problem[] {
  const serviceMetrics = s.metrics.filter((m) => SERVICE_METRIC_NAMES.includes(m));
  const withServices = h.targets.map((t, i) => ({ t, i })).filter(({ t }) => t.services && Object.keys(t.services).length > 0);
  if (serviceMetrics.length > 0 && withServices.length === 0) {
    return [
      {
        path: ['metrics'],
        problem: `${serviceMetrics.join(', ')} ${serviceMetrics.length === 1 ? 'is a per-service metric' : 'are per-service metrics'}, but no target names services: give the targets to watch services, e.g. "services": { "my-cluster": "*" }, or remove ${serviceMetrics.length === 1 ? 'it' : 'them'} from metrics`,
      },
    ];
  }
  if (serviceMetrics.length === 0 && withServices.length > 0) {
    return withServices.map(({ i }) => ({
      path: ['targets', i, 'services'],
      problem: `services are named, but metrics selects no per-service metric: add ${SERVICE_METRIC_NAMES.join(', ')} to metrics, or remove the services`,
    }));
  }
  return [];
}

/** The hub's measured input: its real fields, the bucket's name and the object's version at their longest. */
function measuredInput(h: HubSettings, s: PipelineSettings, stack?: string) {
  const targetList = { bucket: 'b'.repeat(LONGEST_BUCKET_NAME), key: TARGET_LIST_KEY, versionId: 'v'.repeat(LONGEST_VERSION_ID), stack };
  return {
    text: hubTriggerInputText(s.trigger, targetList, { ...s, spokeRole: h.spokeRole, shards: h.shards }),
    input: hubCollectorInput(targetList, { ...s, spokeRole: h.spokeRole, shards: h.shards }),
    field: 'spokeRole',
    contents: 'the target list location, spoke role, namespace, metrics',
    fix: "shorten the spoke role's path or the external ID",
  };
}

/** The collector role's policies within IAM's limits, and every input and document within its service's. */
function hubSizeProblems(h: HubSettings, env: Environment, props: EcsHighResMetricsHubProps, names: HubProblemNames, stack?: string): Problem[] {
  const s = h.pipeline;
  const problems: Problem[] = [];
  const longest = longestEnvironment(env);
  const own = longestHubCollectorPolicy(env, { name: s.name, namespace: s.namespace, tracing: s.tracing });
  const assume = { partition: longest.partition, accounts: h.accounts, spokeRole: h.spokeRole, organizationId: h.organizationId };
  // What the AssumeRole permission cannot hold is the targets' to fix.
  problems.push(...problemsAt(['targets'], hubCollectorPolicyProblems(own, assume)));
  const existing = props.existingRoles ?? {};
  problems.push(
    ...sizeProblems(
      pipelineSizeChecks(s, env, { collector: true, stateMachine: !existing.stateMachine, trigger: !existing.trigger }, measuredInput(h, s, stack)),
    ),
  );
  problems.push(...hubTickProblems(h, names));
  return problems;
}

/** The tick model's settings, each a whole number within what the model takes. */
function tickSettingProblems(props: EcsHighResMetricsHubProps): Problem[] {
  const units = {
    assumedCallLatencyMs: 'milliseconds',
    assumedClustersPerDiscoveredRegion: 'clusters',
    assumedDiscoveredAccountRegions: 'account-regions',
  } as const;
  return (Object.keys(units) as Array<keyof typeof units>).flatMap((name) => {
    const value = props[name];
    const { min, max } = HUB_TICK_BOUNDS[name];
    if (value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) return [];
    return [{ path: [name], problem: `${JSON.stringify(value)} is out of range: use a whole number of ${units[name]} from ${count(min)} to ${count(max)}` }];
  });
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The steady tick: a warm tick that lists the "*" account-regions again (once a minute), or, with none, any warm tick. */
const steadyKind = (h: HubSettings): HubTickKind => (h.estimate.work.discoveredAccountRegions > 0 ? 'listing' : 'warm');

/** Whether a tick of `kind` finishes within the interval (a warm tick) and before the collector's deadlines at `timeoutSeconds`. */
function tickFits(h: HubSettings, kind: HubTickKind, estimate = h.estimate, timeoutSeconds = h.pipeline.collectorTimeoutSeconds): boolean {
  // An interval or timeout known only at plan (a Terraform variable) is checked there, not here.
  if (Token.isUnresolved(h.pipeline.intervalSeconds) || Token.isUnresolved(timeoutSeconds)) return true;
  const time = estimate.ticks[kind];
  const withinInterval = kind === 'cold' || time.tickMs <= h.pipeline.intervalSeconds * 1000;
  return withinInterval && fitsDeadlines(time, timeoutSeconds);
}

/**
 * The most account-regions of the list, from its start, whose steady tick fits, each such hub sized
 * as this one would size it (its own memory and timeout, unless the props set them): what one hub of
 * such targets can hold.
 */
function mostThatFit(h: HubSettings): number {
  const fits = (n: number) => {
    const targets = h.targets.slice(0, n);
    const memoryMb = h.sized.memory ? hubCollectorMemoryMb(targets, h.tick) : h.estimate.memoryMb;
    const estimate = hubTickEstimate(targets, h.pipeline.metrics, { memoryMb, assumptions: h.tick, fleetHealth: h.pipeline.fleetHealth });
    const timeout = h.sized.timeout ? hubCollectorTimeoutSeconds(estimate, h.pipeline.intervalSeconds) : h.pipeline.collectorTimeoutSeconds;
    return tickFits(h, steadyKind(h), estimate, timeout);
  };
  // Fitting is monotone in the list's length for fleets alike; a binary search over it.
  let low = 0;
  let high = h.targets.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** What the model says of one tick: the fleet, the calls, the concurrency, the time against the interval and the deadline. */
function tickFacts(h: HubSettings, kind: HubTickKind, names: HubProblemNames): string {
  const { work, assumptions, ticks } = h.estimate;
  const time = ticks[kind];
  const deadlines = collectorDeadlinesMs(h.pipeline.collectorTimeoutSeconds);
  const calls = Object.entries(time.calls)
    .filter(([, n]) => n > 0)
    .map(([api, n]) => `${api} ${count(n)}`)
    .join(', ');
  const organization = h.organization
    ? `; the organization assumed to have ${count(assumptions.assumedDiscoveredAccountRegions)} account-regions with clusters: ${names.assumedDiscoveredAccountRegions}`
    : '';
  const discovered =
    work.discoveredAccountRegions > 0
      ? ` (${count(work.discoveredAccountRegions)} with clusters "*", each assumed to hold ${count(assumptions.assumedClustersPerDiscoveredRegion)} clusters: ${names.assumedClustersPerDiscoveredRegion}${organization})`
      : '';
  return (
    `at ${count(assumptions.assumedCallLatencyMs)} ms per AWS call (${names.assumedCallLatencyMs}), ${count(work.accountRegions)} account-regions${discovered} ` +
    `take ${count(time.totalCalls)} calls per ${kind === 'cold' ? 'cold ' : ''}tick (${calls}) with at most ${HUB_COLLECTOR_CONCURRENCY.accountRegionsInFlight} account-regions in flight: ` +
    `about ${seconds(time.tickMs)} (collecting ${seconds(time.collectMs)}, publishing ${seconds(time.publishMs)}) against the ${h.pipeline.intervalSeconds}-s interval ` +
    `and the collector's collect deadline of ${seconds(deadlines.collectMs)} (half its ${h.pipeline.collectorTimeoutSeconds}-s timeout less ${COLLECTOR_RUN.deadlineReserveMs} ms)`
  );
}

/**
 * A hub whose every tick (warm; with "*", the tick that lists once a minute) cannot finish within
 * its interval and the collector's deadlines at the assumed latency: it would lose account-regions
 * every minute. Refused, with what to do.
 */
export function hubTickProblems(h: HubSettings, names: HubProblemNames = HUB_PROP_NAMES): Problem[] {
  const kind = steadyKind(h);
  if (h.sizedTargets.length === 0 || tickFits(h, kind)) return [];
  if (h.organization !== undefined) {
    // An organization's accounts cannot be split between hubs: its tick fans out, or the assumption is lowered.
    return [
      {
        path: ['targets'],
        problem:
          `a tick of this hub cannot finish: ${tickFacts(h, kind, names)}. Set ${names.shards} to more invocations per tick (or "auto"), set a longer ${names.intervalSeconds}, ` +
          `or, if the organization has fewer account-regions with clusters, set ${names.assumedDiscoveredAccountRegions} to that count; ` +
          `if you measured a lower latency from the hub, set ${names.assumedCallLatencyMs} to it`,
      },
    ];
  }
  const fit = mostThatFit(h);
  const split = fit > 0 ? `split the accounts into hubs of at most ${count(fit)} account-regions like these` : 'split the accounts into several hubs';
  return [
    {
      path: ['targets'],
      problem:
        `a tick of this hub cannot finish: ${tickFacts(h, kind, names)}. Collect fewer account-regions per hub (${split}), set a longer ${names.intervalSeconds}, ` +
        `list the clusters of "*" account-regions, or, if you measured a lower latency from the hub, set ${names.assumedCallLatencyMs} to it`,
    },
  ];
}

/**
 * A hub whose steady tick fits but whose cold tick (a new collector container: the list read, every
 * role assumed, every "*" account-region listed) does not, with the timeout set in the props: it
 * loses account-regions on each new container's first tick. A warning; undefined when it fits.
 */
export function hubColdTickWarning(h: HubSettings, names: HubProblemNames = HUB_PROP_NAMES): Problem | undefined {
  if (h.sizedTargets.length === 0 || !tickFits(h, steadyKind(h)) || tickFits(h, 'cold')) return undefined;
  const needed = hubTimeoutFitting(h.estimate.ticks.cold);
  return {
    path: ['targets'],
    problem:
      `the first tick of each new collector container loses account-regions: ${tickFacts(h, 'cold', names)}. ` +
      (needed <= 900 && needed > h.pipeline.collectorTimeoutSeconds
        ? `Set ${names.collectorTimeoutSeconds} to at least ${needed}, or leave it unset (the hub then sizes it), or collect fewer account-regions per hub`
        : `Collect fewer account-regions per hub, or set a longer ${names.intervalSeconds}`),
  };
}
