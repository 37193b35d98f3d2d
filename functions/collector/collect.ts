/**
 * One collection: describe the clusters, then the services of those that name some, then
 * PutMetricData in chunks of 1,000 datums. Whatever could be collected is published; a cluster
 * or service ECS does not know is reported and skipped; anything a failed call kept from being
 * published makes the invocation fail afterwards, naming it, so the state machine retries the tick.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { API_LIMITS } from '../../modules/metrics/catalog';
import { PUBLISH_ERROR_NAME } from '../../modules/contract/collector-event';
import { ApiName, AwsCalls, Deadlines, reasonOf } from './aws-calls';
import { chunk } from './chunk';
import type { Clients } from './clients';
import type { Place } from './cluster-references';
import { describeClusters } from './clusters';
import { clusterDatums, serviceDatums } from './datums';
import type { CollectRequest } from './event';
import { describeLost, Lost, Skipped } from './report';
import { ServiceListCache } from './service-list-cache';
import { describeServices } from './services';

export interface CollectSummary {
  /** Clusters collected. */
  readonly clusters: number;
  /** Services collected. */
  readonly services: number;
  /** Datums CloudWatch accepted. */
  readonly datums: number;
  /** Datums CloudWatch refused (their chunk failed after the SDK's retries). */
  readonly refusedDatums: number;
  /** Calls made, per API. */
  readonly calls: Readonly<Record<ApiName, number>>;
  /** Retries the SDK made inside those calls (throttling, 5xx). */
  readonly retries: number;
  /** Clusters, services and values skipped for reasons retrying would not fix, reported. */
  readonly skipped: readonly Skipped[];
  /** What failed calls kept from being published. */
  readonly lost: readonly Lost[];
}

/** Some datums were not published; the error names them so the retry and the logs show it. */
export class PublishError extends Error {
  /** Clusters with something lost, in first-seen order. */
  public readonly lostClusters: readonly string[];

  constructor(public readonly summary: CollectSummary) {
    super(describeLost(summary.lost, summary.refusedDatums));
    this.name = PUBLISH_ERROR_NAME;
    this.lostClusters = [...new Set(summary.lost.map((l) => l.cluster))];
  }
}

export interface CollectOptions {
  /** Service lists of "*" clusters, kept across warm invocations. */
  readonly serviceLists?: ServiceListCache;
  /** When ECS calls and CloudWatch calls stop, retries included. */
  readonly deadlines?: Deadlines;
  /** Where the collector runs: cluster ARNs of elsewhere are skipped without asking ECS. */
  readonly home?: Place;
}

/** PutMetricData in chunks; every chunk is sent even when another fails. */
async function publish(namespace: string, datums: readonly MetricDatum[], calls: AwsCalls) {
  const chunks = chunk(datums, API_LIMITS.putMetricDataBatch);
  const results = await Promise.allSettled(chunks.map((metricData) => calls.putMetricData({ Namespace: namespace, MetricData: metricData })));
  const lost: Lost[] = [];
  let refused = 0;
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    refused += chunks[i].length;
    const reason = reasonOf(result.reason);
    const clusters = new Set(chunks[i].map((d) => d.Dimensions![0].Value!));
    for (const cluster of clusters) lost.push({ api: 'PutMetricData', cluster, reason });
  });
  return { refused, lost };
}

/** Collects and publishes one tick; throws PublishError, after publishing the rest, if anything was lost. */
export async function collect(request: CollectRequest, clients: Clients, options: CollectOptions = {}): Promise<CollectSummary> {
  const calls = new AwsCalls(clients, options.deadlines);
  const withStatistics = request.metrics.some((m) => m.source === 'clusterStatistics');
  const clusters = await describeClusters(request.clusters, withStatistics, calls, options.home);

  const withServices = request.metrics.some((m) => m.source === 'service');
  const clustersWithServices = withServices ? Object.keys(request.services).filter((c) => clusters.active.has(c)) : [];
  const services = await describeServices(
    clustersWithServices,
    request.services,
    options.serviceLists ?? new ServiceListCache(),
    calls,
  );

  // Datums in the order of the request, whatever order ECS answered in.
  const datums: MetricDatum[] = [];
  const missing: Skipped[] = [];
  let serviceCount = 0;
  for (const [name, cluster] of clusters.active) {
    const ofCluster = clusterDatums(name, cluster, request.metrics, request.timestamp);
    datums.push(...ofCluster.datums);
    missing.push(...ofCluster.missing);
    for (const service of services.byCluster.get(name) ?? []) {
      const ofService = serviceDatums(name, service, request.metrics, request.timestamp);
      datums.push(...ofService.datums);
      missing.push(...ofService.missing);
      serviceCount++;
    }
  }

  const published = await publish(request.namespace, datums, calls);
  const summary: CollectSummary = {
    clusters: clusters.active.size,
    services: serviceCount,
    datums: datums.length - published.refused,
    refusedDatums: published.refused,
    calls: { ...calls.calls },
    retries: calls.retries,
    skipped: [...clusters.skipped, ...services.skipped, ...missing],
    lost: [...clusters.lost, ...services.lost, ...published.lost],
  };
  if (summary.lost.length > 0) throw new PublishError(summary);
  return summary;
}
