/**
 * Monitoring in the fleet config: accepted, passed to each account-region's pipeline, and refused with
 * JSON paths. A problem only the pipeline sees stopping the app is in the slow tier
 * (__tests__/slow/cli/app-fleet-configs.test.ts).
 */
import * as path from 'node:path';
import { Testing } from 'cdktf';
import { ConfigError, loadFleetConfig, MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { ROOT } from '../../support/app';

const EXAMPLE = path.join(ROOT, 'examples', 'fleet-operations.json');

/** A one-region fleet config with these monitoring settings in `defaults` and in the region. */
const fleetWith = (settings: { defaults?: object; region?: object }) => ({
  name: 'ecs-highres',
  ...(settings.defaults ? { defaults: settings.defaults } : {}),
  accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api', 'prod-workers'], ...settings.region } } }],
});

/** The problems validation reports, none when the config is accepted. */
function problemsOf(data: unknown): readonly string[] {
  let thrown: unknown;
  try {
    validateFleetConfig(data);
  } catch (error) {
    thrown = error;
  }
  if (thrown !== undefined && !(thrown instanceof ConfigError)) throw thrown;
  return thrown?.problems ?? [];
}

const alarm = (extra: Record<string, unknown> = {}) => ({
  metric: 'PendingTask',
  comparison: 'GreaterThanThreshold',
  threshold: 5,
  ...extra,
});

test('monitoring settings are accepted in defaults and regions', () => {
  expect(problemsOf(fleetWith({ defaults: { alarms: [alarm()], tracing: true }, region: { dashboard: false, pipelineAlarms: false } }))).toEqual([]);
});

test('the operations example is valid, and each region gets its monitoring settings, defaults overridden', () => {
  // GIVEN the example; WHEN the fleet is built
  const fleet = new MetricsFleet(Testing.app(), 'fleet', { config: loadFleetConfig(EXAMPLE) });
  const [east, west] = ['us-east-1', 'eu-west-1'].map((region) => fleet.stacks.find((s) => s.node.id === `ecs-ops-111111111111-${region}`)!.pipeline.settings);
  expect(east).toMatchObject({
    tracing: true,
    dashboard: true,
    pipelineAlarms: true,
    alarmActions: { topicArns: [], createTopic: true, emails: ['platform-oncall@example.com'] },
  });
  expect(east.alarms).toEqual([
    {
      metric: 'PendingTask',
      comparison: 'GreaterThanThreshold',
      threshold: 10,
      periodSeconds: 10,
      evaluationPeriods: 6,
      datapointsToAlarm: 5,
      statistic: 'Maximum',
      treatMissingData: 'missing',
      clusters: undefined,
    },
    {
      metric: 'RunningTask',
      comparison: 'LessThanThreshold',
      threshold: 1,
      periodSeconds: 30,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
      statistic: 'Maximum',
      treatMissingData: 'breaching',
      clusters: undefined,
    },
  ]);
  // A region's alarmActions replace the defaults' as a whole.
  expect(west.alarmActions).toEqual({ topicArns: ['arn:aws:sns:eu-west-1:111111111111:platform-alerts'], createTopic: false, emails: [] });
  expect(west.alarms).toEqual(east.alarms);
});

test.each<[string, { defaults?: object; region?: object }, string | string[]]>([
  [
    'Sum',
    { defaults: { alarms: [alarm({ statistic: 'Sum' })] } },
    'defaults.alarms[0].statistic: "Sum" is refused: the pipeline publishes at least once (an Express execution or a retried tick can publish the same datum twice), so a Sum can count a value twice; use Maximum, Minimum, Average',
  ],
  [
    'more datapoints than evaluation periods',
    { region: { alarms: [alarm({ evaluationPeriods: 2, datapointsToAlarm: 3 })] } },
    'accounts[0].regions.us-east-1.alarms[0].datapointsToAlarm: 3 datapoints to alarm is more than the 2 evaluation periods: an alarm cannot need more breaching periods than it evaluates; lower datapointsToAlarm or raise evaluationPeriods',
  ],
  [
    'a period that is not 10, 30 or a multiple of 60',
    { defaults: { alarms: [alarm(), alarm({ threshold: 9, periodSeconds: 45 })] } },
    'defaults.alarms[1].periodSeconds: 45 s is not an alarm period: use 10 or 30 (high resolution) or a multiple of 60',
  ],
  [
    'an unknown metric',
    { defaults: { alarms: [alarm({ metric: 'CPUUtilization' })] } },
    'defaults.alarms[0].metric: "CPUUtilization" is not a metric the collector knows: use one of RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances, RunningEC2Task, RunningFargateTask, PendingEC2Task, PendingFargateTask, ActiveEC2Services, ActiveFargateServices, DrainingEC2Services, DrainingFargateServices, RunningCount, DesiredCount, PendingCount',
  ],
  [
    'an unknown comparison',
    { defaults: { alarms: [alarm({ comparison: '>' })] } },
    'defaults.alarms[0].comparison: ">" is not allowed: use one of "GreaterThanThreshold", "GreaterThanOrEqualToThreshold", "LessThanThreshold", "LessThanOrEqualToThreshold"',
  ],
  [
    'a missing threshold',
    { defaults: { alarms: [{ metric: 'PendingTask', comparison: 'GreaterThanThreshold' }] } },
    'defaults.alarms[0].threshold: is required (number)',
  ],
  [
    'a typo in an alarm key',
    { defaults: { alarms: [alarm({ period: 10 })] } },
    'defaults.alarms[0].period: unknown key "period": allowed keys are metric, comparison, threshold, periodSeconds, evaluationPeriods, datapointsToAlarm, statistic, treatMissingData, clusters',
  ],
  [
    'emails without the created topic',
    { defaults: { alarmActions: { emails: ['oncall@example.com'] } } },
    'defaults.alarmActions.emails: email subscriptions need the topic the library creates: set createTopic to true, or subscribe the addresses to your own topic and list it in topicArns',
  ],
  [
    'a topic ARN that is not one, and an address that is not one',
    { region: { alarmActions: { topicArns: ['oncall'], createTopic: true, emails: ['oncall'] } } },
    [
      'accounts[0].regions.us-east-1.alarmActions.topicArns[0]: "oncall" is not an SNS topic ARN: use one like arn:aws:sns:us-east-1:111111111111:alerts (FIFO topics cannot receive alarms)',
      'accounts[0].regions.us-east-1.alarmActions.emails[0]: "oncall" is not an email address: use one like oncall@example.com',
    ],
  ],
  ['tracing given as a string', { defaults: { tracing: 'yes' } }, 'defaults.tracing: expected boolean, got "yes"'],
])('%s is refused with its JSON path', (_, settings, message) => {
  expect(problemsOf(fleetWith(settings))).toEqual(Array.isArray(message) ? message : [message]);
});

describe('fleetHealthAlarms in the fleet config', () => {
  const settingsOf = (config: object) => new MetricsFleet(Testing.app(), 'fleet', { config: validateFleetConfig(config) }).stacks[0].pipeline.settings;

  test('absent: every fleet-health alarm with its defaults; false in defaults: none; a region replaces a series', () => {
    expect(settingsOf(fleetWith({})).fleetHealthAlarms.map((a) => a.series)).toEqual([
      'ClustersWithNoRunningTask',
      'ServicesBelowDesired',
      'UnreadClusters',
      'UnreadAccountRegions',
    ]);
    expect(settingsOf(fleetWith({ defaults: { fleetHealthAlarms: false } })).fleetHealthAlarms).toEqual([]);
    const changed = settingsOf(
      fleetWith({ region: { fleetHealthAlarms: { UnreadClusters: { threshold: 3 }, ServicesBelowDesired: false } } }),
    ).fleetHealthAlarms;
    expect(changed.map((a) => [a.series, a.threshold])).toEqual([
      ['ClustersWithNoRunningTask', 1],
      ['UnreadClusters', 3],
      ['UnreadAccountRegions', 1],
    ]);
  });

  test('an unknown series or field is refused with its path', () => {
    expect(problemsOf(fleetWith({ defaults: { fleetHealthAlarms: { PendingTasks: { threshold: 3 } } } }))).toEqual([
      'defaults.fleetHealthAlarms.PendingTasks: unknown key "PendingTasks": allowed keys are ClustersWithNoRunningTask, ServicesBelowDesired, UnreadClusters, UnreadAccountRegions',
    ]);
    expect(problemsOf(fleetWith({ defaults: { fleetHealthAlarms: { UnreadClusters: { period: 30 } } } }))).toEqual([
      'defaults.fleetHealthAlarms.UnreadClusters.period: unknown key "period": allowed keys are threshold, evaluationPeriods, datapointsToAlarm',
    ]);
  });
});
