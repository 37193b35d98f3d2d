/**
 * The metrics the collector can publish, shared by the collector (bundled with esbuild)
 * and the constructs (IAM, dashboards, alarms, cost), so that a name means one thing everywhere.
 */

/** The fields of an ECS `Cluster` (DescribeClusters) that the cluster metrics read. */
export interface ClusterCounts {
  readonly runningTasksCount?: number;
  readonly pendingTasksCount?: number;
  readonly activeServicesCount?: number;
  readonly registeredContainerInstancesCount?: number;
}

/** The keys of a cluster's `statistics` (DescribeClusters with `include: ["STATISTICS"]`) that metrics read. */
export type ClusterStatistic =
  | 'runningEC2TasksCount'
  | 'runningFargateTasksCount'
  | 'pendingEC2TasksCount'
  | 'pendingFargateTasksCount'
  | 'activeEC2ServiceCount'
  | 'activeFargateServiceCount'
  | 'drainingEC2ServiceCount'
  | 'drainingFargateServiceCount';

/** The fields of an ECS `Service` (DescribeServices) that the service metrics read. */
export interface ServiceCounts {
  readonly runningCount?: number;
  readonly desiredCount?: number;
  readonly pendingCount?: number;
}

/**
 * Where a metric's value comes from, which decides the API calls and the dimensions:
 * `cluster` and `clusterStatistics` from DescribeClusters (the latter with `include: ["STATISTICS"]`),
 * `service` from ListServices and DescribeServices.
 */
export type MetricSource = 'cluster' | 'clusterStatistics' | 'service';

/** Dimension of every cluster metric, as in the blog. */
export const CLUSTER_DIMENSION = 'ClusterName';

/** Second dimension of the per-service metrics. */
export const SERVICE_DIMENSION = 'ServiceName';

/** CloudWatch unit of every metric: they are all counts. */
export const METRIC_UNIT = 'Count';

export interface MetricDefinition {
  readonly name: string;
  readonly source: MetricSource;
  /** Dimension names, in order: `ClusterName`, then `ServiceName` for service metrics. */
  readonly dimensions: readonly string[];
  /** CloudWatch unit of the datums. */
  readonly unit: typeof METRIC_UNIT;
  /** The API field the value is read from (of the Cluster, its statistics, or the Service). */
  readonly sourceField: string;
  /** What the value means, for the README table and dashboard tooltips. */
  readonly description: string;
  /** Set when the value is an aggregate that is easy to misread: what to keep in mind. */
  readonly caveat?: string;
}

/** A metric read from one cluster of a DescribeClusters response. */
export interface ClusterMetricDefinition extends MetricDefinition {
  readonly source: 'cluster';
  readonly sourceField: keyof ClusterCounts;
}

/** A metric read from the `statistics` of one cluster: the capacity split between EC2 and Fargate. */
export interface ClusterStatisticsMetricDefinition extends MetricDefinition {
  readonly source: 'clusterStatistics';
  readonly sourceField: ClusterStatistic;
}

/** A metric read from one service of a DescribeServices response. */
export interface ServiceMetricDefinition extends MetricDefinition {
  readonly source: 'service';
  readonly sourceField: keyof ServiceCounts;
}

const cluster = (name: string, sourceField: keyof ClusterCounts, description: string, caveat?: string): ClusterMetricDefinition => ({
  name,
  source: 'cluster',
  dimensions: [CLUSTER_DIMENSION],
  unit: METRIC_UNIT,
  sourceField,
  description,
  ...(caveat ? { caveat } : {}),
});

const statistic = (name: string, sourceField: ClusterStatistic, description: string): ClusterStatisticsMetricDefinition => ({
  name,
  source: 'clusterStatistics',
  dimensions: [CLUSTER_DIMENSION],
  unit: METRIC_UNIT,
  sourceField,
  description,
  caveat: 'Launch-type aggregate: tasks on other capacity (ECS Anywhere) may be in neither half, so EC2 + Fargate can be less than the cluster total.',
});

const service = (name: string, sourceField: keyof ServiceCounts, description: string, caveat: string): ServiceMetricDefinition => ({
  name,
  source: 'service',
  dimensions: [CLUSTER_DIMENSION, SERVICE_DIMENSION],
  unit: METRIC_UNIT,
  sourceField,
  description,
  caveat,
});

/** The blog's four metrics: one value per cluster, dimension `ClusterName`. */
export const CLUSTER_METRICS: readonly ClusterMetricDefinition[] = [
  cluster(
    'RunningTask',
    'runningTasksCount',
    'Tasks in the RUNNING state, across all services and standalone tasks of the cluster.',
    'Cluster-wide aggregate: one service losing tasks while another gains them leaves it flat.',
  ),
  cluster('PendingTask', 'pendingTasksCount', 'Tasks in the PENDING state: placed but not yet running (pulling images, starting).'),
  cluster('ActiveServices', 'activeServicesCount', 'Services in the ACTIVE state.', 'Counts services, not tasks: a service scaled to 0 still counts.'),
  cluster(
    'RegisteredContainerInstances',
    'registeredContainerInstancesCount',
    'EC2 container instances registered with the cluster (0 for Fargate-only clusters).',
    'Includes DRAINING instances: it does not drop while an instance drains.',
  ),
];

/** The capacity split: DescribeClusters asks for STATISTICS only when one of these is selected. */
export const CLUSTER_STATISTICS_METRICS: readonly ClusterStatisticsMetricDefinition[] = [
  statistic('RunningEC2Task', 'runningEC2TasksCount', 'Tasks in the RUNNING state on EC2 capacity.'),
  statistic('RunningFargateTask', 'runningFargateTasksCount', 'Tasks in the RUNNING state on Fargate.'),
  statistic('PendingEC2Task', 'pendingEC2TasksCount', 'Tasks in the PENDING state on EC2 capacity.'),
  statistic('PendingFargateTask', 'pendingFargateTasksCount', 'Tasks in the PENDING state on Fargate.'),
  statistic('ActiveEC2Services', 'activeEC2ServiceCount', 'ACTIVE services that launch tasks on EC2 capacity.'),
  statistic('ActiveFargateServices', 'activeFargateServiceCount', 'ACTIVE services that launch tasks on Fargate.'),
  statistic('DrainingEC2Services', 'drainingEC2ServiceCount', 'Services being deleted (DRAINING) that ran on EC2 capacity.'),
  statistic('DrainingFargateServices', 'drainingFargateServiceCount', 'Services being deleted (DRAINING) that ran on Fargate.'),
];

/** Per-service counts, dimensions `ClusterName` and `ServiceName`: 3 custom metrics per service. */
export const SERVICE_METRICS: readonly ServiceMetricDefinition[] = [
  service(
    'RunningCount',
    'runningCount',
    'Tasks of the service in the RUNNING state.',
    "Aggregate over the service's deployments: during a rolling update old and new tasks both count.",
  ),
  service('DesiredCount', 'desiredCount', 'Tasks the service wants to run.', 'A setting, not an observation: it moves when you or auto scaling change it.'),
  service('PendingCount', 'pendingCount', 'Tasks of the service in the PENDING state.', "Aggregate over the service's deployments, like RunningCount."),
];

/** A metric of any source; `source` tells which, and so what `sourceField` reads. */
export type AnyMetricDefinition = ClusterMetricDefinition | ClusterStatisticsMetricDefinition | ServiceMetricDefinition;

/** Every metric the collector knows. */
export const METRICS: readonly AnyMetricDefinition[] = [...CLUSTER_METRICS, ...CLUSTER_STATISTICS_METRICS, ...SERVICE_METRICS];

/** Every metric name the collector knows. */
export const METRIC_NAMES: readonly string[] = METRICS.map((m) => m.name);

/** The definition of a metric, or undefined for a name the collector does not know. */
export function metricDefinition(name: string): AnyMetricDefinition | undefined {
  return METRICS.find((m) => m.name === name);
}

/** Names of the per-service metrics. */
export const SERVICE_METRIC_NAMES: readonly string[] = SERVICE_METRICS.map((m) => m.name);

/** The blog's four metrics, published when no metric set is configured. */
export const DEFAULT_METRICS: readonly string[] = ['RunningTask', 'PendingTask', 'ActiveServices', 'RegisteredContainerInstances'];

/** Namespace the blog publishes to. */
export const DEFAULT_NAMESPACE = 'ECS';

/** The fleet-health series (one set per place, dimension `Pipeline`), defined in their own module. */
export {
  FLEET_HEALTH_DIMENSION,
  FLEET_HEALTH_METRIC_NAMES,
  FLEET_HEALTH_METRICS,
  fleetHealthMetricDefinition,
  fleetHealthMetricsPublished,
  type FleetHealthMetricDefinition,
  type FleetHealthPublishedBy,
  type FleetHealthValues,
} from './fleet-health';

/** The limits of the APIs the collector calls (COSTS.md). */
export const API_LIMITS = {
  describeClustersBatch: 100,
  listServicesPage: 100,
  describeServicesBatch: 10,
  putMetricDataBatch: 1000,
  /** ECS throttles cluster reads at about 20 calls a second per account-region, with a burst of 50. */
  ecsReadCallsPerSecond: 20,
  ecsReadBurst: 50,
} as const;
