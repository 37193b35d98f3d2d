/**
 * The alarm evaluator against CloudWatch's documented rules, one block per rule. "The guide" is the
 * CloudWatch User Guide, "Using Amazon CloudWatch alarms"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
 * source text in awsdocs/amazon-cloudwatch-user-guide doc_source/AlarmThatSendsEmail.md).
 */
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import {
  type EvaluatedAlarm,
  evaluatedAlarm,
  evaluationIntervalSeconds,
  evaluations,
  firstAlarm,
  periodDatapoints,
  type RangePoint,
  type StatisticSet,
  stateFromRange,
  type TreatMissingData,
  worstDetectionSeconds,
} from '../../../../scripts/lib/emulator/alarm-evaluator';

/** The guide's notation: 0 not breaching, X breaching, - missing; oldest first. */
const range = (row: string): RangePoint[] =>
  row.split(' ').map((c) => (c === 'X' ? 'breaching' : c === '0' ? 'notBreaching' : c === '-' ? 'missing' : (undefined as never)));

const TREATMENTS: readonly TreatMissingData[] = ['missing', 'ignore', 'breaching', 'notBreaching'];
const RETAIN = 'retain';

/** Each treatment's state for the row, from the current states OK and ALARM ("Retain current state" keeps either). */
function statesOf(row: string, evaluationPeriods: number, datapointsToAlarm: number) {
  return TREATMENTS.map((treatMissingData) => {
    const alarm = { evaluationPeriods, datapointsToAlarm, treatMissingData };
    const fromOk = stateFromRange(range(row), alarm, 'OK');
    const fromAlarm = stateFromRange(range(row), alarm, 'ALARM');
    return fromOk === 'OK' && fromAlarm === 'ALARM' ? RETAIN : fromOk === fromAlarm ? fromOk : `${fromOk}/${fromAlarm}`;
  });
}

describe('missing data: the guide\'s tables, "How alarm state is evaluated when data is missing", row by row (columns MISSING, IGNORE, BREACHING, NOT BREACHING)', () => {
  test.each([
    ['0 - X - X', ['OK', 'OK', 'OK', 'OK']],
    ['0 - - - -', ['OK', 'OK', 'OK', 'OK']],
    ['- - - - -', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
    ['0 X X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['- - - - X', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
    ['X - - - -', ['ALARM', RETAIN, 'ALARM', 'OK']],
  ])('3 out of 3, a range of 5: %s', (row, expected) => {
    expect(statesOf(row, 3, 3)).toEqual(expected);
  });

  test.each([
    ['0 - X - X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 0 X 0 X', ['ALARM', 'ALARM', 'ALARM', 'ALARM']],
    ['0 - X - -', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - 0', ['OK', 'OK', 'ALARM', 'OK']],
    ['- - - - X', ['INSUFFICIENT_DATA', RETAIN, 'ALARM', 'OK']],
  ])('2 out of 3 (M out of N), a range of 5: %s', (row, expected) => {
    expect(statesOf(row, 3, 2)).toEqual(expected);
  });
});

describe('Evaluation Periods and Datapoints to Alarm: "Evaluating an alarm"', () => {
  const threeOfThree = { evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing' as const };

  test('with every data point present, the most recent N decide; M breaching is ALARM, fewer is OK', () => {
    // The guide's figure: ALARM once the three most recent are above the threshold, OK when one dips below.
    expect(stateFromRange(range('0 0 X X X'), threeOfThree, 'OK')).toBe('ALARM');
    expect(stateFromRange(range('X X X X 0'), threeOfThree, 'ALARM')).toBe('OK');
    // An older breaching point outside the most recent N does not count.
    expect(stateFromRange(range('X X 0 X X'), threeOfThree, 'OK')).toBe('OK');
  });

  test('the breaching data points of an M out of N alarm need not be consecutive', () => {
    expect(stateFromRange(range('0 0 X 0 X'), { evaluationPeriods: 3, datapointsToAlarm: 2 }, 'OK')).toBe('ALARM');
    expect(stateFromRange(range('0 0 X 0 0'), { evaluationPeriods: 3, datapointsToAlarm: 2 }, 'OK')).toBe('OK');
  });

  test('without DatapointsToAlarm, M is N; without TreatMissingData, missing (the documented defaults)', () => {
    expect(stateFromRange(range('0 0 X 0 X'), { evaluationPeriods: 3 }, 'OK')).toBe('OK');
    expect(stateFromRange(range('- - - - -'), { evaluationPeriods: 1 }, 'OK')).toBe('INSUFFICIENT_DATA');
  });

  test('with at least N real points in the range, the treatment of missing data is not used', () => {
    for (const treatMissingData of TREATMENTS) {
      expect(stateFromRange(range('X - X - X'), { evaluationPeriods: 3, treatMissingData }, 'OK')).toBe('ALARM');
    }
  });
});

describe('periods over high-resolution data: each data point is the statistic over the period', () => {
  const datum = (seconds: number, value: number, sampleCount = 1): StatisticSet => ({
    timestamp: seconds * 1000,
    sampleCount,
    sum: value * sampleCount,
    minimum: value,
    maximum: value,
  });
  // Two ticks 5 s apart in each 10-s period; the tick at 15 published twice (a retried tick).
  const samples = [datum(0, 4), datum(5, 0), datum(10, 2), datum(15, 2, 2)];

  test.each([
    ['Maximum', [4, 2]],
    ['Minimum', [0, 2]],
    ['Average', [2, 2]],
    ['Sum', [4, 6]],
    ['SampleCount', [2, 3]],
  ] as const)('%s of a 10-s period', (statistic, values) => {
    expect([...periodDatapoints(samples, 10, statistic)]).toEqual([
      [0, values[0]],
      [10_000, values[1]],
    ]);
  });

  test('periods are aligned on multiples of the period: a 30-s period holds both 10-s periods', () => {
    expect([...periodDatapoints(samples, 30, 'Maximum')]).toEqual([[0, 4]]);
  });
});

describe('high-resolution alarms: "If the alarm period is 10 seconds or 30 seconds, the alarm is evaluated every 10 seconds"', () => {
  test('a period of 10 or 30 s is evaluated every 10 s, a period of a minute or more every minute', () => {
    expect([10, 30, 60, 300].map(evaluationIntervalSeconds)).toEqual([10, 10, 60, 60]);
    expect(() => evaluationIntervalSeconds(15)).toThrow('an alarm period of 15 s is neither 10, 30 nor a multiple of 60');
  });

  const alarm: EvaluatedAlarm = {
    name: 'no-running-task',
    periodSeconds: 10,
    evaluationPeriods: 1,
    threshold: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    statistic: 'Maximum',
  };
  // A tick every 5 s from 0 to 55; the value turns 1 at the tick of 25 s.
  const ticks: StatisticSet[] = Array.from({ length: 12 }, (_, i) => {
    const value = i * 5 >= 25 ? 1 : 0;
    return { timestamp: i * 5000, sampleCount: 1, sum: value, minimum: value, maximum: value };
  });

  test('each evaluation looks at periods that have ended: the period [20, 30) is seen from 30 s on', () => {
    const states = evaluations(alarm, ticks, 0, 40_000).map((e) => [e.at / 1000, e.state, e.range.at(-1)?.start]);
    expect(states).toEqual([
      [0, 'INSUFFICIENT_DATA', -10_000],
      [10, 'OK', 0],
      [20, 'OK', 10_000],
      [30, 'ALARM', 20_000],
      [40, 'ALARM', 30_000],
    ]);
  });

  test('the evaluation phase and an ingestion delay move the evaluation that fires', () => {
    const window = { fromMs: 0, afterMs: 20_000, toMs: 60_000 };
    expect(firstAlarm(alarm, ticks, window)?.at).toBe(30_000);
    expect(firstAlarm(alarm, ticks, window, { evaluationPhaseSeconds: 9 })?.at).toBe(39_000);
    // The datum of 25 s visible only at 31 s: the evaluation at 30 s does not see it.
    expect(firstAlarm(alarm, ticks, window, { ingestDelaySeconds: 6 })?.at).toBe(40_000);
  });

  test('the worst detection time over every phase: a change right after the tick of 20 s fires at most 19 s later', () => {
    expect(worstDetectionSeconds(alarm, ticks, { fromMs: 0, afterMs: 20_000, toMs: 60_000 })).toBe(19);
    // Never fired by the end of the window: no detection time at all.
    expect(worstDetectionSeconds(alarm, ticks, { fromMs: 0, afterMs: 20_000, toMs: 25_000 })).toBeUndefined();
  });

  test('ticks never published are missing data: even `breaching` fires only once the last real point has left the range of 3 (why zeros are published)', () => {
    const silent = ticks.filter((t) => t.timestamp < 20_000);
    const window = { fromMs: 0, afterMs: 20_000, toMs: 60_000 };
    expect(firstAlarm(alarm, silent, window)).toBeUndefined();
    // At 30 s and 40 s the range still holds the period [10, 20), not breaching: OK. At 50 s it holds nothing.
    expect(firstAlarm({ ...alarm, treatMissingData: 'breaching' }, silent, window)?.at).toBe(50_000);
  });
});

describe('the alarm as DescribeAlarms answers it', () => {
  const described: MetricAlarm = {
    AlarmName: 'ecs-highres-fleet-health',
    MetricName: 'ClustersWithNoRunningTask',
    Namespace: 'ECS',
    Statistic: 'Maximum',
    Period: 10,
    EvaluationPeriods: 2,
    DatapointsToAlarm: 1,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'breaching',
  };

  test('its period, M out of N, threshold, comparison, statistic and missing-data treatment', () => {
    expect(evaluatedAlarm(described)).toEqual({
      name: 'ecs-highres-fleet-health',
      periodSeconds: 10,
      evaluationPeriods: 2,
      datapointsToAlarm: 1,
      threshold: 1,
      comparison: 'GreaterThanOrEqualToThreshold',
      statistic: 'Maximum',
      treatMissingData: 'breaching',
    });
    const { DatapointsToAlarm: _m, TreatMissingData: _t, ...bare } = described;
    expect(evaluatedAlarm(bare)).toMatchObject({ datapointsToAlarm: undefined, treatMissingData: 'missing' });
  });

  test('an alarm it cannot evaluate is refused by name, saying why', () => {
    expect(() => evaluatedAlarm({ ...described, Metrics: [{ Id: 'q', Expression: 'SELECT MAX(RunningTask) FROM ECS' }] })).toThrow(
      'alarm ecs-highres-fleet-health: it is a metric math or Metrics Insights alarm',
    );
    expect(() => evaluatedAlarm({ ...described, Statistic: undefined, ExtendedStatistic: 'p99' })).toThrow('its statistic is p99');
    expect(() => evaluatedAlarm({ ...described, ComparisonOperator: 'LessThanLowerThreshold' })).toThrow('its comparison is LessThanLowerThreshold');
  });
});
