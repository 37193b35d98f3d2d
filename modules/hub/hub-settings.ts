/**
 * The settings a hub runs with: its pipeline settings (as any pipeline's, with no clusters of its
 * own), the spoke role it assumes and the accounts it may assume it in. Pure, so the fleet config
 * and the cost model resolve the same settings the construct builds from.
 */
import { PipelineSettings, resolvePipelineSettings } from '../pipeline/pipeline-settings';
import type { SpokeRoleReference } from '../contract/collector-event';
import type { TargetListEntry } from '../contract/hub-target-list';
import { hubSessionName, spokeRoleNameOf, spokeRolePathOf } from './hub-names';
import type { EcsHighResMetricsHubProps } from './props';
import { ASSUMED_DISCOVERED_CLUSTERS } from '../monitoring/watched-places';

export interface HubSettings {
  /** The pipeline's settings; `clusters` is "*": the hub names no clusters of its own, its targets do. */
  readonly pipeline: PipelineSettings;
  /** The role the collector assumes in every member account. */
  readonly spokeRole: SpokeRoleReference;
  /** The member accounts, each once, in the targets' order. */
  readonly accounts: readonly string[];
  readonly organizationId?: string;
  readonly targets: readonly TargetListEntry[];
}

/**
 * The hub collector's memory when the props set none: its CPU share grows with memory, and its CPU
 * work with the clusters (about 0.02 ms each at a full vCPU, 1,769 MB: BENCHMARKS.md), so a fleet of
 * 25,000 clusters gets 1,024 MB and runs well inside a 5-second tick, where 128 MB would take most
 * of it. A "*" account-region counts as ASSUMED_DISCOVERED_CLUSTERS.
 */
export function hubCollectorMemoryMb(targets: readonly TargetListEntry[]): number {
  const clusters = targets.reduce((sum, t) => sum + (t?.clusters === '*' ? ASSUMED_DISCOVERED_CLUSTERS : Array.isArray(t?.clusters) ? t.clusters.length : 0), 0);
  const step = HUB_MEMORY_STEPS.find((s) => clusters <= s.clusters);
  return step ? step.memoryMb : FULL_VCPU_MEMORY_MB;
}

/** Up to `clusters` clusters, the hub collector's default memory. */
export const HUB_MEMORY_STEPS: ReadonlyArray<{ readonly clusters: number; readonly memoryMb: number }> = [
  { clusters: 1_000, memoryMb: 128 },
  { clusters: 5_000, memoryMb: 512 },
  { clusters: 25_000, memoryMb: 1_024 },
];

/** Lambda gives a function a full vCPU at 1,769 MB. */
const FULL_VCPU_MEMORY_MB = 1_769;

export function resolveHubSettings(props: EcsHighResMetricsHubProps): HubSettings {
  const { targets, externalId, organizationId, spokeRole, ...pipelineProps } = props;
  const pipeline = resolvePipelineSettings({
    ...pipelineProps,
    clusters: '*',
    collectorMemoryMb: pipelineProps.collectorMemoryMb ?? hubCollectorMemoryMb(Array.isArray(targets) ? targets : []),
  });
  return {
    pipeline,
    spokeRole: {
      name: spokeRoleNameOf(pipeline.name, spokeRole),
      path: spokeRolePathOf(spokeRole, props.rolePath),
      ...(externalId !== undefined ? { externalId } : {}),
      sessionName: hubSessionName(pipeline.name),
    },
    accounts: [...new Set((Array.isArray(targets) ? targets : []).map((t) => t?.account))].filter((a): a is string => typeof a === 'string'),
    ...(organizationId !== undefined ? { organizationId } : {}),
    targets,
  };
}
