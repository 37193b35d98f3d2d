/**
 * The rate limits of each listing call the discovery makes, named, and the call budget of an
 * organization of 5,000 accounts × 17 enabled regions with the default refresh times: within
 * each limit, and within what one run can call. How the discovery paces itself: one
 * Organizations call in flight; each account-region asked at most once a run; new items at once,
 * known ones spread (at most SPREAD_FACTOR times their even share a run); DISCOVERY_CONCURRENCY
 * member calls in flight for at most RUN_BUDGET_MS a run.
 */
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { DISCOVERY_CONCURRENCY, RUN_BUDGET_MS } from '../../../../functions/collector/hub/discovery/discovery';
import { discoveryCallBudget, LISTING_RATE_LIMITS } from '../../../../functions/collector/hub/discovery/discovery-budget';
import {
  clustersDue,
  discoveredObject,
  emptyState,
  RUN_INTERVAL_SECONDS,
  SPREAD_FACTOR,
  withAccounts,
  withClusters,
  withRegions,
} from '../../../../functions/collector/hub/discovery/discovery-state';
import { listOrganizationAccounts } from '../../../../functions/collector/hub/discovery/organization-accounts';
import { DEFAULT_DISCOVERY_REFRESH, type OrganizationTargets } from '../../../../modules/contract/hub-target-list';
import { API_LIMITS } from '../../../../modules/metrics/catalog';
import { type FakeTree, givenOrganization } from '../../../support/fake-organization';

const organizations = mockClient(OrganizationsClient);
const FLEET = { accounts: 5_000, regionsPerAccount: 17, units: 100, allRegions: true };
/** A member call from the hub's region to a member region: 150 ms is a far region's round trip. */
const LATENCY_MS = 150;

test('each listing call has its AWS rate limit named, with its scope', () => {
  expect(LISTING_RATE_LIMITS).toEqual({
    ListClusters: expect.objectContaining({ perSecond: 20, burst: 50, scope: 'account-region' }),
    DescribeRegions: expect.objectContaining({ perSecond: 20, burst: 100, scope: 'account-region' }),
    Organizations: expect.objectContaining({ perSecond: 2, burst: 1, scope: 'organization', source: expect.stringContaining('not published by AWS') }),
  });
  expect(LISTING_RATE_LIMITS.ListClusters.perSecond).toBe(API_LIMITS.ecsReadCallsPerSecond);
});

describe('at 5,000 accounts × 17 regions in 100 OUs, with the default refresh times', () => {
  const budget = discoveryCallBudget(FLEET, DEFAULT_DISCOVERY_REFRESH, LATENCY_MS);

  test('the calls of each refresh, and their average rate across the organization', () => {
    // Organizations: 100 OUs × (3 pages of 20 of their 50 accounts + 1 ListChildren) every 300 s.
    expect(budget.perRefresh).toEqual({ Organizations: 400, DescribeRegions: 5_000, ListClusters: 85_000 });
    expect(budget.perSecond.Organizations).toBeCloseTo(1.33, 2);
    expect(budget.perSecond.DescribeRegions).toBeCloseTo(1.39, 2);
    expect(budget.perSecond.ListClusters).toBeCloseTo(283.3, 1);
  });

  test('stays within each limit: Organizations on average, ECS and EC2 per account-region (each asked at most once a run)', () => {
    expect(budget.perSecond.Organizations).toBeLessThanOrEqual(LISTING_RATE_LIMITS.Organizations.perSecond);
    expect(budget.perScopePerSecond.ListClusters).toBeLessThanOrEqual(LISTING_RATE_LIMITS.ListClusters.perSecond);
    expect(budget.perScopePerSecond.DescribeRegions).toBeLessThanOrEqual(LISTING_RATE_LIMITS.DescribeRegions.perSecond);
    // The tick's own ECS reads of a discovered account-region at the 5-second interval (a ListClusters a minute, a
    // DescribeClusters a tick) plus the discovery's stay far below ECS's 20 a second there.
    const tickReads = 1 / 60 + 1 / 5;
    expect(tickReads + budget.perScopePerSecond.ListClusters).toBeLessThan(LISTING_RATE_LIMITS.ListClusters.perSecond / 50);
  });

  test('the member calls of a run fit in what one run can call, with room for the spreading', () => {
    expect(budget.memberCallsPerRun).toEqual({ steady: 17_084, most: 34_167 });
    expect(budget.memberCapacityPerRun).toBe(25_600);
    expect(DISCOVERY_CONCURRENCY * (RUN_BUDGET_MS / LATENCY_MS)).toBe(25_600);
    expect(budget.memberCallsPerRun.steady).toBeLessThan(budget.memberCapacityPerRun);
    // A run that cannot make all it may leaves the rest due for the next one (discovery.test.ts, the time budget).
    expect(budget.memberCallsPerRun.most).toBeGreaterThan(budget.memberCapacityPerRun);
  });

  test('simulated for 15 minutes (three refresh times): no run asks more than the spread allows, and each account-region is refreshed within clustersSeconds + 3 runs', () => {
    const organization: OrganizationTargets = {
      units: ['r-ab12'],
      regions: '*',
      exclude: [],
      organizationsRole: { account: '888888888888', name: 'r', path: '/', sessionName: 'discovery' },
      refresh: DEFAULT_DISCOVERY_REFRESH,
    };
    const regions = Array.from({ length: FLEET.regionsPerAccount }, (_, i) => `xx-test-${i + 1}`);
    const accounts = Array.from({ length: FLEET.accounts }, (_, i) => String(100000000000 + i));
    const start = 1_800_000_000;
    let state = withAccounts(emptyState(organization), organization, accounts, start);
    for (const account of accounts) state = withRegions(state, account, regions, start);
    const perRun: number[] = [];
    let stalest = 0;
    for (let run = 0; run <= 15; run++) {
      const now = start + run * RUN_INTERVAL_SECONDS;
      const due = clustersDue(state, organization, now);
      perRun.push(due.length);
      for (const where of due) {
        const last = state.accounts[where.account].regions[where.region].checkedAt;
        if (last !== undefined) stalest = Math.max(stalest, now - last);
        state = withClusters(state, where, where.region === 'xx-test-1', now);
      }
    }
    // The first run asks every new account-region at once; afterwards at most twice the even share a run.
    expect(perRun[0]).toBe(85_000);
    expect(Math.max(...perRun.slice(1))).toBe(Math.ceil((85_000 * RUN_INTERVAL_SECONDS * SPREAD_FACTOR) / DEFAULT_DISCOVERY_REFRESH.clustersSeconds));
    expect(stalest).toBeLessThanOrEqual(DEFAULT_DISCOVERY_REFRESH.clustersSeconds + 3 * RUN_INTERVAL_SECONDS);
    // What the discovered object weighs then (state and targets), written once a run and read by each tick container once a minute.
    const bytes = Buffer.byteLength(JSON.stringify(discoveredObject(state, start)), 'utf8');
    expect(bytes).toBeGreaterThan(4_000_000);
    expect(bytes).toBeLessThan(6_000_000);
  });
});

test('Organizations is asked one call at a time, never two in flight', async () => {
  organizations.reset();
  const tree: FakeTree = { 'r-ab12': { ous: [], accounts: {} } };
  for (let u = 0; u < 10; u++) {
    const ou = `ou-ab12-${String(10000000 + u)}`;
    tree['r-ab12'].ous.push(ou);
    tree[ou] = { ous: [], accounts: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [String(100000000000 + u * 100 + i), 'ACTIVE' as const])) };
  }
  givenOrganization(organizations, tree);
  let inFlight = 0;
  let peak = 0;
  const client = {
    send: async (command: any) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        return await new OrganizationsClient({ region: 'us-east-1', credentials: { accessKeyId: 'ASIA888888888888N1', secretAccessKey: 's' } }).send(command);
      } finally {
        inFlight--;
      }
    },
  };
  const listing = await listOrganizationAccounts(client as unknown as OrganizationsClient, ['r-ab12'], []);
  expect(listing.accounts).toHaveLength(300);
  expect(listing.calls).toEqual({ ListAccountsForParent: 1 + 10 * 2, ListChildren: 11 });
  expect(peak).toBe(1);
});
