/**
 * The monthly cost of a pipeline: first what it uses in a month (executions, transitions,
 * invocations, GB-seconds, requests, metrics, log bytes), then that usage priced line by line
 * from PRICES. Pure arithmetic: no construct, no file, no clock.
 */
import type { Architecture } from '../common/settings';
import { blogPipeline, type PipelineDescription, type TickShape } from './pipeline-description';
import { BYTES_PER_GB, MB_PER_GB, PRICES } from './prices';

/** What a pipeline (or several alike) uses in one month. */
export interface MonthlyUsage {
  /** State machine executions: one a minute per state machine. */
  readonly executions: number;
  /** Standard workflow state transitions. */
  readonly stateTransitions: number;
  /** Express workflow requests (executions started). */
  readonly expressRequests: number;
  /** Express workflow duration × billed memory, rounded as AWS rounds. */
  readonly expressGbSeconds: number;
  readonly schedulerInvocations: number;
  readonly ruleInvocations: number;
  readonly lambdaRequests: number;
  readonly lambdaGbSeconds: number;
  readonly lambdaArchitecture: Architecture;
  readonly putMetricDataRequests: number;
  /** Distinct metrics (name and dimensions) published. */
  readonly customMetrics: number;
  /** Of them, the fleet-health series (a few per pipeline). */
  readonly fleetHealthMetrics: number;
  readonly standardAlarms: number;
  readonly highResolutionAlarms: number;
  readonly dashboards: number;
  /** Bytes ingested by CloudWatch Logs. */
  readonly logBytes: number;
  /** S3 GET requests (the hub's target list). */
  readonly s3GetRequests: number;
}

/** Datums one collector invocation publishes: one per metric per cluster and per service, and the fleet-health series. */
export function datumsPerInvocation(p: PipelineDescription): number {
  return p.clusters * p.metricsPerCluster + p.services * p.metricsPerService + p.fleetHealthMetrics;
}

/**
 * The ticks of one execution as the bill sees them: the description's shapes, or, without any, one
 * shape of `branches` ticks, each one invocation of `collector.durationMs` publishing every datum.
 */
export function ticksOf(p: PipelineDescription): readonly TickShape[] {
  return (
    p.ticks ?? [
      { label: 'every tick', perExecution: p.branches, last: true, invocations: [{ durationMs: p.collector.durationMs, datums: datumsPerInvocation(p) }] },
    ]
  );
}

/** How long the execution's last tick runs: its slowest invocation (a tick of several shards ends with its slowest). */
function lastTickMs(p: PipelineDescription): number {
  const last = ticksOf(p).find((shape) => shape.last) ?? ticksOf(p)[0];
  return Math.max(...last.invocations.map((i) => i.durationMs));
}

/** The seconds an Express execution is billed: the last branch's wait plus its collector run, up to 100 ms. */
export function expressBilledSeconds(p: PipelineDescription): number {
  const step = PRICES.stepFunctions.expressDurationStepMs;
  const lastWaitMs = (p.branches - 1) * p.intervalSeconds * 1000;
  return (Math.ceil((lastWaitMs + lastTickMs(p)) / step) * step) / 1000;
}

/** Collector invocations of one execution: a tick's invocations (one, or one per shard) summed over its ticks. */
export function invocationsPerExecution(p: PipelineDescription): number {
  return ticksOf(p).reduce((sum, shape) => sum + shape.perExecution * shape.invocations.length, 0);
}

export function monthlyUsage(p: PipelineDescription): MonthlyUsage {
  const executions = PRICES.minutesPerMonth;
  const invocations = executions * invocationsPerExecution(p);
  const express = p.workflowType === 'EXPRESS';
  const memoryStep = PRICES.stepFunctions.expressMemoryStepMb;
  const expressGb = (Math.ceil(p.stateMachine.expressBilledMemoryMb / memoryStep) * memoryStep) / MB_PER_GB;
  const lambdaStep = PRICES.lambda.durationStepMs;
  const billedSeconds = (durationMs: number) => (Math.ceil(durationMs / lambdaStep) * lambdaStep) / 1000;
  // Every invocation billed its own duration (1 ms steps) and its own PutMetricData requests (1,000 datums each).
  let lambdaGbSeconds = 0;
  let putMetricDataRequests = 0;
  for (const shape of ticksOf(p)) {
    for (const invocation of shape.invocations) {
      const count = executions * shape.perExecution;
      lambdaGbSeconds += count * (p.collector.memoryMb / MB_PER_GB) * billedSeconds(invocation.durationMs);
      putMetricDataRequests += count * Math.ceil(invocation.datums / PRICES.limits.putMetricDataBatch);
    }
  }
  const datums = datumsPerInvocation(p);
  return {
    executions,
    stateTransitions: express ? 0 : executions * p.transitionsPerExecution,
    expressRequests: express ? executions : 0,
    expressGbSeconds: express ? executions * expressBilledSeconds(p) * expressGb : 0,
    schedulerInvocations: p.trigger === 'SCHEDULER' ? executions : 0,
    ruleInvocations: p.trigger === 'EVENTBRIDGE_RULE' ? executions : 0,
    lambdaRequests: invocations,
    lambdaGbSeconds,
    lambdaArchitecture: p.collector.architecture,
    putMetricDataRequests,
    customMetrics: datums,
    fleetHealthMetrics: p.fleetHealthMetrics,
    standardAlarms: p.alarms.standard,
    highResolutionAlarms: p.alarms.highResolution,
    dashboards: p.dashboards,
    logBytes: invocations * p.collector.logBytesPerInvocation + executions * p.stateMachine.logBytesPerExecution,
    s3GetRequests: 0,
  };
}

/** The usage of `copies` pipelines alike, in one account-region (the blog's design: one per cluster). */
export function scaleUsage(usage: MonthlyUsage, copies: number): MonthlyUsage {
  const scaled: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(usage)) scaled[key] = typeof value === 'number' ? value * copies : value;
  return scaled as unknown as MonthlyUsage;
}

/** What a line of the bill can be for, in the order bills list them. */
export const COST_ITEMS = [
  'stepFunctionsTransitions',
  'stepFunctionsRequests',
  'stepFunctionsDuration',
  'trigger',
  'lambdaRequests',
  'lambdaCompute',
  'putMetricData',
  'customMetrics',
  'standardAlarms',
  'highResolutionAlarms',
  'dashboards',
  'logs',
  's3Requests',
] as const;

export type CostItem = (typeof COST_ITEMS)[number];

/** Orders lines as bills list them (COST_ITEMS). */
export function byBillOrder(a: { readonly item: CostItem }, b: { readonly item: CostItem }): number {
  return COST_ITEMS.indexOf(a.item) - COST_ITEMS.indexOf(b.item);
}

/** One line of a monthly bill. */
export interface CostLine {
  readonly item: CostItem;
  /** What it is, in words. */
  readonly label: string;
  /** How much is billed, in `unit`. */
  readonly quantity: number;
  readonly unit: string;
  /** US dollars a month. */
  readonly usd: number;
  /** The arithmetic, e.g. `1,123,200 transitions × $0.025 per 1,000`. */
  readonly basis: string;
}

export interface PipelineCost {
  readonly lines: readonly CostLine[];
  /** US dollars a month, every line. */
  readonly usd: number;
}

/** The cost of `count` custom metrics in one account-region, tier by tier. */
export function customMetricsUsd(count: number): number {
  let usd = 0;
  let below = 0;
  for (const tier of PRICES.cloudWatch.customMetricTiers) {
    const inTier = Math.max(0, Math.min(count, tier.upTo) - below);
    usd += inTier * tier.usdPerMetricMonth;
    below = tier.upTo;
  }
  return usd;
}

/**
 * The metric floor of a pipeline: its cluster and service metrics alone, which no design avoids
 * (the fleet-health series, a few per pipeline and optional, are not part of it).
 */
export function metricFloorUsd(p: PipelineDescription): number {
  return customMetricsUsd(datumsPerInvocation(p) - p.fleetHealthMetrics);
}

/** One formatter per precision: toLocaleString builds one per call, which dominated pricing thousands of pipelines. */
const formatters = new Map<number, Intl.NumberFormat>();
const number = (n: number, digits = 0) => {
  let format = formatters.get(digits);
  if (!format) formatters.set(digits, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format.format(n);
};

/** The units a bill counts, each with its singular. */
const SINGULAR: Readonly<Record<string, string>> = {
  transitions: 'transition',
  requests: 'request',
  invocations: 'invocation',
  metrics: 'metric',
  alarms: 'alarm',
  dashboards: 'dashboard',
};

/** `unit` for `n` of it: "1 dashboard", "2 dashboards", "per alarm". */
const unitFor = (n: number, unit: string) => (n === 1 ? (SINGULAR[unit] ?? unit) : unit);

/** A unit price in words: $0.025 per 1,000 rather than $0.000025. */
function perUnit(usd: number, unit: string): string {
  for (const per of [1, 1_000, 1_000_000]) {
    const price = usd * per;
    if (price >= 0.01) return `$${+price.toPrecision(6)} per ${per === 1 ? unitFor(1, unit) : `${number(per)} ${unit}`}`;
  }
  return `$${usd} per ${unitFor(1, unit)}`;
}

/** Prices a month of usage; lines of zero quantity are left out. */
export function priceUsage(u: MonthlyUsage): PipelineCost {
  const sfn = PRICES.stepFunctions;
  const cw = PRICES.cloudWatch;
  const eb = PRICES.eventBridge;
  const lambdaGbPrice = PRICES.lambda.usdPerGbSecond[u.lambdaArchitecture];
  const line = (item: CostItem, label: string, quantity: number, unit: string, unitUsd: number, digits = 0): CostLine => ({
    item,
    label,
    quantity,
    unit,
    usd: quantity * unitUsd,
    basis: `${number(quantity, digits)} ${unitFor(quantity, unit)} × ${perUnit(unitUsd, unit)}`,
  });
  const metricsUsd = customMetricsUsd(u.customMetrics);
  const ofThem = u.fleetHealthMetrics > 0 ? ` (${number(u.fleetHealthMetrics)} of them fleet-health series)` : '';
  const billableSchedules = Math.max(0, u.schedulerInvocations - eb.schedulerFreeInvocationsPerAccount);
  const lines: CostLine[] = [
    line('stepFunctionsTransitions', 'Step Functions Standard transitions', u.stateTransitions, 'transitions', sfn.standardUsdPerTransition),
    line('stepFunctionsRequests', 'Step Functions Express requests', u.expressRequests, 'requests', sfn.expressUsdPerRequest),
    line('stepFunctionsDuration', 'Step Functions Express duration', u.expressGbSeconds, 'GB-s', sfn.expressUsdPerGbSecond, 1),
    {
      ...line('trigger', 'EventBridge Scheduler', u.schedulerInvocations, 'invocations', eb.schedulerUsdPerInvocation),
      usd: billableSchedules * eb.schedulerUsdPerInvocation,
      // The one free tier priced: ignoring it would bill every pipeline for a schedule that, at 43,200 invocations a month, never leaves it.
      basis:
        `${number(u.schedulerInvocations)} ${unitFor(u.schedulerInvocations, 'invocations')}, within the ${number(eb.schedulerFreeInvocationsPerAccount)} free per account a month ` +
        '(the one free tier priced: a schedule a minute uses 43,200, so no account pays)',
    },
    { ...line('trigger', 'EventBridge rule', u.ruleInvocations, 'invocations', eb.ruleUsdPerInvocation), basis: 'scheduled rules are free' },
    line('lambdaRequests', 'Lambda requests', u.lambdaRequests, 'requests', PRICES.lambda.usdPerRequest),
    line('lambdaCompute', `Lambda compute (${u.lambdaArchitecture})`, u.lambdaGbSeconds, 'GB-s', lambdaGbPrice, 1),
    line('putMetricData', 'CloudWatch PutMetricData', u.putMetricDataRequests, 'requests', cw.putMetricDataUsdPerRequest),
    {
      ...line('customMetrics', 'CloudWatch custom metrics', u.customMetrics, 'metrics', 0),
      usd: metricsUsd,
      basis:
        u.customMetrics <= cw.customMetricTiers[0].upTo
          ? `${number(u.customMetrics)} ${unitFor(u.customMetrics, 'metrics')}${ofThem} × $${cw.customMetricTiers[0].usdPerMetricMonth} per metric`
          : `${number(u.customMetrics)} metrics${ofThem}, tiered from $${cw.customMetricTiers[0].usdPerMetricMonth} per metric`,
    },
    line('standardAlarms', 'CloudWatch alarms (60 s)', u.standardAlarms, 'alarms', cw.alarmUsdPerMonth.standard),
    line('highResolutionAlarms', 'CloudWatch alarms (high resolution)', u.highResolutionAlarms, 'alarms', cw.alarmUsdPerMonth.highResolution),
    {
      ...line('dashboards', 'CloudWatch dashboards', u.dashboards, 'dashboards', cw.dashboardUsdPerMonth),
      // AWS gives 3 dashboards free per account; other uses are assumed to have taken them.
      basis: `${number(u.dashboards)} ${unitFor(u.dashboards, 'dashboards')} × $${cw.dashboardUsdPerMonth} per month (the account's 3 free ones assumed in use)`,
    },
    line('logs', 'CloudWatch Logs ingestion', u.logBytes / BYTES_PER_GB, 'GB', cw.logsUsdPerIngestedGb, 3),
    line('s3Requests', 'S3 GET requests (the target list)', u.s3GetRequests, 'requests', PRICES.s3.getUsdPerRequest),
  ].filter((l) => l.quantity > 0);
  return { lines, usd: lines.reduce((sum, l) => sum + l.usd, 0) };
}

/** The monthly cost of one pipeline. */
export function pipelineCost(p: PipelineDescription): PipelineCost {
  return priceUsage(monthlyUsage(p));
}

/** The same clusters as the blog built it: one blog pipeline per cluster, at the same interval. */
export function blogDesignCostOfSameClusters(p: PipelineDescription): PipelineCost {
  return priceUsage(scaleUsage(monthlyUsage(blogPipeline(p.intervalSeconds)), p.clusters));
}
