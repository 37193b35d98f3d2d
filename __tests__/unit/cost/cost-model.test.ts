/**
 * The cost model, pure: every line checked against arithmetic written out by hand from the
 * prices in COSTS.md (us-east-1, a 30-day month of 43,200 minutes).
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import {
  blogDesignCostOfSameClusters,
  type CostItem,
  describePipelineForCost,
  fleetCost,
  pipelineCost,
  type PipelineCost,
  type PipelineDescription,
} from '../../../modules/subpaths/cost';
import { EcsHighResMetrics, type EcsHighResMetricsProps } from '../../../modules';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { blogStateMachineDefinition } from '../../../modules/cost/blog-design';
import { customMetricsUsd, monthlyUsage, priceUsage } from '../../../modules/cost/cost-model';
import { PRICES_SOURCE } from '../../../scripts/lib/cost/pricing';
import { blogPipeline, collectorDurationMs } from '../../../modules/cost/pipeline-description';
import { logEventsPerExecution, successPath, transitionsPerExecution } from '../../../modules/cost/success-path';
import { stateMachineDefinition } from '../../../modules/pipeline/state-machine-definition';

// Hand arithmetic: the month, the ticks, and the prices of COSTS.md written out.
const MINUTES = 30 * 24 * 60; // 43,200 executions of a once-a-minute trigger
const TICKS_AT_5S = MINUTES * 12; // 518,400 collector runs
const GB = 1024 ** 3;

const names = (n: number) => Array.from({ length: n }, (_, i) => `cluster-${String(i + 1).padStart(3, '0')}`);

/** GIVEN a pipeline built by the construct with these props: its resolved settings. */
function givenSettings(props: Partial<EcsHighResMetricsProps> = {}) {
  const stack = new TerraformStack(Testing.app(), 'cost');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return new EcsHighResMetrics(stack, 'pipeline', { clusters: names(1), account: '111111111111', region: 'us-east-1', ...props }).settings;
}

/** WHEN it is described for pricing. */
const whenDescribed = (props: Partial<EcsHighResMetricsProps> = {}) => describePipelineForCost(givenSettings(props));

/** THEN the line for an item (exactly one). */
function lineOf(cost: PipelineCost, item: CostItem) {
  const lines = cost.lines.filter((l) => l.item === item);
  if (lines.length !== 1) throw new Error(`expected one ${item} line, found ${lines.length}`);
  return lines[0];
}
const usdOf = (cost: PipelineCost, item: CostItem) => lineOf(cost, item).usd;
const items = (cost: PipelineCost) => cost.lines.map((l) => l.item);

describe('the blog design, one cluster at 5 s', () => {
  const blog = pipelineCost(blogPipeline(5));

  test("its state machine is the blog's: 26 transitions per execution, as the blog counts them", () => {
    const definition = blogStateMachineDefinition(5);
    // Parallel + 12 Tasks + 11 Waits = 24 states, + start and end.
    expect(successPath(definition)).toEqual({ statesEntered: 24, tasks: 12, parallels: 1, maps: 0, mapIterations: 0 });
    expect(transitionsPerExecution(definition)).toBe(26);
    const branches = (definition.States.ParallelMetric as any).Branches;
    expect(branches[0]).toEqual({
      StartAt: 'WriteMetricLambda',
      States: { WriteMetricLambda: { Type: 'Task', Resource: 'WriteMetricFromStepFunction', End: true } },
    });
    expect(branches[11].States.Wait55).toEqual({ Type: 'Wait', Seconds: 55, Next: 'WriteMetricLambda55' });
  });

  test('Standard workflow: 26 × 43,200 transitions × $0.025 per 1,000 = $28.08', () => {
    expect(lineOf(blog, 'stepFunctionsTransitions').quantity).toBe(26 * MINUTES);
    expect(usdOf(blog, 'stepFunctionsTransitions')).toBeCloseTo((26 * MINUTES * 0.025) / 1000, 9);
    expect(usdOf(blog, 'stepFunctionsTransitions')).toBeCloseTo(28.08, 2);
  });

  test('Lambda: 518,400 requests × $0.20 per 1M + 518,400 × 0.125 GB × 0.25 s × $0.0000166667 (x86) = about $0.37', () => {
    const requests = (TICKS_AT_5S * 0.2) / 1e6; // 0.10368
    const compute = TICKS_AT_5S * (128 / 1024) * 0.25 * 0.0000166667; // 0.2700
    expect(lineOf(blog, 'lambdaRequests').quantity).toBe(TICKS_AT_5S);
    expect(usdOf(blog, 'lambdaRequests')).toBeCloseTo(requests, 9);
    expect(lineOf(blog, 'lambdaCompute').quantity).toBeCloseTo(16_200, 6);
    expect(usdOf(blog, 'lambdaCompute')).toBeCloseTo(compute, 9);
    expect(requests + compute).toBeCloseTo(0.37, 2);
  });

  test('PutMetricData: one call per run, 518,400 × $0.01 per 1,000 = $5.18', () => {
    expect(lineOf(blog, 'putMetricData').quantity).toBe(TICKS_AT_5S);
    expect(usdOf(blog, 'putMetricData')).toBeCloseTo((TICKS_AT_5S * 0.01) / 1000, 9);
    expect(usdOf(blog, 'putMetricData')).toBeCloseTo(5.18, 2);
  });

  test('metrics: 4 × $0.30 = $1.20, the floor', () => {
    expect(lineOf(blog, 'customMetrics').quantity).toBe(4);
    expect(usdOf(blog, 'customMetrics')).toBeCloseTo(1.2, 9);
  });

  test('logs, which the $34.84 leaves out: 518,400 runs × 360 bytes at $0.50 per GB = $0.09', () => {
    expect(usdOf(blog, 'logs')).toBeCloseTo(((TICKS_AT_5S * 360) / GB) * 0.5, 9);
  });

  test("in all $34.92: the issue's $34.84 plus the logs; the rule is free", () => {
    expect(items(blog)).toEqual(['stepFunctionsTransitions', 'trigger', 'lambdaRequests', 'lambdaCompute', 'putMetricData', 'customMetrics', 'logs']);
    expect(usdOf(blog, 'trigger')).toBe(0);
    const withoutLogs = 28.08 + (TICKS_AT_5S * 0.2) / 1e6 + TICKS_AT_5S * 0.125 * 0.25 * 0.0000166667 + 5.184 + 1.2;
    expect(withoutLogs).toBeCloseTo(34.84, 2);
    expect(blog.usd).toBeCloseTo(withoutLogs + ((TICKS_AT_5S * 360) / GB) * 0.5, 9);
    expect(blog.usd).toBeCloseTo(34.92, 2);
  });

  test('for N clusters the blog builds N pipelines', () => {
    const tenClusters = blogDesignCostOfSameClusters({ ...whenDescribed(), clusters: 10 });
    expect(tenClusters.usd).toBeCloseTo(10 * blog.usd, 9);
    expect(lineOf(tenClusters, 'customMetrics').quantity).toBe(40);
  });
});

describe('a batched Express pipeline at 5 s (the defaults)', () => {
  test('the collector run is assumed at 2 round trips × 50 ms + (2 ms + 0.02 ms per cluster) × 1,769/128 MB', () => {
    expect(collectorDurationMs({ clusters: 10, services: 0, memoryMb: 128 })).toBeCloseTo(100 + 2.2 * (1769 / 128), 9);
    expect(collectorDurationMs({ clusters: 100, services: 0, memoryMb: 128 })).toBeCloseTo(100 + 4 * (1769 / 128), 9);
    // At 1,769 MB and above the function has a whole vCPU: the CPU part no longer stretches.
    expect(collectorDurationMs({ clusters: 10, services: 0, memoryMb: 1769 })).toBeCloseTo(102.2, 9);
    expect(collectorDurationMs({ clusters: 10, services: 0, memoryMb: 3008 })).toBeCloseTo(102.2, 9);
    // Per-service metrics add a round of DescribeServices calls.
    expect(collectorDurationMs({ clusters: 10, services: 20, memoryMb: 1769 })).toBeCloseTo(150 + 2 + 0.2 + 0.4, 9);
  });

  test('10 clusters: $2.1213 per cluster, every line by hand', () => {
    const p = whenDescribed({ clusters: names(10) });
    const cost = pipelineCost(p);
    const runMs = 100 + 2.2 * (1769 / 128); // 130.4 ms
    expect(p.collector.durationMs).toBeCloseTo(runMs, 9);
    expect(items(cost)).toEqual([
      'stepFunctionsRequests',
      'stepFunctionsDuration',
      'trigger',
      'lambdaRequests',
      'lambdaCompute',
      'putMetricData',
      'customMetrics',
      'logs',
    ]);
    const requests = MINUTES * 1e-6; // $0.0432
    // The last branch waits 55 s, then its run of 130.4 ms: billed 55.2 s at 64 MB.
    const duration = MINUTES * 55.2 * (64 / 1024) * 0.00001667; // $2.4845
    const lambdaRequests = TICKS_AT_5S * 0.2e-6; // $0.1037
    const lambdaCompute = TICKS_AT_5S * 0.125 * 0.131 * 0.0000133334; // 131 ms on arm64, $0.1132
    const putMetricData = TICKS_AT_5S * 1e-5; // 40 datums and 4 fleet-health series: one call per run, $5.184
    const metrics = (40 + 4) * 0.3; // $13.20
    const logs = ((TICKS_AT_5S * 350) / GB) * 0.5; // $0.0845
    expect(usdOf(cost, 'stepFunctionsRequests')).toBeCloseTo(requests, 9);
    expect(lineOf(cost, 'stepFunctionsDuration').quantity).toBeCloseTo(149_040, 6);
    expect(usdOf(cost, 'stepFunctionsDuration')).toBeCloseTo(duration, 9);
    expect(usdOf(cost, 'trigger')).toBe(0); // 43,200 schedules, within Scheduler's 14M free per account
    expect(usdOf(cost, 'lambdaRequests')).toBeCloseTo(lambdaRequests, 9);
    expect(usdOf(cost, 'lambdaCompute')).toBeCloseTo(lambdaCompute, 9);
    expect(usdOf(cost, 'putMetricData')).toBeCloseTo(putMetricData, 9);
    expect(usdOf(cost, 'customMetrics')).toBeCloseTo(metrics, 9);
    expect(usdOf(cost, 'logs')).toBeCloseTo(logs, 9);
    const total = requests + duration + lambdaRequests + lambdaCompute + putMetricData + metrics + logs;
    expect(cost.usd).toBeCloseTo(total, 9);
    expect(cost.usd / 10).toBeCloseTo(2.1213, 4);
  });

  test('100 clusters: $1.29 per cluster, every line by hand', () => {
    const cost = pipelineCost(whenDescribed({ clusters: names(100) }));
    const runMs = 100 + 4 * (1769 / 128); // 155.3 ms: billed 156 ms, Express still 55.2 s
    const total =
      MINUTES * 1e-6 +
      MINUTES * 55.2 * (64 / 1024) * 0.00001667 +
      TICKS_AT_5S * 0.2e-6 +
      TICKS_AT_5S * 0.125 * (Math.ceil(runMs) / 1000) * 0.0000133334 +
      TICKS_AT_5S * 1e-5 + // 400 datums and 4 fleet-health series: still one call per run
      404 * 0.3 +
      ((TICKS_AT_5S * 350) / GB) * 0.5;
    expect(cost.usd).toBeCloseTo(total, 9);
    expect(cost.usd / 100).toBeCloseTo(1.29, 2);
  });

  test("the issue's $2.01 and $1.28 are this arithmetic with the blog's 250 ms collector run instead of ours, plus the fleet-health series ($1.20 per pipeline)", () => {
    const with250ms = (clusters: number) => {
      const p = whenDescribed({ clusters: names(clusters) });
      return pipelineCost({ ...p, collector: { ...p.collector, durationMs: 250 } }).usd / clusters;
    };
    // 55 s + 250 ms bills 55.3 s; 518,400 runs × 0.125 GB × 0.25 s on arm64.
    const fixed = MINUTES * 1e-6 + MINUTES * 55.3 * 0.0625 * 0.00001667 + TICKS_AT_5S * 0.2e-6 + TICKS_AT_5S * 0.125 * 0.25 * 0.0000133334;
    const perRun = TICKS_AT_5S * 1e-5 + ((TICKS_AT_5S * 350) / GB) * 0.5;
    const fleetHealth = 4 * 0.3;
    expect(with250ms(10)).toBeCloseTo((fixed + perRun + fleetHealth) / 10 + 1.2, 9);
    expect(with250ms(10) - fleetHealth / 10).toBeCloseTo(2.01, 2);
    expect(with250ms(100) - fleetHealth / 100).toBeCloseTo(1.28, 2);
  });

  test('1,000 datums fit one PutMetricData call (249 clusters and the 4 fleet-health series); 1,204 take two', () => {
    const p = whenDescribed({ clusters: names(10) });
    expect(lineOf(pipelineCost({ ...p, clusters: 249 }), 'putMetricData').quantity).toBe(TICKS_AT_5S);
    expect(lineOf(pipelineCost({ ...p, clusters: 250 }), 'putMetricData').quantity).toBe(2 * TICKS_AT_5S);
    const cost = pipelineCost({ ...p, clusters: 300 });
    expect(lineOf(cost, 'putMetricData').quantity).toBe(2 * TICKS_AT_5S);
    expect(lineOf(cost, 'customMetrics').quantity).toBe(1204);
  });

  test('x86_64 is priced at $0.0000166667 per GB-s', () => {
    const cost = pipelineCost(whenDescribed({ architecture: 'x86_64' }));
    const runMs = Math.ceil(100 + 2.02 * (1769 / 128)); // 128 ms
    expect(lineOf(cost, 'lambdaCompute').label).toBe('Lambda compute (x86_64)');
    expect(usdOf(cost, 'lambdaCompute')).toBeCloseTo(TICKS_AT_5S * 0.125 * (runMs / 1000) * 0.0000166667, 9);
  });

  test('an interval of 10 s: 6 branches, the last waits 50 s', () => {
    const cost = pipelineCost(whenDescribed({ intervalSeconds: 10 }));
    expect(lineOf(cost, 'lambdaRequests').quantity).toBe(MINUTES * 6);
    expect(lineOf(cost, 'stepFunctionsDuration').quantity).toBeCloseTo(MINUTES * 50.2 * 0.0625, 6);
  });
});

describe('a Standard pipeline', () => {
  test.each(ALLOWED_INTERVALS)('at %i s, transitions are counted from the generated definition', (interval) => {
    const branches = 60 / interval;
    // Parallel + b Tasks + (b - 1) Waits + the check Pass, the Choice and Succeed, + start and end.
    expect(whenDescribed({ workflowType: 'STANDARD', intervalSeconds: interval }).transitionsPerExecution).toBe(2 * branches + 5);
  });

  test('at 5 s: 29 × 43,200 transitions × $0.025 per 1,000 = $31.32, and no Express lines', () => {
    const cost = pipelineCost(whenDescribed({ workflowType: 'STANDARD', trigger: 'EVENTBRIDGE_RULE' }));
    expect(usdOf(cost, 'stepFunctionsTransitions')).toBeCloseTo(29 * MINUTES * 0.000025, 9);
    expect(items(cost)).not.toContain('stepFunctionsRequests');
    expect(items(cost)).not.toContain('stepFunctionsDuration');
    expect(lineOf(cost, 'trigger').label).toBe('EventBridge rule');
  });
});

describe('logs, alarms, dashboards and metric tiers', () => {
  test('level ALL logs every event of a successful execution: 94 at 5 s, 300 bytes each', () => {
    const definition = stateMachineDefinition({ intervalSeconds: 5, collectorArn: 'collector' });
    expect(successPath(definition)).toEqual({ statesEntered: 27, tasks: 12, parallels: 1, maps: 0, mapIterations: 0 });
    // Started and succeeded, entered and exited per state, 3 per Task, 2 per Parallel.
    expect(logEventsPerExecution(definition)).toBe(2 + 2 * 27 + 3 * 12 + 2 * 1);
    const cost = pipelineCost(whenDescribed({ stateMachineLogLevel: 'ALL' }));
    expect(usdOf(cost, 'logs')).toBeCloseTo(((TICKS_AT_5S * 350 + MINUTES * 94 * 300) / GB) * 0.5, 9);
  });

  test.each(['ERROR', 'FATAL', 'OFF'] as const)('level %s logs nothing from a successful execution', (level) => {
    expect(whenDescribed({ stateMachineLogLevel: level }).stateMachine.logBytesPerExecution).toBe(0);
  });

  test('alarms are $0.10 standard and $0.30 high resolution, dashboards $3 each; none exist yet', () => {
    const p = whenDescribed();
    expect(p.alarms).toEqual({ standard: 0, highResolution: 0 });
    expect(p.dashboards).toBe(0);
    const cost = pipelineCost({ ...p, alarms: { standard: 2, highResolution: 3 }, dashboards: 1 });
    expect(usdOf(cost, 'standardAlarms')).toBeCloseTo(0.2, 9);
    expect(usdOf(cost, 'highResolutionAlarms')).toBeCloseTo(0.9, 9);
    expect(usdOf(cost, 'dashboards')).toBe(3);
  });

  test('custom metrics are tiered: $0.30, then $0.10 after 10k, $0.05 after 250k, $0.02 after 1M', () => {
    expect(customMetricsUsd(10_000)).toBeCloseTo(3_000, 9);
    expect(customMetricsUsd(10_001)).toBeCloseTo(3_000.1, 9);
    expect(customMetricsUsd(250_000)).toBeCloseTo(3_000 + 240_000 * 0.1, 6);
    expect(customMetricsUsd(1_000_000)).toBeCloseTo(27_000 + 750_000 * 0.05, 6);
    expect(customMetricsUsd(1_000_010)).toBeCloseTo(64_500 + 10 * 0.02, 6);
  });

  test('per-service metrics add services × metrics per service datums', () => {
    const p: PipelineDescription = { ...whenDescribed({ clusters: names(10) }), services: 20, metricsPerService: 3 };
    // 40 cluster metrics, 60 service metrics, and the pipeline's fleet-health series (4 as described here).
    expect(lineOf(pipelineCost(p), 'customMetrics').quantity).toBe(40 + 60 + 4);
  });

  test('alarms are billed by resolution, dashboards each', () => {
    const p = describePipelineForCost(givenSettings({ clusters: names(2) }), { alarmPeriodsSeconds: [10, 30, 60, 300], dashboards: 1 });
    expect(p.alarms).toEqual({ standard: 2, highResolution: 2 });
    const cost = pipelineCost(p);
    expect(usdOf(cost, 'highResolutionAlarms')).toBeCloseTo(2 * 0.3, 9);
    expect(usdOf(cost, 'standardAlarms')).toBeCloseTo(2 * 0.1, 9);
    expect(usdOf(cost, 'dashboards')).toBeCloseTo(3, 9);
  });
});

describe('the success path', () => {
  test('a Map state cannot be counted', () => {
    expect(() => successPath({ StartAt: 'M', States: { M: { Type: 'Map', End: true } } })).toThrow(
      'state "M" is a Map: its iterations depend on the input, so transitions cannot be counted',
    );
  });

  test('a Choice without Default is ambiguous', () => {
    expect(() => successPath({ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [] } } })).toThrow(
      'Choice state "C" has no Default: the success path is ambiguous',
    );
  });

  test('a loop is refused', () => {
    expect(() => successPath({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'A' } } })).toThrow(
      'state "A" is entered twice on the success path: transitions cannot be counted',
    );
  });
});

describe('a fleet', () => {
  test('sums its pipelines; per cluster divides by every cluster; the floor is the custom metrics alone', () => {
    const stacks = [
      { name: 'a', settings: givenSettings({ clusters: names(3) }) },
      { name: 'b', settings: givenSettings({ clusters: names(1), workflowType: 'STANDARD' }) },
    ];
    const fleet = fleetCost(stacks);
    const a = pipelineCost(describePipelineForCost(stacks[0].settings));
    const b = pipelineCost(describePipelineForCost(stacks[1].settings));
    expect(fleet.clusters).toBe(4);
    expect(fleet.design.usd).toBeCloseTo(a.usd + b.usd, 9);
    expect(fleet.perCluster.design).toBeCloseTo((a.usd + b.usd) / 4, 9);
    expect(fleet.perCluster.blog).toBeCloseTo(pipelineCost(blogPipeline(5)).usd, 9);
    expect(fleet.perCluster.floor).toBeCloseTo((16 * 0.3) / 4, 9);
    expect(fleet.blogToDesignRatio).toBeCloseTo(fleet.blog.usd / fleet.design.usd, 9);
    const summed = fleet.design.lines.find((l) => l.item === 'lambdaRequests')!;
    expect(summed.quantity).toBe(2 * TICKS_AT_5S);
  });

  test('an empty fleet is refused', () => {
    expect(() => fleetCost([])).toThrow('the fleet has no pipelines to price');
  });
});

describe('the arithmetic reads as English', () => {
  // GIVEN a month of one pipeline's usage with one of each thing a bill counts.
  const base = monthlyUsage(whenDescribed());
  const one = priceUsage({ ...base, standardAlarms: 1, highResolutionAlarms: 4, dashboards: 1, customMetrics: 1, fleetHealthMetrics: 0 });
  const basis = (item: CostItem) => lineOf(one, item).basis;

  test('a price per one thing is singular; one of a thing is singular, several plural', () => {
    expect(basis('standardAlarms')).toBe('1 alarm × $0.1 per alarm');
    expect(basis('highResolutionAlarms')).toBe('4 alarms × $0.3 per alarm');
    expect(basis('dashboards')).toBe("1 dashboard × $3 per month (the account's 3 free ones assumed in use)");
    expect(basis('customMetrics')).toBe('1 metric × $0.3 per metric');
    expect(basis('putMetricData')).toBe('518,400 requests × $0.01 per 1,000 requests');
  });

  test('the custom metrics say how many of them are fleet-health series', () => {
    expect(lineOf(priceUsage(base), 'customMetrics').basis).toBe('8 metrics (4 of them fleet-health series) × $0.3 per metric');
  });

  test('the one free tier priced says so where it is applied, and the price source names the exception', () => {
    expect(basis('trigger')).toBe(
      '43,200 invocations, within the 14,000,000 free per account a month (the one free tier priced: a schedule a minute uses 43,200, so no account pays)',
    );
    expect(PRICES_SOURCE).toContain("free tiers ignored but EventBridge Scheduler's (its line says why)");
  });
});
