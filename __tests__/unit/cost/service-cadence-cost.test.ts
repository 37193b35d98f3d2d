/**
 * Services read at a slower cadence (serviceIntervalSeconds) priced as the collector runs them
 * (functions/collector/event.ts, metricsOfTick): only the ticks whose offset is a multiple of the
 * cadence read services and publish their datums and the two service fleet-health series; the
 * others are shorter and publish less. Both topologies, every changed line worked out by hand from
 * COSTS.md's prices; the lines a cadence cannot change are shown equal.
 */
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { type CostItem, pipelineCost, type PipelineCost } from '../../../modules/cost/cost-model';
import { hubCost } from '../../../modules/cost/hub-cost';
import { describePipelineForCost } from '../../../modules/cost/pipeline-description';
import { hubTickEstimate } from '../../../modules/hub/hub-tick';
import { DEFAULT_METRICS, SERVICE_METRICS } from '../../../modules/metrics/catalog';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';
import type { EcsHighResMetricsProps } from '../../../modules/pipeline/props';
import type { FleetConfig } from '../../../modules/subpaths/fleet';
import { costJson } from '../../../scripts/lib/cost/json';
import { priceTopologies } from '../../../scripts/lib/cost/pricing';
import { costTables } from '../../../scripts/lib/cost/tables';

const MINUTES = 43_200;
const TICKS = MINUTES * 12;
const CPU_STRETCH_128 = 1769 / 128;
const METRICS = [...DEFAULT_METRICS, ...SERVICE_METRICS.map((m) => m.name)];
const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);
const CLUSTERS = names('cluster', 10);
/** 40 services in each of the 10 clusters: 400 services, 1,200 service datums a service tick. */
const SERVICES = Object.fromEntries(CLUSTERS.map((c) => [c, names(`${c}-svc`, 40)]));

/** GIVEN a pipeline of 10 clusters and 400 services at 5 s, its services read every `serviceIntervalSeconds`. */
const pipelineAt = (serviceIntervalSeconds: number, props: Partial<EcsHighResMetricsProps> = {}) =>
  pipelineCost(
    describePipelineForCost(
      resolvePipelineSettings({
        clusters: CLUSTERS,
        services: SERVICES,
        metrics: METRICS,
        serviceIntervalSeconds,
        account: '111111111111',
        region: 'us-east-1',
        ...props,
      }),
    ),
  );

function lineOf(cost: PipelineCost, item: CostItem) {
  const lines = cost.lines.filter((l) => l.item === item);
  if (lines.length !== 1) throw new Error(`expected one ${item} line, found ${lines.length}`);
  return lines[0];
}

describe('a pipeline of 10 clusters and 400 services at 5 s: services read every 5 s against every 30 s', () => {
  const every5 = pipelineAt(5);
  const every30 = pipelineAt(30);
  // Hand arithmetic (collector run: rounds × 50 ms + (2 ms + 0.02 ms per cluster and per service) × 1,769 / 128 MB).
  const serviceTickMs = 150 + (2 + 0.2 + 8) * CPU_STRETCH_128; // 290.97 ms, billed 291 ms
  const otherTickMs = 100 + (2 + 0.2) * CPU_STRETCH_128; // 130.40 ms, billed 131 ms

  test('the ticks: 12 a minute read services at 5 s; at 30 s the ticks at 0 s and 30 s do, the 10 others do not, the last (55 s) among them', () => {
    const d5 = describePipelineForCost(
      resolvePipelineSettings({ clusters: CLUSTERS, services: SERVICES, metrics: METRICS, account: '111111111111', region: 'us-east-1' }),
    );
    expect(d5.ticks).toBeUndefined();
    const d30 = describePipelineForCost(
      resolvePipelineSettings({
        clusters: CLUSTERS,
        services: SERVICES,
        metrics: METRICS,
        serviceIntervalSeconds: 30,
        account: '111111111111',
        region: 'us-east-1',
      }),
    );
    expect(d30.serviceIntervalSeconds).toBe(30);
    expect(d30.ticks?.map((t) => ({ label: t.label, perExecution: t.perExecution, last: t.last, datums: t.invocations.map((i) => i.datums) }))).toEqual([
      // 40 cluster datums, 1,200 service datums, 6 fleet-health series.
      { label: 'ticks that read services', perExecution: 2, last: false, datums: [1_246] },
      // 40 cluster datums and the 4 fleet-health series published on every tick.
      { label: 'ticks that do not read services', perExecution: 10, last: true, datums: [44] },
    ]);
    expect(d30.ticks?.[0].invocations[0].durationMs).toBeCloseTo(serviceTickMs, 9);
    expect(d30.ticks?.[1].invocations[0].durationMs).toBeCloseTo(otherTickMs, 9);
  });

  test('Lambda compute: 518,400 × 0.291 s × 0.125 GB against 43,200 × (2 × 0.291 s + 10 × 0.131 s) × 0.125 GB, at $0.0000133334 (arm64)', () => {
    expect(lineOf(every5, 'lambdaCompute').quantity).toBeCloseTo(TICKS * 0.291 * 0.125, 6);
    expect(lineOf(every30, 'lambdaCompute').quantity).toBeCloseTo(MINUTES * (2 * 0.291 + 10 * 0.131) * 0.125, 6);
    expect(lineOf(every5, 'lambdaCompute').usd).toBeCloseTo(0.2514, 4);
    expect(lineOf(every30, 'lambdaCompute').usd).toBeCloseTo(0.1362, 4);
  });

  test('PutMetricData: 1,246 datums take 2 requests on a service tick, 44 take 1 on the others: 518,400 × 2 against 43,200 × (2 × 2 + 10 × 1)', () => {
    expect(lineOf(every5, 'putMetricData').quantity).toBe(TICKS * 2);
    expect(lineOf(every30, 'putMetricData').quantity).toBe(MINUTES * 14);
    expect(lineOf(every5, 'putMetricData').usd).toBeCloseTo(10.368, 9);
    expect(lineOf(every30, 'putMetricData').usd).toBeCloseTo(6.048, 9);
  });

  test("Express duration: the last branch's 55 s wait and its run, 55.3 s with services, 55.2 s without: 43,200 × 0.0625 GB × $0.00001667", () => {
    expect(lineOf(every5, 'stepFunctionsDuration').quantity).toBeCloseTo(MINUTES * 55.3 * 0.0625, 6);
    expect(lineOf(every30, 'stepFunctionsDuration').quantity).toBeCloseTo(MINUTES * 55.2 * 0.0625, 6);
  });

  test('what a cadence cannot change is equal: requests, invocations, metrics (every service keeps its series), log lines', () => {
    for (const item of ['stepFunctionsRequests', 'lambdaRequests', 'customMetrics', 'logs'] as const) {
      expect([item, lineOf(every30, item).quantity]).toEqual([item, lineOf(every5, item).quantity]);
    }
    expect(lineOf(every30, 'customMetrics').quantity).toBe(1_246);
    expect(lineOf(every30, 'lambdaRequests').quantity).toBe(TICKS);
  });

  test('in all $0.12 + $4.32 + $0.0045 less a month at 30 s (Lambda, PutMetricData, Express)', () => {
    expect(every5.usd - every30.usd).toBeCloseTo(0.2514 - 0.1362 + 10.368 - 6.048 + MINUTES * 0.1 * 0.0625 * 0.00001667, 3);
  });

  test('without per-service metrics the cadence changes nothing', () => {
    const plain = (serviceIntervalSeconds: number) =>
      describePipelineForCost(resolvePipelineSettings({ clusters: CLUSTERS, serviceIntervalSeconds, account: '111111111111', region: 'us-east-1' }));
    expect(plain(30).ticks).toBeUndefined();
    expect(pipelineCost(plain(30)).usd).toBe(pipelineCost(plain(5)).usd);
  });
});

describe('a hub of the same services in 4 account-regions: services read every 5 s against every 30 s', () => {
  const targets: TargetListEntry[] = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'].map((region) => ({
    account: '111111111111',
    region,
    clusters: CLUSTERS,
    services: SERVICES,
  }));
  const hubAt = (serviceIntervalSeconds: number) =>
    hubCost({
      settings: resolvePipelineSettings({
        clusters: '*',
        metrics: METRICS,
        serviceIntervalSeconds,
        collectorMemoryMb: 512,
        account: '999999999999',
        region: 'eu-west-1',
      }),
      targets,
    });
  const every5 = hubAt(5);
  const every30 = hubAt(30);
  // The tick model's warm tick, with and without the service metrics (its calls and CPU at 512 MB).
  const withServices = hubTickEstimate(targets, METRICS, { memoryMb: 512 }).ticks.warm.tickMs;
  const withoutServices = hubTickEstimate(targets, DEFAULT_METRICS, { memoryMb: 512 }).ticks.warm.tickMs;
  const billed = (ms: number) => Math.ceil(ms) / 1000;

  test("the tick model's run: the DescribeServices rounds and the services' CPU and datums only on service ticks", () => {
    expect(withServices).toBeGreaterThan(withoutServices);
    expect(every30.description.ticks?.map((t) => [t.perExecution, t.invocations.map((i) => [i.durationMs, i.datums])])).toEqual([
      // 160 cluster datums, 4,800 service datums, 6 fleet-health series.
      [2, [[withServices, 4_966]]],
      [10, [[withoutServices, 164]]],
    ]);
  });

  test('Lambda compute and PutMetricData follow the ticks (5 requests a service tick, 1 on the others); the rest is equal', () => {
    expect(lineOf(every5.design, 'lambdaCompute').quantity).toBeCloseTo(TICKS * billed(withServices) * 0.5, 6);
    expect(lineOf(every30.design, 'lambdaCompute').quantity).toBeCloseTo(MINUTES * (2 * billed(withServices) + 10 * billed(withoutServices)) * 0.5, 6);
    expect(lineOf(every5.design, 'putMetricData').quantity).toBe(TICKS * 5);
    expect(lineOf(every30.design, 'putMetricData').quantity).toBe(MINUTES * (2 * 5 + 10 * 1));
    for (const item of ['stepFunctionsRequests', 'lambdaRequests', 'customMetrics', 'logs', 's3Requests'] as const) {
      expect([item, lineOf(every30.design, item).quantity]).toEqual([item, lineOf(every5.design, item).quantity]);
    }
    expect(every30.design.usd).toBeLessThan(every5.design.usd);
  });
});

test('npm run cost says which pipelines and which hub read services at a slower cadence, and how their ticks are priced', () => {
  const config: FleetConfig = {
    name: 'ecs-highres',
    defaults: { metrics: METRICS, serviceIntervalSeconds: 30 },
    accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: CLUSTERS, services: SERVICES } } }],
  };
  const t = priceTopologies(config);
  const text = costTables('fleet.json', t.accountRegion, t);
  expect(text).toContain(
    'Services read at a slower cadence than the interval (serviceIntervalSeconds): ecs-highres-111111111111-us-east-1 every 30 s. Only those ticks are priced with the service reads',
  );
  expect(text).toContain('Services are read every 30 s (serviceIntervalSeconds): 2 of the 12 ticks a minute read them and publish their datums');
  const json = costJson('fleet.json', t.accountRegion, t) as { fleet: { stacks: unknown[] } };
  expect(json.fleet.stacks[0]).toMatchObject({ serviceIntervalSeconds: 30 });
});
