/**
 * A hub with an organization is sized (collector memory, timeout, "auto" shards) for its listed
 * targets and `assumedDiscoveredAccountRegions` account-regions "*" the discovery is assumed to
 * find, each `assumedClustersPerDiscoveredRegion` clusters; one whose steady tick cannot finish is
 * refused with the fixes. Without an organization the setting is ignored. Pure: no synthesis.
 */
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { hubProblems } from '../../../modules/hub/hub-problems';
import { hubCollectorMemoryMb, hubSummary, resolveHubSettings } from '../../../modules/hub/hub-settings';
import { ASSUMED_ORGANIZATION, assumedDiscoveredTargets, HUB_TICK_DEFAULTS } from '../../../modules/hub/hub-tick';
import type { EcsHighResMetricsHubProps } from '../../../modules/hub/props';
import { ORGANIZATION_COST_DEFAULTS } from '../../../scripts/lib/cost/organization';

const ENV = { partition: 'aws', region: 'eu-west-1', account: '999999999999' };

/** GIVEN a hub of organization o-abcd123456 (one unit, every region) listing `targets`. */
function orgHub(props: Partial<EcsHighResMetricsHubProps> = {}): EcsHighResMetricsHubProps {
  return {
    account: '999999999999',
    region: 'eu-west-1',
    organizationId: 'o-abcd123456',
    targets: [],
    organization: { account: '888888888888', units: ['ou-ab12-cdef3456'], regions: '*' },
    ...props,
  };
}

const problemsOf = (props: EcsHighResMetricsHubProps) => hubProblems(resolveHubSettings(props), ENV, props);

test("the default: 200 account-regions, the cost command's default organization (100 accounts × 2 regions), from one definition", () => {
  expect(HUB_TICK_DEFAULTS.assumedDiscoveredAccountRegions).toBe(200);
  expect(ORGANIZATION_COST_DEFAULTS).toBe(ASSUMED_ORGANIZATION);
  expect(ASSUMED_ORGANIZATION.accounts * ASSUMED_ORGANIZATION.regionsWithClusters).toBe(200);
});

test('an organization-only hub is sized for 200 × 25 = 5,000 clusters: 512 MB, the two-interval timeout, and fits', () => {
  const h = resolveHubSettings(orgHub());
  expect(h.tick).toEqual({ assumedCallLatencyMs: 50, assumedClustersPerDiscoveredRegion: 25, assumedDiscoveredAccountRegions: 200 });
  expect(h.estimate.work).toMatchObject({ accountRegions: 200, accounts: 100, discoveredAccountRegions: 200, clusters: 5_000 });
  expect(h.pipeline.collectorMemoryMb).toBe(512);
  expect(h.pipeline.collectorTimeoutSeconds).toBe(10);
  expect(h.shards).toBe(1);
  // The list written is the listed targets: the assumed ones are only what the collector is sized for.
  expect(h.targets).toEqual([]);
  expect(h.sizedTargets).toHaveLength(200);
  expect(problemsOf(orgHub())).toEqual([]);
  expect(hubSummary(h)).toBe(
    'hub pipeline: collects 0 account-regions of 0 accounts, and the accounts of 1 organizational unit found at run time; collector 512 MB, 10 s, ' +
      'sized for 5,000 clusters, the organization assumed to have 200 account-regions with clusters (hub.assumedDiscoveredAccountRegions), ' +
      '200 account-regions "*" assumed to hold 25 each (hub.assumedClustersPerDiscoveredRegion)',
  );
});

test('the assumed account-regions come after the listed ones, "*" each, two regions per account (the first known), never a listed account', () => {
  const listed: TargetListEntry[] = [{ account: '100000000000', region: 'us-east-1', clusters: ['prod'] }];
  const h = resolveHubSettings(orgHub({ targets: listed }));
  expect(h.sizedTargets[0]).toBe(listed[0]);
  expect(h.sizedTargets.slice(1)).toEqual(assumedDiscoveredTargets(200, listed));
  expect(assumedDiscoveredTargets(3, listed)).toEqual([
    { account: '100000000001', region: 'af-south-1', clusters: '*' },
    { account: '100000000001', region: 'ap-east-1', clusters: '*' },
    { account: '100000000002', region: 'af-south-1', clusters: '*' },
  ]);
  expect(h.estimate.work.clusters).toBe(1 + 5_000);
});

test('a larger assumption sizes a larger collector: 2,000 × 25 = 50,000 clusters get a full vCPU and a longer timeout', () => {
  const h = resolveHubSettings(orgHub({ assumedDiscoveredAccountRegions: 2_000, intervalSeconds: 10 }));
  expect(h.estimate.work.clusters).toBe(50_000);
  expect(h.pipeline.collectorMemoryMb).toBe(1_769);
  expect(h.pipeline.collectorMemoryMb).toBe(hubCollectorMemoryMb(h.sizedTargets, h.tick));
  expect(h.pipeline.collectorTimeoutSeconds).toBe(20);
  expect(problemsOf(orgHub({ assumedDiscoveredAccountRegions: 2_000, intervalSeconds: 10 }))).toEqual([]);
  // With assumedClustersPerDiscoveredRegion, each assumed account-region holds that many.
  expect(resolveHubSettings(orgHub({ assumedClustersPerDiscoveredRegion: 4 })).estimate.work.clusters).toBe(800);
});

test('an assumption whose tick cannot finish is refused with the fixes: shards, the interval, the assumption, the latency', () => {
  expect(problemsOf(orgHub({ assumedDiscoveredAccountRegions: 2_000 }))).toEqual([
    {
      path: ['targets'],
      problem:
        'a tick of this hub cannot finish: at 50 ms per AWS call (assumedCallLatencyMs), 2,000 account-regions (2,000 with clusters "*", each assumed to hold 25 clusters: ' +
        'assumedClustersPerDiscoveredRegion; the organization assumed to have 2,000 account-regions with clusters: assumedDiscoveredAccountRegions) ' +
        'take 4,201 calls per tick (ListClusters 2,000, DescribeClusters 2,000, PutMetricData 201) with at most 50 account-regions in flight: ' +
        "about 6.05 s (collecting 5.00 s, publishing 1.05 s) against the 5-s interval and the collector's collect deadline of 5.25 s (half its 11-s timeout less 500 ms). " +
        'Set shards to more invocations per tick (or "auto"), set a longer intervalSeconds, or, if the organization has fewer account-regions with clusters, ' +
        'set assumedDiscoveredAccountRegions to that count; if you measured a lower latency from the hub, set assumedCallLatencyMs to it',
    },
  ]);
  // Fanned out, the same organization fits.
  const auto = resolveHubSettings(orgHub({ assumedDiscoveredAccountRegions: 2_000, shards: 'auto' }));
  expect(auto.shards).toBeGreaterThan(1);
  expect(problemsOf(orgHub({ assumedDiscoveredAccountRegions: 2_000, shards: 'auto' }))).toEqual([]);
});

test.each([0, 1.5, 100_001])('assumedDiscoveredAccountRegions %p is refused at its path; the sizing keeps the default', (value) => {
  expect(problemsOf(orgHub({ assumedDiscoveredAccountRegions: value }))).toEqual([
    { path: ['assumedDiscoveredAccountRegions'], problem: `${value} is out of range: use a whole number of account-regions from 1 to 100,000` },
  ]);
  expect(resolveHubSettings(orgHub({ assumedDiscoveredAccountRegions: value })).estimate.work.clusters).toBe(5_000);
});

test('without an organization the setting is ignored: the listed targets alone are sized for', () => {
  const listed: TargetListEntry[] = [{ account: '111111111111', region: 'us-east-1', clusters: ['a', 'b'] }];
  const plain = resolveHubSettings({ account: '999999999999', region: 'eu-west-1', targets: listed });
  const withSetting = resolveHubSettings({ account: '999999999999', region: 'eu-west-1', targets: listed, assumedDiscoveredAccountRegions: 5_000 });
  expect(withSetting.sizedTargets).toEqual(listed);
  expect(withSetting.estimate).toEqual({ ...plain.estimate, assumptions: { ...plain.estimate.assumptions, assumedDiscoveredAccountRegions: 5_000 } });
  expect(withSetting.pipeline).toEqual(plain.pipeline);
  expect(hubSummary(withSetting)).toBe(hubSummary(plain));
});
