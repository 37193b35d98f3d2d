/**
 * The input the trigger gives every execution, as the schedule or the rule target carries it.
 * Pure: the construct writes it and the size checks measure it.
 */
import type { TriggerKind } from '../common/settings';
import { type CollectorInput, SCHEDULED_TIME_PLACEHOLDER } from '../contract/collector-event';
import { jsonText } from './json-text';
import { isDefaultMetricSet } from './pipeline-settings';

export interface TriggerInputSettings {
  /** The pipeline's name: the fleet-health series' `Pipeline` dimension. */
  readonly name: string;
  /** Publish the fleet-health series. */
  readonly fleetHealth: boolean;
  readonly clusters: readonly string[] | '*';
  readonly namespace: string;
  readonly metrics: readonly string[];
  readonly services: Readonly<Record<string, readonly string[] | '*'>>;
  readonly intervalSeconds?: number;
  /** Written only when it differs from the interval (absent: every tick reads services). */
  readonly serviceIntervalSeconds?: number;
}

/** The execution input (without the scheduled time). */
export function collectorInputOf(s: TriggerInputSettings): CollectorInput {
  return {
    clusters: s.clusters,
    namespace: s.namespace,
    // The collector's default is the blog's four, so a default pipeline's input stays as small as the blog's.
    ...(isDefaultMetricSet(s.metrics) ? {} : { metrics: s.metrics }),
    ...(Object.keys(s.services).length > 0 ? { services: s.services } : {}),
    ...(s.fleetHealth ? { health: { pipeline: s.name } } : {}),
    ...(s.serviceIntervalSeconds !== undefined && s.serviceIntervalSeconds !== s.intervalSeconds ? { serviceIntervalSeconds: s.serviceIntervalSeconds } : {}),
  };
}

/** The trigger's input text: Scheduler's carries the placeholder it replaces with the scheduled time. */
export function triggerInputText(trigger: TriggerKind, s: TriggerInputSettings): string {
  const input = collectorInputOf(s);
  return jsonText(trigger === 'SCHEDULER' ? { ...input, scheduledTime: SCHEDULED_TIME_PLACEHOLDER } : input);
}
