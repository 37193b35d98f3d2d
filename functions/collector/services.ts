/**
 * The services of the clusters that name some: ListServices (100 a page, only for "*", its
 * result cached), then DescribeServices (10 a call). A service ECS does not know, or that is
 * INACTIVE (deleted), is skipped and reported; a call that fails loses what it was asked for.
 */
import type { Service } from '@aws-sdk/client-ecs';
import { API_LIMITS } from '../../modules/metrics/catalog';
import type { ServiceSelection } from '../../modules/common/rules';
import { AwsCalls, reasonOf } from './aws-calls';
import { chunk } from './chunk';
import { Lost, nameOf, Skipped } from './report';
import { ServiceListCache } from './service-list-cache';

export interface DescribedServices {
  /** The ACTIVE and DRAINING services of each cluster, sorted by name. */
  readonly byCluster: ReadonlyMap<string, readonly Service[]>;
  readonly skipped: readonly Skipped[];
  readonly lost: readonly Lost[];
}

export const serviceNameOf = (service: Service) => service.serviceName ?? nameOf(service.serviceArn ?? '?');

/** Every service name of a cluster, page by page, sorted. */
async function listServices(cluster: string, calls: AwsCalls): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await calls.listServices({ cluster, maxResults: API_LIMITS.listServicesPage, nextToken });
    names.push(...(page.serviceArns ?? []).map(nameOf));
    nextToken = page.nextToken;
  } while (nextToken);
  return [...new Set(names)].sort();
}

export async function describeServices(
  clusters: readonly string[],
  selection: ServiceSelection,
  cache: ServiceListCache,
  calls: AwsCalls,
): Promise<DescribedServices> {
  const byCluster = new Map<string, Service[]>();
  const skipped: Skipped[] = [];
  const lost: Lost[] = [];

  await Promise.all(
    clusters.map(async (cluster) => {
      const selected = selection[cluster];
      let names: readonly string[];
      if (selected === '*') {
        const cached = cache.get(cluster);
        if (cached) names = cached;
        else {
          try {
            names = await listServices(cluster, calls);
          } catch (error) {
            lost.push({ api: 'ListServices', cluster, reason: reasonOf(error) });
            return;
          }
          cache.set(cluster, names);
        }
      } else names = selected;

      const chunks = chunk(names, API_LIMITS.describeServicesBatch);
      const results = await Promise.allSettled(chunks.map((services) => calls.describeServices({ cluster, services })));
      const found = new Map<string, Service>();
      let gone = false;
      results.forEach((result, i) => {
        if (result.status === 'rejected') {
          lost.push({ api: 'DescribeServices', cluster, services: chunks[i], reason: reasonOf(result.reason) });
          return;
        }
        for (const failure of result.value.failures ?? []) {
          skipped.push({ cluster, service: nameOf(failure.arn ?? '?'), reason: failure.reason ?? 'unknown' });
          gone = true;
        }
        for (const service of result.value.services ?? []) {
          const name = serviceNameOf(service);
          if (service.status === 'INACTIVE') {
            skipped.push({ cluster, service: name, reason: 'INACTIVE' });
            gone = true;
          } else found.set(name, service);
        }
      });
      // A listed service that is gone means the list is stale: list again next tick.
      if (gone && selected === '*') cache.forget(cluster);
      byCluster.set(
        cluster,
        [...found.keys()].sort().map((name) => found.get(name)!),
      );
    }),
  );
  return { byCluster, skipped, lost };
}
