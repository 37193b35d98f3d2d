/**
 * `npm run cost` cites COSTS.md for its prices: the file exists in the repository, carries the
 * date of the price table, and states every price and API limit the cost model computes with,
 * so a price changed in modules/cost/prices.ts fails here until COSTS.md says the same.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { API_LIMITS } from '../../../modules/metrics/catalog';
import { loadFleetConfig } from '../../../modules/subpaths/fleet';
import { PRICES } from '../../../modules/subpaths/cost';
import { costJson } from '../../../scripts/lib/cost/json';
import { PRICES_SOURCE, priceFleet } from '../../../scripts/lib/cost/pricing';
import { costTables } from '../../../scripts/lib/cost/tables';
import { ROOT } from '../../support/app';

const COSTS_MD = readFileSync(path.join(ROOT, 'COSTS.md'), 'utf8');
const EXAMPLE = path.join(ROOT, 'examples', 'fleet.json');
const usd = (n: number, digits = 2) => `$${n.toFixed(digits)}`;
const count = (n: number) => n.toLocaleString('en-US');

test('the text and the JSON output cite COSTS.md, with the date of the prices', () => {
  const cost = priceFleet(loadFleetConfig(EXAMPLE));
  expect(costTables(EXAMPLE, cost)).toContain(`Prices: ${PRICES_SOURCE}; as of ${PRICES.asOf};`);
  expect(costJson(EXAMPLE, cost).fleet.prices).toEqual({ asOf: PRICES.asOf, source: PRICES_SOURCE, daysPerMonth: 30 });
  expect(PRICES_SOURCE).toContain('COSTS.md (repository root)');
  expect(COSTS_MD).toContain(`read on **${PRICES.asOf}**`);
  expect(COSTS_MD).toContain(`## Prices (us-east-1, ${PRICES.asOf})`);
});

test('COSTS.md states every price of the cost model', () => {
  const { stepFunctions: sfn, lambda, cloudWatch: cw, eventBridge: eb } = PRICES;
  const stated = [
    `${usd(sfn.standardUsdPerTransition * 1000, 3)} per 1,000 state transitions`,
    `${usd(sfn.expressUsdPerRequest * 1e6)} per 1M requests`,
    `$${sfn.expressUsdPerGbSecond} per GB-second, memory billed in ${sfn.expressMemoryStepMb} MB steps, duration rounded up to ${sfn.expressDurationStepMs} ms`,
    `${usd(lambda.usdPerRequest * 1e6)} per 1M requests`,
    `x86_64 $${lambda.usdPerGbSecond.x86_64} per GB-second, arm64 $${lambda.usdPerGbSecond.arm64} per GB-second, billed per ${lambda.durationStepMs} ms`,
    `${usd(cw.customMetricTiers[0].usdPerMetricMonth)} per metric-month for the first ${count(cw.customMetricTiers[0].upTo)}`,
    `${usd(cw.customMetricTiers[1].usdPerMetricMonth)} for the next ${count(cw.customMetricTiers[1].upTo - cw.customMetricTiers[0].upTo)}`,
    `${usd(cw.customMetricTiers[2].usdPerMetricMonth)} for the next ${count(cw.customMetricTiers[2].upTo - cw.customMetricTiers[1].upTo)}`,
    `${usd(cw.customMetricTiers[3].usdPerMetricMonth)} beyond`,
    `${usd(cw.putMetricDataUsdPerRequest * 1000)} per 1,000 requests`,
    `${usd(cw.alarmUsdPerMonth.standard)} per alarm-month at a period of 60 s or more; ${usd(cw.alarmUsdPerMonth.highResolution)} for a high-resolution alarm`,
    `${usd(cw.dashboardUsdPerMonth)} per dashboard-month`,
    `${usd(cw.logsUsdPerIngestedGb)} per GB`,
    `${eb.schedulerFreeInvocationsPerAccount / 1e6}M invocations a month free per account, then ${usd(eb.schedulerUsdPerInvocation * 1e6)} per 1M`,
    `${PRICES.minutesPerMonth / 1440} days`,
    `${count(PRICES.minutesPerMonth)} minutes`,
  ];
  expect(stated.filter((text) => !COSTS_MD.includes(text))).toEqual([]);
  expect(eb.ruleUsdPerInvocation).toBe(0);
  expect(COSTS_MD).toContain('| EventBridge rule on a schedule | free |');
});

test('COSTS.md states every API batch limit the collector is built on', () => {
  const stated = [
    `| ecs:DescribeClusters | ${API_LIMITS.describeClustersBatch} clusters per call`,
    `| ecs:DescribeServices | ${API_LIMITS.describeServicesBatch} services per call`,
    `| ecs:ListServices, ListClusters | maxResults ${API_LIMITS.listServicesPage}`,
    `| cloudwatch:PutMetricData | ${count(API_LIMITS.putMetricDataBatch)} datums per request`,
  ];
  expect(stated.filter((text) => !COSTS_MD.includes(text))).toEqual([]);
});
