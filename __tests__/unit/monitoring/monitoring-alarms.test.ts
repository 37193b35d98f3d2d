/** Alarms on the collected metrics: validation messages, one alarm per cluster or service, and their actions. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { EcsHighResMetrics, type MetricAlarmProps, ValidationError } from '../../../modules';
import { type MetricDefinition, metricDefinition } from '../../../modules/subpaths/metrics';
import {
  type AlarmedPipeline,
  alarmSettingProblems,
  metricAlarmDefinitions,
  metricAlarmProblems,
  resolveMetricAlarm,
} from '../../../modules/monitoring/metric-alarms';
import { publishedDefinitions } from '../../../modules/monitoring/monitoring-settings';
import { FLEET_HEALTH_DIMENSION } from '../../../modules/metrics/catalog';
import { addressOf, byId, only, synthPipeline } from '../../support/synth';

/** A per-service metric, from the catalog. */
const RUNNING_COUNT: MetricDefinition = metricDefinition('RunningCount')!;

const PENDING_ABOVE_5: MetricAlarmProps = { metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 };

/** Metric alarms of a synthesized stack (not the pipeline-health nor the fleet-health ones), by alarm name. */
const metricAlarms = (tf: any): Record<string, any> =>
  Object.fromEntries(
    Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm ?? {})
      .filter((a) => a.namespace !== 'AWS/States' && a.namespace !== 'AWS/Lambda' && a.dimensions?.[FLEET_HEALTH_DIMENSION] === undefined)
      .map((a) => [a.alarm_name, a]),
  );

describe('alarm settings on their own', () => {
  const problems = (alarm: Record<string, unknown>) => alarmSettingProblems({ ...PENDING_ABOVE_5, ...alarm });

  test.each<[string, Record<string, unknown>, string[], string]>([
    [
      'more datapoints than evaluation periods',
      { evaluationPeriods: 3, datapointsToAlarm: 4 },
      ['datapointsToAlarm'],
      '4 datapoints to alarm is more than the 3 evaluation periods: an alarm cannot need more breaching periods than it evaluates; lower datapointsToAlarm or raise evaluationPeriods',
    ],
    [
      'more datapoints than the default 3 evaluation periods',
      { datapointsToAlarm: 5 },
      ['datapointsToAlarm'],
      '5 datapoints to alarm is more than the 3 evaluation periods',
    ],
    ['a 45 s period', { periodSeconds: 45 }, ['periodSeconds'], '45 s is not an alarm period: use 10 or 30 (high resolution) or a multiple of 60'],
    ['a 5 s period', { periodSeconds: 5 }, ['periodSeconds'], '5 s is not an alarm period'],
    ['a 90 s period', { periodSeconds: 90 }, ['periodSeconds'], '90 s is not an alarm period'],
    [
      'an unknown metric',
      { metric: 'RunningTasks' },
      ['metric'],
      '"RunningTasks" is not a metric the collector knows: use one of RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances',
    ],
    [
      'Sum',
      { statistic: 'Sum' },
      ['statistic'],
      '"Sum" is refused: the pipeline publishes at least once (an Express execution or a retried tick can publish the same datum twice), so a Sum can count a value twice; use Maximum, Minimum, Average',
    ],
    ['SampleCount', { statistic: 'SampleCount' }, ['statistic'], '"SampleCount" is refused: the pipeline publishes at least once'],
    ['an unknown statistic', { statistic: 'p99' }, ['statistic'], '"p99" is not an alarm statistic: use Maximum, Minimum, Average'],
    ['zero evaluation periods', { evaluationPeriods: 0 }, ['evaluationPeriods'], '0 is not a number of evaluation periods: use a whole number from 1'],
    ['zero datapoints', { datapointsToAlarm: 0 }, ['datapointsToAlarm'], '0 is not a number of datapoints: use a whole number from 1 to evaluationPeriods'],
    [
      'more than a day of short periods',
      { periodSeconds: 10, evaluationPeriods: 8641 },
      ['evaluationPeriods'],
      "8641 periods of 10 s cover 86410 s, over CloudWatch's 86400 s limit for periods under an hour: use at most 8640 evaluation periods",
    ],
    [
      'more than a week of hourly periods',
      { periodSeconds: 3600, evaluationPeriods: 169 },
      ['evaluationPeriods'],
      "169 periods of 3600 s cover 608400 s, over CloudWatch's 604800 s limit for an alarm: use at most 168 evaluation periods",
    ],
    ['an infinite threshold', { threshold: Infinity }, ['threshold'], 'Infinity is not a threshold: use a finite number'],
  ])('%s is refused', (_, alarm, path, message) => {
    // WHEN the setting is checked; THEN its one problem names the field
    const found = problems(alarm);
    expect(found).toHaveLength(1);
    expect(found[0].path).toEqual(path);
    expect(found[0].problem).toContain(message);
  });

  test.each<Record<string, unknown>>([
    {},
    { periodSeconds: 10 },
    { periodSeconds: 30, statistic: 'Average' },
    { periodSeconds: 60, statistic: 'Minimum' },
    { periodSeconds: 300, evaluationPeriods: 5, datapointsToAlarm: 2 },
    { periodSeconds: 10, evaluationPeriods: 8640 },
  ])('%j is accepted', (alarm) => {
    expect(problems(alarm)).toEqual([]);
  });
});

describe('alarm settings in their pipeline', () => {
  // GIVEN a pipeline of two clusters publishing two cluster metrics and, for prod-api's web service, RunningCount
  const pipeline: AlarmedPipeline = {
    name: 'ecs-highres',
    namespace: 'ECS',
    intervalSeconds: 5,
    clusters: ['prod-api', 'prod-workers', 'batch'],
    metrics: [...publishedDefinitions(['RunningTask', 'PendingTask']), RUNNING_COUNT],
    services: { 'prod-api': ['web', 'worker'], batch: '*' },
  };
  const problemsOf = (...alarms: MetricAlarmProps[]) =>
    metricAlarmProblems(
      alarms.map((a) => resolveMetricAlarm(a, pipeline.intervalSeconds)),
      pipeline,
    ).map((p) => `${JSON.stringify(p.path)} ${p.problem}`);
  const runningBelow2: MetricAlarmProps = { metric: 'RunningCount', comparison: 'LessThanThreshold', threshold: 2 };

  test('a period shorter than the interval is refused', () => {
    expect(metricAlarmProblems([resolveMetricAlarm({ ...PENDING_ABOVE_5, periodSeconds: 10 }, 15)], { ...pipeline, intervalSeconds: 15 })).toEqual([
      {
        path: [0, 'periodSeconds'],
        problem: "10 s is shorter than the pipeline's 15 s interval, so some periods would hold no datum: use a period of at least 30 s",
      },
    ]);
  });

  test('a known metric the pipeline does not publish is refused', () => {
    expect(problemsOf({ ...PENDING_ABOVE_5, metric: 'ActiveServices' })).toEqual([
      '[0,"metric"] ActiveServices is not published by this pipeline: add it to metrics, or alarm on one of RunningTask, PendingTask, RunningCount',
    ]);
  });

  test('clusters must be clusters of the pipeline, each listed once', () => {
    expect(problemsOf({ ...PENDING_ABOVE_5, clusters: ['prod-api', 'payments', 'prod-api', 'bad name!'] })).toEqual([
      '[0,"clusters",2] "prod-api" is listed twice (also at index 0): list each cluster once',
      '[0,"clusters",3] "bad name!" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores',
      '[0,"clusters",1] "payments" is not a cluster of this pipeline: use one of prod-api, prod-workers, batch',
    ]);
    expect(problemsOf({ ...PENDING_ABOVE_5, clusters: [] })).toEqual(['[0,"clusters"] the cluster list is empty: list at least one ECS cluster name']);
  });

  test("a per-service alarm on a cluster publishing all its services ('*') is refused: their names are not known", () => {
    expect(problemsOf(runningBelow2)).toEqual([
      '[0,"metric"] RunningCount is a per-service metric and cluster "batch" publishes all its services ("*"), whose names are known only at run time: list its services in services, or leave "batch" out of clusters',
    ]);
    expect(problemsOf({ ...runningBelow2, clusters: ['prod-api'] })).toEqual([]);
  });

  test('a per-service alarm on a cluster without services is refused', () => {
    expect(problemsOf({ ...runningBelow2, clusters: ['prod-workers'] })).toEqual([
      '[0,"clusters",0] "prod-workers" publishes no per-service metrics, so it has no RunningCount: list its services in services',
    ]);
    expect(metricAlarmProblems([resolveMetricAlarm(runningBelow2, 5)], { ...pipeline, services: {} }).map((p) => p.problem)).toEqual([
      'RunningCount is a per-service metric, but no cluster lists its services: list them in services',
    ]);
  });

  test('two settings that make the same alarm are refused', () => {
    expect(problemsOf(PENDING_ABOVE_5, { ...PENDING_ABOVE_5, periodSeconds: 30, clusters: ['prod-workers'] })).toEqual([
      '[1] makes the alarm "ecs-highres prod-workers PendingTask > 5" that alarms[0] makes too: alarms on one metric need different comparisons or thresholds',
    ]);
  });

  test('one alarm per watched service, named after what fires', () => {
    // WHEN the alarm definitions are built for RunningCount < 2 on prod-api
    const [web, worker, ...rest] = metricAlarmDefinitions([resolveMetricAlarm({ ...runningBelow2, clusters: ['prod-api'] }, 5)], pipeline);
    expect(rest).toEqual([]);
    expect(web).toEqual({
      id: 'prod-api/web-RunningCount-below-2',
      name: 'ecs-highres prod-api/web RunningCount < 2',
      description:
        'Fires when the Maximum of RunningCount for service web of ECS cluster prod-api is < 2 in 3 of 3 periods of 10 s (namespace ECS, published every 5 s by ecs-highres).',
      namespace: 'ECS',
      metricName: 'RunningCount',
      dimensions: { ClusterName: 'prod-api', ServiceName: 'web' },
      statistic: 'Maximum',
      periodSeconds: 10,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      threshold: 2,
      comparison: 'LessThanThreshold',
      treatMissingData: 'missing',
    });
    expect(worker.name).toBe('ecs-highres prod-api/worker RunningCount < 2');
    expect(worker.dimensions).toEqual({ ClusterName: 'prod-api', ServiceName: 'worker' });
  });
});

describe('alarms of a synthesized pipeline', () => {
  test('one alarm per cluster, at high resolution, named after what fires', () => {
    // GIVEN PendingTask > 5 on both clusters; WHEN synthesized
    const { tf } = synthPipeline({ alarms: [PENDING_ABOVE_5] });
    const alarms = metricAlarms(tf);
    expect(Object.keys(alarms)).toEqual(['ecs-highres prod-api PendingTask > 5', 'ecs-highres prod-workers PendingTask > 5']);
    expect(alarms['ecs-highres prod-api PendingTask > 5']).toEqual({
      alarm_name: 'ecs-highres prod-api PendingTask > 5',
      alarm_description:
        'Fires when the Maximum of PendingTask for ECS cluster prod-api is > 5 in 3 of 3 periods of 10 s (namespace ECS, published every 5 s by ecs-highres).',
      namespace: 'ECS',
      metric_name: 'PendingTask',
      dimensions: { ClusterName: 'prod-api' },
      statistic: 'Maximum',
      period: 10,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
      treat_missing_data: 'missing',
    });
    expect(alarms['ecs-highres prod-workers PendingTask > 5'].dimensions).toEqual({ ClusterName: 'prod-workers' });
  });

  test('every setting is passed through: 30 s periods, M of N, statistic, missing data, a subset of clusters', () => {
    const { tf } = synthPipeline({
      namespace: 'Platform/ECS',
      alarms: [
        {
          metric: 'RunningTask',
          comparison: 'LessThanOrEqualToThreshold',
          threshold: 0,
          periodSeconds: 30,
          evaluationPeriods: 4,
          datapointsToAlarm: 2,
          statistic: 'Minimum',
          treatMissingData: 'breaching',
          clusters: ['prod-workers'],
        },
      ],
    });
    expect(Object.values(metricAlarms(tf))).toEqual([
      expect.objectContaining({
        alarm_name: 'ecs-highres prod-workers RunningTask <= 0',
        namespace: 'Platform/ECS',
        period: 30,
        evaluation_periods: 4,
        datapoints_to_alarm: 2,
        statistic: 'Minimum',
        treat_missing_data: 'breaching',
        comparison_operator: 'LessThanOrEqualToThreshold',
      }),
    ]);
  });

  test('the default period is the shortest high-resolution period not shorter than the interval', () => {
    expect(Object.values(metricAlarms(synthPipeline({ intervalSeconds: 10, alarms: [PENDING_ABOVE_5] }).tf))[0].period).toBe(10);
    expect(Object.values(metricAlarms(synthPipeline({ intervalSeconds: 15, alarms: [PENDING_ABOVE_5] }).tf))[0].period).toBe(30);
  });

  test('without actions, alarms change state and notify no one', () => {
    const { tf } = synthPipeline({ alarms: [PENDING_ABOVE_5] });
    for (const alarm of Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toBeUndefined();
      expect(alarm.ok_actions).toBeUndefined();
    }
    expect(tf.resource.aws_sns_topic).toBeUndefined();
  });

  test('existing topics are notified when any alarm fires and clears', () => {
    const topics = ['arn:aws:sns:us-east-1:111111111111:oncall', 'arn:aws:sns:us-east-1:333333333333:central'];
    const { tf } = synthPipeline({ alarms: [PENDING_ABOVE_5], alarmActions: { topicArns: topics } });
    const alarms = Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm);
    // 2 metric alarms, 4 pipeline-health alarms, 3 fleet-health alarms.
    expect(alarms).toHaveLength(9);
    for (const alarm of alarms) expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([topics, topics]);
    // A fleet-health alarm without data means the collector stopped publishing: that notifies too.
    const insufficient = alarms.filter((a) => a.insufficient_data_actions).map((a) => a.metric_name);
    expect(insufficient).toEqual(['ClustersWithNoRunningTask', 'UnreadAccountRegions', 'UnreadClusters']);
    for (const alarm of alarms.filter((a) => a.insufficient_data_actions)) expect(alarm.insufficient_data_actions).toEqual(topics);
  });

  test("a created topic: only this account and region's alarms may publish, emails subscribe, its ARN is an output", () => {
    const { tf } = synthPipeline({
      alarms: [PENDING_ABOVE_5],
      alarmActions: { createTopic: true, emails: ['oncall@example.com', 'platform@example.com'] },
      tags: { team: 'platform' },
    });
    const topic = only(tf, 'aws_sns_topic');
    expect(topic).toEqual({ name: 'ecs-highres-alarms', tags: { team: 'platform' } });
    const topicArn = `\${${addressOf(tf, 'aws_sns_topic', 'alarm-topic')}.arn}`;
    const policy = only(tf, 'aws_sns_topic_policy');
    expect(policy.arn).toBe(topicArn);
    expect(JSON.parse(policy.policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AlarmsOfThisAccountPublish',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: 'arn:aws:sns:us-east-1:111111111111:ecs-highres-alarms',
          Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:111111111111:alarm:*' } },
        },
      ],
    });
    expect(Object.values(byId(tf, 'aws_sns_topic_subscription'))).toEqual([
      { topic_arn: topicArn, protocol: 'email', endpoint: 'oncall@example.com' },
      { topic_arn: topicArn, protocol: 'email', endpoint: 'platform@example.com' },
    ]);
    for (const alarm of Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm)) {
      expect(alarm.alarm_actions).toEqual([topicArn]);
      expect(alarm.tags).toEqual({ team: 'platform' });
    }
    expect(tf.output.pipeline_alarm_topic_arn).toEqual({ description: 'ARN of the SNS topic the alarms notify', value: topicArn });
  });
});

describe('alarm validation in the construct', () => {
  const build = (props: Record<string, unknown>) => () => synthPipeline(props);

  test.each<[string, Record<string, unknown>, string]>([
    [
      'more datapoints than evaluation periods',
      { alarms: [{ ...PENDING_ABOVE_5, evaluationPeriods: 2, datapointsToAlarm: 3 }] },
      'alarms[0].datapointsToAlarm: 3 datapoints to alarm is more than the 2 evaluation periods: an alarm cannot need more breaching periods than it evaluates; lower datapointsToAlarm or raise evaluationPeriods',
    ],
    [
      'a period that is not 10, 30 or a multiple of 60',
      { alarms: [{ ...PENDING_ABOVE_5, periodSeconds: 20 }] },
      'alarms[0].periodSeconds: 20 s is not an alarm period: use 10 or 30 (high resolution) or a multiple of 60',
    ],
    [
      'a period shorter than the interval',
      { intervalSeconds: 20, alarms: [{ ...PENDING_ABOVE_5, periodSeconds: 10 }] },
      "alarms[0].periodSeconds: 10 s is shorter than the pipeline's 20 s interval, so some periods would hold no datum: use a period of at least 30 s",
    ],
    [
      'an unknown metric',
      { alarms: [{ ...PENDING_ABOVE_5, metric: 'CPUUtilization' }] },
      'alarms[0].metric: "CPUUtilization" is not a metric the collector knows: use one of RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances',
    ],
    [
      'Sum',
      { alarms: [PENDING_ABOVE_5, { ...PENDING_ABOVE_5, threshold: 9, statistic: 'Sum' }] },
      'alarms[1].statistic: "Sum" is refused: the pipeline publishes at least once (an Express execution or a retried tick can publish the same datum twice), so a Sum can count a value twice; use Maximum, Minimum, Average',
    ],
    [
      'a cluster the pipeline does not have',
      { alarms: [{ ...PENDING_ABOVE_5, clusters: ['payments'] }] },
      'alarms[0].clusters[0]: "payments" is not a cluster of this pipeline: use one of prod-api, prod-workers',
    ],
    [
      'emails without the created topic',
      { alarmActions: { emails: ['oncall@example.com'] } },
      'alarmActions.emails: email subscriptions need the topic the library creates: set createTopic to true, or subscribe the addresses to your own topic and list it in topicArns',
    ],
    [
      'a topic ARN that is not one',
      { alarmActions: { topicArns: ['oncall'] } },
      'alarmActions.topicArns[0]: "oncall" is not an SNS topic ARN: use one like arn:aws:sns:us-east-1:111111111111:alerts (FIFO topics cannot receive alarms)',
    ],
    [
      'a topic of another region',
      { alarmActions: { topicArns: ['arn:aws:sns:eu-west-1:111111111111:oncall'] } },
      'alarmActions.topicArns[0]: "arn:aws:sns:eu-west-1:111111111111:oncall" is in eu-west-1, but CloudWatch alarms notify only topics of their own region (us-east-1): use a topic in us-east-1',
    ],
    [
      'an email address that is not one',
      { alarmActions: { createTopic: true, emails: ['oncall'] } },
      'alarmActions.emails[0]: "oncall" is not an email address: use one like oncall@example.com',
    ],
    [
      'an email address listed twice',
      { alarmActions: { createTopic: true, emails: ['a@example.com', 'a@example.com'] } },
      'alarmActions.emails[1]: "a@example.com" is listed twice (also at index 0): list each address once',
    ],
  ])('%s is refused with the field and the fix', (_, props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(message);
  });

  test('every problem is reported at once, with the construct path', () => {
    expect(
      build({
        intervalSeconds: 7,
        alarms: [{ ...PENDING_ABOVE_5, periodSeconds: 45, statistic: 'Sum' }],
        alarmActions: { emails: ['x@example.com'] },
      }),
    ).toThrow(
      /^test\/pipeline: \n {2}- intervalSeconds: .*\n {2}- alarms\[0\]\.periodSeconds: 45 s is not an alarm period.*\n {2}- alarms\[0\]\.statistic: "Sum" is refused.*\n {2}- alarmActions\.emails: email subscriptions need the topic/,
    );
  });

  test('values known only at apply (tokens) are not checked', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const threshold = new TerraformVariable(stack, 'threshold', { type: 'number' });
    const periods = new TerraformVariable(stack, 'periods', { type: 'number' });
    const topic = new TerraformVariable(stack, 'topic', { type: 'string' });
    expect(
      () =>
        new EcsHighResMetrics(stack, 'pipeline', {
          clusters: ['prod-api'],
          alarms: [{ ...PENDING_ABOVE_5, threshold: threshold.numberValue, evaluationPeriods: periods.numberValue, datapointsToAlarm: 2 }],
          alarmActions: { topicArns: [topic.stringValue] },
        }),
    ).not.toThrow();
    const alarm = metricAlarms(JSON.parse(Testing.synth(stack)))[`ecs-highres prod-api PendingTask > \${var.threshold}`];
    expect(alarm).toMatchObject({ threshold: '${var.threshold}', evaluation_periods: '${var.periods}', alarm_actions: ['${var.topic}'] });
  });
});
