/**
 * Where the metrics a pipeline watches come from, as "places": in the hub, one per member
 * account-region (its series carry AccountId and Region); in a pipeline of one account-region
 * whose clusters are "*", that one account-region. Dashboards and alarms of a place cannot list
 * its series at synth, so they search or query them; this module says which dimensions select a
 * place and how many series it is assumed to have. Pure.
 */
import type { TargetListEntry } from '../contract/hub-target-list';
import type { ServiceSelection } from '../common/rules';
import type { MetricDefinition } from '../metrics/catalog';

/** Dimension naming the member account of a hub series (the collector's `ACCOUNT_DIMENSION`). */
export const ACCOUNT_DIMENSION = 'AccountId';
/** Dimension naming the member region of a hub series (the collector's `REGION_DIMENSION`). */
export const REGION_DIMENSION = 'Region';

/**
 * Clusters assumed in an account-region whose clusters are "*" (found at run time): what a
 * dashboard reserves for its graphs and what the cost model prices. 25 is the largest
 * account-region the design sizes for (docs/hub-mode.md).
 */
export const ASSUMED_DISCOVERED_CLUSTERS = 25;

/** Services assumed per cluster whose services are "*" (the cost model assumes the same). */
export const ASSUMED_SERVICES_PER_WILDCARD_CLUSTER = 10;

/** One account-region whose series a dashboard row and its alarms watch. */
export interface WatchedPlace {
  /** `<account>/<region>` in the hub; absent for a pipeline's own account-region. */
  readonly label?: string;
  /** Dimensions every series of the place has, besides the catalog's: AccountId and Region in the hub. */
  readonly where: Readonly<Record<string, string>>;
  readonly clusters: readonly string[] | '*';
  readonly services: ServiceSelection;
}

/** The hub's member account-regions as places, in the target list's order. */
export function hubPlaces(targets: readonly TargetListEntry[]): WatchedPlace[] {
  return targets.map((t) => ({
    label: `${t.account}/${t.region}`,
    where: { [ACCOUNT_DIMENSION]: t.account, [REGION_DIMENSION]: t.region },
    clusters: t.clusters,
    services: t.services ?? {},
  }));
}

/** A pipeline's own account-region as a place (its series have the catalog's dimensions only). */
export function ownPlace(clusters: readonly string[] | '*', services: ServiceSelection): WatchedPlace {
  return { where: {}, clusters, services };
}

/** The dimension names of a metric's series at a place: the catalog's, then the place's. */
export function placeDimensionNames(metric: MetricDefinition, place: WatchedPlace): string[] {
  return [...metric.dimensions, ...Object.keys(place.where)];
}

/** Clusters of a place, counted; "*" counts as the assumed number. */
export function clusterCount(place: WatchedPlace): number {
  return place.clusters === '*' ? ASSUMED_DISCOVERED_CLUSTERS : place.clusters.length;
}

/** Series of one metric at a place: one per cluster, or one per collected service. */
export function seriesCount(metric: MetricDefinition, place: WatchedPlace): number {
  if (metric.source !== 'service') return clusterCount(place);
  return Object.values(place.services).reduce((sum, selected) => sum + (selected === '*' ? ASSUMED_SERVICES_PER_WILDCARD_CLUSTER : selected.length), 0);
}
