/** The emulator's clusters for any config (the sandbox's --config), read from the synthesized stacks of either topology. */
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { loadFleetConfig, MetricsFleet } from '../../../../modules/subpaths/fleet';
import {
  boundaryPolicies,
  collectedBy,
  DISCOVERED_CLUSTERS,
  DISCOVERED_SERVICES,
  seedsFor,
  type SynthesizedStack,
} from '../../../../scripts/lib/emulator/derived-seeds';
import { ROOT } from '../../../support/app';

/** GIVEN an example config, WHEN its stacks are synthesized: each stack's Terraform JSON by name. */
function stacksOf(example: string): Record<string, SynthesizedStack> {
  const fleet = new MetricsFleet(Testing.app(), 'fleet', { config: loadFleetConfig(path.join(ROOT, 'examples', example)) });
  return Object.fromEntries(fleet.allStacks.map((stack) => [stack.node.id, JSON.parse(Testing.synth(stack)) as SynthesizedStack]));
}

describe('what each stack collects', () => {
  test('a per-account-region stack: its own account and region, the clusters and services of its trigger input (schedule or rule)', () => {
    const stacks = stacksOf('fleet-operations.json');
    expect(Object.entries(stacks).flatMap(([name, tf]) => collectedBy(tf, name))).toEqual([
      { account: '111111111111', region: 'us-east-1', clusters: ['prod-api', 'prod-workers'], services: { 'prod-api': '*', 'prod-workers': ['worker'] } },
      { account: '111111111111', region: 'eu-west-1', clusters: ['prod-eu'], services: undefined },
    ]);
  });

  test('a hub: every target of its target list; a spoke stack collects nothing', () => {
    const stacks = stacksOf('hub.yaml');
    expect(collectedBy(stacks['ecs-highres-999999999999-eu-west-1-hub'], 'hub')).toEqual([
      { account: '111111111111', region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
      { account: '111111111111', region: 'eu-west-1', clusters: '*' },
      { account: '222222222222', region: 'us-west-2', clusters: ['staging'] },
      { account: '222222222222', region: 'eu-central-1', clusters: ['staging-eu'] },
    ]);
    expect(collectedBy(stacks['ecs-highres-spoke-111111111111'], 'spoke')).toEqual([]);
  });

  test('a trigger input that is not JSON text names the stack', () => {
    const stack = {
      provider: { aws: [{ region: 'us-east-1', allowed_account_ids: ['111111111111'] }] },
      resource: { aws_cloudwatch_event_target: { t: { input: 42 } } },
    };
    expect(() => collectedBy(stack, 'broken-stack')).toThrow("broken-stack: the trigger's input is not a JSON text in the synthesized stack");
  });
});

describe('the seeds', () => {
  test('every named cluster and selected service exists once per account-region; "*" gets two discovered clusters, all services two services', () => {
    const seeds = seedsFor([
      { account: '111111111111', region: 'us-east-1', clusters: ['a', 'b'], services: { a: ['web'], b: '*' } },
      { account: '111111111111', region: 'us-east-1', clusters: ['a'] },
      { account: '222222222222', region: 'eu-west-1', clusters: '*' },
    ]);
    expect(seeds.map((s) => [s.account, s.region, s.clusters.map((c) => [c.name, c.services])])).toEqual([
      [
        '111111111111',
        'us-east-1',
        [
          ['a', { web: 2 }],
          ['b', DISCOVERED_SERVICES],
        ],
      ],
      ['222222222222', 'eu-west-1', DISCOVERED_CLUSTERS.map((name) => [name, undefined])],
    ]);
    // Each next cluster holds other counts, so the series differ; each has at least one instance and task.
    const counts = seeds.flatMap((s) => s.clusters.map((c) => [c.containerInstances, c.runningTasks]));
    expect(new Set(counts.map(String)).size).toBe(counts.length);
    for (const [instances, tasks] of counts) expect(Math.min(instances, tasks)).toBeGreaterThan(0);
  });

  test("the hub example: every member account-region, none for the hub's own", () => {
    const stacks = stacksOf('hub.yaml');
    const seeds = seedsFor(Object.entries(stacks).flatMap(([name, tf]) => collectedBy(tf, name)));
    expect(seeds.map((s) => `${s.account}/${s.region}: ${s.clusters.map((c) => c.name).join(',')}`)).toEqual([
      '111111111111/us-east-1: prod-api,prod-workers',
      '111111111111/eu-west-1: discovered-a,discovered-b',
      '222222222222/us-west-2: staging',
      '222222222222/eu-central-1: staging-eu',
    ]);
  });
});

test('the permissions boundaries the roles name are created in their accounts, under their path', () => {
  expect(boundaryPolicies(Object.values(stacksOf('fleet-s3.yaml')))).toEqual([{ account: '111111111111', path: '/platform/', name: 'workload-boundary' }]);
  expect(boundaryPolicies(Object.values(stacksOf('fleet.json')))).toEqual([]);
});
