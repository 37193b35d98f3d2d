/**
 * The detection-time arithmetic (modules/monitoring/detection-time.ts): from a change the collector
 * reads to the alarm on its series firing, from the tick interval and CloudWatch's documented rules.
 */
import { ALARM_EVALUATION_CADENCE_SECONDS, detectionTime, evaluationCadenceSeconds } from '../../../modules/monitoring/detection-time';

describe('detectionTime', () => {
  test('at the default 5 s interval, a 10 s period and 1 datapoint: read within 5 s, period ends within 10 s, evaluated within 10 s: 25 s', () => {
    expect(detectionTime({ intervalSeconds: 5, periodSeconds: 10, datapointsToAlarm: 1 })).toEqual({
      untilReadSeconds: 5,
      untilPeriodsEndSeconds: 10,
      untilEvaluatedSeconds: 10,
      worstSeconds: 25,
      alignedSeconds: 15,
      typicalSeconds: 2.5 + 5 + 5,
    });
  });

  test('each further datapoint to alarm adds one period', () => {
    expect(detectionTime({ intervalSeconds: 5, periodSeconds: 10, datapointsToAlarm: 2 }).worstSeconds).toBe(35);
    expect(detectionTime({ intervalSeconds: 5, periodSeconds: 10, datapointsToAlarm: 3 }).worstSeconds).toBe(45);
  });

  test('a 1 s interval: 21 s; a 15 s interval with its 30 s period: 55 s', () => {
    expect(detectionTime({ intervalSeconds: 1, periodSeconds: 10, datapointsToAlarm: 1 }).worstSeconds).toBe(21);
    expect(detectionTime({ intervalSeconds: 15, periodSeconds: 30, datapointsToAlarm: 1 }).worstSeconds).toBe(55);
  });

  test('CloudWatch evaluates alarms of 10 to 30 s periods every 10 s, others every minute', () => {
    expect(ALARM_EVALUATION_CADENCE_SECONDS).toEqual({ highResolution: 10, standard: 60 });
    expect([10, 30, 60, 300].map(evaluationCadenceSeconds)).toEqual([10, 10, 60, 60]);
    expect(detectionTime({ intervalSeconds: 5, periodSeconds: 60, datapointsToAlarm: 1 }).worstSeconds).toBe(5 + 60 + 60);
  });

  test('a period shorter than the interval, or no datapoint, is refused', () => {
    expect(() => detectionTime({ intervalSeconds: 15, periodSeconds: 10, datapointsToAlarm: 1 })).toThrow('a period of at least the interval');
    expect(() => detectionTime({ intervalSeconds: 5, periodSeconds: 10, datapointsToAlarm: 0 })).toThrow('at least 1 datapoint');
  });
});
