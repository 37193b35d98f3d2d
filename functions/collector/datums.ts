/**
 * The datums of one tick: each cluster's metrics in the order selected, then each of its
 * services, by name, with the service metrics. The same ECS answers give the same datums in the
 * same order, so a repeated tick sends identical requests.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { Cluster, Service } from '@aws-sdk/client-ecs';
import { AnyMetricDefinition, CLUSTER_DIMENSION, METRIC_UNIT, SERVICE_DIMENSION } from '../../modules/metrics/catalog';
import type { Skipped } from './report';
import { serviceNameOf } from './services';

export interface Datums {
  readonly datums: MetricDatum[];
  /** Values ECS did not give: not published, since a made-up 0 would set off alarms. */
  readonly missing: Skipped[];
}

/** What a datum is about: its dimension values. */
interface Subject {
  readonly cluster: string;
  readonly service?: string;
}

function datumsOf(
  metrics: readonly AnyMetricDefinition[],
  valueFor: (metric: AnyMetricDefinition) => number | undefined,
  subject: Subject,
  timestamp: Date,
): Datums {
  const dimensions = [{ Name: CLUSTER_DIMENSION, Value: subject.cluster }];
  if (subject.service !== undefined) dimensions.push({ Name: SERVICE_DIMENSION, Value: subject.service });
  const datums: MetricDatum[] = [];
  const missing: Skipped[] = [];
  for (const metric of metrics) {
    const value = valueFor(metric);
    if (value === undefined) missing.push({ ...subject, reason: `ECS gave no ${metric.sourceField} for ${metric.name}` });
    else {
      datums.push({
        MetricName: metric.name,
        Dimensions: dimensions,
        Timestamp: timestamp,
        Value: value,
        Unit: METRIC_UNIT,
        StorageResolution: 1,
      });
    }
  }
  return { datums, missing };
}

/** A cluster's value of a cluster or capacity-split metric; undefined when ECS gave none. */
function clusterValue(cluster: Cluster, metric: AnyMetricDefinition): number | undefined {
  if (metric.source === 'cluster') return cluster[metric.sourceField];
  if (metric.source !== 'clusterStatistics') return undefined;
  // Case-insensitive: the ECS reference spells one key "RunningFargateTasksCount".
  const key = metric.sourceField.toLowerCase();
  const value = cluster.statistics?.find((s) => s.name?.toLowerCase() === key)?.value;
  const number = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

export function clusterDatums(name: string, cluster: Cluster, metrics: readonly AnyMetricDefinition[], timestamp: Date): Datums {
  const clusterMetrics = metrics.filter((m) => m.source !== 'service');
  return datumsOf(clusterMetrics, (metric) => clusterValue(cluster, metric), { cluster: name }, timestamp);
}

export function serviceDatums(clusterName: string, service: Service, metrics: readonly AnyMetricDefinition[], timestamp: Date): Datums {
  const serviceMetrics = metrics.filter((m) => m.source === 'service');
  return datumsOf(
    serviceMetrics,
    (metric) => (metric.source === 'service' ? service[metric.sourceField] : undefined),
    { cluster: clusterName, service: serviceNameOf(service) },
    timestamp,
  );
}
