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
  /** The call that failed. */
  readonly api: ApiName;
  readonly cluster: string;
  /** The services lost, when the call was about some of the cluster's services. */
  readonly services?: readonly string[];
  /** The error, `Name: message`. */
  readonly reason: string;
}

/** Values in first-seen order, once each. */
const unique = <T>(values: readonly T[]) => [...new Set(values)];

/**
 * One sentence per failed API and reason, e.g. `PutMetricData failed for 1000 datums of clusters
 * a, b: Throttling: Rate exceeded` or `DescribeServices failed for services web, api of cluster
 * prod: ThrottlingException: Rate exceeded`.
 */
export function describeLost(lost: readonly Lost[], refusedDatums: number): string {
  const sentences: string[] = [];
  const refused = lost.filter((l) => l.api === 'PutMetricData');
  if (refused.length > 0) {
    sentences.push(
      `PutMetricData failed for ${refusedDatums} datums of clusters ${unique(refused.map((l) => l.cluster)).join(', ')}: ${unique(refused.map((l) => l.reason)).join('; ')}`,
    );
  }
  // ECS calls, grouped by API and reason.
  const groups = new Map<string, Lost[]>();
  for (const item of lost.filter((l) => l.api !== 'PutMetricData')) {
    const key = JSON.stringify([item.api, item.reason]);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const items of groups.values()) {
    const { api, reason } = items[0];
    const what =
      api === 'DescribeClusters'
        ? `clusters ${items.map((l) => l.cluster).join(', ')}`
        : items
            .map((l) => (l.services ? `services ${l.services.join(', ')} of cluster ${l.cluster}` : `the services of cluster ${l.cluster}`))
            .join(', ');
    sentences.push(`${api} failed for ${what}: ${reason}`);
  }
  return sentences.join('; ');
}

/** `arn:aws:ecs:region:account:cluster/name`, `…:service/cluster/name` or a plain name → the name. */
export const nameOf = (arnOrName: string) => arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
