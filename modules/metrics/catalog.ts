/**
 * The metrics the collector can publish, shared by the collector (bundled with esbuild)
 * and the constructs (IAM, dashboards, alarms), so that a name means one thing everywhere.
 */

/** The fields of an ECS `Cluster` (DescribeClusters) that the cluster metrics read. */
export interface ClusterCounts {
  readonly runningTasksCount?: number;
  readonly pendingTasksCount?: number;
  readonly activeServicesCount?: number;
  readonly registeredContainerInstancesCount?: number;
}

/** A metric read from one cluster of a DescribeClusters response. */
export interface ClusterMetricDefinition {
  readonly name: string;
  /** The DescribeClusters field the value comes from. */
  readonly sourceField: keyof ClusterCounts;
  /** What the value means, for the README table and dashboard tooltips. */
  readonly description: string;
}

/** The blog's four metrics: one value per cluster, dimension `ClusterName`. */
export const CLUSTER_METRICS: readonly ClusterMetricDefinition[] = [
  {
    name: 'RunningTask',
    sourceField: 'runningTasksCount',
    description: 'Tasks in the RUNNING state, across all services and standalone tasks of the cluster.',
  },
  {
    name: 'PendingTask',
    sourceField: 'pendingTasksCount',
    description: 'Tasks in the PENDING state: placed but not yet running (pulling images, starting).',
  },
  {
    name: 'ActiveServices',
    sourceField: 'activeServicesCount',
    description: 'Services in the ACTIVE state.',
  },
  {
    name: 'RegisteredContainerInstances',
    sourceField: 'registeredContainerInstancesCount',
    description: 'EC2 container instances registered with the cluster (0 for Fargate-only clusters).',
  },
];

/** Every metric name the collector knows. */
export const METRIC_NAMES: readonly string[] = CLUSTER_METRICS.map((m) => m.name);

/** The blog's four metrics, published when no metric set is configured. */
export const DEFAULT_METRICS: readonly string[] = [
  'RunningTask',
  'PendingTask',
  'ActiveServices',
  'RegisteredContainerInstances',
];

/** Dimension name of every cluster metric, as in the blog. */
export const CLUSTER_DIMENSION = 'ClusterName';

/** Namespace the blog publishes to. */
export const DEFAULT_NAMESPACE = 'ECS';

/** The limits of the APIs the collector calls (COSTS.md). */
export const API_LIMITS = {
  describeClustersBatch: 100,
  putMetricDataBatch: 1000,
} as const;
