/**
 * `npm run cost` of an organization config: the accounts are found at run time, so it prices an
 * assumed organization (flags, else defaults it prints) by the hub model of any hub config.
 */
import * as path from 'node:path';
import { loadFleetConfig } from '../../../modules/subpaths/fleet';
import { main } from '../../../scripts/cost';
import { organizationAssumption, withAssumedOrganization } from '../../../scripts/lib/cost/organization';
import { priceTopologies } from '../../../scripts/lib/cost/pricing';
import { ROOT } from '../../support/app';

const ORG_EXAMPLE = path.join(ROOT, 'examples', 'organization.yaml');
const config = loadFleetConfig(ORG_EXAMPLE);

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = jest.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  try {
    return { status: main(argv, {}), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

test('without flags: 100 accounts × 2 regions with clusters × the hub assumption of 25 clusters', () => {
  expect(organizationAssumption(config, {})).toEqual({ accounts: 100, regionsWithClusters: 2, clustersPerRegion: 25 });
});

test('flags set each number; a bad one names the flag and its range', () => {
  expect(organizationAssumption(config, { 'org-accounts': '5000', 'org-regions': '4', 'org-clusters': '5' })).toEqual({
    accounts: 5000,
    regionsWithClusters: 4,
    clustersPerRegion: 5,
  });
  expect(() => organizationAssumption(config, { 'org-accounts': '0' })).toThrow('--org-accounts: "0" is not a whole number from 1 to 10,000');
  const listed = { ...config, organization: { ...config.organization!, regions: ['us-east-1'] } };
  expect(() => organizationAssumption(listed, { 'org-regions': '2' })).toThrow('--org-regions: 2 is more regions than organization.regions lists (1)');
});

test('the assumed accounts are priced as "*" account-regions of the hub: 5,000 × 4 × 5 is 100,000 clusters', () => {
  const priced = priceTopologies(withAssumedOrganization(config, { accounts: 5000, regionsWithClusters: 4, clustersPerRegion: 5 }));
  expect(priced.configured).toBe('hub');
  expect(priced.hub.accountRegions).toBe(20_000);
  expect(priced.hub.description.clusters).toBe(100_000);
});

test('the command prints the assumption first, then the hub; --json carries it', () => {
  const text = run(['--config', ORG_EXAMPLE, '--org-accounts', '10']);
  expect(text.status).toBe(0);
  expect(text.stdout.split('\n')[0]).toBe(
    'Organization priced as 10 accounts × 2 regions with clusters × 25 clusters (the accounts are found at run time: set --org-accounts, --org-regions, --org-clusters to yours). The discovery function adds about $0.40 a month (43,200 runs at 256 MB, a GET and a PUT each), not in the lines.',
  );
  expect(text.stdout).toContain('collecting 20 account-regions, 500 clusters');
  const json = run(['--config', ORG_EXAMPLE, '--json']);
  expect(JSON.parse(json.stdout).organization).toEqual({ accounts: 100, regionsWithClusters: 2, clustersPerRegion: 25 });
  expect(run(['--config', ORG_EXAMPLE, '--org-clusters', 'many'])).toMatchObject({ status: 2 });
});
