/**
 * The tick's view of the discovered object (what the discovery found in the organization):
 * read at its latest version at most once a minute per container, however many ticks the
 * container serves. A missing object (the discovery has not run yet) is no error: the tick
 * collects the listed targets and says so. A failed or unreadable read keeps the last known
 * targets (none in a fresh container) and is tried again a minute later, said in the log line.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DiscoveredLocation } from '../../../modules/contract/hub-target-list';
import { reasonOf } from '../aws-calls';
import { readDiscovered } from './discovery/discovered-object';
import { type HubTarget, targetKey } from './targets';

/** How long a container uses what it read: the discovery itself writes at most once a minute. */
export const DISCOVERED_TTL_MS = 60_000;

/** What the tick polls of the discovered object, and where it came from, for the summary line. */
export interface DiscoveredView {
  readonly targets: readonly HubTarget[];
  /** `read`: read now; `kept`: read less than a minute ago; `missing`: no object yet; `failed`: the last known targets, the read failed. */
  readonly source: 'read' | 'kept' | 'missing' | 'failed';
  /** When the discovery wrote what is used (ISO 8601). */
  readonly generatedAt?: string;
  /** Why the read failed. */
  readonly reason?: string;
}

interface Kept {
  readonly id: string;
  readonly at: number;
  readonly view: DiscoveredView;
}

export class DiscoveredReader {
  /** GetObject calls made, for the summary line and the tests. */
  public getObjectCalls = 0;
  private kept?: Kept;
  private inFlight?: { readonly id: string; readonly read: Promise<DiscoveredView> };

  constructor(
    private readonly s3: Pick<S3Client, 'send'>,
    private readonly now: () => number = Date.now,
  ) {}

  read(location: DiscoveredLocation, options: { readonly owner?: string; readonly abortSignal?: AbortSignal } = {}): Promise<DiscoveredView> {
    const id = JSON.stringify([location.bucket, location.key]);
    const kept = this.kept?.id === id ? this.kept : undefined;
    if (kept && this.now() - kept.at < DISCOVERED_TTL_MS) return Promise.resolve(kept.view.source === 'read' ? { ...kept.view, source: 'kept' } : kept.view);
    if (this.inFlight?.id === id) return this.inFlight.read;
    const read = this.fetch(location, options, kept?.view).then((view) => {
      this.kept = { id, at: this.now(), view };
      return view;
    });
    this.inFlight = { id, read };
    return read.finally(() => {
      if (this.inFlight?.read === read) this.inFlight = undefined;
    });
  }

  private async fetch(
    location: DiscoveredLocation,
    options: { readonly owner?: string; readonly abortSignal?: AbortSignal },
    last?: DiscoveredView,
  ): Promise<DiscoveredView> {
    this.getObjectCalls++;
    const failed = (reason: string): DiscoveredView => ({
      targets: last?.targets ?? [],
      source: 'failed',
      reason,
      ...(last?.generatedAt ? { generatedAt: last.generatedAt } : {}),
    });
    try {
      const result = await readDiscovered(this.s3, location, options);
      if (result.kind === 'missing') return { targets: [], source: 'missing' };
      if (result.kind === 'unreadable') return failed(`the discovered object is unreadable: ${result.problems.join('; ')}`);
      return { targets: result.object.targets, source: 'read', generatedAt: result.object.generatedAt };
    } catch (error) {
      return failed(`reading the discovered object failed: ${reasonOf(error)}`);
    }
  }
}

/** The listed targets, then the discovered ones not listed: an account-region listed in the config keeps its own clusters and services. */
export function withDiscovered(listed: readonly HubTarget[], discovered: readonly HubTarget[]): readonly HubTarget[] {
  if (discovered.length === 0) return listed;
  const keys = new Set(listed.map(targetKey));
  return [...listed, ...discovered.filter((target) => !keys.has(targetKey(target)))];
}
