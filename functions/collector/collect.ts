/**
 * One collection: the clusters (listed, or with "*" found by ListClusters), described, then the
 * services of those that name some, then PutMetricData in chunks of 1,000 datums. Whatever could be collected is published; a cluster
 * or service ECS does not know is reported and skipped; anything a failed call kept from being
 * published makes the invocation fail afterwards, naming it, so the state machine retries the tick.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import { PUBLISH_ERROR_NAME } from '../../modules/contract/collector-event';
import { ApiName, AwsCalls, Deadlines, reasonOf } from './aws-calls';
import type { Clients } from './clients';
import { ClusterDiscovery } from './cluster-discovery';
import type { Place } from './cluster-references';
import { collectClusters } from './collect-clusters';
import type { CollectRequest } from './event';
import { type FleetHealth, fleetHealth, fleetHealthDatums, subjectOf } from './fleet-health';
import { putDatums, refusedCount } from './put-datums';
import { describeLost, Lost, Skipped } from './report';
import { ServiceListCache } from './service-list-cache';

export interface CollectSummary {
  /** Clusters collected. */
  readonly clusters: number;
  /** Services collected. */
  readonly services: number;
  /** Datums CloudWatch accepted. */
  readonly datums: number;
  /** Datums CloudWatch refused (their chunk failed after the SDK's retries). */
  readonly refusedDatums: number;
  /** Calls made, per API; ListClusters pages only when the clusters are "*". */
  readonly calls: Readonly<Record<ApiName, number> & { ListClusters?: number }>;
  /** Retries the SDK made inside those calls (throttling, 5xx). */
  readonly retries: number;
  /** Clusters, services and values skipped for reasons retrying would not fix, reported. */
  readonly skipped: readonly Skipped[];
  /** What failed calls kept from being published. */
  readonly lost: readonly Lost[];
  /** The fleet-health series published, and what they count; absent when the input has no `health`. */
  readonly health?: FleetHealth;
}

/** What a PublishError needs of a summary: what was lost, each naming its cluster. */
export interface LossSummary {
  readonly lost: readonly { readonly cluster: string }[];
}

/**
 * Some datums were not published; the error names them so the retry and the logs show it. Its
 * name is PUBLISH_ERROR_NAME, which the state machine retries, for both collectors.
 */
export class PublishError<S extends LossSummary = CollectSummary> extends Error {
  /** Clusters with something lost, in first-seen order. */
  public readonly lostClusters: readonly string[];

  constructor(
    public readonly summary: S,
    message: string,
  ) {
    super(message);
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
  /** The clusters of "*", listed at most once a minute, kept across warm invocations. */
  readonly discovery?: ClusterDiscovery;
}

/** `account/region` of the collector's own place, for the names in the summary line; unknown outside Lambda. */
const labelOf = (home: Place | undefined) => (home ? `${home.account}/${home.region}` : undefined);

/** The discovery cache key of the collector's own account-region (it collects no other). */
const OWN_ACCOUNT_REGION = 'own';

/** The names to describe: the request's, or for "*" the account-region's clusters (the last list when listing fails). */
async function clusterNames(request: CollectRequest, clients: Clients, options: CollectOptions) {
  if (request.clusters !== '*') return { names: request.clusters, skipped: [], lost: [] };
  const discovery = options.discovery ?? new ClusterDiscovery();
  try {
    const found = await discovery.clusters(OWN_ACCOUNT_REGION, clients.ecs, options.deadlines?.collect);
    const skipped: Skipped[] = found.staleBecause ? [{ cluster: '*', reason: `the last cluster list was used: ${found.staleBecause}` }] : [];
    return { names: found.names, pages: found.pages, skipped, lost: [] };
  } catch (error) {
    // No list at all: nothing of this tick can be collected, and the tick fails naming ListClusters.
    const lost: Lost[] = [{ api: 'ListClusters', cluster: '*', reason: reasonOf(error) }];
    return { names: [], pages: 1, skipped: [], lost };
  }
}

/** PutMetricData in chunks; a refused chunk is charged to the clusters (or the fleet health, `Pipeline=<name>`) whose datums it carried. */
async function publish(namespace: string, datums: readonly MetricDatum[], calls: AwsCalls) {
  const refused = await putDatums(namespace, datums, calls);
  const lost = refused.flatMap(({ datums: ofRequest, reason }) =>
    [...new Set(ofRequest.map(subjectOf))].map((cluster): Lost => ({ api: 'PutMetricData', cluster, reason })),
  );
  return { refused: refusedCount(refused), lost };
}

/** Collects and publishes one tick; throws PublishError, after publishing the rest, if anything was lost. */
export async function collect(request: CollectRequest, clients: Clients, options: CollectOptions = {}): Promise<CollectSummary> {
  const calls = new AwsCalls(clients, options.deadlines);
  const listed = await clusterNames(request, clients, options);
  const collected = await collectClusters(
    { names: listed.names, services: request.services, metrics: request.metrics, timestamp: request.timestamp },
    calls,
    options.serviceLists ?? new ServiceListCache(),
    options.home,
  );
  // The place's fleet-health series, after the clusters' datums and in the same requests.
  const health = request.health
    ? fleetHealth(
        request.health.pipeline,
        request.metrics.some((m) => m.source === 'service'),
        [{ label: labelOf(options.home), health: { ...collected.health, unread: listed.lost.length > 0 || collected.health.unread } }],
      )
    : undefined;
  const datums = health ? [...collected.datums, ...fleetHealthDatums(health, request.timestamp)] : collected.datums;
  const published = await publish(request.namespace, datums, calls);
  const summary: CollectSummary = {
    clusters: collected.clusters,
    services: collected.services,
    datums: datums.length - published.refused,
    refusedDatums: published.refused,
    calls: { ...calls.calls, ...(listed.pages !== undefined ? { ListClusters: listed.pages } : {}) },
    retries: calls.retries,
    skipped: [...listed.skipped, ...collected.skipped],
    lost: [...listed.lost, ...collected.lost, ...published.lost],
    ...(health ? { health } : {}),
  };
  if (summary.lost.length > 0) throw new PublishError(summary, describeLost(summary.lost, summary.refusedDatums));
  return summary;
}
