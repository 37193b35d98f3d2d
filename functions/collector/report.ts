/** What an invocation could not do, in the words that go to the logs and the error. */
import type { ApiName } from './aws-calls';

/**
 * A cluster, service or value skipped for a reason retrying will not fix (ECS says the cluster
 * or service is MISSING or INACTIVE, or returned no value): reported, and the tick succeeds.
 */
export interface Skipped {
  readonly cluster: string;
  readonly service?: string;
  readonly reason: string;
}

/**
 * Something not collected or not published because a call failed after the SDK's retries
 * (throttled, 5xx, denied, the deadline): the tick fails so the state machine retries it.
 */
export interface Lost {
  /** The call that failed; ListClusters when the clusters are "*" and none could be listed. */
  readonly api: ApiName | 'ListClusters';
  readonly cluster: string;
  /** The services lost, when the call was about some of the cluster's services. */
  readonly services?: readonly string[];
  /** The error, `Name: message`. */
  readonly reason: string;
}

/** Values in first-seen order, once each. */
const unique = <T>(values: readonly T[]) => [...new Set(values)];

/** Skipped and lost items listed in a log line or an error at most; the counts are always complete. */
export const LISTED_FAILURES = 20;

/**
 * Characters of a PublishError message at most. The message reaches the state machine twice per
 * failed tick (message and stack trace), and a minute's failed ticks share Step Functions'
 * 256 KiB payload: 60 ticks of a 1-second interval must fit.
 */
export const MAX_ERROR_MESSAGE_CHARS = 1_000;

/** How much of a loss a message lists: tried from the most detailed until the message fits. */
interface Listing {
  /** Items (clusters, services) listed per sentence. */
  readonly items: number;
  /** Different errors quoted per sentence. */
  readonly reasons: number;
  /** Characters per quoted error. */
  readonly reasonChars: number;
  /** Sentences (failed API and error) given. */
  readonly sentences: number;
}

const LISTINGS: readonly Listing[] = [
  { items: LISTED_FAILURES, reasons: 5, reasonChars: 300, sentences: LISTED_FAILURES },
  { items: 10, reasons: 3, reasonChars: 200, sentences: 10 },
  { items: 5, reasons: 2, reasonChars: 120, sentences: 5 },
  { items: 1, reasons: 1, reasonChars: 80, sentences: 2 },
  { items: 0, reasons: 1, reasonChars: 60, sentences: 1 },
];

/** `a, b and 9998 more`, or with nothing to list, `2000 clusters`. */
function listed(items: readonly string[], max: number, counted: string): string {
  if (max === 0 && items.length > 0) return counted;
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** `text`, cut to `max` characters with an ellipsis when longer. */
export const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function quoted(reasons: readonly string[], listing: Listing): string {
  const shown = reasons.slice(0, listing.reasons).map((r) => cut(r, listing.reasonChars));
  const more = reasons.length - shown.length;
  return shown.join('; ') + (more > 0 ? ` and ${more} other errors` : '');
}

/** One sentence to be written at a given listing: what failed, how many, and why. */
type Sentence = (listing: Listing) => string;

function sentencesOf(lost: readonly Lost[], refusedDatums: number): Array<{ sentence: Sentence; clusters: readonly string[] }> {
  const sentences: Array<{ sentence: Sentence; clusters: readonly string[] }> = [];
  const refused = lost.filter((l) => l.api === 'PutMetricData');
  if (refused.length > 0) {
    const clusters = unique(refused.map((l) => l.cluster));
    const reasons = unique(refused.map((l) => l.reason));
    sentences.push({
      clusters,
      sentence: (listing) =>
        `PutMetricData failed for ${refusedDatums} datums of ${listing.items === 0 ? '' : 'clusters '}${listed(clusters, listing.items, `${clusters.length} clusters`)}: ${quoted(reasons, listing)}`,
    });
  }
  // ECS calls, grouped by API and reason.
  const groups = new Map<string, Lost[]>();
  for (const item of lost.filter((l) => l.api !== 'PutMetricData')) {
    const key = JSON.stringify([item.api, item.reason]);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  for (const items of groups.values()) {
    const { api, reason } = items[0];
    const clusters = unique(items.map((l) => l.cluster));
    const what = (listing: Listing) => {
      if (api === 'ListClusters') return 'the clusters ("*"), so none was collected';
      if (api === 'DescribeClusters') {
        return listing.items === 0 ? `${clusters.length} clusters` : `clusters ${listed(clusters, listing.items, '')}`;
      }
      const phrases = items
        .slice(0, Math.max(listing.items, 1))
        .map((l) =>
          l.services ? `services ${listed(l.services, Math.max(listing.items, 1), '')} of cluster ${l.cluster}` : `the services of cluster ${l.cluster}`,
        );
      const services = items.reduce((n, l) => n + (l.services?.length ?? 0), 0);
      const counted = services > 0 ? `${services} services of ${clusters.length} clusters` : `the services of ${clusters.length} clusters`;
      if (listing.items === 0) return counted;
      return items.length <= listing.items ? phrases.join(', ') : `${phrases.join(', ')} and ${items.length - listing.items} more`;
    };
    sentences.push({ clusters, sentence: (listing) => `${api} failed for ${what(listing)}: ${quoted([reason], listing)}` });
  }
  return sentences;
}

function written(sentences: ReturnType<typeof sentencesOf>, listing: Listing): string {
  const shown = sentences.slice(0, listing.sentences).map(({ sentence }) => sentence(listing));
  const rest = sentences.slice(listing.sentences);
  if (rest.length > 0) shown.push(`and ${rest.length} more failures, of ${unique(rest.flatMap((s) => s.clusters)).length} clusters`);
  return shown.join('; ');
}

/**
 * One sentence per failed API and reason, e.g. `PutMetricData failed for 1000 datums of clusters
 * a, b: Throttling: Rate exceeded` or `DescribeServices failed for services web, api of cluster
 * prod: ThrottlingException: Rate exceeded`; at most MAX_ERROR_MESSAGE_CHARS, listing fewer items
 * (`a, b and 9998 more`) and fewer sentences (`and 80 more failures, of 8000 clusters`) until it fits.
 */
export function describeLost(lost: readonly Lost[], refusedDatums: number): string {
  const sentences = sentencesOf(lost, refusedDatums);
  for (const listing of LISTINGS) {
    const message = written(sentences, listing);
    if (message.length <= MAX_ERROR_MESSAGE_CHARS) return message;
  }
  return cut(written(sentences, LISTINGS[LISTINGS.length - 1]), MAX_ERROR_MESSAGE_CHARS);
}

/** `arn:aws:ecs:region:account:cluster/name`, `…:service/cluster/name` or a plain name → the name. */
export const nameOf = (arnOrName: string) => arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
