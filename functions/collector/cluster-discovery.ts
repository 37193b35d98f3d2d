/**
 * The clusters of an account-region collected with "*" (by the hub and by a per-account-region
 * collector): listed with ListClusters (100 a page) at most once a minute per account-region and
 * kept across warm invocations, so a new cluster gets metrics within a minute without a redeploy. Concurrent callers share one listing; a
 * failed listing falls back to the last list (reported), or, with none, loses the account-region.
 */
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { reasonOf } from './aws-calls';
import { nameOf } from './report';

/** ListClusters returns at most 100 ARNs a page. */
export const LIST_CLUSTERS_PAGE = 100;

/** How long a listing is reused. */
export const CLUSTER_LIST_TTL_MS = 60_000;

export interface DiscoveredClusters {
  /** Cluster names, sorted. */
  readonly names: readonly string[];
  /** ListClusters pages requested to get them (0 when the cached list was used). */
  readonly pages: number;
  /** Set when listing failed and the last list was used instead. */
  readonly staleBecause?: string;
}

interface Listing {
  names?: readonly string[];
  listedAt?: number;
  inFlight?: Promise<{ names: readonly string[]; pages: number }>;
}

/** Every cluster name of an account-region, page by page. */
async function listClusters(ecs: Pick<ECSClient, 'send'>, abortSignal?: AbortSignal) {
  const names: string[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await ecs.send(new ListClustersCommand({ maxResults: LIST_CLUSTERS_PAGE, nextToken }), { abortSignal });
    pages++;
    names.push(...(page.clusterArns ?? []).map(nameOf));
    nextToken = page.nextToken;
  } while (nextToken);
  return { names: [...new Set(names)].sort(), pages };
}

export class ClusterDiscovery {
  private readonly listings = new Map<string, Listing>();

  constructor(
    private readonly ttlMs = CLUSTER_LIST_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The clusters of the account-region `key`, listed with `ecs` when the last list is a minute old. */
  async clusters(key: string, ecs: Pick<ECSClient, 'send'>, abortSignal?: AbortSignal): Promise<DiscoveredClusters> {
    let listing = this.listings.get(key);
    if (!listing) this.listings.set(key, (listing = {}));
    if (listing.names && listing.listedAt !== undefined && this.now() - listing.listedAt < this.ttlMs) {
      return { names: listing.names, pages: 0 };
    }
    const own = !listing.inFlight;
    if (own) {
      const entry = listing;
      entry.inFlight = listClusters(ecs, abortSignal).finally(() => {
        entry.inFlight = undefined;
      });
    }
    try {
      const listed = await listing.inFlight!;
      listing.names = listed.names;
      listing.listedAt = this.now();
      return { names: listed.names, pages: own ? listed.pages : 0 };
    } catch (error) {
      // The last list is better than nothing: its clusters are still collected; the next tick lists again.
      if (listing.names) return { names: listing.names, pages: 0, staleBecause: `ListClusters failed: ${reasonOf(error)}` };
      throw error;
    }
  }
}
