/**
 * The 100,000-cluster fan-out (2,500 accounts × 4 regions × 10 clusters): the calls of one tick at
 * that size, over the shards the hub chooses, and the PutMetricData rate they make against
 * CloudWatch's per-account-region request quota.
 */
import { CLOUDWATCH_QUOTAS } from '../../../modules/common/aws-limits';
import { putMetricDataInFlightOf, SHARD_LIMITS } from '../../../modules/contract/hub-shards';
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';
import { HUB_LATENCY_MS } from '../../../scripts/bench/hub';
import { FAN_OUT_INTERVAL_SECONDS, fanOutHub } from '../../../scripts/bench/hub-fanout';
import { minimumShardedHubCalls } from '../../../scripts/bench/hub-fleet';

// The bench's own fleet and hub, so this test and the bench cannot drift apart.
const { targets, settings } = fanOutHub();
const shards = settings.shards;
const datums = 100_000 * DEFAULT_METRICS.length;

test('the fleet is 2,500 accounts × 4 regions × 10 clusters: 100,000 clusters, 400,000 datums a tick', () => {
  expect(targets).toHaveLength(10_000);
  expect(new Set(targets.map((t) => t.account)).size).toBe(2_500);
  expect(targets.reduce((sum, t) => sum + (t.clusters as string[]).length, 0)).toBe(100_000);
  expect(shards).toBeGreaterThan(1);
  expect(shards).toBeLessThanOrEqual(SHARD_LIMITS.maxShards);
  expect(settings.tick.assumedCallLatencyMs).toBe(HUB_LATENCY_MS);
  expect(HUB_LATENCY_MS).toBe(50);
});

test('calls per warm tick at that size: 10,000 DescribeClusters (one per account-region), no AssumeRole or GetObject, PutMetricData by 1,000 datums', () => {
  const warm = minimumShardedHubCalls(targets, shards, DEFAULT_METRICS.length, 'warm');
  expect(warm.DescribeClusters).toBe(10_000);
  expect(warm.AssumeRole).toBe(0);
  expect(warm.GetObject).toBe(0);
  // 400 unsharded; each shard's last request may be partly filled.
  expect(warm.PutMetricData).toBeGreaterThanOrEqual(datums / 1_000);
  expect(warm.PutMetricData).toBeLessThanOrEqual(datums / 1_000 + shards - 1);
});

test('calls per cold tick: each shard reads the list once, and each account’s role is assumed once fleet-wide (its four regions share a shard)', () => {
  const cold = minimumShardedHubCalls(targets, shards, DEFAULT_METRICS.length, 'cold');
  expect(cold.GetObject).toBe(shards);
  // Sharded by account-region it was 9,215: an account's regions fell in up to four shards, each assuming its role.
  expect(cold.AssumeRole).toBe(2_500);
  expect(cold.DescribeClusters).toBe(10_000);
});

test(`PutMetricData at 100,000 clusters stays within CloudWatch's quota of ${CLOUDWATCH_QUOTAS.putMetricDataTps} requests per second per account-region`, () => {
  // CloudWatch service quotas (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html): PutMetricData 500 TPS by default.
  expect(CLOUDWATCH_QUOTAS.putMetricDataTps).toBe(500);
  const perTick = minimumShardedHubCalls(targets, shards, DEFAULT_METRICS.length, 'warm').PutMetricData;
  const perSecond = perTick / FAN_OUT_INTERVAL_SECONDS;
  // On average: about 80 a second, more than 6× below the quota.
  expect(perSecond).toBeLessThan(85);
  expect(CLOUDWATCH_QUOTAS.putMetricDataTps / perSecond).toBeGreaterThan(5.8);
  // At most while the tick publishes: every shard's share of the requests in flight, each answered after 50 ms.
  const inFlight = shards * putMetricDataInFlightOf(shards);
  const peakPerSecond = (inFlight * 1000) / settings.tick.assumedCallLatencyMs;
  expect(peakPerSecond).toBeLessThanOrEqual(CLOUDWATCH_QUOTAS.putMetricDataTps);
  expect(CLOUDWATCH_QUOTAS.putMetricDataTps / peakPerSecond).toBeGreaterThan(1.2);
});
