/**
 * The settings a hub runs with: its pipeline settings (as any pipeline's, with no clusters of its
 * own), the spoke role it assumes and the accounts it may assume it in. Pure, so the fleet config
 * and the cost model resolve the same settings the construct builds from.
 */
import { type PipelineSettings, resolvePipelineSettings } from '../pipeline/for-hub';
import type { SpokeRoleReference } from '../contract/collector-event';
import type { TargetListEntry } from '../contract/hub-target-list';
import { hubSessionName, spokeRoleNameOf, spokeRolePathOf } from './hub-names';
import type { EcsHighResMetricsHubProps, HubOrganizationProps } from './props';
import { defaultCollectorTimeout, PIPELINE_DEFAULTS } from '../common/settings';
import { memoryProblem } from '../common/rules';
import { assumeRolePaceOf, putMetricDataInFlightOf, shardCountProblem } from '../contract/hub-shards';
import {
  assumedDiscoveredTargets,
  chooseShardCount,
  HUB_TICK_BOUNDS,
  HUB_TICK_DEFAULTS,
  type HubTickAssumptions,
  type HubTickEstimate,
  hubMemoryNeedMb,
  hubShardPlan,
  hubTickEstimate,
  hubTickWork,
  hubTimeoutFitting,
} from './hub-tick';

export interface HubSettings {
  /** The pipeline's settings; `clusters` is "*": the hub names no clusters of its own, its targets do. */
  readonly pipeline: PipelineSettings;
  /** The role the collector assumes in every member account. */
  readonly spokeRole: SpokeRoleReference;
  /** The member accounts, each once, in the targets' order. */
  readonly accounts: readonly string[];
  readonly organizationId?: string;
  readonly targets: readonly TargetListEntry[];
  /** The organization whose accounts the hub finds at run time, if any. */
  readonly organization?: HubOrganizationProps;
  /** What the tick model assumes (latency per call, clusters of a "*" account-region, an organization's account-regions): the props', else HUB_TICK_DEFAULTS. */
  readonly tick: HubTickAssumptions;
  /**
   * What the collector is sized for: the listed targets and, with an organization, the
   * `tick.assumedDiscoveredAccountRegions` account-regions "*" the discovery is assumed to find (assumedDiscoveredTargets).
   */
  readonly sizedTargets: readonly TargetListEntry[];
  /** The hub's tick at its collector's memory, modelled (hub-tick.ts): with several shards, the slowest shard's. */
  readonly estimate: HubTickEstimate;
  /**
   * Collector invocations per tick (contract/hub-shards.ts): the props' `shards`, chosen by the tick
   * model with "auto" (chooseShardCount: 1 while one invocation's steady tick fits within half the interval), else 1.
   */
  readonly shards: number;
  /** Which of the collector's memory and timeout the hub sized from the fleet (the props set neither). */
  readonly sized: { readonly memory: boolean; readonly timeout: boolean };
}

/**
 * The hub collector's memory when the props set none: its CPU share grows with memory, and its CPU
 * work with the clusters (about 0.02 ms each at a full vCPU, 1,769 MB: BENCHMARKS.md), so a fleet of
 * 25,000 clusters gets 1,024 MB and runs well inside a 5-second tick, where 128 MB would take most
 * of it; and never less than the process needs to hold them (hubMemoryNeedMb). A "*" account-region
 * counts as `assumedClustersPerDiscoveredRegion` clusters.
 */
export function hubCollectorMemoryMb(
  targets: readonly TargetListEntry[],
  assumptions: HubTickAssumptions = HUB_TICK_DEFAULTS,
  /** A shard's container meets every shard over time and keeps an ECS client per account-region it met: the whole list's. */
  accountRegionsKept?: number,
): number {
  const work = hubTickWork(
    targets.filter((t) => t && typeof t === 'object'),
    [],
    assumptions,
  );
  const step = HUB_MEMORY_STEPS.find((s) => work.clusters <= s.clusters);
  const byCpu = step ? step.memoryMb : FULL_VCPU_MEMORY_MB;
  const need = hubMemoryNeedMb({ clusters: work.clusters, accountRegions: accountRegionsKept ?? work.accountRegions });
  return need <= byCpu ? byCpu : Math.min(MAX_MEMORY_MB, Math.ceil(need));
}

/** Up to `clusters` clusters, the hub collector's default memory. */
export const HUB_MEMORY_STEPS: ReadonlyArray<{ readonly clusters: number; readonly memoryMb: number }> = [
  { clusters: 1_000, memoryMb: 128 },
  { clusters: 5_000, memoryMb: 512 },
  { clusters: 25_000, memoryMb: 1_024 },
];

/** Lambda gives a function a full vCPU at 1,769 MB. */
const FULL_VCPU_MEMORY_MB = 1_769;
/** Lambda's largest memory size. */
const MAX_MEMORY_MB = 10_240;

/**
 * The hub collector's timeout when the props set none: the pipeline's default (two intervals, 10 to
 * 60 s), or longer when the cold tick (every role assumed, every "*" account-region listed) needs it
 * to collect before the collector's own deadline (half the timeout).
 */
export function hubCollectorTimeoutSeconds(estimate: HubTickEstimate, intervalSeconds: number): number {
  return Math.max(defaultCollectorTimeout(intervalSeconds), hubTimeoutFitting(estimate.ticks.cold));
}

/** The model's assumptions of the props, the defaults where a value is absent or not one the model can use (hubProblems reports it). */
export function hubTickAssumptions(props: Partial<HubTickAssumptions>): HubTickAssumptions {
  const pick = (name: keyof HubTickAssumptions) => {
    const value = props[name];
    const { min, max } = HUB_TICK_BOUNDS[name];
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : HUB_TICK_DEFAULTS[name];
  };
  return {
    assumedCallLatencyMs: pick('assumedCallLatencyMs'),
    assumedClustersPerDiscoveredRegion: pick('assumedClustersPerDiscoveredRegion'),
    assumedDiscoveredAccountRegions: pick('assumedDiscoveredAccountRegions'),
  };
}

export function resolveHubSettings(props: EcsHighResMetricsHubProps): HubSettings {
  const {
    targets,
    externalId,
    organizationId,
    organization,
    spokeRole,
    assumedCallLatencyMs: _latency,
    assumedClustersPerDiscoveredRegion: _clusters,
    assumedDiscoveredAccountRegions: _discovered,
    shards: chosenShards,
    ...pipelineProps
  } = props;
  const listed = (Array.isArray(targets) ? targets : []).filter((t) => t && typeof t === 'object');
  const tick = hubTickAssumptions(props);
  // With an organization, sized for the listed targets and the account-regions the discovery is assumed to find.
  const list = organization !== undefined ? [...listed, ...assumedDiscoveredTargets(tick.assumedDiscoveredAccountRegions, listed)] : listed;
  const unsized = resolvePipelineSettings({ ...pipelineProps, clusters: '*' });
  const metrics = Array.isArray(unsized.metrics) ? unsized.metrics : [];
  // The shards: the props' count (a bad one is reported by hubProblems, and planned as 1), the model's with "auto", else 1.
  const memoryMbOf = (shard: readonly TargetListEntry[], shards: number) =>
    pipelineProps.collectorMemoryMb ?? hubCollectorMemoryMb(shard, tick, shards > 1 ? list.length : undefined);
  const fixed = typeof chosenShards === 'number' && shardCountProblem(chosenShards) === undefined ? chosenShards : 1;
  const plan =
    chosenShards === 'auto'
      ? chooseShardCount(list, metrics, {
          intervalSeconds: unsized.intervalSeconds,
          memoryMbOf: (shard) => memoryMbOf(shard, 2),
          assumptions: tick,
          fleetHealth: unsized.fleetHealth,
        })
      : hubShardPlan(list, metrics, fixed, { memoryMbOf: (shard) => memoryMbOf(shard, fixed), assumptions: tick, fleetHealth: unsized.fleetHealth });
  const shards = plan.shards;
  // One function serves every shard: the memory of its largest.
  const collectorMemoryMb = shards > 1 ? Math.max(...plan.targets.map((shard) => memoryMbOf(shard, shards))) : memoryMbOf(list, 1);
  // Sized at the memory the collector gets (a bad value set in the props is reported by hubProblems; the estimate then uses the default).
  const estimate = hubTickEstimate(shards > 1 ? plan.slowest.targets : list, metrics, {
    memoryMb: memoryProblem(collectorMemoryMb) ? PIPELINE_DEFAULTS.collectorMemoryMb : collectorMemoryMb,
    assumptions: tick,
    fleetHealth: unsized.fleetHealth,
    ...(shards > 1 ? { putMetricDataInFlight: putMetricDataInFlightOf(shards), assumeRolePace: assumeRolePaceOf(shards) } : {}),
  });
  const pipeline = resolvePipelineSettings({
    ...pipelineProps,
    clusters: '*',
    collectorMemoryMb,
    collectorTimeoutSeconds: pipelineProps.collectorTimeoutSeconds ?? hubCollectorTimeoutSeconds(estimate, unsized.intervalSeconds),
  });
  return {
    pipeline,
    tick,
    sizedTargets: list,
    estimate,
    shards,
    sized: { memory: pipelineProps.collectorMemoryMb === undefined, timeout: pipelineProps.collectorTimeoutSeconds === undefined },
    spokeRole: {
      name: spokeRoleNameOf(pipeline.name, spokeRole),
      path: spokeRolePathOf(spokeRole, props.rolePath),
      ...(externalId !== undefined ? { externalId } : {}),
      sessionName: hubSessionName(pipeline.name),
    },
    accounts: [...new Set((Array.isArray(targets) ? targets : []).map((t) => t?.account))].filter((a): a is string => typeof a === 'string'),
    ...(organizationId !== undefined ? { organizationId } : {}),
    targets,
    ...(organization !== undefined ? { organization } : {}),
  };
}

/**
 * What the synth prints for a hub: what it collects and how its collector is sized, with the one
 * assumption a config may not state (the clusters of a "*" account-region), so a wrong one is seen.
 */
export function hubSummary(h: HubSettings): string {
  const accounts = new Set(h.targets.map((t) => t.account)).size;
  const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : `${one}s`}`;
  const discovered = h.estimate.work.discoveredAccountRegions;
  const assumed =
    discovered > 0
      ? `, ${count(discovered, 'account-region')} "*" assumed to hold ${h.tick.assumedClustersPerDiscoveredRegion.toLocaleString('en-US')} each (hub.assumedClustersPerDiscoveredRegion)`
      : '';
  const units = h.organization ? `, and the accounts of ${count(h.organization.units.length, 'organizational unit')} found at run time` : '';
  const organization = h.organization
    ? `, the organization assumed to have ${count(h.tick.assumedDiscoveredAccountRegions, 'account-region')} with clusters (hub.assumedDiscoveredAccountRegions)`
    : '';
  return (
    `hub pipeline: collects ${count(h.targets.length, 'account-region')} of ${count(accounts, 'account')}${units}; ` +
    `collector ${h.pipeline.collectorMemoryMb.toLocaleString('en-US')} MB, ${h.pipeline.collectorTimeoutSeconds} s, sized for ${count(h.estimate.work.clusters, 'cluster')}${organization}${assumed}` +
    (h.shards > 1 ? `; each tick fans out over ${h.shards} invocations (shards), sized for the slowest` : '')
  );
}
