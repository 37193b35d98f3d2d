/**
 * A hub's fan-out priced (hub.shards: each tick an inline Map state of N collector invocations):
 * a sharded and an unsharded hub of the same fleet, item by item. The shard count is the hub's own
 * decision (resolveHubSettings, which the construct builds from), never derived here; each shard's
 * run comes from the tick model over the targets the collector gives it (targetsOfShard).
 */
import * as path from 'node:path';
import { putMetricDataInFlightOf, targetsOfShard } from '../../../modules/contract/hub-shards';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import type { CostItem, PipelineCost } from '../../../modules/cost/cost-model';
import { fanOutLines, hubCost, type HubCostReport, hubShardsOf, UNSHARDED } from '../../../modules/cost/hub-cost';
import { hubTickEstimate } from '../../../modules/hub/hub-tick';
import { resolveHubSettings } from '../../../modules/hub/hub-settings';
import type { EcsHighResMetricsHubProps } from '../../../modules/hub/props';
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';
import { stateMachineDefinition } from '../../../modules/pipeline/state-machine-definition';
import { hubProps } from '../../../modules/fleet/hub-props';
import { loadFleetConfig } from '../../../modules/fleet/load-config';
import { withAssumedOrganization } from '../../../scripts/lib/cost/organization';
import { priceTopologies } from '../../../scripts/lib/cost/pricing';
import { costTables, fanOutText } from '../../../scripts/lib/cost/tables';
import { ROOT } from '../../support/app';

const MINUTES = 43_200;
const TICKS = MINUTES * 12;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

/** 200 member account-regions (50 accounts × 4 regions) of 3 clusters: 600 clusters, 2,400 datums a tick. */
const TARGETS: TargetListEntry[] = Array.from({ length: 200 }, (_, i) => ({
  account: String(100_000_000_000 + Math.floor(i / 4)),
  region: REGIONS[i % 4],
  clusters: ['api', 'workers', 'batch'],
}));

/** GIVEN the hub these props build (its settings as the construct resolves them), priced with the shards it resolved. */
function givenHub(props: Partial<EcsHighResMetricsHubProps> = {}): HubCostReport {
  const hubProps: EcsHighResMetricsHubProps = { name: 'fleet', account: '999999999999', region: 'eu-west-1', targets: TARGETS, ...props };
  const h = resolveHubSettings(hubProps);
  return hubCost({ settings: h.pipeline, targets: h.targets, tick: h.tick, shards: hubShardsOf(hubProps, h.shards) });
}

function lineOf(cost: PipelineCost, item: CostItem) {
  const lines = cost.lines.filter((l) => l.item === item);
  if (lines.length !== 1) throw new Error(`expected one ${item} line, found ${lines.length}`);
  return lines[0];
}

describe('200 account-regions × 3 clusters: hub.shards 4 against one invocation a tick, item by item', () => {
  const sharded = givenHub({ shards: 4 });
  const unsharded = givenHub();
  const memoryMb = sharded.memory.configuredMb;
  // Each shard's warm tick in the tick model: its targets (as the collector splits them), its share of the PutMetricData requests in flight.
  const shardRuns = [0, 1, 2, 3].map((index) => {
    const estimate = hubTickEstimate(targetsOfShard(TARGETS, { index, count: 4 }), DEFAULT_METRICS, {
      memoryMb,
      putMetricDataInFlight: putMetricDataInFlightOf(4),
    });
    return { ms: estimate.ticks.warm.tickMs, datums: estimate.work.datums };
  });
  const billedSeconds = (ms: number) => Math.ceil(ms) / 1000;

  test('the same settings and memory: only the shards differ', () => {
    expect(sharded.shards).toEqual({ count: 4, from: 'hub.shards' });
    expect(unsharded.shards).toEqual(UNSHARDED);
    expect(unsharded.memory.configuredMb).toBe(memoryMb);
    expect(shardRuns.reduce((n, s) => n + s.datums, 0)).toBe(2_400);
  });

  test('Lambda requests: 4 × 518,400 = 2,073,600 against 518,400, at $0.20 per 1M', () => {
    expect(lineOf(sharded.design, 'lambdaRequests').quantity).toBe(4 * TICKS);
    expect(lineOf(unsharded.design, 'lambdaRequests').quantity).toBe(TICKS);
    expect(lineOf(sharded.design, 'lambdaRequests').usd - lineOf(unsharded.design, 'lambdaRequests').usd).toBeCloseTo(3 * TICKS * 0.2e-6, 9);
  });

  test("Lambda compute: every shard's own run (its rounds, its CPU per invocation, its PutMetricData rounds), billed per 1 ms", () => {
    const gb = memoryMb / 1024;
    expect(lineOf(sharded.design, 'lambdaCompute').quantity).toBeCloseTo(TICKS * gb * shardRuns.reduce((s, r) => s + billedSeconds(r.ms), 0), 6);
    const one = hubTickEstimate(TARGETS, DEFAULT_METRICS, { memoryMb }).ticks.warm.tickMs;
    expect(lineOf(unsharded.design, 'lambdaCompute').quantity).toBeCloseTo(TICKS * gb * billedSeconds(one), 6);
    // Four fixed parts (a collect round, a publish round, 2 ms of CPU each) cost more than one.
    expect(lineOf(sharded.design, 'lambdaCompute').usd).toBeGreaterThan(lineOf(unsharded.design, 'lambdaCompute').usd);
  });

  test("PutMetricData: each shard's datums and the 4 fleet-health series, a request each (4 a tick) against 2,404 datums in 3", () => {
    expect(shardRuns.every((r) => r.datums + 4 <= 1_000)).toBe(true);
    expect(lineOf(sharded.design, 'putMetricData').quantity).toBe(TICKS * 4);
    expect(lineOf(unsharded.design, 'putMetricData').quantity).toBe(TICKS * 3);
  });

  test("Express duration: the last branch's 55 s wait and its slowest shard, at 64 MB; requests unchanged", () => {
    const slowest = Math.max(...shardRuns.map((r) => r.ms));
    expect(lineOf(sharded.design, 'stepFunctionsDuration').quantity).toBeCloseTo(MINUTES * (Math.ceil((55_000 + slowest) / 100) / 10) * 0.0625, 6);
    expect(sharded.description.stateMachine.expressBilledMemoryMb).toBe(64);
    expect(lineOf(sharded.design, 'stepFunctionsRequests').quantity).toBe(MINUTES);
  });

  test('S3: one GET a minute per shard (each warm container reads the target list for itself): 4 × 43,200', () => {
    expect(lineOf(sharded.design, 's3Requests').quantity).toBe(4 * MINUTES);
    expect(lineOf(unsharded.design, 's3Requests').quantity).toBe(MINUTES);
  });

  test('logs: a summary line per invocation, 4 × 518,400 × 350 bytes', () => {
    expect(lineOf(sharded.design, 'logs').quantity).toBeCloseTo((4 * TICKS * 350) / 1024 ** 3, 9);
  });

  test('metrics, 60-s alarms and dashboards are the same: the fan-out publishes the same series', () => {
    for (const item of ['customMetrics', 'standardAlarms', 'dashboards', 'trigger'] as const) {
      expect([item, lineOf(sharded.design, item).quantity]).toEqual([item, lineOf(unsharded.design, item).quantity]);
    }
  });

  test("the 3 fleet-health alarms are billed per alarm metric: a sharded hub's read Sum, SampleCount and Maximum, 3 each", () => {
    expect(lineOf(unsharded.design, 'highResolutionAlarms').quantity).toBe(3);
    expect(lineOf(sharded.design, 'highResolutionAlarms').quantity).toBe(3 * 3);
  });

  test('the report holds the unsharded hub, and the difference item by item sums to the difference of the totals', () => {
    expect(sharded.unsharded?.design.usd).toBeCloseTo(unsharded.design.usd, 9);
    const lines = fanOutLines(sharded);
    expect(lines.map((l) => l.item)).toEqual(sharded.design.lines.map((l) => l.item));
    expect(lines.reduce((sum, l) => sum + l.differenceUsd, 0)).toBeCloseTo(sharded.design.usd - unsharded.design.usd, 9);
    expect(lines.find((l) => l.item === 'lambdaRequests')).toMatchObject({ unsharded: { quantity: TICKS }, sharded: { quantity: 4 * TICKS } });
    expect(fanOutLines(unsharded)).toEqual([]);
  });

  test('the CLI prints the count, where it came from, and a row per item', () => {
    const text = fanOutText(sharded).join('\n');
    expect(text).toContain('Fan-out: each tick runs 4 collector invocations at once, an inline Map state over the shards (hub.shards: 4, set in the config)');
    expect(text).toContain('| item, a month | one invocation a tick | 4 shards | difference |');
    expect(text).toContain('| Lambda requests | 518,400 requests, $0.10 | 2,073,600 requests, $0.41 | +$0.31 |');
    expect(text).toContain('| S3 GET requests (the target list) | 43,200 requests, $0.02 | 172,800 requests, $0.07 | +$0.05 |');
    expect(text).toContain('| CloudWatch custom metrics | 2,404 metrics, $721.20 | 2,404 metrics, $721.20 | $0.00 |');
    // A hub that sets no shards prints nothing of it.
    expect(fanOutText(unsharded)).toEqual([]);
  });
});

describe('"auto": the count the hub resolved', () => {
  // At 1 s a call, one invocation's tick (about 5.2 s) cannot finish within half the 5-s interval.
  const props = { assumedCallLatencyMs: 1_000, shards: 'auto' as const };
  const auto = givenHub(props);

  test("is the tick model's choice as the construct makes it (resolveHubSettings), and says so", () => {
    const count = resolveHubSettings({ name: 'fleet', account: '999999999999', region: 'eu-west-1', targets: TARGETS, ...props }).shards;
    expect(count).toBeGreaterThan(1);
    expect(auto.shards).toEqual({ count, from: 'auto' });
    expect(lineOf(auto.design, 'lambdaRequests').quantity).toBe(count * TICKS);
    expect(fanOutText(auto)[0]).toContain(`each tick runs ${count} collector invocations at once`);
    expect(fanOutText(auto)[0]).toContain('hub.shards "auto": the tick model\'s choice');
  });

  test('"auto" that keeps one invocation says so, and prices one', () => {
    const one = givenHub({ shards: 'auto' });
    expect(one.shards).toEqual({ count: 1, from: 'auto' });
    expect(one.unsharded).toBeUndefined();
    expect(fanOutText(one)).toEqual([
      'Fan-out: 1 invocation a tick (hub.shards "auto": the tick model\'s choice (modules/hub/hub-tick.ts, chooseShardCount), as the hub construct decides it: at the size the hub is built for, one invocation\'s tick fits within half the interval).',
    ]);
    expect(one.design.usd).toBe(givenHub().design.usd);
  });
});

describe('a Standard hub of 4 shards', () => {
  const standard = givenHub({ shards: 4, workflowType: 'STANDARD' });
  const unshardedStandard = givenHub({ workflowType: 'STANDARD' });

  test('bills the Map: per branch a Pass and a Map state for one Task, and a Task per shard, 12 × (1 + 4) more transitions', () => {
    expect(standard.description.transitionsPerExecution - unshardedStandard.description.transitionsPerExecution).toBe(12 * (1 + 4));
    expect(lineOf(standard.design, 'stepFunctionsTransitions').quantity).toBe(MINUTES * standard.description.transitionsPerExecution);
  });

  test('at log level ALL logs its events: per branch the Pass (2), the Map (4), 3 more Tasks (5 each) and 4 iterations (2 each), 300 bytes each', () => {
    const logged = (shards?: number) => givenHub({ ...(shards ? { shards } : {}), stateMachineLogLevel: 'ALL' }).description.stateMachine.logBytesPerExecution;
    expect(logged(4) - logged()).toBe(12 * (2 + 4 + 3 * 5 + 4 * 2) * 300);
  });
});

test("the definition of 40 shards is tens of kilobytes: an Express execution's billed memory stays the first 64 MB step", () => {
  const size = JSON.stringify(
    stateMachineDefinition({ intervalSeconds: 5, collectorArn: 'arn:aws:lambda:eu-west-1:999999999999:function:fleet-collector', shards: 40 }),
  ).length;
  expect(size).toBeLessThan(100 * 1024);
  expect(givenHub({ shards: 40 }).description.stateMachine.expressBilledMemoryMb).toBe(64);
});

describe('an organization config: the hub priced as synth builds it, running the organization the command assumes', () => {
  const loaded = loadFleetConfig(path.join(ROOT, 'examples', 'organization.yaml'));
  const price = (accounts: number) =>
    priceTopologies(withAssumedOrganization(loaded, { accounts, regionsWithClusters: 2, clustersPerRegion: 25 }), { builtFrom: loaded });
  const built = resolveHubSettings(hubProps(loaded));

  test('its memory and shards are the ones synth sizes for hub.assumedDiscoveredAccountRegions (200 × 25 clusters), whatever the organization priced', () => {
    const small = price(10);
    expect(small.builtFor).toEqual({ accountRegions: 200, clusters: 5_000, memoryMb: built.pipeline.collectorMemoryMb, shards: built.shards });
    expect(small.hub.memory.configuredMb).toBe(built.pipeline.collectorMemoryMb);
    expect(small.hub.shards.count).toBe(built.shards);
    expect(small.hub.accountRegions).toBe(20);
    expect(costTables('organization.yaml', small.accountRegion, small)).toContain(
      `collector ${built.pipeline.collectorMemoryMb} MB, 1 invocation a tick, running the organization priced here; set those two to 20 and 25 to size the hub for it.`,
    );
  });

  test('at the size it assumes, the note says so and nothing more', () => {
    const same = price(100);
    expect(same.hub.accountRegions).toBe(200);
    expect(costTables('organization.yaml', same.accountRegion, same)).toContain('1 invocation a tick, running the organization priced here.\n');
  });
});
