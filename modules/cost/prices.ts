/**
 * The AWS prices and billing rules the cost model uses, in one dated table: us-east-1 list
 * prices, free tiers ignored (except where a free allowance decides the answer, noted there).
 * A price change is one edit here.
 */
import { API_LIMITS } from '../metrics/catalog';

/** One tier of the custom-metric price: metrics up to `upTo` (cumulative) cost `usdPerMetricMonth` each. */
export interface MetricPriceTier {
  readonly upTo: number;
  readonly usdPerMetricMonth: number;
}

export const PRICES = {
  /** When the prices were read. */
  asOf: '2026-11-26',
  /** Where they come from. */
  source: "AWS public pricing pages, us-east-1 list prices, free tiers ignored (the team's COSTS.md)",
  /** A 30-day month: 43,200 minutes, so 43,200 executions of a once-a-minute trigger. */
  minutesPerMonth: 30 * 24 * 60,
  stepFunctions: {
    standardUsdPerTransition: 0.025 / 1_000,
    expressUsdPerRequest: 1.0 / 1_000_000,
    expressUsdPerGbSecond: 0.00001667,
    /** Express bills memory in 64 MB steps and duration rounded up to 100 ms; Wait time counts. */
    expressMemoryStepMb: 64,
    expressDurationStepMs: 100,
  },
  lambda: {
    usdPerRequest: 0.2 / 1_000_000,
    usdPerGbSecond: { x86_64: 0.0000166667, arm64: 0.0000133334 },
    /** Lambda bills duration per 1 ms. */
    durationStepMs: 1,
  },
  cloudWatch: {
    /** Custom metrics, high resolution at the same price; tiers by the month's metric count. */
    customMetricTiers: [
      { upTo: 10_000, usdPerMetricMonth: 0.3 },
      { upTo: 250_000, usdPerMetricMonth: 0.1 },
      { upTo: 1_000_000, usdPerMetricMonth: 0.05 },
      { upTo: Number.POSITIVE_INFINITY, usdPerMetricMonth: 0.02 },
    ] as readonly MetricPriceTier[],
    putMetricDataUsdPerRequest: 0.01 / 1_000,
    /** An alarm on a Metrics Insights query is billed per series it analyzes, at the standard alarm price. */
    alarmUsdPerMonth: { standard: 0.1, highResolution: 0.3 },
    dashboardUsdPerMonth: 3,
    logsUsdPerIngestedGb: 0.5,
  },
  s3: {
    /** GET requests, S3 Standard: the hub's collector reads its target list. */
    getUsdPerRequest: 0.0004 / 1_000,
  },
  eventBridge: {
    ruleUsdPerInvocation: 0,
    schedulerUsdPerInvocation: 1.0 / 1_000_000,
    /**
     * Scheduler's free allowance per account a month. A fleet has one schedule per account-region,
     * at most 39 regions × 43,200 = 1.7M invocations per account, so it never leaves the free tier.
     */
    schedulerFreeInvocationsPerAccount: 14_000_000,
  },
  /** API batch limits (DescribeClusters 100 names, PutMetricData 1,000 datums), from the metric catalog. */
  limits: API_LIMITS,
} as const;

/** Bytes in a billed GB (CloudWatch Logs) and MB in a GB (Lambda, Step Functions memory). */
export const BYTES_PER_GB = 1024 ** 3;
export const MB_PER_GB = 1024;
