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

/** Where a metric's value comes from, which decides the API calls and the dimensions. */
export type MetricSource = 'cluster' | 'service';

/** Dimension of every cluster metric, as in the blog. */
export const CLUSTER_DIMENSION = 'ClusterName';

/** Second dimension of the per-service metrics. */
export const SERVICE_DIMENSION = 'ServiceName';

export interface MetricDefinition {
  readonly name: string;
  readonly source: MetricSource;
  /** Dimension names, in order: `ClusterName`, then `ServiceName` for service metrics. */
  readonly dimensions: readonly string[];
  /** What the value means, for the README table and dashboard tooltips. */
  readonly description: string;
}

/** A metric read from one cluster of a DescribeClusters response. */
export interface ClusterMetricDefinition extends MetricDefinition {
  readonly source: 'cluster';
  /** The DescribeClusters field the value comes from. */
  readonly sourceField: keyof ClusterCounts;
}

/** The blog's four metrics: one value per cluster, dimension `ClusterName`. */
export const CLUSTER_METRICS: readonly ClusterMetricDefinition[] = [
  {
    name: 'RunningTask',
    source: 'cluster',
    dimensions: [CLUSTER_DIMENSION],
    sourceField: 'runningTasksCount',
    description: 'Tasks in the RUNNING state, across all services and standalone tasks of the cluster.',
  },
  {
    name: 'PendingTask',
    source: 'cluster',
    dimensions: [CLUSTER_DIMENSION],
    sourceField: 'pendingTasksCount',
    description: 'Tasks in the PENDING state: placed but not yet running (pulling images, starting).',
  },
  {
    name: 'ActiveServices',
    source: 'cluster',
    dimensions: [CLUSTER_DIMENSION],
    sourceField: 'activeServicesCount',
    description: 'Services in the ACTIVE state.',
  },
  {
    name: 'RegisteredContainerInstances',
    source: 'cluster',
    dimensions: [CLUSTER_DIMENSION],
    sourceField: 'registeredContainerInstancesCount',
    description: 'EC2 container instances registered with the cluster (0 for Fargate-only clusters).',
  },
];

/** Every metric the collector knows. */
export const METRICS: readonly MetricDefinition[] = [...CLUSTER_METRICS];

/** Every metric name the collector knows. */
export const METRIC_NAMES: readonly string[] = METRICS.map((m) => m.name);

/** The definition of a metric, or undefined for a name the collector does not know. */
export function metricDefinition(name: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.name === name);
}

/** The blog's four metrics, published when no metric set is configured. */
export const DEFAULT_METRICS: readonly string[] = [
  'RunningTask',
  'PendingTask',
  'ActiveServices',
  'RegisteredContainerInstances',
];

/** Namespace the blog publishes to. */
export const DEFAULT_NAMESPACE = 'ECS';

/** The limits of the APIs the collector calls (COSTS.md). */
export const API_LIMITS = {
  describeClustersBatch: 100,
  putMetricDataBatch: 1000,
} as const;
