/**
 * The settings a pipeline runs with: its props with every default applied. Pure, so the fleet
 * config and the cost model resolve the same settings the construct builds from.
 */
import { DEFAULT_METRICS } from '../metrics/catalog';
import { defaultCollectorTimeout, PIPELINE_DEFAULTS } from '../common/settings';
import { type MonitoringSettings, monitoringSettings } from '../monitoring/monitoring-settings';
import type { EcsHighResMetricsProps } from './props';

/** A pipeline's settings, defaults applied. */
export type PipelineSettings = Required<
  Pick<
    EcsHighResMetricsProps,
    | 'name'
    | 'intervalSeconds'
    | 'serviceIntervalSeconds'
    | 'namespace'
    | 'workflowType'
    | 'trigger'
    | 'logRetentionDays'
    | 'collectorMemoryMb'
    | 'collectorTimeoutSeconds'
    | 'architecture'
    | 'stateMachineLogLevel'
  >
> & {
  /** Cluster names, or "*": every cluster of the account-region, found by the collector at run time. */
  readonly clusters: readonly string[] | '*';
  readonly metrics: readonly string[];
  readonly services: Readonly<Record<string, readonly string[] | '*'>>;
} & MonitoringSettings;

/** The settings a pipeline runs with: its props, defaults (PIPELINE_DEFAULTS) where they are silent. */
export function resolvePipelineSettings(props: EcsHighResMetricsProps): PipelineSettings {
  const intervalSeconds = props.intervalSeconds ?? PIPELINE_DEFAULTS.intervalSeconds;
  const serviceIntervalSeconds = props.serviceIntervalSeconds ?? intervalSeconds;
  return {
    clusters: props.clusters === '*' ? '*' : [...props.clusters],
    metrics: [...(props.metrics ?? DEFAULT_METRICS)],
    services: { ...props.services },
    name: props.name ?? PIPELINE_DEFAULTS.name,
    intervalSeconds,
    serviceIntervalSeconds,
    namespace: props.namespace ?? PIPELINE_DEFAULTS.namespace,
    workflowType: props.workflowType ?? PIPELINE_DEFAULTS.workflowType,
    trigger: props.trigger ?? PIPELINE_DEFAULTS.trigger,
    logRetentionDays: props.logRetentionDays ?? PIPELINE_DEFAULTS.logRetentionDays,
    collectorMemoryMb: props.collectorMemoryMb ?? PIPELINE_DEFAULTS.collectorMemoryMb,
    collectorTimeoutSeconds: props.collectorTimeoutSeconds ?? defaultCollectorTimeout(intervalSeconds),
    architecture: props.architecture ?? PIPELINE_DEFAULTS.architecture,
    stateMachineLogLevel: props.stateMachineLogLevel ?? PIPELINE_DEFAULTS.stateMachineLogLevel,
    ...monitoringSettings(props, intervalSeconds, serviceIntervalSeconds),
  };
}

/** True when the metrics are the blog's four in the blog's order, which the collector assumes without any. */
export function isDefaultMetricSet(metrics: readonly string[]): boolean {
  return metrics.length === DEFAULT_METRICS.length && metrics.every((name, i) => name === DEFAULT_METRICS[i]);
}
