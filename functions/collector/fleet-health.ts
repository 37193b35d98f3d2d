/**
 * The fleet-health series of one tick (modules/metrics/fleet-health.ts): what each account-region's
 * DescribeClusters and DescribeServices answers say about the place (clusters with services but no
 * running task, pending tasks, short services) and what could not be read, summed into one set of
 * datums per place with the dimension `Pipeline`, zeros included. The problems are named
 * (`account/region/cluster[/service]`) for the summary line.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { Cluster, Service } from '@aws-sdk/client-ecs';
import { FLEET_HEALTH_DIMENSION, type FleetHealthValues, fleetHealthMetricsPublished, METRIC_UNIT } from '../../modules/metrics/catalog';
import { serviceNameOf } from './services';

/** A service running fewer tasks than it wants. */
export interface ShortService {
  readonly cluster: string;
  readonly service: string;
  /** desiredCount - runningCount, above 0. */
  readonly shortfall: number;
}

/** What one account-region's answers say, before they are summed over the place. */
export interface AccountRegionHealth {
  /** Clusters read that have at least one ACTIVE service and no RUNNING task. */
  readonly noRunningTask: readonly string[];
  /** Sum of pendingTasksCount over the clusters read. */
  readonly pendingTasks: number;
  /** Clusters (as asked for) that should have been read and were not. */
  readonly unreadClusters: readonly string[];
  /** Nothing of the account-region could be read (its role, its cluster list, or every DescribeClusters call failed). */
  readonly unread: boolean;
  /** Collected services with runningCount < desiredCount. */
  readonly shortServices: readonly ShortService[];
}

/** Whether a cluster read this tick has services but no task running; a cluster without services is idle, not down. */
export const hasNoRunningTask = (cluster: Cluster) => (cluster.activeServicesCount ?? 0) > 0 && cluster.runningTasksCount === 0;

/** The services of one cluster that run fewer tasks than they want. */
export function shortServicesOf(cluster: string, services: readonly Service[]): ShortService[] {
  return services.flatMap((service) => {
    const shortfall = (service.desiredCount ?? 0) - (service.runningCount ?? 0);
    return service.desiredCount !== undefined && service.runningCount !== undefined && shortfall > 0
      ? [{ cluster, service: serviceNameOf(service), shortfall }]
      : [];
  });
}

/** The account-region part of a name in the summary line, e.g. `111111111111/eu-west-1`; unknown outside Lambda. */
export type AccountRegionLabel = string | undefined;

/** The tick's fleet health of one place: the values published, and what they count, named. */
export interface FleetHealth {
  /** The `Pipeline` dimension. */
  readonly pipeline: string;
  /** Whether the place collects services: only then are ServicesBelowDesired and TaskShortfall published. */
  readonly servicesCollected: boolean;
  readonly values: FleetHealthValues;
  /** `account/region/cluster`, every one (the summary line lists a bounded number). */
  readonly noRunningTask: readonly string[];
  readonly unreadClusters: readonly string[];
  readonly unreadAccountRegions: readonly string[];
  /** `account/region/cluster/service`, with its shortfall. */
  readonly shortServices: ReadonlyArray<{ readonly service: string; readonly shortfall: number }>;
}

const qualified = (label: AccountRegionLabel, name: string) => (label === undefined ? name : `${label}/${name}`);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Sums the account-regions of a place (one for a pipeline, every target for a hub). */
export function fleetHealth(
  pipeline: string,
  servicesCollected: boolean,
  parts: ReadonlyArray<{ readonly label: AccountRegionLabel; readonly health: AccountRegionHealth }>,
): FleetHealth {
  const shortServices = parts.flatMap(({ label, health }) =>
    health.shortServices.map((s) => ({ service: qualified(label, `${s.cluster}/${s.service}`), shortfall: s.shortfall })),
  );
  const unreadAccountRegions = parts.filter(({ health }) => health.unread).map(({ label }) => label ?? 'this account-region');
  const noRunningTask = parts.flatMap(({ label, health }) => health.noRunningTask.map((c) => qualified(label, c)));
  const unreadClusters = parts.flatMap(({ label, health }) => health.unreadClusters.map((c) => qualified(label, c)));
  return {
    pipeline,
    servicesCollected,
    values: {
      ClustersWithNoRunningTask: noRunningTask.length,
      PendingTasks: sum(parts.map(({ health }) => health.pendingTasks)),
      UnreadClusters: unreadClusters.length,
      UnreadAccountRegions: unreadAccountRegions.length,
      ...(servicesCollected ? { ServicesBelowDesired: shortServices.length, TaskShortfall: sum(shortServices.map((s) => s.shortfall)) } : {}),
    },
    noRunningTask,
    unreadClusters,
    unreadAccountRegions,
    shortServices,
  };
}

/** The place's datums, one per series it publishes, zeros included, in the catalog's order. */
export function fleetHealthDatums(health: FleetHealth, timestamp: Date): MetricDatum[] {
  const dimensions = [{ Name: FLEET_HEALTH_DIMENSION, Value: health.pipeline }];
  return fleetHealthMetricsPublished(health.servicesCollected).map((metric) => ({
    MetricName: metric.name,
    Dimensions: dimensions,
    Timestamp: timestamp,
    Value: health.values[metric.name as keyof FleetHealthValues] ?? 0,
    Unit: METRIC_UNIT,
    StorageResolution: 1,
  }));
}

/** What a refused PutMetricData request is charged to: a datum's cluster, or `Pipeline=<name>` for a fleet-health datum. */
export function subjectOf(datum: MetricDatum): string {
  const first = datum.Dimensions?.[0];
  return first?.Name === FLEET_HEALTH_DIMENSION ? `${FLEET_HEALTH_DIMENSION}=${first.Value}` : (first?.Value ?? '?');
}
