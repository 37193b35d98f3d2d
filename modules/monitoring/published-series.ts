/**
 * The time series a pipeline publishes for each of its metrics: one per cluster for cluster
 * metrics, one per listed service for service metrics. Dimensions come from the catalog's
 * definitions, so dashboards and alarms follow the catalog as it grows. Pure.
 */
import type { MetricDefinition } from '../metrics/catalog';

/** What a pipeline publishes: its metric definitions, clusters and (per cluster) services. */
export interface PublishedMetrics {
  readonly metrics: readonly MetricDefinition[];
  readonly clusters: readonly string[];
  /** For each cluster named, its services, or '*' for all of them. */
  readonly services: Readonly<Record<string, readonly string[] | '*'>>;
}

/** One time series: its dimensions by name, in the catalog's order. */
export interface Series {
  readonly cluster: string;
  /** Set for service metrics only. */
  readonly service?: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface MetricSeries {
  readonly metric: MetricDefinition;
  /** Series whose dimensions are known at synth. */
  readonly series: readonly Series[];
  /** Clusters of a service metric that publish all their services ('*'): names known only at run time. */
  readonly allServicesOf: readonly string[];
}

/** Pairs the catalog's dimension names with the values of one series. */
function dimensionsOf(metric: MetricDefinition, values: readonly string[]): Record<string, string> {
  if (metric.dimensions.length !== values.length) {
    throw new Error(
      `catalog: ${metric.name} is a ${metric.source} metric, so it needs ${values.length} dimensions, but it lists ${metric.dimensions.join(', ')}`,
    );
  }
  return Object.fromEntries(metric.dimensions.map((name, i) => [name, values[i]]));
}

/** The series of one metric, in cluster order, then service order. */
export function seriesOf(metric: MetricDefinition, published: Omit<PublishedMetrics, 'metrics'>): MetricSeries {
  if (metric.source !== 'service') {
    const series = published.clusters.map((cluster) => ({ cluster, dimensions: dimensionsOf(metric, [cluster]) }));
    return { metric, series, allServicesOf: [] };
  }
  const series: Series[] = [];
  const allServicesOf: string[] = [];
  for (const cluster of published.clusters) {
    const services = published.services[cluster];
    if (services === '*') allServicesOf.push(cluster);
    for (const service of services === '*' ? [] : (services ?? [])) {
      series.push({ cluster, service, dimensions: dimensionsOf(metric, [cluster, service]) });
    }
  }
  return { metric, series, allServicesOf };
}

/** The series of every published metric, in the order of `published.metrics`. */
export function publishedSeries(published: PublishedMetrics): MetricSeries[] {
  return published.metrics.map((metric) => seriesOf(metric, published));
}
