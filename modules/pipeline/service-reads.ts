/**
 * The synth warning of a service cadence that ECS would throttle (modules/metrics/read-budget.ts):
 * for a pipeline, its own account-region; for a hub, each target account-region (one warning
 * naming the first that would be throttled and how many). A "*" cluster list counts as
 * ASSUMED_DISCOVERED_CLUSTERS clusters (the hub: its assumedClustersPerDiscoveredRegion), a "*"
 * service list as ASSUMED_SERVICES_PER_WILDCARD_CLUSTER services. Pure.
 */
import type { Problem } from '../common/errors';
import { SERVICE_INTERVALS, type ServiceSelection } from '../common/rules';
import type { TargetListEntry } from '../contract/hub-target-list';
import { API_LIMITS, metricDefinition } from '../metrics/catalog';
import { type AccountRegionReadLoad, serviceReadBudget } from '../metrics/read-budget';
import { ASSUMED_DISCOVERED_CLUSTERS, ASSUMED_SERVICES_PER_WILDCARD_CLUSTER } from '../monitoring/watched-places';

export interface ServiceReadSettings {
  readonly metrics: readonly string[];
  readonly intervalSeconds: number;
  readonly serviceIntervalSeconds: number;
}

/** One account-region's ECS read load, as the settings say it. */
export function readLoadOf(
  clusters: readonly string[] | '*',
  services: ServiceSelection,
  discoveredClusters = ASSUMED_DISCOVERED_CLUSTERS,
): AccountRegionReadLoad {
  return {
    clusters: clusters === '*' ? discoveredClusters : clusters.length,
    collectedServices: Object.values(services).map((list) =>
      list === '*' ? { services: ASSUMED_SERVICES_PER_WILDCARD_CLUSTER, listed: true } : { services: list.length, listed: false },
    ),
  };
}

/** The shortest service interval (a multiple of the interval that divides 60) whose service tick fits the throttle; undefined: none does. */
export function fittingServiceInterval(load: AccountRegionReadLoad, intervalSeconds: number): number | undefined {
  return SERVICE_INTERVALS.filter((s) => s % intervalSeconds === 0).find((s) => {
    const budget = serviceReadBudget(load, intervalSeconds, s);
    return budget.calls.total <= budget.allowed;
  });
}

const decimal = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/**
 * A warning when the service ticks of an account-region (`where`: "this account-region", or a hub
 * target's `account/region`) would be throttled by ECS at `serviceIntervalSeconds`: the services,
 * the calls, the throttle, and the service interval that would fit, or that none does (more
 * DescribeServices in one tick than the burst). The field is named as the caller writes it.
 */
export function serviceReadWarning(
  load: AccountRegionReadLoad,
  timing: { readonly intervalSeconds: number; readonly serviceIntervalSeconds: number },
  where: string,
  field = 'serviceIntervalSeconds',
): Problem | undefined {
  if (load.collectedServices.length === 0) return undefined;
  const budget = serviceReadBudget(load, timing.intervalSeconds, timing.serviceIntervalSeconds);
  if (budget.calls.total <= budget.allowed) return undefined;
  const fitting = fittingServiceInterval(load, timing.intervalSeconds);
  const fix =
    fitting !== undefined
      ? `set ${field} to ${fitting} (its service ticks then fit; ServicesBelowDesired and TaskShortfall and their alarms follow that cadence)`
      : `no ${field} fits: one tick's ${budget.calls.DescribeServices} DescribeServices calls alone are over the burst of ${API_LIMITS.ecsReadBurst}; collect fewer services in this account-region (at most about ${(API_LIMITS.ecsReadBurst - budget.calls.DescribeClusters - budget.calls.ListServices) * API_LIMITS.describeServicesBatch})`;
  return {
    path: [field],
    problem:
      `${where}: ${budget.services.toLocaleString('en-US')} services collected make ${budget.calls.total} ECS read calls on each service tick ` +
      `(${budget.calls.DescribeServices} DescribeServices of ${API_LIMITS.describeServicesBatch} services, ${budget.calls.DescribeClusters} DescribeClusters, ${budget.calls.ListServices} ListServices), ` +
      `${decimal(budget.callsPerSecond)} calls a second over ${field} ${timing.serviceIntervalSeconds}: ` +
      `over what ECS's read throttle of ${API_LIMITS.ecsReadCallsPerSecond} calls a second (burst ${API_LIMITS.ecsReadBurst}) per account-region lets a tick make (${budget.allowed}), so ECS would throttle the reads and datums be lost; ${fix}`,
  };
}

const collectsServices = (metrics: readonly string[]) => metrics.some((name) => metricDefinition(name)?.source === 'service');

/** The pipeline's warning, when its service ticks would be throttled. */
export function pipelineServiceReadWarning(
  s: ServiceReadSettings & { readonly clusters: readonly string[] | '*'; readonly services: ServiceSelection },
): Problem | undefined {
  if (!collectsServices(s.metrics)) return undefined;
  return serviceReadWarning(readLoadOf(s.clusters, s.services), s, 'this account-region');
}

/** The hub's warning: the first target account-region whose service ticks would be throttled, and how many are. */
export function hubServiceReadWarning(s: ServiceReadSettings, targets: readonly TargetListEntry[], discoveredClusters: number): Problem | undefined {
  if (!collectsServices(s.metrics)) return undefined;
  const warnings = targets.flatMap((t) => {
    const warning = serviceReadWarning(readLoadOf(t.clusters, t.services ?? {}, discoveredClusters), s, `${t.account}/${t.region}`);
    return warning ? [warning] : [];
  });
  if (warnings.length === 0) return undefined;
  const more = warnings.length > 1 ? ` (and ${warnings.length - 1} more target account-regions would be throttled)` : '';
  return { path: warnings[0].path, problem: `${warnings[0].problem}${more}` };
}
