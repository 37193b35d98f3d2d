/** The organization bench's fleets: valid hub configs; the organization's does not depend on the number of accounts, the listed one names each. */
import { validateFleetConfig } from '../../../modules/subpaths/fleet';
import { organizationSection } from '../../../scripts/bench/organization';
import { organizationBenchConfig } from '../../../scripts/bench/organization-worker';

test('the listed fleet names every account; the organization fleet is the same config at any size', () => {
  expect(validateFleetConfig(organizationBenchConfig('listed', 10)).accounts).toHaveLength(10);
  expect(validateFleetConfig(organizationBenchConfig('organization', 10)).accounts).toEqual([]);
  expect(organizationBenchConfig('organization', 5000)).toEqual(organizationBenchConfig('organization', 10));
});

test('the section: one row per size and shape, and the stack counts of the organization in its closing line', () => {
  const s = { median: 1, min: 1, max: 1, runs: 1 };
  const text = organizationSection([
    { shape: 'listed', accounts: 10, stacks: 11, total: s, synth: s, peakRssMb: s },
    { shape: 'organization', accounts: 10, stacks: 2, total: s, synth: s, peakRssMb: s },
  ]);
  expect(text.split('\n').filter((line) => /^\| \d/.test(line))).toEqual([
    '| 10 | listed (`accounts`) | 11 | 1.00 s | 1.00 s | 1 MB |',
    '| 10 | organization (`organization.units`) | 2 | 1.00 s | 1.00 s | 1 MB |',
  ]);
  expect(text).toContain('- An organization is 2 stacks at 10 and 5,000 accounts');
});
