/**
 * `npm run cost` of an organization config: the accounts, their regions with clusters and their
 * clusters are found at run time, so the command prices an assumed organization, from flags or
 * the defaults below, and says so. The assumed accounts are added to the config as listed
 * account-regions with clusters "*" (what the discovery would publish), so both topologies are
 * priced by the same model as any hub.
 */
import { AWS_REGIONS } from '../../../modules/common/regions';
import { ASSUMED_ORGANIZATION, HUB_TICK_DEFAULTS } from '../../../modules/hub/hub-tick';
import type { FleetConfig } from '../../../modules/fleet/config';
import { UsageError } from '../command-line';

/** What an organization is priced as. */
export interface OrganizationAssumption {
  readonly accounts: number;
  readonly regionsWithClusters: number;
  readonly clustersPerRegion: number;
}

/**
 * Without flags: the organization the hub is sized for (ASSUMED_ORGANIZATION, whose account-regions are
 * the default of hub.assumedDiscoveredAccountRegions); clusters per region are the hub's assumption for "*" account-regions.
 */
export const ORGANIZATION_COST_DEFAULTS = ASSUMED_ORGANIZATION;

/** The flags and their bounds (accounts: the Organizations default quota is 10; 10,000 bounds a generated config). */
export const ORGANIZATION_FLAGS = {
  'org-accounts': { field: 'accounts', min: 1, max: 10_000 },
  'org-regions': { field: 'regionsWithClusters', min: 1, max: 40 },
  'org-clusters': { field: 'clustersPerRegion', min: 1, max: 10_000 },
} as const;

/** The assumption from the flags given (each a whole number within its bounds), the defaults for the others. */
export function organizationAssumption(config: FleetConfig, flags: Readonly<Record<string, string | undefined>>): OrganizationAssumption {
  const values: Record<string, number> = {
    ...ORGANIZATION_COST_DEFAULTS,
    clustersPerRegion: config.hub?.assumedClustersPerDiscoveredRegion ?? HUB_TICK_DEFAULTS.assumedClustersPerDiscoveredRegion,
  };
  for (const [flag, { field, min, max }] of Object.entries(ORGANIZATION_FLAGS)) {
    const text = flags[flag];
    if (text === undefined) continue;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`--${flag}: "${text}" is not a whole number from ${min} to ${max.toLocaleString('en-US')}`);
    values[field] = n;
  }
  if (config.organization?.regions !== undefined && config.organization.regions !== '*' && values.regionsWithClusters > config.organization.regions.length) {
    throw new UsageError(
      `--org-regions: ${values.regionsWithClusters} is more regions than organization.regions lists (${config.organization.regions.length})`,
    );
  }
  return { accounts: values.accounts, regionsWithClusters: values.regionsWithClusters, clustersPerRegion: values.clustersPerRegion };
}

/**
 * The config with the assumed organization's account-regions listed (clusters "*", IDs from
 * 100000000000 up, skipping listed ones; the regions the organization lists, else the first known
 * ones), and the hub assuming `clustersPerRegion` clusters in each. The organization is left out:
 * its account-regions are listed now, and with it the hub would be sized for
 * hub.assumedDiscoveredAccountRegions more.
 */
export function withAssumedOrganization(config: FleetConfig, a: OrganizationAssumption): FleetConfig {
  const organization = config.organization;
  if (!organization) return config;
  const listed = new Set(config.accounts.map((account) => account.id));
  const regions = (organization.regions === '*' ? AWS_REGIONS : organization.regions).slice(0, a.regionsWithClusters);
  const accounts = [];
  for (let id = 100_000_000_000; accounts.length < a.accounts; id++) {
    if (listed.has(String(id))) continue;
    accounts.push({ id: String(id), regions: Object.fromEntries(regions.map((region) => [region, { clusters: '*' as const }])) });
  }
  const { organization: _organization, ...listedConfig } = config;
  return {
    ...listedConfig,
    hub: { ...config.hub!, assumedClustersPerDiscoveredRegion: a.clustersPerRegion },
    accounts: [...config.accounts, ...accounts],
  };
}

/** The discovery function's month (43,200 runs at 256 MB, at most a second each, a GET and a PUT each), in dollars: it is not in the lines. */
export const DISCOVERY_MONTH_USD = 0.4;

/** What the tables print first for an organization: the assumption and where to change it. */
export function organizationAssumptionNote(a: OrganizationAssumption): string {
  return (
    `Organization priced as ${a.accounts.toLocaleString('en-US')} accounts × ${a.regionsWithClusters} regions with clusters × ${a.clustersPerRegion.toLocaleString('en-US')} clusters ` +
    `(the accounts are found at run time: set --org-accounts, --org-regions, --org-clusters to yours). ` +
    `The discovery function adds about $${DISCOVERY_MONTH_USD.toFixed(2)} a month (43,200 runs at 256 MB, a GET and a PUT each), not in the lines.`
  );
}
