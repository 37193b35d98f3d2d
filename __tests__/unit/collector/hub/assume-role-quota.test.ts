/**
 * The hub's AssumeRole calls against STS's request quota (STS_QUOTAS: 600 a second per account and
 * Region, shared by every STS caller of the hub's account-region): a fleet-wide cold start at 2,500
 * and 5,000 accounts (every shard at once), the warm refreshes of the spoke credential cache, and the
 * discovery's own. Unpaced, a cold start would ask far more than the quota; paced, the tick keeps to
 * half of it and the discovery to a quarter.
 */
import { DISCOVERY_CONCURRENCY, RUN_BUDGET_MS } from '../../../../functions/collector/hub/discovery/discovery';
import { ASSUME_ROLE_CONCURRENCY, DISCOVERY_ASSUME_ROLE_PACE, REFRESH_AHEAD_MS, SESSION_SECONDS } from '../../../../functions/collector/hub/spoke-credentials';
import { STS_QUOTAS } from '../../../../modules/common/aws-limits';
import { assumeRolePaceOf, SHARD_LIMITS } from '../../../../modules/contract/hub-shards';
import { resolveHubSettings } from '../../../../modules/hub/hub-settings';
import { HUB_LATENCY_MS } from '../../../../scripts/bench/hub';
import { generateHubFleet, minimumShardedHubCalls } from '../../../../scripts/bench/hub-fleet';

const HALF_INTERVAL_SECONDS = 2.5;
/** How often the cache assumes a role again while it is used: a one-hour session, refreshed 15 minutes before its end. */
const REFRESH_SECONDS = SESSION_SECONDS - REFRESH_AHEAD_MS / 1000;

test("STS's AssumeRole quota the hub meets: 600 requests a second per account and Region (IAM and AWS STS quotas)", () => {
  expect(STS_QUOTAS.assumeRoleTps).toBe(600);
  // The tick's pace is half of it, the discovery's a quarter: both cold at once leave a quarter for anything else of the hub's account.
  expect(SHARD_LIMITS.assumeRolesPerSecondPerTick).toBe(STS_QUOTAS.assumeRoleTps / 2);
  expect(DISCOVERY_ASSUME_ROLE_PACE.perSecond).toBe(STS_QUOTAS.assumeRoleTps / 4);
  expect(REFRESH_SECONDS).toBe(2_700);
});

describe.each([
  { accounts: 2_500, shards: 19, coldSeconds: 8.33, floorSeconds: 4.17, warmPerSecond: 35.2 },
  { accounts: 5_000, shards: 39, coldSeconds: 16.67, floorSeconds: 8.33, warmPerSecond: 144.4 },
])(
  '$accounts accounts × 4 regions × 10 clusters, 5-s interval, 50 ms a call: every shard cold at once',
  ({ accounts, shards, coldSeconds, floorSeconds, warmPerSecond }) => {
    const targets = generateHubFleet({ accountRegions: accounts * 4, clustersPerRegion: 10 });
    const settings = resolveHubSettings({
      account: '999999999999',
      region: 'eu-central-1',
      targets,
      shards: 'auto',
      intervalSeconds: 5,
      assumedCallLatencyMs: HUB_LATENCY_MS,
    });
    const pace = assumeRolePaceOf(settings.shards);
    const tickPerSecond = settings.shards * pace.perSecond;

    test(`the hub fans out over ${shards} shards, and a cold start makes one AssumeRole per account: ${accounts.toLocaleString('en-US')}`, () => {
      expect(settings.shards).toBe(shards);
      expect(minimumShardedHubCalls(targets, settings.shards, 4, 'cold').AssumeRole).toBe(accounts);
    });

    test('unpaced (ASSUME_ROLE_CONCURRENCY in flight per shard at 50 ms) the shards would ask STS for 15× its quota: the collector paces', () => {
      const unpaced = settings.shards * ASSUME_ROLE_CONCURRENCY * (1000 / HUB_LATENCY_MS);
      expect(unpaced / STS_QUOTAS.assumeRoleTps).toBeGreaterThan(15);
    });

    test('paced, the tick asks 300 a second at most, its bursts within 25 (one a shard beyond 25 shards): 2× below the quota, and at the quota with a second cold tick overlapping', () => {
      expect(tickPerSecond).toBeCloseTo(300, 9);
      expect(settings.shards * pace.burst).toBeLessThanOrEqual(Math.max(SHARD_LIMITS.assumeRoleBurstPerTick, settings.shards));
      expect(STS_QUOTAS.assumeRoleTps / tickPerSecond).toBe(2);
      expect(2 * tickPerSecond).toBeLessThanOrEqual(STS_QUOTAS.assumeRoleTps);
      // With the discovery cold too: 450 a second, 1.33× below.
      expect(STS_QUOTAS.assumeRoleTps / (tickPerSecond + DISCOVERY_ASSUME_ROLE_PACE.perSecond)).toBeCloseTo(1.33, 2);
    });

    test(`a fleet-wide cold start takes ${coldSeconds} s at that pace; even at the whole quota it could not take less than ${floorSeconds} s, over half the interval`, () => {
      expect(accounts / tickPerSecond).toBeCloseTo(coldSeconds, 2);
      expect(accounts / STS_QUOTAS.assumeRoleTps).toBeCloseTo(floorSeconds, 2);
      expect(accounts / STS_QUOTAS.assumeRoleTps).toBeGreaterThan(HALF_INTERVAL_SECONDS);
      // The hub sizes its timeout for that cold tick: its estimate is the slowest shard's, whose roles arrive at its pace before its last reads.
      const shardAccounts = settings.estimate.work.accounts;
      expect(settings.estimate.ticks.cold.collectMs).toBeGreaterThan(((shardAccounts - pace.burst) / pace.perSecond) * 1000);
      expect(settings.pipeline.collectorTimeoutSeconds * 1000).toBeGreaterThan(2 * settings.estimate.ticks.cold.collectMs);
    });

    test(`warm, the cache assumes each role again every 45 minutes: at most ${warmPerSecond} a second, however Lambda spreads the shards over its containers`, () => {
      // A shard's invocation may land in any free container, so every container may come to hold every account;
      // the containers are at most the shards of two overlapping ticks.
      const containers = 2 * settings.shards;
      const perSecond = (containers * accounts) / REFRESH_SECONDS;
      expect(perSecond).toBeCloseTo(warmPerSecond, 1);
      expect(perSecond).toBeLessThan(tickPerSecond);
    });
  },
);

test('the discovery assumes each member account’s spoke role too: cold at 5,000 accounts, within one run at its pace; warm, 1.9 a second', () => {
  const accounts = 5_000;
  const coldMs = ((accounts - DISCOVERY_ASSUME_ROLE_PACE.burst) / DISCOVERY_ASSUME_ROLE_PACE.perSecond) * 1000;
  expect(coldMs).toBeLessThan(RUN_BUDGET_MS);
  expect(Math.round(coldMs / 100) / 10).toBe(33.2);
  // Its calls in flight (DISCOVERY_CONCURRENCY) would otherwise ask up to 96 × 20 = 1,920 a second at 50 ms.
  expect(DISCOVERY_CONCURRENCY * (1000 / HUB_LATENCY_MS)).toBeGreaterThan(3 * STS_QUOTAS.assumeRoleTps);
  expect(Math.round((accounts / REFRESH_SECONDS) * 10) / 10).toBe(1.9);
});
