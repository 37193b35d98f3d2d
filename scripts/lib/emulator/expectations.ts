/**
 * What one execution must have published, from the input the trigger carried and the seeded
 * clusters: per metric, cluster (and service) one datum at every tick of the minute with the
 * seeded value; clusters not seeded are missing and must be reported, not published.
 */
import { CLUSTER_DIMENSION, DEFAULT_METRICS, metricDefinition, SERVICE_DIMENSION } from '../../../modules/metrics/catalog';
import { COLLECTOR_HANDLERS } from '../../../modules/contract/collector-event';
import type { DiscoveredLocation, DiscoveredTargets, TargetListEntry } from '../../../modules/contract/hub-target-list';
import { ACCOUNT_DIMENSION, REGION_DIMENSION } from '../../../functions/collector/hub/hub-dimensions';
import type { DeployedPipeline } from './deployment';
import { type ClusterSeed, expectedClusterValues, expectedServiceValues, type RegionSeed } from './ecs-seeds';
import type { SeriesKey } from './metrics-readback';
import { resourcesOfType, type StateResource } from './terraform-stack';

export interface ExpectedSeries {
  readonly key: SeriesKey;
  readonly value: number;
  /** ISO timestamps, ascending: one datum at each. */
  readonly timestamps: readonly string[];
}

export interface PublishExpectation {
  readonly series: ExpectedSeries[];
  /** Clusters of the input with no seed: they do not exist in the emulator. */
  readonly missingClusters: string[];
  /** Metrics of the input the emulator cannot produce (see `unmodelledMetrics`), not expected. */
  readonly unmodelled: string[];
  /** Hub: account-regions whose spoke role is gone: nothing of theirs may be published, and the execution must name them. */
  readonly lostAccountRegions?: string[];
}

/**
 * Metrics moto cannot produce: it answers DescribeClusters without `statistics`, so the
 * capacity-split metrics have no value (the collector reports them skipped).
 */
export const unmodelledMetric = (name: string) => metricDefinition(name)?.source === 'clusterStatistics';

/** Every series one account-region's clusters should have at the ticks; `dimensions` adds the hub's account and region. */
function clusterSeries(
  namespace: string,
  clusters: readonly string[],
  metrics: readonly string[],
  services: Readonly<Record<string, readonly string[] | '*'>>,
  seeds: readonly ClusterSeed[],
  timestamps: readonly string[],
  dimensions: Readonly<Record<string, string>> = {},
): { series: ExpectedSeries[]; missingClusters: string[] } {
  const series: ExpectedSeries[] = [];
  const missingClusters: string[] = [];
  for (const cluster of clusters) {
    const seed = seeds.find((s) => s.name === cluster);
    if (!seed) {
      missingClusters.push(cluster);
      continue;
    }
    const clusterValues = expectedClusterValues(seed);
    for (const metric of metrics) {
      const definition = metricDefinition(metric);
      if (definition?.source !== 'cluster') continue;
      series.push({ key: { namespace, metric, dimensions: { [CLUSTER_DIMENSION]: cluster, ...dimensions } }, value: clusterValues[metric], timestamps });
    }
    const selected = services[cluster];
    const serviceNames = selected === '*' ? Object.keys(seed.services ?? {}) : (selected ?? []);
    for (const service of serviceNames) {
      const desired = seed.services?.[service];
      if (desired === undefined) continue;
      const values = expectedServiceValues(desired);
      for (const metric of metrics) {
        if (metricDefinition(metric)?.source !== 'service') continue;
        series.push({
          key: { namespace, metric, dimensions: { [CLUSTER_DIMENSION]: cluster, [SERVICE_DIMENSION]: service, ...dimensions } },
          value: values[metric],
          timestamps,
        });
      }
    }
  }
  return { series, missingClusters };
}

export function expectedPublish(
  input: Record<string, unknown>,
  seeds: readonly ClusterSeed[],
  firstTick: Date,
  tickOffsets: readonly number[],
): PublishExpectation {
  const namespace = (input.namespace as string | undefined) ?? 'ECS';
  const metrics = (input.metrics as string[] | undefined) ?? [...DEFAULT_METRICS];
  const clusters = input.clusters === '*' ? seeds.map((s) => s.name) : (input.clusters as string[]);
  const services = (input.services as Record<string, string[] | '*'> | undefined) ?? {};
  const timestamps = tickOffsets.map((offset) => new Date(firstTick.getTime() + offset * 1000).toISOString());
  return { ...clusterSeries(namespace, clusters, metrics, services, seeds, timestamps), unmodelled: metrics.filter(unmodelledMetric) };
}

/** Whether the deployed collector is the hub's. */
export const isHub = (pipeline: DeployedPipeline) => pipeline.collector.handler === COLLECTOR_HANDLERS.hub;

/** The hub's target list as deployed (the S3 object's content in the state). */
export function hubTargetList(state: readonly StateResource[]): TargetListEntry[] {
  const objects = resourcesOfType(state, 'aws_s3_object');
  if (objects.length !== 1) throw new Error(`expected one target list object in the hub's state, found ${objects.length}`);
  return (JSON.parse(objects[0].values.content as string) as { targets: TargetListEntry[] }).targets;
}

/**
 * The targets a hub's tick polls: the listed ones, then the account-regions of the discovered
 * object (an organization's, written by the discovery) that are not listed. Without a discovered
 * location in the input, or before the discovery wrote it, the listed ones.
 */
export async function discoveredHubTargets(
  endpoint: string,
  pipeline: Pick<DeployedPipeline, 'account' | 'region'>,
  input: Record<string, unknown>,
  listed: readonly TargetListEntry[],
): Promise<TargetListEntry[]> {
  const location = input.discovered as DiscoveredLocation | undefined;
  if (!location) return [...listed];
  const object = await readObject(endpoint, pipeline, location.bucket, location.key);
  if (object === undefined) return [...listed];
  const discovered = (JSON.parse(object) as DiscoveredTargets).targets;
  const key = (t: TargetListEntry) => `${t.account}/${t.region}`;
  const keys = new Set(listed.map(key));
  return [...listed, ...discovered.filter((t) => !keys.has(key(t)))];
}

/** An S3 object's text, path-style, in the account's view; undefined when there is none. */
export async function readObject(endpoint: string, where: { account: string; region: string }, bucket: string, key: string): Promise<string | undefined> {
  const response = await fetch(`${endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`, {
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAEMULATOR000000/20250101/${where.region}/s3/aws4_request, SignedHeaders=host, Signature=0`,
      'x-moto-account-id': where.account,
    },
  });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`s3:GetObject ${bucket}/${key} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return response.text();
}

/** The member account of a spoke stack (`<fleet>-spoke-<account>`), or none for any other stack. */
export const spokeAccountOf = (stack: string): string[] => /-spoke-(\d{12})$/.exec(stack)?.slice(1) ?? [];

/**
 * What one hub execution must publish: every seeded cluster of every target (all seeded ones where
 * the target discovers), with AccountId and Region; the account-regions of `unreachableAccounts`
 * publish nothing and must be named as lost.
 */
export function expectedHubPublish(
  input: Record<string, unknown>,
  targets: readonly TargetListEntry[],
  seeds: readonly RegionSeed[],
  firstTick: Date,
  tickOffsets: readonly number[],
  unreachableAccounts: readonly string[],
): PublishExpectation {
  const namespace = (input.namespace as string | undefined) ?? 'ECS';
  const metrics = (input.metrics as string[] | undefined) ?? [...DEFAULT_METRICS];
  const timestamps = tickOffsets.map((offset) => new Date(firstTick.getTime() + offset * 1000).toISOString());
  const series: ExpectedSeries[] = [];
  const missingClusters: string[] = [];
  const lostAccountRegions: string[] = [];
  for (const target of targets) {
    if (unreachableAccounts.includes(target.account)) {
      lostAccountRegions.push(`${target.account}/${target.region}`);
      continue;
    }
    const regionSeeds = seeds.find((s) => s.account === target.account && s.region === target.region)?.clusters ?? [];
    const clusters = target.clusters === '*' ? regionSeeds.map((s) => s.name) : target.clusters;
    const found = clusterSeries(namespace, clusters, metrics, target.services ?? {}, regionSeeds, timestamps, {
      [ACCOUNT_DIMENSION]: target.account,
      [REGION_DIMENSION]: target.region,
    });
    series.push(...found.series);
    missingClusters.push(...found.missingClusters);
  }
  return { series, missingClusters, unmodelled: metrics.filter(unmodelledMetric), lostAccountRegions };
}
