/**
 * The 100,000-cluster fan-out (2,500 accounts × 4 regions × 10 clusters): the calls of one tick at
 * that size, over the shards the hub chooses, and the PutMetricData rate they make against
 * CloudWatch's per-account-region request quota.
 */
import { CLOUDWATCH_QUOTAS } from '../../../modules/common/aws-limits';
import { putMetricDataInFlightOf, SHARD_LIMITS } from '../../../modules/contract/hub-shards';
import { resolveHubSettings } from '../../../modules/hub/hub-settings';
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';
import { FAN_OUT_INTERVAL_SECONDS } from '../../../scripts/bench/hub-fanout';
import { FAN_OUT_SIZE, generateHubFleet, minimumShardedHubCalls } from '../../../scripts/bench/hub-fleet';

const targets = generateHubFleet(FAN_OUT_SIZE);
const settings = resolveHubSettings({
  account: '999999999999',
  region: 'eu-central-1',
  targets,
  shards: 'auto',
  intervalSeconds: FAN_OUT_INTERVAL_SECONDS,
  assumedCallLatencyMs: 50,
});
const shards = settings.shards;
const datums = 100_000 * DEFAULT_METRICS.length;

test('the fleet is 2,500 accounts × 4 regions × 10 clusters: 100,000 clusters, 400,000 datums a tick', () => {
  expect(targets).toHaveLength(10_000);
  expect(new Set(targets.map((t) => t.account)).size).toBe(2_500);
  expect(targets.reduce((sum, t) => sum + (t.clusters as string[]).length, 0)).toBe(100_000);
  expect(shards).toBeGreaterThan(1);
  expect(shards).toBeLessThanOrEqual(SHARD_LIMITS.maxShards);
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

test('calls per cold tick: each shard reads the list once and assumes the roles of its own accounts only', () => {
  const cold = minimumShardedHubCalls(targets, shards, DEFAULT_METRICS.length, 'cold');
  expect(cold.GetObject).toBe(shards);
  // An account's four regions may fall in up to four shards: at least 2,500, at most 4 × 2,500 AssumeRole.
  expect(cold.AssumeRole).toBeGreaterThanOrEqual(2_500);
  expect(cold.AssumeRole).toBeLessThanOrEqual(10_000);
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
