/**
 * The fleet-health series: a few custom metrics per PLACE (one pipeline of an account-region, or
 * one hub for the whole fleet), never per cluster or per account-region, so that a handful of
 * 10-second alarms watch a whole place and the bill does not grow with its clusters. Shared by
 * the collector (which computes and publishes them) and the constructs (alarms, dashboards, cost).
 */
// Type-only: the catalog re-exports this module, and a value import back would be a cycle at load time.
import type { METRIC_UNIT } from './catalog';

/** The one dimension of every fleet-health series: the pipeline's (or the hub's) name. */
export const FLEET_HEALTH_DIMENSION = 'Pipeline';

/** Which places publish a series: every place, or only one that collects services (services stay opt-in). */
export type FleetHealthPublishedBy = 'always' | 'whenServicesCollected';

export interface FleetHealthMetricDefinition {
  readonly name: string;
  /** Always `[Pipeline]`. */
  readonly dimensions: readonly [typeof FLEET_HEALTH_DIMENSION];
  readonly unit: typeof METRIC_UNIT;
  /** What the value means, for the README table, dashboards and alarm descriptions. */
  readonly description: string;
  /** Exactly what is counted, and what is not. */
  readonly counts: string;
  /** When the collector publishes it (zeros included: a series with the input's `health` is never omitted). */
  readonly publishedBy: FleetHealthPublishedBy;
}

/** The catalog's METRIC_UNIT: every series is a count. */
const UNIT: typeof METRIC_UNIT = 'Count';

const series = (name: string, description: string, counts: string, publishedBy: FleetHealthPublishedBy): FleetHealthMetricDefinition => ({
  name,
  dimensions: [FLEET_HEALTH_DIMENSION],
  unit: UNIT,
  description,
  counts,
  publishedBy,
});

/** The six series, names final; every tick, 1-second storage resolution, in the pipeline's namespace. */
export const FLEET_HEALTH_METRICS: readonly FleetHealthMetricDefinition[] = [
  series(
    'ClustersWithNoRunningTask',
    'Clusters that have services but no task running.',
    'Clusters read this tick that have at least one ACTIVE service and no RUNNING task; an idle cluster with no services does not count.',
    'always',
  ),
  series('PendingTasks', 'Tasks placed but not yet running, over the whole place.', 'Sum of pendingTasksCount over the clusters read this tick.', 'always'),
  series(
    'UnreadClusters',
    'Clusters the collector should have read this tick and did not.',
    'Clusters not read this tick: DescribeClusters failure or throttle, a MISSING or INACTIVE cluster, the deadline.',
    'always',
  ),
  series(
    'UnreadAccountRegions',
    'Account-regions the collector could not read at all this tick.',
    'Account-regions with no cluster read this tick (hub: per target, when AssumeRole, ListClusters or every read failed; a pipeline: 0 or 1).',
    'always',
  ),
  series(
    'ServicesBelowDesired',
    'Services running fewer tasks than they want.',
    'Collected services with runningCount < desiredCount.',
    'whenServicesCollected',
  ),
  series(
    'TaskShortfall',
    'Tasks missing from the services that run fewer than they want.',
    'Sum over collected services of max(0, desiredCount - runningCount).',
    'whenServicesCollected',
  ),
];

/** The names of the fleet-health series. */
export const FLEET_HEALTH_METRIC_NAMES: readonly string[] = FLEET_HEALTH_METRICS.map((m) => m.name);

/** The definition of a fleet-health series, or undefined for a name that is not one. */
export function fleetHealthMetricDefinition(name: string): FleetHealthMetricDefinition | undefined {
  return FLEET_HEALTH_METRICS.find((m) => m.name === name);
}

/** The series a place publishes: all six where services are collected, the four others elsewhere. */
export function fleetHealthMetricsPublished(servicesCollected: boolean): readonly FleetHealthMetricDefinition[] {
  return FLEET_HEALTH_METRICS.filter((m) => servicesCollected || m.publishedBy === 'always');
}

/** The values of one tick, one per series; the service ones only where services are collected. */
export interface FleetHealthValues {
  readonly ClustersWithNoRunningTask: number;
  readonly PendingTasks: number;
  readonly UnreadClusters: number;
  readonly UnreadAccountRegions: number;
  readonly ServicesBelowDesired?: number;
  readonly TaskShortfall?: number;
}
