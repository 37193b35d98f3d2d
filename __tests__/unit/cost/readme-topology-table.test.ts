/**
 * The README's "When to choose which" table is `npm run cost`'s arithmetic for four generated
 * fleets (the blog's 4 metrics, 5 s, Express, Scheduler, arm64: every default): each row is
 * recomputed here, so a change of the model that moves a figure fails until the README says it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FleetConfig } from '../../../modules/subpaths/fleet';
import { priceTopologies } from '../../../scripts/lib/cost/pricing';
import { dollars } from '../../../scripts/lib/cost/format';
import { generatedFleetConfig } from '../../../scripts/lib/generated-fleet';
import { ROOT } from '../../support/app';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test.each([
  ['1 account-region × 10 clusters', 1, 1, 10, ''],
  ['8 account-regions × 3 clusters', 2, 4, 3, ''],
  ['100 account-regions × 3 clusters', 25, 4, 3, ''],
  ['1,000 account-regions × 25 clusters', 250, 4, 25, ' (metrics tiered in one account)'],
])('%s: both topologies as npm run cost prices them', (fleet, accounts, regionsPerAccount, clustersPerRegion, remark) => {
  const t = priceTopologies(generatedFleetConfig({ accounts, regionsPerAccount, clustersPerRegion }) as FleetConfig);
  const hubPerCluster = t.hub.design.usd / t.hub.description.clusters;
  const row = `| ${fleet} | ${dollars(t.accountRegion.design.usd)} | ${dollars(t.hub.design.usd)} | ${dollars(hubPerCluster)} | ${(hubPerCluster / t.hub.perCluster.floor).toFixed(2)}×${remark} |`;
  expect(README.split('\n')).toContain(row);
});
