/**
 * DescribeClusters in chunks of 100, with `include: ["STATISTICS"]` only when a capacity-split
 * metric needs it. A cluster ECS does not know or that is not ACTIVE is skipped; a chunk whose
 * call fails is lost.
 */
import type { Cluster } from '@aws-sdk/client-ecs';
import { API_LIMITS } from '../../modules/metrics/catalog';
import { AwsCalls, reasonOf } from './aws-calls';
import { chunk } from './chunk';
import { Lost, nameOf, Skipped } from './report';

export interface DescribedClusters {
  /** ACTIVE clusters, by the name they were asked for. */
  readonly active: ReadonlyMap<string, Cluster>;
  readonly skipped: readonly Skipped[];
  readonly lost: readonly Lost[];
}

export async function describeClusters(
  names: readonly string[],
  withStatistics: boolean,
  calls: AwsCalls,
): Promise<DescribedClusters> {
  const active = new Map<string, Cluster>();
  const skipped: Skipped[] = [];
  const lost: Lost[] = [];
  const chunks = chunk(names, API_LIMITS.describeClustersBatch);
  const results = await Promise.allSettled(
    chunks.map((clusters) => calls.describeClusters(withStatistics ? { clusters, include: ['STATISTICS'] } : { clusters })),
  );
  results.forEach((result, i) => {
    if (result.status === 'rejected') {
      const reason = reasonOf(result.reason);
      for (const cluster of chunks[i]) lost.push({ api: 'DescribeClusters', cluster, reason });
      return;
    }
    for (const failure of result.value.failures ?? []) {
      skipped.push({ cluster: nameOf(failure.arn ?? '?'), reason: failure.reason ?? 'unknown' });
    }
    for (const cluster of result.value.clusters ?? []) {
      const name = cluster.clusterName ?? nameOf(cluster.clusterArn ?? '?');
      if (cluster.status === 'ACTIVE' || cluster.status === undefined) active.set(name, cluster);
      else skipped.push({ cluster: name, reason: cluster.status });
    }
  });
  return { active, skipped, lost };
}
