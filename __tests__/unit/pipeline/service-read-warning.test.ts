/**
 * The synth warning of a service cadence ECS would throttle (read-budget.ts' model): a pipeline,
 * and each target of a hub, whose service ticks make more ECS read calls than the read throttle of
 * the account-region lets a tick make (20 calls a second, burst 50) is warned about, naming the
 * services, the calls, the throttle and the serviceIntervalSeconds that would fit; strict mode
 * makes it an error.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { EcsHighResMetrics } from '../../../modules';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { STRICT_CONTEXT_KEY, warningsIn } from '../../../modules/common/strict-warnings';
import { ecsReadCallsAllowedPerServiceTick, serviceReadBudget } from '../../../modules/metrics/read-budget';
import { fittingServiceInterval, pipelineServiceReadWarning, readLoadOf } from '../../../modules/pipeline/service-reads';

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
const SERVICE_METRICS = ['RunningTask', 'RunningCount', 'DesiredCount'];
/** One cluster with 300 named services: 30 DescribeServices and 1 DescribeClusters on a service tick. */
const BIG = { clusters: ['prod'], metrics: SERVICE_METRICS, services: { prod: names(300, 's') } };
/** 12 clusters, all their services ("*", 10 assumed each): 12 ListServices, 12 DescribeServices and 1 DescribeClusters on a cold service tick. */
const WILDCARDS = names(12, 'c');
const LISTED = { clusters: WILDCARDS, metrics: SERVICE_METRICS, services: Object.fromEntries(WILDCARDS.map((c) => [c, '*' as const])) };

describe('the model of a service cadence', () => {
  test('a service tick may make what the bucket refills over the service interval, less the other ticks’ DescribeClusters, at most the burst', () => {
    expect(ecsReadCallsAllowedPerServiceTick(1, 1, 1)).toBe(20);
    expect(ecsReadCallsAllowedPerServiceTick(1, 2, 1)).toBe(39);
    expect(ecsReadCallsAllowedPerServiceTick(1, 3, 1)).toBe(50);
    expect(ecsReadCallsAllowedPerServiceTick(5, 60, 3)).toBe(50);
  });

  test('300 services at a 1-second interval: 31 calls a tick, over 20; every other second fits', () => {
    const load = readLoadOf(BIG.clusters, BIG.services);
    expect(serviceReadBudget(load, 1, 1)).toEqual({
      services: 300,
      calls: { DescribeClusters: 1, ListServices: 0, DescribeServices: 30, total: 31 },
      allowed: 20,
      callsPerSecond: 31,
    });
    expect(serviceReadBudget(load, 1, 2)).toMatchObject({ allowed: 39, callsPerSecond: 16 });
    expect(fittingServiceInterval(load, 1)).toBe(2);
  });

  test('10 clusters of 50 services: 51 calls, over the burst at any cadence', () => {
    const clusters = names(10, 'c');
    const load = readLoadOf(clusters, Object.fromEntries(clusters.map((c) => [c, names(50, 's')])));
    expect(fittingServiceInterval(load, 5)).toBeUndefined();
  });
});

describe('the warning', () => {
  test('names the services, the calls, the throttle and the serviceIntervalSeconds that fits', () => {
    expect(pipelineServiceReadWarning({ ...BIG, intervalSeconds: 1, serviceIntervalSeconds: 1 })).toEqual({
      path: ['serviceIntervalSeconds'],
      problem:
        'this account-region: 300 services collected make 31 ECS read calls on each service tick (30 DescribeServices of 10 services, 1 DescribeClusters, 0 ListServices), ' +
        "31 calls a second over serviceIntervalSeconds 1: over what ECS's read throttle of 20 calls a second (burst 50) per account-region lets a tick make (20), " +
        'so ECS would throttle the reads and datums be lost; set serviceIntervalSeconds to 2 (its service ticks then fit; ServicesBelowDesired and TaskShortfall and their alarms follow that cadence)',
    });
  });

  test('none at the cadence that fits, none without service metrics, none at 5 s for 300 services', () => {
    expect(pipelineServiceReadWarning({ ...BIG, intervalSeconds: 1, serviceIntervalSeconds: 2 })).toBeUndefined();
    expect(pipelineServiceReadWarning({ ...BIG, metrics: ['RunningTask'], intervalSeconds: 1, serviceIntervalSeconds: 1 })).toBeUndefined();
    expect(pipelineServiceReadWarning({ ...BIG, intervalSeconds: 5, serviceIntervalSeconds: 5 })).toBeUndefined();
  });

  test('over the burst: says no cadence fits and how many services would', () => {
    const clusters = names(10, 'c');
    const warning = pipelineServiceReadWarning({
      clusters,
      metrics: SERVICE_METRICS,
      services: Object.fromEntries(clusters.map((c) => [c, names(50, 's')])),
      intervalSeconds: 5,
      serviceIntervalSeconds: 60,
    });
    expect(warning?.problem).toMatch(/^this account-region: 500 services collected make 51 ECS read calls/);
    expect(warning?.problem).toMatch(
      /no serviceIntervalSeconds fits: one tick's 50 DescribeServices calls alone are over the burst of 50; collect fewer services in this account-region \(at most about 490\)$/,
    );
  });
});

describe('at synth', () => {
  const stackWith = (app: App) => {
    const stack = new TerraformStack(app, 'stack');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    return stack;
  };
  const ours = (warnings: string[]) => warnings.filter((w) => w.includes('services collected make'));

  test('a pipeline: one warning on the construct; none at the cadence that fits', () => {
    const stack = stackWith(Testing.app());
    new EcsHighResMetrics(stack, 'pipeline', { ...LISTED, intervalSeconds: 1, account: '111111111111', region: 'us-east-1' });
    expect(ours(warningsIn(stack))).toEqual([
      expect.stringMatching(
        /^stack\/pipeline: serviceIntervalSeconds: this account-region: 120 services collected make 25 ECS read calls on each service tick \(12 DescribeServices of 10 services, 1 DescribeClusters, 12 ListServices\).*set serviceIntervalSeconds to 2 /,
      ),
    ]);
    const fitting = stackWith(Testing.app());
    new EcsHighResMetrics(fitting, 'pipeline', { ...LISTED, intervalSeconds: 1, serviceIntervalSeconds: 2, account: '111111111111', region: 'us-east-1' });
    expect(ours(warningsIn(fitting))).toEqual([]);
  });

  test('a hub: the first target that would be throttled, and how many more', () => {
    const stack = stackWith(Testing.app());
    const big = { clusters: ['prod'], services: BIG.services };
    new EcsHighResMetricsHub(stack, 'hub', {
      account: '999999999999',
      region: 'us-east-1',
      intervalSeconds: 2,
      metrics: SERVICE_METRICS,
      targets: [
        { account: '111111111111', region: 'us-east-1', clusters: ['small'], services: { small: ['web'] } },
        { account: '222222222222', region: 'eu-west-1', ...big, services: { prod: names(450, 's') } },
        { account: '333333333333', region: 'eu-west-1', ...big, services: { prod: names(450, 's') } },
      ],
    });
    const [warning, ...rest] = ours(warningsIn(stack));
    expect(rest).toEqual([]);
    expect(warning).toMatch(/^stack\/hub: serviceIntervalSeconds: 222222222222\/eu-west-1: 450 services collected make 46 ECS read calls/);
    expect(warning).toMatch(/set serviceIntervalSeconds to 4 .*\(and 1 more target account-regions would be throttled\)$/);
  });

  test('strict mode makes it an error', () => {
    const app = new App({ outdir: mkdtempSync(path.join(tmpdir(), 'service-reads-')), context: { [STRICT_CONTEXT_KEY]: true } });
    new EcsHighResMetrics(stackWith(app), 'pipeline', {
      ...LISTED,
      intervalSeconds: 1,
      account: '111111111111',
      region: 'us-east-1',
      alarmActions: { createTopic: true },
    });
    expect(() => app.synth()).toThrow(/strict mode \(every warning is an error\): stack\/pipeline: serviceIntervalSeconds: this account-region: 120 services/);
  });
});
