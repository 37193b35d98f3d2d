/**
 * The hub topology priced with the same model (docs/hub-mode.md, Cost), every line checked against
 * arithmetic written out by hand from COSTS.md's prices; beside it the same fleet as pipelines
 * per account-region, and which is cheaper.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetrics } from '../../../modules';
import { fleetCost, monitoringFactsOfPipeline } from '../../../modules/subpaths/cost';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import type { CostItem, PipelineCost } from '../../../modules/cost/cost-model';
import { cheaperTopology, hubCollectorDurationMs, hubCost } from '../../../modules/cost/hub-cost';
import { describePipelineForCost } from '../../../modules/cost/pipeline-description';
import type { EcsHighResMetricsProps } from '../../../modules/pipeline/props';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';
import { ASSUMED_DISCOVERED_CLUSTERS } from '../../../modules/monitoring/watched-places';
import { HUB_TICK_DEFAULTS } from '../../../modules/hub/hub-tick';

const MINUTES = 43_200;
const TICKS = MINUTES * 12;
const names = (n: number) => Array.from({ length: n }, (_, i) => `cluster-${String(i + 1).padStart(3, '0')}`);

/** `count` member account-regions of `clusters` clusters (or "*"). */
function targets(count: number, clusters: number | '*'): TargetListEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    account: String(100_000_000_000 + Math.floor(i / 4)),
    region: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'][i % 4],
    clusters: clusters === '*' ? '*' : names(clusters),
  }));
}

/** GIVEN the blog's four metrics, 5 s, Express, Scheduler, arm64 (the defaults) and these props for the hub's pipeline. */
const hubSettings = (props: Partial<EcsHighResMetricsProps> = {}) =>
  resolvePipelineSettings({ clusters: ['unused'], account: '999999999999', region: 'eu-west-1', ...props });

function lineOf(cost: PipelineCost, item: CostItem) {
  const lines = cost.lines.filter((l) => l.item === item);
  if (lines.length !== 1) throw new Error(`expected one ${item} line, found ${lines.length}`);
  return lines[0];
}

describe('100 account-regions × 3 clusters, the hub at 256 MB, line by line', () => {
  const hub = hubCost({ settings: hubSettings({ collectorMemoryMb: 256 }), targets: targets(100, 3) });
  const usd = (item: CostItem) => lineOf(hub.design, item).usd;

  test('collector run: 3 rounds × 50 ms + (2 + 0.02 × 300) ms × 1,769 / 256 = 205.3 ms', () => {
    expect(hub.description.collector.durationMs).toBeCloseTo(150 + 8 * (1769 / 256), 9);
    expect(hub.description.collector.durationMs).toBeCloseTo(205.28, 2);
  });

  test('Express: 43,200 requests × $1 / 1M; 43,200 × 55.3 s × 0.0625 GB × $0.00001667', () => {
    expect(usd('stepFunctionsRequests')).toBeCloseTo(MINUTES / 1e6, 9);
    expect(usd('stepFunctionsDuration')).toBeCloseTo(MINUTES * 55.3 * 0.0625 * 0.00001667, 6);
    expect(usd('stepFunctionsDuration')).toBeCloseTo(2.49, 2);
  });

  test('Lambda: 518,400 × $0.20 / 1M; 518,400 × 0.2053 s × 0.25 GB × $0.0000133334', () => {
    expect(usd('lambdaRequests')).toBeCloseTo((TICKS * 0.2) / 1e6, 9);
    expect(usd('lambdaCompute')).toBeCloseTo(TICKS * 0.206 * 0.25 * 0.0000133334, 6); // 205.28 ms billed as 206 ms (1 ms steps)
    expect(usd('lambdaCompute')).toBeCloseTo(0.36, 2);
  });

  test('PutMetricData: 1,200 datums and 4 fleet-health series a run, 2 requests: 518,400 × 2 × $0.01 / 1,000 = $10.37', () => {
    expect(lineOf(hub.design, 'putMetricData').quantity).toBe(TICKS * 2);
    expect(usd('putMetricData')).toBeCloseTo(10.368, 9);
  });

  test('metrics (1,200 + 4 fleet-health) × $0.30 = $361.20; alarms 4 × $0.10 and 3 fleet-health × $0.30; 1 dashboard $3; logs 0.169 GB × $0.50; target list ≤ $0.02', () => {
    expect(usd('customMetrics')).toBeCloseTo(361.2, 9);
    expect(usd('standardAlarms')).toBeCloseTo(0.4, 9);
    expect(usd('highResolutionAlarms')).toBeCloseTo(0.9, 9);
    expect(hub.description.dashboards).toBe(1);
    expect(usd('dashboards')).toBe(3);
    expect(usd('logs')).toBeCloseTo(((TICKS * 350) / 1024 ** 3) * 0.5, 9);
    expect(lineOf(hub.design, 's3Requests')).toMatchObject({ quantity: MINUTES, basis: '43,200 requests × $0.4 per 1,000,000 requests' });
    expect(usd('s3Requests')).toBeLessThanOrEqual(0.02);
  });

  test("total $378.96 (the fleet-health series and alarms add $2.10): $1.263 per cluster-month = 1.053 × the $1.20 floor, within the issue's 1.1 ×", () => {
    expect(hub.design.usd).toBeCloseTo(376.86 + 1.2 + 0.9, 2);
    expect(hub.perCluster.floor).toBeCloseTo(1.2, 9);
    expect(hub.perCluster.design).toBeCloseTo(1.263, 3);
    expect(hub.perCluster.design / hub.perCluster.floor).toBeCloseTo(1.053, 3);
    expect(hub.perCluster.design).toBeLessThanOrEqual(1.1 * hub.perCluster.floor);
  });

  test('at the default 128 MB too: at most 1.1 × the floor, and the memory is advised as enough', () => {
    const at128 = hubCost({ settings: hubSettings(), targets: targets(100, 3) });
    expect(at128.perCluster.design).toBeLessThanOrEqual(1.1 * 1.2);
    // At 10,240 MB (CPU unstretched): 3 rounds × 50 ms + 8 ms.
    expect(at128.memory).toEqual({ configuredMb: 128, adviseMb: 128, fastestMs: 158 });
  });
});

describe('the same fleet as 100 pipelines per account-region: $17.11 each, $1,711.13', () => {
  // What one synthesized pipeline of 3 clusters creates: 4 health alarms, 3 fleet-health alarms and a dashboard.
  const stack = new TerraformStack(Testing.app(), 'per-account-region');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const pipeline = new EcsHighResMetrics(stack, 'pipeline', { clusters: names(3), account: '111111111111', region: 'us-east-1' });
  const monitoring = monitoringFactsOfPipeline(pipeline);
  const fleet = fleetCost(targets(100, 3).map((_, i) => ({ name: `stack-${i}`, settings: pipeline.settings, monitoring })));
  const hub = hubCost({ settings: hubSettings({ collectorMemoryMb: 256 }), targets: targets(100, 3) });

  test('each pipeline: 128 MB, 2 rounds × 50 ms + 2.06 ms × 13.8 = 128.5 ms, $17.11 ($15.01 before the fleet-health series and alarms: 4 × $0.30 + 3 × $0.30)', () => {
    expect(describePipelineForCost(pipeline.settings).collector.durationMs).toBeCloseTo(100 + 2.06 * (1769 / 128), 9);
    expect(fleet.pipelines[0].design.usd).toBeCloseTo(15.01 + 1.2 + 0.9, 2);
    expect(fleet.design.usd).toBeCloseTo(1711.13, 1);
    expect(fleet.perCluster.design / fleet.perCluster.floor).toBeCloseTo(4.75, 2);
  });

  test('the hub is named cheaper, by $1,332.17 a month', () => {
    const cheaper = cheaperTopology(fleet.design.usd, hub.design.usd);
    expect(cheaper.topology).toBe('hub');
    expect(cheaper.savingUsd).toBeCloseTo(1711.13 - 378.96, 1);
  });

  test('one account-region of 1,000 clusters: the per-account-region pipeline is named cheaper (no target list, one fewer round)', () => {
    const big = resolvePipelineSettings({ clusters: names(1000), account: '111111111111', region: 'us-east-1' });
    const single = fleetCost([{ name: 'one', settings: big, monitoring }]);
    const hubOfOne = hubCost({ settings: hubSettings(), targets: [{ account: '111111111111', region: 'us-east-1', clusters: names(1000) }] });
    expect(cheaperTopology(single.design.usd, hubOfOne.design.usd).topology).toBe('account-region');
  });
});

describe('1,000 account-regions × 25 clusters, the hub at 1,024 MB', () => {
  const hub = hubCost({ settings: hubSettings({ collectorMemoryMb: 1024 }), targets: targets(1000, 25) });

  test('collector run: (20 + 10) rounds × 50 ms + 502 ms × 1.73 = 2.37 s, within half the 5 s interval', () => {
    expect(hub.description.collector.durationMs).toBeCloseTo(1500 + 502 * (1769 / 1024), 9);
    expect(hub.memory).toEqual({ configuredMb: 1024, adviseMb: 1024, fastestMs: 1500 + 502 });
  });

  test('100,004 metrics tiered in one account: 10,000 × $0.30 + 90,004 × $0.10 = $12,000.40', () => {
    expect(lineOf(hub.design, 'customMetrics').usd).toBeCloseTo(12_000.4, 6);
  });

  test("41 dashboards (2,500 metrics each by CloudWatch's quota; 9 by widgets alone): $12,667.48 ($12,661.00 before the fleet-health series, their 101st request a tick and their 3 alarms)", () => {
    expect(hub.description.dashboards).toBe(41);
    // 100,000 cluster datums and 4 fleet-health series: 101 requests of at most 1,000.
    expect(lineOf(hub.design, 'putMetricData').quantity).toBe(TICKS * 101);
    expect(hub.design.usd).toBeCloseTo(12_661.0 + 0.4 + TICKS * 1e-5 + 0.9, 1);
  });

  test('at the default 128 MB the modelled run (8.4 s) outlasts the interval: 1,024 MB is advised', () => {
    const small = hubCost({ settings: hubSettings(), targets: targets(1000, 25) });
    expect(small.description.collector.durationMs).toBeGreaterThan(5000);
    expect(small.memory).toEqual({ configuredMb: 128, adviseMb: 1024, fastestMs: 1500 + 502 });
  });
});

describe('"*" account-regions', () => {
  test('are priced at the assumed cluster count, and counted', () => {
    const hub = hubCost({ settings: hubSettings(), targets: targets(4, '*') });
    expect(hub.description.clusters).toBe(4 * ASSUMED_DISCOVERED_CLUSTERS);
    expect(hub.discoveredAccountRegions).toBe(4);
  });

  test('a Metrics Insights alarm is billed per series it analyzes: the assumed clusters', () => {
    const settings = hubSettings({ alarms: [{ metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 }] });
    const hub = hubCost({ settings, targets: targets(2, '*') });
    // The fleet-health alarms are 3 high-resolution alarms, whatever the clusters.
    expect(hub.description.alarms).toEqual({ standard: 4 + 2 * ASSUMED_DISCOVERED_CLUSTERS, highResolution: 3 });
  });

  test('duration model: a round per 50 account-regions and per 10 PutMetricData requests', () => {
    const settings = { metrics: [] as string[], collectorMemoryMb: 1769 };
    const one = (count: number) => targets(count, 1);
    // 50 account-regions of 1 cluster, nothing to publish: 1 round + CPU 2 + 50 × 0.02 ms.
    expect(hubCollectorDurationMs(one(50), settings)).toBeCloseTo(50 + 3, 9);
    expect(hubCollectorDurationMs(one(51), settings)).toBeCloseTo(100 + 3.02, 9);
    // 2,501 clusters, 4 metrics: 26 DescribeClusters, 10 at once (3 rounds); 10,004 datums in 11 requests (2 rounds); CPU 2 + 50.02 ms.
    const big = [{ account: '111111111111', region: 'us-east-1', clusters: names(2501) }];
    expect(hubCollectorDurationMs(big, { ...settings, metrics: ['RunningTask', 'PendingTask', 'ActiveServices', 'RegisteredContainerInstances'] })).toBeCloseTo(
      150 + 100 + 52.02,
      9,
    );
  });

  test('5,000 "*" account-regions: no memory size fits (about 10 s at any size), and the advice says so', () => {
    // 100 rounds of DescribeClusters + 50 of PutMetricData (500 requests) at 50 ms, + 2 + 125,000 × 0.02 ms of CPU.
    const hub = hubCost({ settings: hubSettings(), targets: targets(5000, '*') });
    expect(hub.memory).toEqual({ configuredMb: 128, fastestMs: 5000 + 2500 + 2502 });
  });

  test('the assumed clusters of a "*" account-region are the hub\'s setting', () => {
    const hub = hubCost({ settings: hubSettings(), targets: targets(4, '*'), tick: { ...HUB_TICK_DEFAULTS, assumedClustersPerDiscoveredRegion: 10_000 } });
    expect(hub.description.clusters).toBe(40_000);
    expect(hub.tick.assumedClustersPerDiscoveredRegion).toBe(10_000);
  });

  test('an empty hub is refused', () => {
    expect(() => hubCost({ settings: hubSettings(), targets: [] })).toThrow('the hub has no account-regions to price');
  });
});
