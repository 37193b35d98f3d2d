/**
 * `npm run cost` prices the same config in both topologies and names the cheaper, whichever the
 * config deploys; the hub's figures come from the same per-account-region pipelines MetricsFleet builds.
 */
import type { FleetConfig } from '../../../modules/subpaths/fleet';
import { costJson } from '../../../scripts/lib/cost/json';
import { priceTopologies } from '../../../scripts/lib/cost/pricing';
import { costTables, topologiesText } from '../../../scripts/lib/cost/tables';
import { generatedFleetConfig } from '../../../scripts/lib/generated-fleet';

/** GIVEN a fleet of accounts × regions × clusters, optionally in hub topology. */
function config(accounts: number, regions: number, clusters: number, hub?: { account: string; region: string }): FleetConfig {
  const generated = generatedFleetConfig({ accounts, regionsPerAccount: regions, clustersPerRegion: clusters });
  return (hub ? { ...generated, topology: 'hub', hub } : generated) as FleetConfig;
}

describe('a fleet of 25 accounts × 4 regions × 3 clusters (100 account-regions)', () => {
  const t = priceTopologies(config(25, 4, 3));

  test('both topologies priced for the same 300 clusters: $1,711.13 per account-region (each with its 4 fleet-health series and 3 alarms), the hub at most 1.1 × the floor', () => {
    expect(t.configured).toBe('account-region');
    expect(t.accountRegion.pipelines).toHaveLength(100);
    expect(t.accountRegion.clusters).toBe(300);
    expect(t.accountRegion.design.usd).toBeCloseTo(1501.13 + 100 * (4 * 0.3 + 3 * 0.3), 1);
    expect(t.hub.description.clusters).toBe(300);
    expect(t.hub.accountRegions).toBe(100);
    expect(t.hub.perCluster.design).toBeLessThanOrEqual(1.1 * 1.2);
  });

  test('the hub is named the cheaper, with the saving', () => {
    expect(t.cheaper).toBe('hub');
    expect(t.savingUsd).toBeCloseTo(t.accountRegion.design.usd - t.hub.design.usd, 9);
    // $1,711.13 - $378.83 (the hub at the default 128 MB).
    expect(topologiesText(t)).toContain('Cheaper: one hub, by $1,332.30 a month.');
  });

  test("the tables show both, marking the one the config deploys, the hub's lines with their arithmetic", () => {
    const text = costTables('fleet.json', t.accountRegion, t);
    expect(text).toContain('| a pipeline per account-region (this config) | 100 | 300 | $1,711.13 | $5.70 | 4.75× |');
    expect(text).toMatch(/\| one hub \| 1 \| 300 \| \$378\.\d\d \| \$1\.26 \| 1\.05× \|/);
    expect(text).toContain('| S3 GET requests (the target list) | 43,200 requests | $0.02 | 43,200 requests × $0.4 per 1,000,000 requests |');
    expect(text).toContain('with consolidated billing AWS may already tier metrics across an organization');
  });

  test("--json adds topologies: configured, both totals, the hub's lines, the cheaper", () => {
    const json = costJson('fleet.json', t.accountRegion, t);
    expect(Object.keys(json)).toEqual(['fleet', 'perCluster', 'lines', 'topologies']);
    expect(json.topologies).toMatchObject({
      configured: 'account-region',
      accountRegion: { pipelines: 100, clusters: 300, monthlyUsd: 1711.1323 },
      hub: {
        pipelines: 1,
        accountRegions: 100,
        clusters: 300,
        discoveredAccountRegions: 0,
        dashboards: 1,
        collector: { memoryMb: 128, adviseMemoryMb: 128, timeoutSeconds: 10 },
      },
      cheaper: 'hub',
    });
    expect(json.topologies!.hub.lines.map((l) => l.item)).toContain('s3Requests');
  });
});

describe('a config in hub topology', () => {
  test('is priced both ways too, marked as the hub', () => {
    const t = priceTopologies(config(2, 2, 3, { account: '999999999999', region: 'eu-west-1' }));
    expect(t.configured).toBe('hub');
    expect(t.accountRegion.pipelines).toHaveLength(4);
    expect(topologiesText(t)).toContain('| one hub (this config) | 1 | 12 |');
  });

  test('one account-region of 100 clusters: the same pipeline either way but the target list, so per account-region is named the cheaper', () => {
    const t = priceTopologies(config(1, 1, 100));
    expect(t.hub.design.usd - t.accountRegion.design.usd).toBeCloseTo(0.0173, 4);
    expect(t.cheaper).toBe('account-region');
    expect(topologiesText(t)).toContain('Cheaper: a pipeline per account-region, by $');
  });
});

describe('"*" account-regions in a hub config that assumes their clusters', () => {
  test('are priced at hub.assumedClustersPerDiscoveredRegion in both topologies, as the notes say', () => {
    const generated = config(2, 2, 3, { account: '999999999999', region: 'eu-west-1' });
    const starred: FleetConfig = {
      ...generated,
      hub: { ...generated.hub!, assumedClustersPerDiscoveredRegion: 10 },
      accounts: generated.accounts.map((account) => ({
        ...account,
        regions: Object.fromEntries(Object.keys(account.regions).map((region) => [region, { clusters: '*' as const }])),
      })),
    };
    const t = priceTopologies(starred);
    expect(t.hub.description.clusters).toBe(40);
    expect(t.accountRegion.clusters).toBe(40);
    expect(t.accountRegion.pipelines.map((p) => p.description.clusters)).toEqual([10, 10, 10, 10]);
    expect(costTables('fleet.json', t.accountRegion, t)).toContain(
      '4 account-regions have clusters "*" (found at run time), priced at an assumed 10 clusters each (hub.assumedClustersPerDiscoveredRegion), in both topologies.',
    );
  });

  test('without the setting, at the default 25 in both', () => {
    const generated = config(1, 2, 3);
    const starred: FleetConfig = {
      ...generated,
      accounts: generated.accounts.map((account) => ({
        ...account,
        regions: Object.fromEntries(Object.keys(account.regions).map((region) => [region, { clusters: '*' as const }])),
      })),
    };
    const t = priceTopologies(starred);
    expect([t.hub.description.clusters, t.accountRegion.clusters]).toEqual([50, 50]);
  });
});
