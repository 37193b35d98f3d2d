/**
 * What one execution must have published, from the input the trigger carried and the seeded
 * clusters: per metric, cluster (and service) one datum at every tick of the minute with the
 * seeded value; clusters not seeded are missing and must be reported, not published.
 */
import { CLUSTER_DIMENSION, DEFAULT_METRICS, metricDefinition, SERVICE_DIMENSION } from '../../../modules/metrics/catalog';
import { ClusterSeed, expectedClusterValues, expectedServiceValues } from './ecs-seeds';
import { SeriesKey } from './metrics-readback';

export interface ExpectedSeries {
  readonly key: SeriesKey;
  readonly value: number;
  /** ISO timestamps, ascending: one datum at each. */
  readonly timestamps: readonly string[];
}

export interface PublishExpectation {
  readonly series: ExpectedSeries[];
  /** Clusters of the input with no seed: they do not exist in the emulator. */
  readonly missingClusters: string[];
  /** Metrics of the input the emulator cannot produce (see `unmodelledMetrics`), not expected. */
  readonly unmodelled: string[];
}

/**
 * Metrics moto cannot produce: it answers DescribeClusters without `statistics`, so the
 * capacity-split metrics have no value (the collector reports them skipped).
 */
export const unmodelledMetric = (name: string) => metricDefinition(name)?.source === 'clusterStatistics';

export function expectedPublish(
  input: Record<string, unknown>,
  seeds: readonly ClusterSeed[],
  firstTick: Date,
  tickOffsets: readonly number[],
): PublishExpectation {
  const namespace = (input.namespace as string | undefined) ?? 'ECS';
  const clusters = input.clusters as string[];
  const metrics = (input.metrics as string[] | undefined) ?? [...DEFAULT_METRICS];
  const services = (input.services as Record<string, string[] | '*'> | undefined) ?? {};
  const timestamps = tickOffsets.map((offset) => new Date(firstTick.getTime() + offset * 1000).toISOString());
  const series: ExpectedSeries[] = [];
  const missingClusters: string[] = [];
  for (const cluster of clusters) {
    const seed = seeds.find((s) => s.name === cluster);
    if (!seed) {
      missingClusters.push(cluster);
      continue;
    }
    const clusterValues = expectedClusterValues(seed);
    for (const metric of metrics) {
      const definition = metricDefinition(metric);
      if (!definition || definition.source !== 'cluster') continue;
      series.push({ key: { namespace, metric, dimensions: { [CLUSTER_DIMENSION]: cluster } }, value: clusterValues[metric], timestamps });
    }
    const selected = services[cluster];
    const serviceNames = selected === '*' ? Object.keys(seed.services ?? {}) : (selected ?? []);
    for (const service of serviceNames) {
      const desired = seed.services?.[service];
      if (desired === undefined) continue;
      const values = expectedServiceValues(desired);
      for (const metric of metrics) {
        if (metricDefinition(metric)?.source !== 'service') continue;
        series.push({
          key: { namespace, metric, dimensions: { [CLUSTER_DIMENSION]: cluster, [SERVICE_DIMENSION]: service } },
          value: values[metric],
          timestamps,
        });
      }
    }
  }
  return { series, missingClusters, unmodelled: metrics.filter(unmodelledMetric) };
}
