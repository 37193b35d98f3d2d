/**
 * The service names of each cluster collected with "*", kept across warm invocations for
 * about a minute: most ticks then make only DescribeServices calls, and a new service shows up
 * within a minute. A service found deleted makes its cluster be listed again at the next tick.
 */

/** How long a listed cluster's services are reused. */
export const SERVICE_LIST_TTL_MS = 60_000;

export class ServiceListCache {
  private readonly lists = new Map<string, { readonly names: readonly string[]; readonly listedAt: number }>();

  constructor(
    private readonly ttlMs = SERVICE_LIST_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cluster's services, if listed less than the TTL ago. */
  get(cluster: string): readonly string[] | undefined {
    const entry = this.lists.get(cluster);
    if (!entry) return undefined;
    if (this.now() - entry.listedAt < this.ttlMs) return entry.names;
    this.lists.delete(cluster);
    return undefined;
  }

  set(cluster: string, names: readonly string[]): void {
    this.lists.set(cluster, { names, listedAt: this.now() });
  }

  forget(cluster: string): void {
    this.lists.delete(cluster);
  }
}
