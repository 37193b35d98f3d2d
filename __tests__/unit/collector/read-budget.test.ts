/**
 * The call budget of one account-region per tick against ECS's read throttle (API_LIMITS: about
 * 20 calls a second per account-region, burst 50): the model (read-budget.ts) is the collector's
 * own count of calls, cold and warm; where services are collected, DescribeServices by 10 is what
 * grows, and the model says where a load would be throttled. The fleet-health series add no call.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect } from '../../../functions/collector/collect';
import { parseEvent } from '../../../functions/collector/event';
import { clients } from '../../../functions/collector/index';
import { type AccountRegionReadLoad, ecsReadCallsAllowedPerTick, ecsReadCallsPerTick } from '../../../modules/metrics/read-budget';
import { ServiceListCache } from '../../../functions/collector/service-list-cache';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { API_LIMITS } from '../../../modules/metrics/catalog';
import { cluster, freshFakesForEachTest, givenEcs, service } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
freshFakesForEachTest(ecs, cloudwatch);

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

test('the throttle the budget is held to: 20 calls a second, burst 50, per account-region; DescribeServices takes 10 services', () => {
  expect([API_LIMITS.ecsReadCallsPerSecond, API_LIMITS.ecsReadBurst, API_LIMITS.describeServicesBatch]).toEqual([20, 50, 10]);
  // Ticks 1 s apart may spend the refill (20); 2 s apart, 40; from 3 s on, the whole burst.
  expect(ALLOWED_INTERVALS.map((s) => [s, ecsReadCallsAllowedPerTick(s)])).toEqual(ALLOWED_INTERVALS.map((s) => [s, s === 1 ? 20 : s === 2 ? 40 : 50]));
});

describe('the model is the collector’s own count', () => {
  // 120 clusters; services of two: 45 listed ("*") and 12 named.
  const clusters = names(120, 'c').map((name) => cluster(name));
  clusters[0] = cluster('c-000', { services: names(45, 's').map((s) => service(s)) });
  clusters[1] = cluster('c-001', { services: names(12, 'w').map((s) => service(s)) });
  const input = {
    clusters: clusters.map((c) => c.name),
    metrics: ['RunningTask', 'RunningCount'],
    services: { 'c-000': '*', 'c-001': names(12, 'w') },
    health: { pipeline: 'p' },
  };
  const load: AccountRegionReadLoad = {
    clusters: 120,
    collectedServices: [
      { services: 45, listed: true },
      { services: 12, listed: false },
    ],
  };

  test('a cold tick lists the "*" cluster once; a warm tick reuses the cached list (SERVICE_LIST_TTL_MS)', async () => {
    givenEcs(ecs, clusters);
    const cache = new ServiceListCache();
    const cold = await collect(parseEvent(input), clients, { serviceLists: cache });
    const warm = await collect(parseEvent(input), clients, { serviceLists: cache });
    const ecsCalls = ({ calls }: typeof cold) => ({
      DescribeClusters: calls.DescribeClusters,
      ListServices: calls.ListServices,
      DescribeServices: calls.DescribeServices,
    });
    const { total: coldTotal, ...coldCalls } = ecsReadCallsPerTick(load, true);
    const { total: warmTotal, ...warmCalls } = ecsReadCallsPerTick(load, false);
    expect(ecsCalls(cold)).toEqual(coldCalls);
    expect(ecsCalls(warm)).toEqual(warmCalls);
    // 2 DescribeClusters, 5 + 2 DescribeServices, and the one ListServices page when cold.
    expect([coldTotal, warmTotal]).toEqual([10, 9]);
  });
});

describe('where a load would be throttled', () => {
  const withServices = (clusters: number, servicesPerCluster: number, listed = true): AccountRegionReadLoad => ({
    clusters,
    collectedServices: Array.from({ length: clusters }, () => ({ services: servicesPerCluster, listed })),
  });
  const fits = (load: AccountRegionReadLoad, intervalSeconds: number) => ecsReadCallsPerTick(load, true).total <= ecsReadCallsAllowedPerTick(intervalSeconds);

  test('without services, 100 clusters are one call: 2,000 clusters fit a 1-second interval, 5,000 from 3 s, 5,100 none', () => {
    expect(ecsReadCallsPerTick({ clusters: 4900, collectedServices: [] }, true).total).toBe(49);
    expect(fits({ clusters: 2100, collectedServices: [] }, 1)).toBe(false);
    expect(fits({ clusters: 2000, collectedServices: [] }, 1)).toBe(true);
    expect(fits({ clusters: 5000, collectedServices: [] }, 3)).toBe(true);
    expect(fits({ clusters: 5100, collectedServices: [] }, 30)).toBe(false);
  });

  test('3 clusters × 100 services ("*"): 34 calls cold, 31 warm: throttled at 1 s, fits from 2 s', () => {
    const load = withServices(3, 100);
    expect(ecsReadCallsPerTick(load, true)).toEqual({ DescribeClusters: 1, ListServices: 3, DescribeServices: 30, total: 34 });
    expect(ecsReadCallsPerTick(load, false).total).toBe(31);
    expect(fits(load, 1)).toBe(false);
    expect(fits(load, 2)).toBe(true);
    expect(fits(load, 5)).toBe(true);
  });

  test('from 3 s on, one account-region holds 490 named services (1 + 49 calls), 440 listed ("*": + 5 ListServices once a minute); one more is throttled at every interval', () => {
    const named = (services: number): AccountRegionReadLoad => ({ clusters: 1, collectedServices: [{ services, listed: false }] });
    const listed = (services: number): AccountRegionReadLoad => ({ clusters: 1, collectedServices: [{ services, listed: true }] });
    expect(fits(named(490), 3)).toBe(true);
    expect(ALLOWED_INTERVALS.some((s) => fits(named(491), s))).toBe(false);
    expect(fits(listed(440), 5)).toBe(true);
    expect(ALLOWED_INTERVALS.some((s) => fits(listed(450), s))).toBe(false);
    // At 1 s, 20 calls: 190 named services.
    expect([fits(named(190), 1), fits(named(191), 1)]).toEqual([true, false]);
  });

  test('spread over clusters it is the same budget: 10 clusters × 50 services ("*") is 1 + 10 + 50 calls, throttled at every interval', () => {
    expect(ecsReadCallsPerTick(withServices(10, 50), true).total).toBe(61);
    expect(ecsReadCallsPerTick(withServices(10, 50), false).total).toBe(51);
    expect(ALLOWED_INTERVALS.some((s) => fits(withServices(10, 50), s))).toBe(false);
  });
});
