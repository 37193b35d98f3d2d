/**
 * hub.assumedDiscoveredAccountRegions in the fleet config: it reaches the hub's props, sizes an
 * organization's hub, and every problem of it is reported at its config path with the config's
 * names of the fixes (hub.shards, defaults.intervalSeconds). Pure: validation only.
 */
import { validateFleetConfig } from '../../../modules/fleet/load-config';
import { hubProps } from '../../../modules/fleet/hub-props';
import { resolveHubSettings } from '../../../modules/hub/hub-settings';
import { problemsOf } from '../../support/fleet-config';

/** GIVEN a config whose fleet is one organizational unit and nothing else. */
function orgConfig(hub: Record<string, unknown> = {}): any {
  return {
    name: 'ecs-highres',
    topology: 'hub',
    hub: { account: '999999999999', region: 'eu-west-1', organizationId: 'o-abcd123456', ...hub },
    organization: { account: '888888888888', units: ['ou-ab12-cdef3456'], regions: '*' },
  };
}

test('it reaches the hub props, and the hub is sized for it', () => {
  const config = validateFleetConfig(orgConfig({ assumedDiscoveredAccountRegions: 400 }));
  expect(hubProps(config).assumedDiscoveredAccountRegions).toBe(400);
  const h = resolveHubSettings(hubProps(config));
  expect(h.estimate.work.clusters).toBe(10_000);
  expect(h.pipeline.collectorMemoryMb).toBe(1_024);
  // Unset: the default organization, 200 × 25 clusters.
  expect(resolveHubSettings(hubProps(validateFleetConfig(orgConfig()))).estimate.work.clusters).toBe(5_000);
  expect(hubProps(validateFleetConfig(orgConfig()))).not.toHaveProperty('assumedDiscoveredAccountRegions');
});

test('a bad value (0, fractional, over the bound) is refused at hub.assumedDiscoveredAccountRegions', () => {
  for (const value of [0, 2.5, 100_001]) {
    expect(problemsOf(() => validateFleetConfig(orgConfig({ assumedDiscoveredAccountRegions: value })))).toEqual([
      `hub.assumedDiscoveredAccountRegions: ${value} is out of range: use a whole number of account-regions from 1 to 100,000`,
    ]);
  }
});

test("an organization hub whose tick cannot fit is refused, naming the config's settings to change", () => {
  const [problem, ...others] = problemsOf(() => validateFleetConfig(orgConfig({ assumedDiscoveredAccountRegions: 5_000 })));
  expect(others).toEqual([]);
  expect(problem).toMatch(/^accounts: a tick of this hub cannot finish: at 50 ms per AWS call \(hub\.assumedCallLatencyMs\), 5,000 account-regions /);
  expect(problem).toContain('the organization assumed to have 5,000 account-regions with clusters: hub.assumedDiscoveredAccountRegions)');
  expect(problem).toContain(
    'Set hub.shards to more invocations per tick (or "auto"), set a longer defaults.intervalSeconds, or, if the organization has fewer account-regions with clusters, ' +
      'set hub.assumedDiscoveredAccountRegions to that count; if you measured a lower latency from the hub, set hub.assumedCallLatencyMs to it',
  );
  expect(() => validateFleetConfig(orgConfig({ assumedDiscoveredAccountRegions: 5_000, shards: 'auto' }))).not.toThrow();
});

test('without an organization it is ignored: a listed hub sizes the same with or without it', () => {
  const listed = (hub: Record<string, unknown>): any => ({
    name: 'ecs-highres',
    topology: 'hub',
    hub: { account: '999999999999', region: 'eu-west-1', ...hub },
    accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['a'] } } }],
  });
  const plain = resolveHubSettings(hubProps(validateFleetConfig(listed({}))));
  const set = resolveHubSettings(hubProps(validateFleetConfig(listed({ assumedDiscoveredAccountRegions: 50_000 }))));
  expect(set.pipeline).toEqual(plain.pipeline);
  expect(set.estimate.work).toEqual(plain.estimate.work);
});
