/**
 * How many alarms it takes to be told when any cluster of a fleet loses its tasks, before and after
 * the fleet-health alarms, counted with the very builders the constructs use (per-cluster alarms,
 * Metrics Insights alarms, fleet-health alarms): the README's alarm-count table. Pure.
 */
import { PIPELINE_DEFAULTS } from '../common/settings';
import type { TargetListEntry } from '../contract/hub-target-list';
import { metricDefinition } from '../metrics/catalog';
import { metricAlarmDefinitions, type MetricAlarmProps, resolveMetricAlarm } from '../monitoring/metric-alarms';
import { pipelineFleetHealthAlarms, resolveFleetHealthAlarms } from '../monitoring/fleet-health-alarms';
import { placeAlarms } from '../monitoring/place-alarms';
import { hubPlaces } from '../monitoring/watched-places';

/** What "before" watched every cluster with: RunningTask < 1, one alarm setting. */
export const EVERY_CLUSTER_ALARM: MetricAlarmProps = { metric: 'RunningTask', comparison: 'LessThanThreshold', threshold: 1 };

export type AlarmTopology = 'account-region' | 'hub';

export interface AlarmCounts {
  /** One alarm per listed cluster (10 s). */
  readonly listed: number;
  /** One Metrics Insights alarm per `"*"` account-region (1-minute data; billed per series it reads). */
  readonly discovered: number;
  /** The fleet-health alarms (10 s), with their defaults, no services collected. */
  readonly fleetHealth: number;
}

/**
 * The alarms a fleet of `accountRegions` × `clustersPerRegion` needs to watch every cluster: before,
 * one setting as per-cluster alarms (listed clusters) or Metrics Insights alarms (`"*"`); after, the
 * fleet-health alarms. The pipeline-health alarms (4 per pipeline) are the same before and after.
 */
export function alarmCounts(topology: AlarmTopology, accountRegions: number, clustersPerRegion: number): AlarmCounts {
  const intervalSeconds = PIPELINE_DEFAULTS.intervalSeconds;
  const metrics = [metricDefinition(EVERY_CLUSTER_ALARM.metric)!];
  const pipeline = { name: PIPELINE_DEFAULTS.name, namespace: PIPELINE_DEFAULTS.namespace, intervalSeconds, metrics };
  const alarm = resolveMetricAlarm(EVERY_CLUSTER_ALARM, intervalSeconds);
  const clusters = Array.from({ length: clustersPerRegion }, (_, i) => `cluster-${i + 1}`);
  const fleetHealthOf = (targets?: readonly TargetListEntry[]) =>
    pipelineFleetHealthAlarms(
      { ...pipeline, services: {}, fleetHealthAlarms: resolveFleetHealthAlarms(undefined), dashboard: true },
      { collectorLogGroupName: 'count', dashboardName: 'count' },
      targets,
    ).length;
  if (topology === 'hub') {
    const targets = (list: readonly string[] | '*'): TargetListEntry[] =>
      Array.from({ length: accountRegions }, (_, i) => ({ account: String(100_000_000_000 + i), region: 'us-east-1', clusters: list }));
    const count = (list: readonly string[] | '*') => placeAlarms([alarm], pipeline, hubPlaces(targets(list))).perPlace.flat().length;
    return { listed: count(clusters), discovered: count('*'), fleetHealth: fleetHealthOf(targets(clusters)) };
  }
  // Every account-region's pipeline alike: one pipeline's alarms, times the account-regions.
  const listed = metricAlarmDefinitions([alarm], { ...pipeline, clusters, services: {} }).length;
  const discovered = placeAlarms([alarm], pipeline, [{ where: {}, clusters: '*', services: {} }]).perPlace.flat().length;
  return { listed: listed * accountRegions, discovered: discovered * accountRegions, fleetHealth: fleetHealthOf() * accountRegions };
}
