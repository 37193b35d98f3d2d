/**
 * One collection: DescribeClusters in chunks of 100, then PutMetricData in chunks of 1,000
 * datums. A cluster ECS cannot describe is reported and skipped; a chunk CloudWatch refuses
 * does not stop the others, and the invocation then fails naming what was lost.
 */
import type { CloudWatchClient, MetricDatum } from '@aws-sdk/client-cloudwatch';
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Cluster, ECSClient } from '@aws-sdk/client-ecs';
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { API_LIMITS, CLUSTER_DIMENSION, CLUSTER_METRICS } from '../../modules/metrics/catalog';
import type { CollectRequest } from './event';

export interface Clients {
  readonly ecs: Pick<ECSClient, 'send'>;
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
}

/** A cluster that could not be collected, and why (ECS's reason, e.g. MISSING). */
export interface SkippedCluster {
  readonly cluster: string;
  readonly reason: string;
}

export interface CollectSummary {
  readonly clusters: number;
  readonly datums: number;
  readonly describeCalls: number;
  readonly putCalls: number;
  readonly skipped: readonly SkippedCluster[];
}

/** Some datums were not published; the error names them so the retry and the logs show it. */
export class PublishError extends Error {
  constructor(
    public readonly lostDatums: number,
    public readonly lostClusters: readonly string[],
    causes: readonly string[],
  ) {
    super(
      `PutMetricData failed for ${lostDatums} datums of clusters ${lostClusters.join(', ')}: ${[...new Set(causes)].join('; ')}`,
    );
    this.name = 'PublishError';
  }
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** `arn:aws:ecs:region:account:cluster/name` or a plain name → the name. */
const clusterNameOf = (arnOrName: string) => arnOrName.slice(arnOrName.lastIndexOf('/') + 1);

function datumsOf(cluster: Cluster, timestamp: Date): MetricDatum[] {
  const dimensions = [{ Name: CLUSTER_DIMENSION, Value: cluster.clusterName! }];
  return CLUSTER_METRICS.map((metric) => ({
    MetricName: metric.name,
    Dimensions: dimensions,
    Timestamp: timestamp,
    Value: cluster[metric.sourceField] ?? 0,
    Unit: 'Count',
    StorageResolution: 1,
  }));
}

export async function collect(request: CollectRequest, clients: Clients): Promise<CollectSummary> {
  const skipped: SkippedCluster[] = [];
  const described = await Promise.all(
    chunk(request.clusters, API_LIMITS.describeClustersBatch).map((names) =>
      clients.ecs.send(new DescribeClustersCommand({ clusters: names })),
    ),
  );
  const active: Cluster[] = [];
  for (const response of described) {
    for (const failure of response.failures ?? []) {
      skipped.push({ cluster: clusterNameOf(failure.arn ?? '?'), reason: failure.reason ?? 'unknown' });
    }
    for (const cluster of response.clusters ?? []) {
      if (cluster.status === 'ACTIVE' || cluster.status === undefined) active.push(cluster);
      else skipped.push({ cluster: cluster.clusterName ?? '?', reason: cluster.status });
    }
  }

  const datums = active.flatMap((cluster) => datumsOf(cluster, request.timestamp));
  const chunks = chunk(datums, API_LIMITS.putMetricDataBatch);
  const results = await Promise.allSettled(
    chunks.map((metricData) =>
      clients.cloudwatch.send(new PutMetricDataCommand({ Namespace: request.namespace, MetricData: metricData })),
    ),
  );
  const failed = results.flatMap((result, i) => (result.status === 'rejected' ? [{ i, reason: result.reason }] : []));
  if (failed.length > 0) {
    const lost = failed.flatMap(({ i }) => chunks[i]);
    const clusters = [...new Set(lost.map((d) => d.Dimensions![0].Value!))];
    throw new PublishError(lost.length, clusters, failed.map(({ reason }) => String((reason as Error)?.message ?? reason)));
  }
  return {
    clusters: active.length,
    datums: datums.length,
    describeCalls: described.length,
    putCalls: chunks.length,
    skipped,
  };
}
