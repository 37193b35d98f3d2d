/**
 * The README's "Fleet-health alarms" section says what the code does: the series and their alarm
 * defaults, the detection-time arithmetic (detectionTime) and the alarm counts (alarmCounts).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FLEET_HEALTH_ALARM_DEFAULTS, PIPELINE_DEFAULTS } from '../../../modules/common/settings';
import { alarmCounts } from '../../../modules/cost/alarm-count';
import { FLEET_HEALTH_METRIC_NAMES } from '../../../modules/metrics/catalog';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { defaultAlarmPeriod } from '../../../modules/monitoring/alarm-rules';
import { shardedAlarmPeriod } from '../../../modules/monitoring/fleet-health-alarms';
import { detectionTime } from '../../../modules/monitoring/detection-time';
import { ROOT } from '../../support/app';
import { hubCost } from '../../../modules/cost/hub-cost';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('### Fleet-health alarms'), README.indexOf('\n## Cost'));
const number = (n: number) => n.toLocaleString('en-US');

test('the section exists, inside the alarms chapter', () => {
  expect(SECTION.length).toBeGreaterThan(1000);
});

test('each series is listed with its alarm default, M of N as the settings define it', () => {
  for (const name of FLEET_HEALTH_METRIC_NAMES) {
    const row = SECTION.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect([name, row]).toEqual([name, expect.any(String)]);
    const defaults = (FLEET_HEALTH_ALARM_DEFAULTS as Record<string, { threshold: number; evaluationPeriods: number; datapointsToAlarm: number }>)[name];
    const expected = defaults ? `≥ ${defaults.threshold} in ${defaults.datapointsToAlarm} of ${defaults.evaluationPeriods} periods |` : 'none';
    expect([name, row]).toEqual([name, expect.stringContaining(expected)]);
  }
});

test('the detection-time table is detectionTime at the default interval, 1 of 1 periods of 10 s', () => {
  const interval = PIPELINE_DEFAULTS.intervalSeconds;
  const period = defaultAlarmPeriod(interval);
  const t = detectionTime({ intervalSeconds: interval, periodSeconds: period, datapointsToAlarm: 1 });
  expect(SECTION).toContain(`| the next tick reads it | ${t.untilReadSeconds} s |`);
  expect(SECTION).toContain(`| the tick's period ends | ${t.untilPeriodsEndSeconds} s |`);
  expect(SECTION).toContain(`| CloudWatch evaluates it | ${t.untilEvaluatedSeconds} s |`);
  expect(SECTION).toContain(
    `| **bound** | **${t.worstSeconds} s** | ${t.alignedSeconds} s when evaluations fall on period ends; ${t.typicalSeconds} s on average |`,
  );
  expect(SECTION).toContain(`documented worst case is ${t.worstSeconds} s`);
  const unread = detectionTime({ intervalSeconds: interval, periodSeconds: period, datapointsToAlarm: 2 });
  expect(SECTION).toContain(`The 2-of-3 alarms on unread clusters\nfire within ${unread.worstSeconds} s`);
});

test('the alarm-count table is alarmCounts at 100 × 3 and 1,000 × 25, both topologies', () => {
  const rows: Array<[string, 'hub' | 'account-region', number, number]> = [
    ['100 × 3', 'hub', 100, 3],
    ['100 × 3', 'account-region', 100, 3],
    ['1,000 × 25', 'hub', 1000, 25],
    ['1,000 × 25', 'account-region', 1000, 25],
  ];
  for (const [fleet, topology, regions, clusters] of rows) {
    const c = alarmCounts(topology, regions, clusters);
    const words = topology === 'hub' ? 'hub' : 'a pipeline per account-region';
    const line = SECTION.split('\n').find((l) => l.startsWith(`| ${fleet} | ${words} |`));
    expect(line).toBeDefined();
    const cells = line!.split('|').map((cell) => cell.trim());
    expect([cells[3], cells[4].split(' ')[0], cells[5]]).toEqual([number(c.listed), number(c.discovered), number(c.fleetHealth)]);
  }
});

test("the hub's bill at 100 × 3 with every default is the model's, within 1.1 × the floor", () => {
  const targets = Array.from({ length: 100 }, (_, i) => ({ account: String(100_000_000_000 + i), region: 'us-east-1', clusters: ['a', 'b', 'c'] }));
  const hub = hubCost({ settings: resolvePipelineSettings({ clusters: ['unused'], account: '999999999999', region: 'eu-west-1' }), targets });
  const ratio = hub.perCluster.design / hub.perCluster.floor;
  expect(ratio).toBeLessThanOrEqual(1.1);
  expect(SECTION).toContain(
    `$${hub.design.usd.toFixed(2)} in all, $${hub.perCluster.design.toFixed(3)} per\ncluster-month, ${ratio.toFixed(3)} × the $${hub.perCluster.floor.toFixed(2)} floor`,
  );
});

test("the sharded hub's paragraph gives shardedAlarmPeriod for every allowed interval", () => {
  const byPeriod = new Map<number, number[]>();
  for (const interval of ALLOWED_INTERVALS) byPeriod.set(shardedAlarmPeriod(interval), [...(byPeriod.get(shardedAlarmPeriod(interval)) ?? []), interval]);
  const list = (xs: number[]) => (xs.length === 1 ? `${xs[0]}` : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
  const sentence = [...byPeriod].map(([period, intervals]) => `${period} s at ${list(intervals)} s`).join(', ');
  expect(sentence).toBe('10 s at 1, 2, 5 and 10 s, 30 s at 3, 6, 15 and 30 s, 60 s at 4, 12 and 20 s');
  expect(SECTION.replace(/\s+/g, ' ')).toContain(`the period is the shortest alarm period the interval divides: ${sentence}.`);
});
