/**
 * The discovery's memory and what is due in a run, pure: which accounts, account-regions and
 * listings to refresh now, and the state after each answer or failure. Each listing has its own
 * refresh time; an item never answered yet (a new account, a new region) is due at once and
 * ahead of the others; a failed item keeps its last known answer and is tried again a minute
 * later; refreshes of known items are spread over the refresh time (at most twice their even
 * share a run), so 5,000 accounts never ask all at the same minute.
 */
import type {
  DiscoveredAccountState,
  DiscoveredRegionState,
  DiscoveredTargets,
  DiscoveryState,
  OrganizationTargets,
  TargetListEntry,
} from '../../../../modules/contract/hub-target-list';
import { DISCOVERED_VERSION } from '../../../../modules/contract/hub-target-list';

/** The discovery's schedule: one run a minute. */
export const RUN_INTERVAL_SECONDS = 60;

/** A failed listing is tried again this long after the failure: the next run. */
export const RETRY_SECONDS = RUN_INTERVAL_SECONDS;

/** Refreshes of known items a run makes at most, as a multiple of their even share (count × run interval / refresh time). */
export const SPREAD_FACTOR = 2;

type Failure = { readonly at: number; readonly reason: string };

/** The organization section as the state remembers it: another section (units, regions, exclusions, role) starts afresh. */
export function organizationKey(organization: OrganizationTargets): string {
  const { units, regions, exclude, organizationsRole } = organization;
  return JSON.stringify({ units, regions, exclude, organizationsRole });
}

/** The state of an organization never looked at. */
export const emptyState = (organization: OrganizationTargets): DiscoveryState => ({ organization: organizationKey(organization), accounts: {} });

/** A listing answered at `checkedAt` (epoch seconds), maybe failed since; due when its refresh time has passed and no failure is recent. */
function isDue(checkedAt: number | undefined, failure: Failure | undefined, refreshSeconds: number, now: number): boolean {
  if (failure && now - failure.at < RETRY_SECONDS) return false;
  return checkedAt === undefined || now - checkedAt >= refreshSeconds;
}

/** How many known items a run refreshes at most: twice the even share, at least one. */
export function spreadCap(count: number, refreshSeconds: number): number {
  return Math.max(1, Math.ceil((count * RUN_INTERVAL_SECONDS * SPREAD_FACTOR) / refreshSeconds));
}

/**
 * The due items, in the order to ask them: never-answered items first (all of them), then known
 * items, the longest unrefreshed first, up to the spread cap.
 */
function dueItems<T>(
  items: readonly T[],
  answeredAt: (item: T) => number | undefined,
  failureOf: (item: T) => Failure | undefined,
  refreshSeconds: number,
  now: number,
): T[] {
  const due = items.filter((item) => isDue(answeredAt(item), failureOf(item), refreshSeconds, now));
  const fresh = due.filter((item) => answeredAt(item) === undefined);
  const known = due.filter((item) => answeredAt(item) !== undefined).sort((a, b) => answeredAt(a)! - answeredAt(b)!);
  return [...fresh, ...known.slice(0, spreadCap(items.length, refreshSeconds))];
}

/** Whether the accounts of the units are to be listed now. */
export function accountsDue(state: DiscoveryState, organization: OrganizationTargets, now: number): boolean {
  return isDue(state.accountsCheckedAt, state.accountsFailure, organization.refresh.accountsSeconds, now);
}

/** The regions an account starts with: the listed ones, or none until DescribeRegions answers. */
function initialRegions(organization: OrganizationTargets): Record<string, DiscoveredRegionState> {
  if (organization.regions === '*') return {};
  return Object.fromEntries(organization.regions.map((region) => [region, { hasClusters: false }]));
}

/** The state after a complete listing of the units: new accounts join (due at once), the others keep theirs, the rest leave. */
export function withAccounts(state: DiscoveryState, organization: OrganizationTargets, accounts: readonly string[], now: number): DiscoveryState {
  const next: Record<string, DiscoveredAccountState> = {};
  for (const account of [...accounts].sort()) next[account] = state.accounts[account] ?? { regions: initialRegions(organization) };
  return { organization: state.organization, accountsCheckedAt: now, accounts: next };
}

/** The state after the listing failed: everything known is kept, the listing is tried again at the next run. */
export function withAccountsFailure(state: DiscoveryState, reason: string, now: number): DiscoveryState {
  return { ...state, accountsFailure: { at: now, reason } };
}

/** Accounts whose enabled regions are to be listed now (regions "*" only). */
export function regionsDue(state: DiscoveryState, organization: OrganizationTargets, now: number): string[] {
  if (organization.regions !== '*') return [];
  const accounts = Object.keys(state.accounts);
  const of = (account: string) => state.accounts[account];
  return dueItems(
    accounts,
    (a) => of(a).regionsCheckedAt,
    (a) => of(a).failure,
    organization.refresh.regionsSeconds,
    now,
  );
}

/** The state after an account's enabled regions were listed: new regions join (due at once), disabled ones leave. */
export function withRegions(state: DiscoveryState, account: string, enabled: readonly string[], now: number): DiscoveryState {
  const known = state.accounts[account];
  if (!known) return state;
  const regions: Record<string, DiscoveredRegionState> = {};
  for (const region of [...enabled].sort()) regions[region] = known.regions[region] ?? { hasClusters: false };
  return { ...state, accounts: { ...state.accounts, [account]: { regionsCheckedAt: now, regions } } };
}

/** The state after an account's regions could not be listed: its last known regions are kept. */
export function withRegionsFailure(state: DiscoveryState, account: string, reason: string, now: number): DiscoveryState {
  const known = state.accounts[account];
  if (!known) return state;
  return { ...state, accounts: { ...state.accounts, [account]: { ...known, failure: { at: now, reason } } } };
}

/** One account-region of the state. */
export interface AccountRegion {
  readonly account: string;
  readonly region: string;
}

/** Account-regions whose clusters are to be looked for now. */
export function clustersDue(state: DiscoveryState, organization: OrganizationTargets, now: number): AccountRegion[] {
  const all = Object.entries(state.accounts).flatMap(([account, a]) => Object.keys(a.regions).map((region) => ({ account, region })));
  const of = ({ account, region }: AccountRegion) => state.accounts[account].regions[region];
  return dueItems(
    all,
    (r) => of(r).checkedAt,
    (r) => of(r).failure,
    organization.refresh.clustersSeconds,
    now,
  );
}

function withRegionState(state: DiscoveryState, { account, region }: AccountRegion, update: (known: DiscoveredRegionState) => DiscoveredRegionState) {
  const known = state.accounts[account];
  if (!known?.regions[region]) return state;
  const regions = { ...known.regions, [region]: update(known.regions[region]) };
  return { ...state, accounts: { ...state.accounts, [account]: { ...known, regions } } };
}

/** The state after ListClusters answered for an account-region. */
export function withClusters(state: DiscoveryState, where: AccountRegion, hasClusters: boolean, now: number): DiscoveryState {
  return withRegionState(state, where, () => ({ checkedAt: now, hasClusters }));
}

/** The state after ListClusters failed: the last known answer stays (an account-region with clusters keeps being polled). */
export function withClustersFailure(state: DiscoveryState, where: AccountRegion, reason: string, now: number): DiscoveryState {
  return withRegionState(state, where, (known) => ({ ...known, failure: { at: now, reason } }));
}

/** The account-regions with clusters, account then region, each with every cluster ("*"). */
export function discoveredTargets(state: DiscoveryState): TargetListEntry[] {
  return Object.keys(state.accounts)
    .sort()
    .flatMap((account) =>
      Object.keys(state.accounts[account].regions)
        .sort()
        .filter((region) => state.accounts[account].regions[region].hasClusters)
        .map((region) => ({ account, region, clusters: '*' as const })),
    );
}

/** The discovered object of a state. */
export function discoveredObject(state: DiscoveryState, now: number): DiscoveredTargets {
  return { version: DISCOVERED_VERSION, generatedAt: new Date(now * 1000).toISOString(), targets: discoveredTargets(state), state };
}
