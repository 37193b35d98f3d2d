/**
 * The fleet-health alarms under a service cadence (serviceIntervalSeconds): the service series
 * (ServicesBelowDesired, TaskShortfall) are published on the service ticks only, so their alarm's
 * period holds at least one of those (defaultAlarmPeriod of the service interval) and the
 * detection time its description states grows with it (detectionTime); the other series keep the
 * interval's period and detection time.
 */
import { FLEET_HEALTH_DIMENSION } from '../../../modules/metrics/catalog';
import { detectionTime } from '../../../modules/monitoring/detection-time';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { EcsHighResMetricsHub } from '../../../modules';
import { fleetHealthAlarmsProblems, resolveFleetHealthAlarms, seriesIntervalSeconds } from '../../../modules/monitoring/fleet-health-alarms';
import { synthPipeline } from '../../support/synth';

const fleetHealthAlarms = (tf: any): Record<string, any> =>
  Object.fromEntries(
    Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm ?? {})
      .filter((a) => a.dimensions?.[FLEET_HEALTH_DIMENSION] !== undefined)
      .map((a) => [a.metric_name, a]),
  );
const WITH_SERVICES = { metrics: ['RunningTask', 'RunningCount'], services: { 'prod-api': ['web', 'api'] } };

test('the detection time of a series published every 30 s (period 30) and every 60 s (period 60)', () => {
  expect(detectionTime({ intervalSeconds: 5, periodSeconds: 10, datapointsToAlarm: 1 }).worstSeconds).toBe(25);
  expect(detectionTime({ intervalSeconds: 30, periodSeconds: 30, datapointsToAlarm: 1 }).worstSeconds).toBe(70);
  expect(detectionTime({ intervalSeconds: 60, periodSeconds: 60, datapointsToAlarm: 1 }).worstSeconds).toBe(180);
});

test('only the service series follow the service cadence', () => {
  const place = { intervalSeconds: 5, serviceIntervalSeconds: 30 };
  expect(seriesIntervalSeconds({ publishedBy: 'whenServicesCollected' }, place)).toBe(30);
  expect(seriesIntervalSeconds({ publishedBy: 'always' }, place)).toBe(5);
  expect(seriesIntervalSeconds({ publishedBy: 'whenServicesCollected' }, { intervalSeconds: 5 })).toBe(5);
});

describe('a pipeline at a 5-second interval', () => {
  test('reading services every tick: every fleet-health alarm has 10-s periods and fires within 25 s (one datapoint)', () => {
    const alarms = fleetHealthAlarms(synthPipeline(WITH_SERVICES).tf);
    expect(alarms.ServicesBelowDesired).toMatchObject({ period: 10 });
    expect(alarms.ServicesBelowDesired.alarm_description).toMatch(/periods of 10 s .*published every 5 s; fires within 25 s\)/);
    expect(alarms.ClustersWithNoRunningTask).toMatchObject({ period: 10 });
  });

  test('reading services every 30 s: ServicesBelowDesired has 30-s periods and fires within 70 s; the others are unchanged', () => {
    const alarms = fleetHealthAlarms(synthPipeline({ ...WITH_SERVICES, serviceIntervalSeconds: 30 }).tf);
    expect(alarms.ServicesBelowDesired).toMatchObject({ period: 30, evaluation_periods: 1, datapoints_to_alarm: 1 });
    expect(alarms.ServicesBelowDesired.alarm_description).toMatch(/periods of 30 s .*published every 30 s; fires within 70 s\)/);
    expect(alarms.ClustersWithNoRunningTask).toMatchObject({ period: 10 });
    expect(alarms.ClustersWithNoRunningTask.alarm_description).toMatch(/published every 5 s; fires within 25 s\)/);
  });

  test('reading services once a minute: a 60-s period, evaluated every minute, fires within 180 s', () => {
    const alarms = fleetHealthAlarms(synthPipeline({ ...WITH_SERVICES, serviceIntervalSeconds: 60 }).tf);
    expect(alarms.ServicesBelowDesired).toMatchObject({ period: 60 });
    expect(alarms.ServicesBelowDesired.alarm_description).toMatch(/published every 60 s; fires within 180 s\)/);
  });
});

describe('an alarm setting on a per-service metric', () => {
  const alarm = { metric: 'RunningCount', comparison: 'LessThanThreshold' as const, threshold: 1 };
  const periodOf = (tf: any) =>
    Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm)
      .filter((a) => a.metric_name === 'RunningCount')
      .map((a) => a.period);

  test('its default period holds a service tick: 30 s at serviceIntervalSeconds 30, 10 s reading every tick', () => {
    expect(periodOf(synthPipeline({ ...WITH_SERVICES, serviceIntervalSeconds: 30, alarms: [alarm] }).tf)).toEqual([30, 30]);
    expect(periodOf(synthPipeline({ ...WITH_SERVICES, alarms: [alarm] }).tf)).toEqual([10, 10]);
  });

  test('a period shorter than the service interval is refused', () => {
    expect(() => synthPipeline({ ...WITH_SERVICES, serviceIntervalSeconds: 30, alarms: [{ ...alarm, periodSeconds: 10 }] })).toThrow(
      /alarms\[0\]\.periodSeconds: 10 s is shorter than the pipeline's 30 s interval, so some periods would hold no datum: use a period of at least 30 s/,
    );
  });
});

describe("the fleet-health alarm settings are checked at each alarm's own period", () => {
  // CloudWatch evaluates at most a day of periods under an hour: 8,640 periods of 10 s, 1,440 of 60 s.
  const LONG = { ServicesBelowDesired: { evaluationPeriods: 2000 }, ClustersWithNoRunningTask: { evaluationPeriods: 2000 } };
  const OVER_A_DAY = "2000 periods of 60 s cover 120000 s, over CloudWatch's 86400 s limit for periods under an hour: use at most 1440 evaluation periods";

  test("services read every 60 s: 2,000 periods of ServicesBelowDesired's 60 s are refused (they were checked at 10 s and accepted); 2,000 of ClustersWithNoRunningTask's 10 s are not", () => {
    expect(fleetHealthAlarmsProblems(resolveFleetHealthAlarms(LONG), { intervalSeconds: 5, serviceIntervalSeconds: 60 })).toEqual([
      { path: ['ServicesBelowDesired', 'evaluationPeriods'], problem: OVER_A_DAY },
    ]);
    expect(
      fleetHealthAlarmsProblems(resolveFleetHealthAlarms({ ServicesBelowDesired: { evaluationPeriods: 1440 } }), {
        intervalSeconds: 5,
        serviceIntervalSeconds: 60,
      }),
    ).toEqual([]);
  });

  test('services read every tick: the same settings hold (10-s periods)', () => {
    expect(fleetHealthAlarmsProblems(resolveFleetHealthAlarms(LONG), { intervalSeconds: 5 })).toEqual([]);
    expect(fleetHealthAlarmsProblems(resolveFleetHealthAlarms(LONG), { intervalSeconds: 5, serviceIntervalSeconds: 5 })).toEqual([]);
  });

  test('the pipeline and the hub refuse it, naming the field', () => {
    expect(() => synthPipeline({ ...WITH_SERVICES, serviceIntervalSeconds: 60, fleetHealthAlarms: LONG })).toThrow(
      `fleetHealthAlarms.ServicesBelowDesired.evaluationPeriods: ${OVER_A_DAY}`,
    );
    const stack = new TerraformStack(Testing.app(), 'hub');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    expect(
      () =>
        new EcsHighResMetricsHub(stack, 'hub', {
          account: '999999999999',
          region: 'eu-west-1',
          targets: [{ account: '111111111111', region: 'us-east-1', clusters: ['prod'], services: { prod: ['api'] } }],
          metrics: ['RunningTask', 'RunningCount'],
          serviceIntervalSeconds: 60,
          fleetHealthAlarms: LONG,
        }),
    ).toThrow(`fleetHealthAlarms.ServicesBelowDesired.evaluationPeriods: ${OVER_A_DAY}`);
  });
});
