/**
 * A hub too big for one invocation per tick: the tick model chooses how many shards (with
 * `shards: "auto"`), the hub is sized for its slowest shard, and the construct wires the count into
 * the state machine (a Map state per tick) and the execution input, with the collector's role unchanged.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { SHARD_LIMITS } from '../../../modules/contract/hub-shards';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { hubProblems } from '../../../modules/hub/hub-problems';
import { hubSummary, resolveHubSettings } from '../../../modules/hub/hub-settings';
import { chooseShardCount, FAN_OUT_MARGIN, hubShardPlan, steadyTickKind } from '../../../modules/hub/hub-tick';
import type { EcsHighResMetricsHubProps } from '../../../modules/hub/props';
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';

const HUB = '999999999999';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

/** `accounts` accounts × 4 regions × `clusters` listed clusters each. */
function fleet(accounts: number, clusters: number): TargetListEntry[] {
  const names = Array.from({ length: clusters }, (_, i) => `cluster-${i}`);
  return Array.from({ length: accounts }, (_, a) => REGIONS.map((region) => ({ account: String(100_000_000_000 + a), region, clusters: names }))).flat();
}

const steadyMs = (plan: ReturnType<typeof hubShardPlan>) => plan.slowest.estimate.ticks[steadyTickKind(plan.slowest.estimate.work)].tickMs;
const BIG = fleet(2_500, 10);
const settingsOf = (props: Partial<EcsHighResMetricsHubProps>) => resolveHubSettings({ account: HUB, region: 'eu-west-1', targets: BIG, ...props });

describe('the tick model chooses the shards', () => {
  test('a fleet whose tick fits within half the interval keeps one invocation', () => {
    const plan = chooseShardCount(fleet(10, 10), DEFAULT_METRICS, { intervalSeconds: 5, memoryMbOf: () => 1_769 });
    expect(plan.shards).toBe(1);
    expect(steadyMs(plan)).toBeLessThanOrEqual(2_500);
  });

  test('100,000 clusters (2,500 accounts × 4 regions × 10) at 50 ms a call, 5-s interval: the fewest shards whose slowest tick fits 80% of half the interval', () => {
    const memoryMbOf = () => 1_769;
    const plan = chooseShardCount(BIG, DEFAULT_METRICS, { intervalSeconds: 5, memoryMbOf });
    expect(steadyMs(hubShardPlan(BIG, DEFAULT_METRICS, 1, { memoryMbOf }))).toBeGreaterThan(2_500);
    expect(plan.shards).toBeGreaterThan(1);
    expect(plan.shards).toBeLessThanOrEqual(SHARD_LIMITS.maxShards);
    expect(steadyMs(plan)).toBeLessThanOrEqual(2_500 * FAN_OUT_MARGIN);
    // One shard fewer does not fit: the choice is the fewest.
    expect(steadyMs(hubShardPlan(BIG, DEFAULT_METRICS, plan.shards - 1, { memoryMbOf }))).toBeGreaterThan(2_500 * FAN_OUT_MARGIN);
    expect(plan.targets.flat()).toHaveLength(BIG.length);
  });
});

describe('a hub of 100,000 clusters', () => {
  const one = settingsOf({});
  const auto = settingsOf({ shards: 'auto' });

  test('in one invocation per tick (the default) it is refused, as before', () => {
    expect(one.shards).toBe(1);
    expect(hubProblems(one, { account: HUB, region: 'eu-west-1', partition: 'aws' } as any, { account: HUB, region: 'eu-west-1', targets: BIG })).toEqual([
      expect.objectContaining({ path: ['targets'], problem: expect.stringContaining('a tick of this hub cannot finish') }),
    ]);
  });

  test('with shards "auto" it fans out, sized for its slowest shard (memory for every account-region’s client), and is accepted', () => {
    expect(auto.shards).toBeGreaterThan(1);
    expect(auto.estimate.work.accountRegions).toBeLessThan(BIG.length / (auto.shards - 1));
    expect(auto.estimate.ticks.warm.tickMs).toBeLessThanOrEqual(2_500 * FAN_OUT_MARGIN);
    // About 6,300 clusters a shard: the 1,024-MB step; the 10,000 ECS clients a container may keep need less (hubMemoryNeedMb: 309 MB).
    expect(auto.pipeline.collectorMemoryMb).toBe(1_024);
    expect(one.pipeline.collectorMemoryMb).toBe(1_769);
    expect(
      hubProblems(auto, { account: HUB, region: 'eu-west-1', partition: 'aws' } as any, { account: HUB, region: 'eu-west-1', targets: BIG, shards: 'auto' }),
    ).toEqual([]);
    expect(hubSummary(auto)).toContain(`; each tick fans out over ${auto.shards} invocations (shards), sized for the slowest`);
  });

  test('a count outside 1..40 is refused at its field, with the fix', () => {
    const settings = settingsOf({ shards: 41 });
    expect(settings.shards).toBe(1);
    const problems = hubProblems(settings, { account: HUB, region: 'eu-west-1', partition: 'aws' } as any, {
      account: HUB,
      region: 'eu-west-1',
      targets: BIG,
      shards: 41,
    });
    expect(problems).toContainEqual({
      path: ['shards'],
      problem:
        '41 is not a shard count: use a whole number from 1 to 40 (an inline Map state runs at most 40 invocations at once), or "auto" (the tick model chooses)',
    });
  });
});

describe('the construct wires the count', () => {
  const TARGETS: TargetListEntry[] = [
    { account: '111111111111', region: 'us-east-1', clusters: ['prod'] },
    { account: '222222222222', region: 'eu-west-1', clusters: '*' },
  ];
  function synth(shards?: number) {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'hub-stack');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new EcsHighResMetricsHub(stack, 'hub', { account: HUB, region: 'eu-west-1', targets: TARGETS, ...(shards ? { shards } : {}) });
    return JSON.parse(Testing.synth(stack));
  }
  const plain = synth();
  const sharded = synth(3);
  const only = (tf: any, type: string) => Object.values(tf.resource[type] as Record<string, any>);

  test('3 shards: a Map state of 3 in every tick, and "shards": 3 in the execution input', () => {
    const definition = JSON.parse(only(sharded, 'aws_sfn_state_machine')[0].definition);
    for (const branch of definition.States.Ticks.Branches) {
      const map = Object.values(branch.States as Record<string, any>).find((state) => state.Type === 'Map');
      expect(map.MaxConcurrency).toBe(3);
    }
    expect(JSON.parse(only(sharded, 'aws_scheduler_schedule')[0].target.input)).toMatchObject({ shards: 3 });
    expect(JSON.parse(only(plain, 'aws_scheduler_schedule')[0].target.input)).not.toHaveProperty('shards');
    expect(only(plain, 'aws_sfn_state_machine')[0].definition).not.toContain('"Map"');
  });

  test('IAM unchanged: the same roles and policies with 3 shards as with one (the Map invokes the same function)', () => {
    for (const type of ['aws_iam_role', 'aws_iam_role_policy']) expect(sharded.resource[type]).toEqual(plain.resource[type]);
  });

  test('the same resources: the fan-out is in the definition and the input only', () => {
    expect(Object.keys(sharded.resource).sort()).toEqual(Object.keys(plain.resource).sort());
    for (const type of Object.keys(plain.resource)) expect(Object.keys(sharded.resource[type]).sort()).toEqual(Object.keys(plain.resource[type]).sort());
  });
});
