/**
 * The AWS rate limits of each listing call the discovery makes, and the call budget an
 * organization implies with given refresh times: what the discovery asks, per API, per second
 * across the organization and per throttling scope (ECS and EC2 throttle per account and region,
 * Organizations per organization), and the member calls a run must make against what it can
 * (DISCOVERY_CONCURRENCY calls in flight during RUN_BUDGET_MS). Pure.
 */
import { API_LIMITS } from '../../../../modules/metrics/catalog';
import type { DiscoveryRefresh } from '../../../../modules/contract/hub-target-list';
import { DISCOVERY_CONCURRENCY, RUN_BUDGET_MS } from './discovery';
import { RUN_INTERVAL_SECONDS, SPREAD_FACTOR } from './discovery-state';
import { ORGANIZATIONS_PAGE_SIZE } from './organization-accounts';

/** A token bucket: `perSecond` refill, `burst` capacity, per `scope`. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
  readonly scope: 'account-region' | 'organization';
  /** Where AWS states it, or that it does not. */
  readonly source: string;
}

export const LISTING_RATE_LIMITS = {
  /** ecs:ListClusters is a "cluster read action": bucket 50, refill 20 a second, per account and region. */
  ListClusters: {
    perSecond: API_LIMITS.ecsReadCallsPerSecond,
    burst: API_LIMITS.ecsReadBurst,
    scope: 'account-region',
    source: 'Amazon ECS API Reference, "Request throttling for the Amazon ECS API": cluster read actions',
  },
  /** ec2:DescribeRegions is a non-mutating action: bucket 100, refill 20 a second, per account and region. */
  DescribeRegions: {
    perSecond: 20,
    burst: 100,
    scope: 'account-region',
    source: 'Amazon EC2 Developer Guide, "Request throttling for the Amazon EC2 API": non-mutating actions',
  },
  /**
   * AWS Organizations publishes no rate for ListAccountsForParent or ListChildren (awsdocs/aws-organizations-docs#39)
   * and answers TooManyRequestsException ("another request is already in progress") to concurrent calls: the
   * discovery keeps one call in flight, and this is its own ceiling on the average, not AWS's.
   */
  Organizations: {
    perSecond: 2,
    burst: 1,
    scope: 'organization',
    source: 'not published by AWS; our ceiling: one call in flight, at most 2 a second on average',
  },
} as const satisfies Record<string, RateLimit>;

/** The organization a budget is for. */
export interface OrganizationSize {
  readonly accounts: number;
  /** Enabled regions of each account ("*"), or the listed regions. */
  readonly regionsPerAccount: number;
  /** Organizational units below the units given (each is listed: ListChildren and ListAccountsForParent). */
  readonly units: number;
  /** Whether the regions are "*" (DescribeRegions is then asked). */
  readonly allRegions: boolean;
}

export interface CallBudget {
  /** Calls of each API per refresh of its listing, across the organization. */
  readonly perRefresh: { readonly Organizations: number; readonly DescribeRegions: number; readonly ListClusters: number };
  /** Average calls a second across the organization. */
  readonly perSecond: { readonly Organizations: number; readonly DescribeRegions: number; readonly ListClusters: number };
  /** Most calls a second one throttling scope gets (one account-region for ECS and EC2): each is asked at most once a run. */
  readonly perScopePerSecond: { readonly DescribeRegions: number; readonly ListClusters: number };
  /** Member calls (DescribeRegions + ListClusters) a run makes in the steady state, and the most the spreading allows. */
  readonly memberCallsPerRun: { readonly steady: number; readonly most: number };
  /** Member calls a run can make: DISCOVERY_CONCURRENCY in flight for RUN_BUDGET_MS at `latencyMs` a call. */
  readonly memberCapacityPerRun: number;
}

/** The discovery's calls for an organization, with the refresh times, when each member call takes `latencyMs`. */
export function discoveryCallBudget(size: OrganizationSize, refresh: DiscoveryRefresh, latencyMs: number): CallBudget {
  const accountRegions = size.accounts * size.regionsPerAccount;
  // Each unit: its account pages (at least one call) and one ListChildren page (OUs have few children).
  const accountsPerUnit = Math.ceil(size.accounts / size.units);
  const organizations = size.units * (Math.max(1, Math.ceil(accountsPerUnit / ORGANIZATIONS_PAGE_SIZE)) + 1);
  const describeRegions = size.allRegions ? size.accounts : 0;
  const perRefresh = { Organizations: organizations, DescribeRegions: describeRegions, ListClusters: accountRegions };
  const perSecond = {
    Organizations: organizations / refresh.accountsSeconds,
    DescribeRegions: describeRegions / refresh.regionsSeconds,
    ListClusters: accountRegions / refresh.clustersSeconds,
  };
  const share = (count: number, seconds: number) => (count * RUN_INTERVAL_SECONDS) / seconds;
  const steady = share(describeRegions, refresh.regionsSeconds) + share(accountRegions, refresh.clustersSeconds);
  return {
    perRefresh,
    perSecond,
    perScopePerSecond: {
      DescribeRegions: size.allRegions ? 1 / RUN_INTERVAL_SECONDS : 0,
      ListClusters: 1 / RUN_INTERVAL_SECONDS,
    },
    memberCallsPerRun: { steady: Math.ceil(steady), most: Math.ceil(steady * SPREAD_FACTOR) },
    memberCapacityPerRun: Math.floor((DISCOVERY_CONCURRENCY * RUN_BUDGET_MS) / latencyMs),
  };
}
