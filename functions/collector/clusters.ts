/**
 * DescribeClusters in chunks of 100, with `include: ["STATISTICS"]` only when a capacity-split
 * metric needs it, and what became of each cluster asked for. ECS answers under the cluster's
 * name and ARN, whichever was asked, so answers are matched to requests by both; every request
 * ends ACTIVE (to publish), skipped (ECS does not know it, it is not ACTIVE, it is in another
 * account-region) or lost (its chunk failed, or ECS answered neither it nor a failure for it).
 */
import type { Cluster, DescribeClustersCommandOutput } from '@aws-sdk/client-ecs';
import { API_LIMITS } from '../../modules/metrics/catalog';
import { AwsCalls, reasonOf } from './aws-calls';
import { chunk } from './chunk';
import { ClusterReference, clusterReference, elsewhereReason, Place } from './cluster-references';
import { Lost, nameOf, Skipped } from './report';

export interface DescribedClusters {
  /** ACTIVE clusters by their name (the ClusterName dimension), once each, in the order first asked for. */
  readonly active: ReadonlyMap<string, Cluster>;
  readonly skipped: readonly Skipped[];
  readonly lost: readonly Lost[];
  /** DescribeClusters calls made, and of those, calls that failed: all failed, the account-region was not read at all. */
  readonly calls: { readonly made: number; readonly failed: number };
}

/** Said of a cluster ECS left out of both `clusters` and `failures`: retrying may get an answer. */
export const UNANSWERED = 'ECS answered neither the cluster nor a failure for it';

/** What became of one request entry. */
type Outcome =
  | { readonly kind: 'active'; readonly name: string; readonly cluster: Cluster }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'lost'; readonly reason: string };

const answeredName = (cluster: Cluster) => cluster.clusterName ?? nameOf(cluster.clusterArn ?? '');

/** The answer of one DescribeClusters call about one entry it asked for, among the ARNs it asked for. */
function outcomeOf(reference: ClusterReference, answer: DescribeClustersCommandOutput, askedArns: ReadonlySet<string>): Outcome {
  const clusters = answer.clusters ?? [];
  const failures = answer.failures ?? [];
  // By ARN, only the very ARN: a same-named cluster here is another cluster. By name, not a cluster
  // that was asked for by its ARN, unless it is the only one of that name.
  const namesakes = reference.kind === 'name' ? clusters.filter((c) => answeredName(c) === reference.name) : [];
  const cluster =
    reference.kind === 'arn'
      ? clusters.find((c) => c.clusterArn === reference.arn)
      : (namesakes.find((c) => !askedArns.has(c.clusterArn ?? '')) ?? namesakes[0]);
  if (cluster) {
    if (cluster.status === 'ACTIVE' || cluster.status === undefined) return { kind: 'active', name: answeredName(cluster), cluster };
    return { kind: 'skipped', reason: cluster.status };
  }
  const failure =
    reference.kind === 'arn'
      ? failures.find((f) => f.arn === reference.arn)
      : failures.find((f) => f.arn !== undefined && clusterReference(f.arn)?.name === reference.name);
  if (failure) return { kind: 'skipped', reason: failure.reason ?? 'unknown' };
  const namesake = reference.kind === 'arn' ? clusters.find((c) => answeredName(c) === reference.name) : undefined;
  if (namesake) {
    return {
      kind: 'skipped',
      reason: `ECS answered with ${namesake.clusterArn}, another cluster: list the cluster in the pipeline of its own account-region`,
    };
  }
  return { kind: 'lost', reason: UNANSWERED };
}

export async function describeClusters(
  entries: readonly string[],
  withStatistics: boolean,
  calls: AwsCalls,
  /** Where the collector runs; ARNs elsewhere are skipped without asking ECS. Unknown: ECS is asked. */
  home?: Place,
): Promise<DescribedClusters> {
  const outcomes = new Map<string, Outcome>();
  const references = new Map<string, ClusterReference>();
  for (const entry of new Set(entries)) {
    const reference = clusterReference(entry) ?? { kind: 'name', name: entry };
    const elsewhere = elsewhereReason(reference, home);
    if (elsewhere) outcomes.set(entry, { kind: 'skipped', reason: elsewhere });
    else references.set(entry, reference);
  }

  const chunks = chunk([...references.keys()], API_LIMITS.describeClustersBatch);
  const results = await Promise.allSettled(
    chunks.map((clusters) => calls.describeClusters(withStatistics ? { clusters, include: ['STATISTICS'] } : { clusters })),
  );
  results.forEach((result, i) => {
    const reason = result.status === 'rejected' ? reasonOf(result.reason) : undefined;
    const askedArns = new Set(chunks[i].filter((entry) => references.get(entry)!.kind === 'arn'));
    for (const entry of chunks[i]) {
      outcomes.set(entry, result.status === 'rejected' ? { kind: 'lost', reason: reason! } : outcomeOf(references.get(entry)!, result.value, askedArns));
    }
  });

  // In the order asked for; an entry naming a cluster already published (by name and by ARN) adds nothing.
  const active = new Map<string, Cluster>();
  const skipped: Skipped[] = [];
  const lost: Lost[] = [];
  for (const entry of new Set(entries)) {
    const outcome = outcomes.get(entry)!;
    if (outcome.kind === 'skipped') skipped.push({ cluster: entry, reason: outcome.reason });
    else if (outcome.kind === 'lost') lost.push({ api: 'DescribeClusters', cluster: entry, reason: outcome.reason });
    else {
      const same = active.get(outcome.name);
      if (!same) active.set(outcome.name, outcome.cluster);
      else if (same.clusterArn !== outcome.cluster.clusterArn) {
        // Two clusters, one ClusterName: publishing both would mix their counts in one metric.
        skipped.push({ cluster: entry, reason: `${same.clusterArn} is already published as ClusterName ${outcome.name}` });
      }
    }
  }
  const failed = results.filter((r) => r.status === 'rejected').length;
  return { active, skipped, lost, calls: { made: chunks.length, failed } };
}
