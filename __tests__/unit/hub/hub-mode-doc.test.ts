/**
 * docs/hub-mode.md is user documentation kept true, as COSTS.md is: its sizing table, memory
 * steps, settings' defaults, example refusal and cost example are what the code computes now.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { validateFleetConfig } from '../../../modules/subpaths/fleet';
import { ASSUMED_ORGANIZATION, HUB_MEMORY_NEED, HUB_TICK_DEFAULTS, hubMemoryNeedMb } from '../../../modules/hub/hub-tick';
import { resolveHubSettings } from '../../../modules/hub/hub-settings';
import { priceFleet } from '../../../scripts/lib/cost/pricing';
import { generatedFleetConfig } from '../../../scripts/lib/generated-fleet';
import { ROOT } from '../../support/app';
import { problemsOf } from '../../support/fleet-config';
import { costFacts, costTable, docTargets, memoryStepsText, sizingTable } from '../../support/hub-mode-doc';

const DOC = readFileSync(path.join(ROOT, 'docs', 'hub-mode.md'), 'utf8');

test('the sizing table is what the hub sizes and decides for each fleet, and the prose quotes its 1,000 × 25 row', () => {
  expect(DOC).toContain(sizingTable());
  const row = sizingTable()
    .split('\n')
    .find((r) => r.startsWith('| 1,000 × 25 | defaults |'))!
    .split(' | ');
  expect(DOC).toContain(`the model says ${row[5]} and ${row[6]}`);
});

test("the memory steps, the memory a process needs, and the three assumptions' defaults", () => {
  expect(DOC).toContain(`by the clusters, ${memoryStepsText()},\n  1,769 MB above`);
  const m = HUB_MEMORY_NEED;
  expect(DOC).toContain(
    `(${m.baseMb} MB + ${m.kbPerCluster} KB a cluster +\n  ${m.kbPerAccountRegion} KB an account-region, with a quarter to spare: 4 account-regions of 10,000 clusters need ${Math.ceil(hubMemoryNeedMb({ clusters: 40_000, accountRegions: 4 }))} MB)`,
  );
  expect(m.headroom).toBe(1.25);
  expect(DOC).toContain(`\`assumedCallLatencyMs\` (default ${HUB_TICK_DEFAULTS.assumedCallLatencyMs})`);
  expect(DOC).toContain(`\`assumedClustersPerDiscoveredRegion\` (default ${HUB_TICK_DEFAULTS.assumedClustersPerDiscoveredRegion})`);
  expect(DOC).toContain(
    `\`assumedDiscoveredAccountRegions\` (default ${HUB_TICK_DEFAULTS.assumedDiscoveredAccountRegions}, ${ASSUMED_ORGANIZATION.accounts} accounts × ${ASSUMED_ORGANIZATION.regionsWithClusters} regions)`,
  );
  expect(DOC).toContain(`# assumedDiscoveredAccountRegions: ${HUB_TICK_DEFAULTS.assumedDiscoveredAccountRegions}`);
});

test('the example refusal is the one a config of 1,000 × 25 at 150 ms gets', () => {
  const accounts = new Map<string, Record<string, { clusters: readonly string[] | '*' }>>();
  for (const t of docTargets(1000, 25)) accounts.set(t.account, { ...accounts.get(t.account), [t.region]: { clusters: t.clusters } });
  const config = {
    name: 'ecs-highres',
    topology: 'hub',
    hub: { account: '999999999999', region: 'eu-west-1', assumedCallLatencyMs: 150, organizationId: 'o-abcd123456' },
    accounts: [...accounts].map(([id, regions]) => ({ id, regions })),
  };
  const [problem] = problemsOf(() => validateFleetConfig(config));
  expect(DOC).toContain(`\n${problem}\n`);
});

test("the cost example is `npm run cost`'s hub of 100 × 3 at its default memory, beside 100 pipelines", () => {
  const { hub, memoryMb } = costFacts();
  expect(memoryMb).toBe(128);
  expect(DOC).toContain('with every default (the collector at 128 MB)');
  expect(DOC).toContain(costTable());
  const pipelines = priceFleet(generatedFleetConfig({ accounts: 25, regionsPerAccount: 4, clustersPerRegion: 3 }));
  expect(DOC).toContain(`the same fleet costs $${pipelines.design.usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  expect(hub.perCluster.floor * hub.description.clusters).toBeCloseTo(360, 9);
});

test("the Organizations paragraph's default size is what an organization-only hub is sized for", () => {
  const h = resolveHubSettings({
    account: '999999999999',
    region: 'eu-west-1',
    organizationId: 'o-abcd123456',
    targets: [],
    organization: { account: '888888888888', units: ['ou-ab12-cdef3456'], regions: '*' },
  });
  expect(DOC).toContain(
    `by default ${h.estimate.work.clusters.toLocaleString('en-US')} clusters,\n${h.pipeline.collectorMemoryMb.toLocaleString('en-US')} MB.`,
  );
  expect(DOC).toContain('(README: [Onboard an organization](../README.md#onboard-an-organization))');
});
