/**
 * The hub sized from its fleet by one tick model (modules/hub/hub-tick.ts): the collector's memory
 * and timeout, the refusal of a hub whose tick cannot finish within its interval at the assumed
 * latency per AWS call (at the threshold and one step over, exact message, from code and from a
 * fleet config), the warning when only a cold tick cannot, and the two assumptions as settings.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { validateFleetConfig } from '../../../modules/subpaths/fleet';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { hubCollectorMemoryMb, hubSummary, resolveHubSettings } from '../../../modules/hub/hub-settings';
import { HUB_COLLECTOR_CONCURRENCY, HUB_TICK_DEFAULTS, hubMemoryNeedMb, hubTickEstimate } from '../../../modules/hub/hub-tick';
import { COLLECTOR_RUN, collectorDeadlinesMs } from '../../../modules/pipeline/collector-run';
import { MAX_IN_FLIGHT } from '../../../functions/collector/aws-calls';
import { HUB_CONCURRENCY } from '../../../functions/collector/hub/collect-targets';
import { ASSUME_ROLE_CONCURRENCY } from '../../../functions/collector/hub/spoke-credentials';
import { DEADLINE_RESERVE_MS, deadlineBudgets } from '../../../functions/collector/index';
import type { EcsHighResMetricsHubProps } from '../../../modules/hub/props';
import { problemsOf } from '../../support/fleet-config';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

/** `count` account-regions, four per account, each with `clusters` clusters (or "*"). */
function targets(count: number, clusters: number | '*'): TargetListEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    account: String(100_000_000_000 + Math.floor(i / 4)),
    region: REGIONS[i % 4],
    clusters: clusters === '*' ? '*' : Array.from({ length: clusters }, (_, c) => `c${c}`),
  }));
}

/** `count` accounts of one region (us-east-1) each, one cluster each: a cold tick assumes `count` roles. */
function oneRegionEach(count: number): TargetListEntry[] {
  return Array.from({ length: count }, (_, i) => ({ account: String(100_000_000_000 + i), region: 'us-east-1', clusters: ['c0'] }));
}

const HUB = { account: '999999999999', region: 'eu-west-1' };

function synthHub(props: Partial<EcsHighResMetricsHubProps> & Pick<EcsHighResMetricsHubProps, 'targets'>) {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'hub-stack');
  new AwsProvider(stack, 'aws', { region: HUB.region });
  const hub = new EcsHighResMetricsHub(stack, 'hub', { ...HUB, ...props });
  const tf = JSON.parse(Testing.synth(stack));
  const warnings = hub.node.metadata.filter((m) => m.type === 'aws:cdk:warning' || m.type === '@cdktf/warn').map((m) => String(m.data));
  return { hub, tf, warnings, lambda: Object.values<any>(tf.resource.aws_lambda_function)[0] };
}

function refused(props: Partial<EcsHighResMetricsHubProps> & Pick<EcsHighResMetricsHubProps, 'targets'>): string {
  try {
    synthHub(props);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the hub was built');
}

describe('memory and timeout sized from the fleet', () => {
  test('memory: by the clusters (a "*" account-region as assumedClustersPerDiscoveredRegion), never below what holding them needs', () => {
    // 4 × 10,000 clusters found at run time measured 171 MB: counted as 4 × 25 they got 128 MB.
    expect(hubCollectorMemoryMb(targets(4, '*'))).toBe(128);
    expect(hubCollectorMemoryMb(targets(4, '*'), { ...HUB_TICK_DEFAULTS, assumedClustersPerDiscoveredRegion: 10_000 })).toBe(1769);
    // (64 MB + 40,000 × 2.8 KB + 4 × 17 KB) × 1.25 = 216.8 MB: the measured 171 MB fits.
    expect(hubMemoryNeedMb({ clusters: 40_000, accountRegions: 4 })).toBeCloseTo((64 + (40_000 * 2.8 + 4 * 17) / 1024) * 1.25, 9);
    expect(hubMemoryNeedMb({ clusters: 40_000, accountRegions: 4 })).toBeGreaterThan(171);
    // The CPU steps bind first at every size the table names.
    expect([40, 200, 1000, 1001].map((n) => hubCollectorMemoryMb(targets(n, 25)))).toEqual([128, 512, 1024, 1769]);
  });

  test("the printed assumption: a hub's settings carry it, and the function gets the memory it sizes", () => {
    const { hub, lambda } = synthHub({ targets: targets(4, '*'), assumedClustersPerDiscoveredRegion: 10_000, intervalSeconds: 10 });
    expect(hub.settings.tick).toEqual({ assumedCallLatencyMs: 50, assumedClustersPerDiscoveredRegion: 10_000, assumedDiscoveredAccountRegions: 200 });
    expect(hub.settings.estimate.work.clusters).toBe(40_000);
    expect(lambda.memory_size).toBe(1769);
  });

  test('timeout: two intervals while the cold tick collects within half of it, longer when it does not', () => {
    // A cold tick asks for every account's role at once, so its account-regions start one AssumeRole later, paced at 300 a second after a burst of 25.
    // 1,000 × 25 at 50 ms, 1,024 MB: cold collect 50 + 50 + 20 rounds × 50 + 502 × 1,769 / 1,024 = 1,967 ms: 10 s holds it.
    expect(synthHub({ targets: targets(1000, 25) }).lambda.timeout).toBe(10);
    // 1,000 × "*" at 50 ms: cold collect 50 + 50 + 40 rounds × 50 + 867 = 2,967 ms: still 10 s.
    expect(synthHub({ targets: targets(1000, '*') }).lambda.timeout).toBe(10);
    // 1,000 × 25 at 100 ms, interval 10: two intervals (20 s) hold it.
    expect(synthHub({ targets: targets(1000, 25), assumedCallLatencyMs: 100, intervalSeconds: 10 }).lambda.timeout).toBe(20);
    // 2,000 accounts of one region each at 50 ms, 512 MB: the roles are paced, (2,000 − 25) / 300 a second = 6,583 ms,
    // cold collect 50 + 6,583 + 50 + 50 + 145 = 6,878 ms: 2 × 6,878 + 500 = 14.3 s → 15 s.
    expect(synthHub({ targets: oneRegionEach(2000) }).lambda.timeout).toBe(15);
    // A timeout set wins.
    expect(synthHub({ targets: targets(1000, 25), assumedCallLatencyMs: 120, collectorTimeoutSeconds: 30 }).lambda.timeout).toBe(30);
  });
});

describe('a hub whose tick cannot finish within its interval is refused', () => {
  // 1 cluster per account-region at 1,769 MB (CPU 2 + 0.02 ms a cluster): a warm tick is
  // ceil(N / 50) rounds of DescribeClusters + CPU + ceil(ceil(4N / 1,000) / 10) rounds of PutMetricData, 50 ms each.
  const at = (count: number, more: Partial<EcsHighResMetricsHubProps> = {}) => ({ targets: targets(count, 1), collectorMemoryMb: 1769, ...more });

  test('4,800 account-regions fit: 96 × 50 + 98 + 2 × 50 = 4,998 ms of a 5,000-ms interval', () => {
    const { hub } = synthHub(at(4800));
    expect(hub.settings.estimate.ticks.warm.tickMs).toBeCloseTo(4998, 6);
  });

  test('4,850 do not: 97 × 50 + 99 + 2 × 50 = 5,049 ms, refused with the numbers and what to do', () => {
    // Cold: 50 + 50 + 97 rounds × 50 + 99 = 5,049 ms collecting (the 1,213 roles, paced, arrive within 4.1 s), so the timeout is 2 × 5,049 + 500 → 11 s.
    expect(refused(at(4850))).toBe(
      'hub-stack/hub: targets: a tick of this hub cannot finish: at 50 ms per AWS call (assumedCallLatencyMs), 4,850 account-regions ' +
        'take 4,870 calls per tick (DescribeClusters 4,850, PutMetricData 20) with at most 50 account-regions in flight: ' +
        "about 5.05 s (collecting 4.95 s, publishing 0.10 s) against the 5-s interval and the collector's collect deadline of 5.25 s (half its 11-s timeout less 500 ms). " +
        'Collect fewer account-regions per hub (split the accounts into hubs of at most 4,800 account-regions like these), set a longer intervalSeconds, ' +
        'list the clusters of "*" account-regions, or, if you measured a lower latency from the hub, set assumedCallLatencyMs to it',
    );
  });

  test('the same 4,850 fit at an assumed 49 ms, and at a 10-s interval', () => {
    expect(() => synthHub(at(4850, { assumedCallLatencyMs: 49 }))).not.toThrow();
    expect(() => synthHub(at(4850, { intervalSeconds: 10 }))).not.toThrow();
  });

  test('the issue\'s fleets: 5,000 × "*" at 50 ms, and 1,000 × "*" at 150 ms, each refused with its steady tick', () => {
    // 5,000 "*": the minute's listing tick is ListClusters then DescribeClusters per account-region: 200 rounds × 50 ms = 10 s + CPU + publishing
    // (500,000 datums and the hub's 4 fleet-health datums: 501 PutMetricData, 51 rounds of 10).
    const big = refused({ targets: targets(5000, '*') });
    expect(big).toContain(
      'at 50 ms per AWS call (assumedCallLatencyMs), 5,000 account-regions (5,000 with clusters "*", each assumed to hold 25 clusters: assumedClustersPerDiscoveredRegion) take 10,501 calls per tick (ListClusters 5,000, DescribeClusters 5,000, PutMetricData 501)',
    );
    expect(big).toContain('about 15.05 s (collecting 12.50 s, publishing 2.55 s) against the 5-s interval');
    const far = refused({ targets: targets(1000, '*'), assumedCallLatencyMs: 150 });
    expect(far).toContain(
      '1,000 account-regions (1,000 with clusters "*", each assumed to hold 25 clusters: assumedClustersPerDiscoveredRegion) take 2,101 calls per tick',
    );
    expect(far).toContain('about 8.52 s (collecting 6.87 s, publishing 1.65 s)');
  });

  test('a timeout set too short for the steady tick is refused too', () => {
    // 4,000 × 1 at 50 ms: collecting 80 × 50 + 82 = 4,082 ms, over the 3.25-s collect deadline of a 7-s timeout.
    expect(refused(at(4000, { collectorTimeoutSeconds: 7 }))).toContain(
      "about 4.18 s (collecting 4.08 s, publishing 0.10 s) against the 5-s interval and the collector's collect deadline of 3.25 s (half its 7-s timeout less 500 ms)",
    );
  });

  test('an interval and a timeout known only at plan (Terraform variables) are not measured at synth: the Terraform module checks the tick at plan', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'hub-stack');
    new AwsProvider(stack, 'aws', { region: HUB.region });
    const interval = new TerraformVariable(stack, 'interval_seconds', { type: 'number' });
    const timeout = new TerraformVariable(stack, 'timeout', { type: 'number' });
    // 4,850 account-regions: refused above with a literal 5-s interval. (The fleet-health alarms' detection times need a literal interval.)
    new EcsHighResMetricsHub(stack, 'hub', {
      ...HUB,
      ...at(4850),
      intervalSeconds: interval.numberValue,
      collectorTimeoutSeconds: timeout.numberValue,
      fleetHealthAlarms: false,
    });
    const lambda = Object.values<any>(JSON.parse(Testing.synth(stack)).resource.aws_lambda_function)[0];
    expect(lambda.timeout).toBe('${var.timeout}');
  });

  test.each([
    ['assumedCallLatencyMs', 0, 'assumedCallLatencyMs: 0 is out of range: use a whole number of milliseconds from 1 to 10,000'],
    ['assumedCallLatencyMs', 2.5, 'assumedCallLatencyMs: 2.5 is out of range: use a whole number of milliseconds from 1 to 10,000'],
    [
      'assumedClustersPerDiscoveredRegion',
      10_001,
      'assumedClustersPerDiscoveredRegion: 10001 is out of range: use a whole number of clusters from 1 to 10,000',
    ],
  ])('%s %p is refused', (name, value, message) => {
    expect(refused({ targets: targets(2, '*'), [name]: value })).toContain(message);
  });
});

describe('a cold tick that cannot finish with the timeout set: a warning', () => {
  test('2,000 accounts of one region at 50 ms, interval 10, timeout 10: the warm tick fits, the cold one (2,000 roles, paced) loses account-regions', () => {
    // Warm: 40 rounds × 50 + 145 = 2,145 ms collecting, within 4.75 s. Cold: 50 + (2,000 − 25) / 300 s + 50 + 50 + 145 = 6,878 ms.
    const { warnings } = synthHub({ targets: oneRegionEach(2000), intervalSeconds: 10, collectorTimeoutSeconds: 10 });
    expect(warnings).toEqual([
      'hub-stack/hub: targets: the first tick of each new collector container loses account-regions: at 50 ms per AWS call (assumedCallLatencyMs), 2,000 account-regions ' +
        'take 4,010 calls per cold tick (GetObject 1, AssumeRole 2,000, DescribeClusters 2,000, PutMetricData 9) with at most 50 account-regions in flight: ' +
        "about 6.93 s (collecting 6.88 s, publishing 0.05 s) against the 10-s interval and the collector's collect deadline of 4.75 s (half its 10-s timeout less 500 ms). " +
        'Set collectorTimeoutSeconds to at least 15, or leave it unset (the hub then sizes it), or collect fewer account-regions per hub',
    ]);
  });

  test('none when the hub sizes the timeout itself', () => {
    const { warnings, lambda } = synthHub({ targets: oneRegionEach(2000), intervalSeconds: 10 });
    expect(warnings).toEqual([]);
    expect(lambda.timeout).toBe(20);
  });
});

describe('from a fleet config', () => {
  /** A hub config of `count` account-regions (four per account), each of one cluster. */
  function hubConfig(count: number, hub: Record<string, unknown> = {}, defaults: Record<string, unknown> = {}): any {
    const list = targets(count, 1);
    const accounts = new Map<string, Record<string, { clusters: readonly string[] | '*' }>>();
    for (const t of list) accounts.set(t.account, { ...accounts.get(t.account), [t.region]: { clusters: t.clusters } });
    return {
      name: 'big',
      topology: 'hub',
      hub: { ...HUB, ...hub },
      defaults: { collectorMemoryMb: 1769, ...defaults },
      accounts: [...accounts].map(([id, regions]) => ({ id, regions })),
    };
  }

  test("the refusal names the config's paths", () => {
    const [problem] = problemsOf(() => validateFleetConfig(hubConfig(4850)));
    expect(problem).toMatch(/^accounts: a tick of this hub cannot finish: at 50 ms per AWS call \(hub\.assumedCallLatencyMs\), 4,850 account-regions /);
    expect(problem).toContain("against the 5-s interval and the collector's collect deadline of 5.25 s (half its 11-s timeout less 500 ms)");
    expect(problem).toContain(
      'set a longer defaults.intervalSeconds, list the clusters of "*" account-regions, or, if you measured a lower latency from the hub, set hub.assumedCallLatencyMs to it',
    );
  });

  test('hub.assumedCallLatencyMs and hub.assumedClustersPerDiscoveredRegion reach the hub; out of range, each is refused at its path', () => {
    expect(() => validateFleetConfig(hubConfig(4850, { assumedCallLatencyMs: 49 }))).not.toThrow();
    expect(problemsOf(() => validateFleetConfig(hubConfig(8, { assumedCallLatencyMs: 0, assumedClustersPerDiscoveredRegion: 1e9 })))).toEqual([
      'hub.assumedCallLatencyMs: 0 is out of range: use a whole number of milliseconds from 1 to 10,000',
      'hub.assumedClustersPerDiscoveredRegion: 1000000000 is out of range: use a whole number of clusters from 1 to 10,000',
    ]);
  });
});

test("one model: the estimate the hub holds is the model's for its targets, metrics and memory", () => {
  const h = resolveHubSettings({ ...HUB, targets: targets(100, 3) });
  expect(h.estimate).toEqual(
    hubTickEstimate(targets(100, 3), h.pipeline.metrics, { memoryMb: h.pipeline.collectorMemoryMb, assumptions: h.tick, fleetHealth: h.pipeline.fleetHealth }),
  );
});

describe("the fleet-health datums are in the tick's PutMetricData (modules/metrics/fleet-health.ts: one datum per series per invocation)", () => {
  const metrics = ['PendingTask'];
  const estimate = (list: TargetListEntry[], fleetHealth: boolean | undefined, putMetricDataInFlight?: number) =>
    hubTickEstimate(list, metrics, { memoryMb: 1_769, fleetHealth, putMetricDataInFlight });

  test('250 account-regions × 4 clusters × 1 metric = 1,000 datums: one request alone, two with the 4 fleet-health datums', () => {
    const list = targets(250, 4);
    const without = estimate(list, false);
    const withHealth = estimate(list, true);
    expect(without.work).toMatchObject({ datums: 1_000, fleetHealthDatums: 0 });
    expect(withHealth.work).toMatchObject({ datums: 1_004, fleetHealthDatums: 4 });
    expect(without.ticks.warm.calls.PutMetricData).toBe(1);
    expect(withHealth.ticks.warm.calls.PutMetricData).toBe(2);
    // One request in flight (a shard of a wide fan-out): the second request is a second round.
    expect(estimate(list, true, 1).ticks.warm.publishMs - estimate(list, false, 1).ticks.warm.publishMs).toBe(HUB_TICK_DEFAULTS.assumedCallLatencyMs);
    // Not told: not counted, so callers that do not know the hub's settings keep their numbers.
    expect(estimate(list, undefined).work.datums).toBe(1_000);
  });

  test('with services collected, six series: the two service ones too', () => {
    const list = targets(1, 1).map((t) => ({ ...t, services: { [(t.clusters as string[])[0]]: ['api'] } }));
    const work = hubTickEstimate(list, ['PendingTask', 'DesiredCount'], { memoryMb: 1_769, fleetHealth: true }).work;
    expect(work.fleetHealthDatums).toBe(6);
    expect(work.datums).toBe(1 + 1 + 6);
  });

  test('the hub counts them when it publishes them (the default), and not with fleetHealth off', () => {
    expect(resolveHubSettings({ ...HUB, targets: targets(250, 4) }).estimate.work.fleetHealthDatums).toBe(4);
    expect(resolveHubSettings({ ...HUB, targets: targets(250, 4), fleetHealth: false }).estimate.work.fleetHealthDatums).toBe(0);
  });
});

test("the model's concurrency and deadlines are the collector's own", () => {
  expect(HUB_COLLECTOR_CONCURRENCY).toEqual({
    accountRegionsInFlight: HUB_CONCURRENCY,
    assumeRolesInFlight: ASSUME_ROLE_CONCURRENCY,
    putMetricDataInFlight: MAX_IN_FLIGHT,
    callsInFlightPerAccountRegion: MAX_IN_FLIGHT,
  });
  expect(COLLECTOR_RUN.deadlineReserveMs).toBe(DEADLINE_RESERVE_MS);
  for (const seconds of [1, 10, 21, 900]) expect(collectorDeadlinesMs(seconds)).toEqual(deadlineBudgets(seconds * 1000));
});

test('the synth\'s line for a hub states the sizing and the assumed clusters of its "*" account-regions', () => {
  const listed = resolveHubSettings({ ...HUB, targets: targets(1000, 25) });
  expect(hubSummary(listed)).toBe('hub pipeline: collects 1,000 account-regions of 250 accounts; collector 1,024 MB, 10 s, sized for 25,000 clusters');
  const found = resolveHubSettings({
    ...HUB,
    targets: [...targets(3, 2), { account: '100000000009', region: 'eu-west-1', clusters: '*' }],
    assumedClustersPerDiscoveredRegion: 400,
  });
  expect(hubSummary(found)).toBe(
    'hub pipeline: collects 4 account-regions of 2 accounts; collector 128 MB, 10 s, sized for 406 clusters, 1 account-region "*" assumed to hold 400 each (hub.assumedClustersPerDiscoveredRegion)',
  );
});
