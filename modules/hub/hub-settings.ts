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

export function resolveHubSettings(props: EcsHighResMetricsHubProps): HubSettings {
  const { targets, externalId, organizationId, spokeRole, ...pipelineProps } = props;
  const pipeline = resolvePipelineSettings({ ...pipelineProps, clusters: '*' });
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
