/**
 * One account-region's part of a tick: DescribeClusters of the names (by 100), the services of
 * the clusters the selection names, and the datums, in the names' order. Shared by the
 * per-account-region collector (collect.ts) and the hub (hub/collect-targets.ts), which adds
 * the account and region dimensions and its own calls (AssumeRole, ListClusters) around it.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { AnyMetricDefinition } from '../../modules/metrics/catalog';
import type { ServiceSelection } from '../../modules/common/rules';
import type { AwsCalls } from './aws-calls';
import type { Place } from './cluster-references';
import { describeClusters } from './clusters';
import { clusterDatums, serviceDatums } from './datums';
import { type AccountRegionHealth, hasNoRunningTask, shortServicesOf } from './fleet-health';
import type { Lost, Skipped } from './report';
import type { ServiceListCache } from './service-list-cache';
import { describeServices } from './services';

export interface ClustersCollected {
  /** Clusters collected (ACTIVE, once each). */
  readonly clusters: number;
  /** Services collected. */
  readonly services: number;
  /** Every datum, cluster by cluster in the order asked for, each cluster's services after it. */
  readonly datums: MetricDatum[];
  readonly skipped: Skipped[];
  readonly lost: Lost[];
  /** What the answers say for the fleet-health series, computed whether or not they are published. */
  readonly health: AccountRegionHealth;
}

export interface ClustersToCollect {
  /** Cluster names or ARNs, in the order their datums are wanted. */
  readonly names: readonly string[];
  /** Per cluster name, the services to collect. */
  readonly services: ServiceSelection;
  readonly metrics: readonly AnyMetricDefinition[];
  readonly timestamp: Date;
}

/** Describes, then builds the datums; never throws for a failed call, which `lost` names. */
export async function collectClusters(
  what: ClustersToCollect,
  calls: AwsCalls,
  serviceLists: ServiceListCache,
  /** Where the collector runs: cluster ARNs of elsewhere are skipped without asking ECS. */
  home?: Place,
): Promise<ClustersCollected> {
  const withStatistics = what.metrics.some((m) => m.source === 'clusterStatistics');
  const clusters = await describeClusters(what.names, withStatistics, calls, home);

  const withServices = what.metrics.some((m) => m.source === 'service');
  const clustersWithServices = withServices ? Object.keys(what.services).filter((c) => clusters.active.has(c)) : [];
  const services = await describeServices(clustersWithServices, what.services, serviceLists, calls);

  // Datums in the order of the request, whatever order ECS answered in.
  const datums: MetricDatum[] = [];
  const missing: Skipped[] = [];
  let serviceCount = 0;
  const health = {
    noRunningTask: [] as string[],
    pendingTasks: 0,
    shortServices: [] as ReturnType<typeof shortServicesOf>,
  };
  for (const [name, cluster] of clusters.active) {
    if (hasNoRunningTask(cluster)) health.noRunningTask.push(name);
    health.pendingTasks += cluster.pendingTasksCount ?? 0;
    health.shortServices.push(...shortServicesOf(name, services.byCluster.get(name) ?? []));
    const ofCluster = clusterDatums(name, cluster, what.metrics, what.timestamp);
    datums.push(...ofCluster.datums);
    missing.push(...ofCluster.missing);
    for (const service of services.byCluster.get(name) ?? []) {
      const ofService = serviceDatums(name, service, what.metrics, what.timestamp);
      datums.push(...ofService.datums);
      missing.push(...ofService.missing);
      serviceCount++;
    }
  }
  return {
    clusters: clusters.active.size,
    services: serviceCount,
    datums,
    skipped: [...clusters.skipped, ...services.skipped, ...missing],
    lost: [...clusters.lost, ...services.lost],
    health: {
      ...health,
      // Every cluster asked for and not published: its call failed or was stopped, ECS does not know it, it is not ACTIVE.
      unreadClusters: [...clusters.skipped, ...clusters.lost].map((c) => c.cluster),
      unread: clusters.calls.made > 0 && clusters.calls.failed === clusters.calls.made,
    },
  };
}
