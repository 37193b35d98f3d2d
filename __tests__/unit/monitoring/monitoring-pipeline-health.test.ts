/** The pipeline watching itself: health alarms on by default, X-Ray tracing and execution logs as options. */
import { pipelineHealthAlarms } from '../../../modules/monitoring/pipeline-health-alarms';
import { byId, only, synthPipeline } from '../../support/synth';

const STATE_MACHINE_ARN = 'arn:aws:states:us-east-1:111111111111:stateMachine:ecs-highres';
const LOGS = 'the logs of ecs-highres (/aws/vendedlogs/states/ecs-highres) and of the collector (/aws/lambda/ecs-highres-collector) say why';

const healthAlarms = (tf: any): Record<string, any> =>
  Object.fromEntries(
    Object.values<any>(tf.resource.aws_cloudwatch_metric_alarm ?? {})
      .filter((a) => a.namespace === 'AWS/States' || a.namespace === 'AWS/Lambda')
      .map((a) => [a.alarm_name, a]),
  );

describe('pipeline health alarms', () => {
  // GIVEN the default pipeline; WHEN synthesized
  const { tf } = synthPipeline();
  const alarms = healthAlarms(tf);
  const failing = {
    statistic: 'Sum',
    period: 60,
    evaluation_periods: 3,
    datapoints_to_alarm: 2,
    threshold: 1,
    comparison_operator: 'GreaterThanOrEqualToThreshold',
    treat_missing_data: 'notBreaching',
  };

  test('are on by default, named after what fires', () => {
    expect(Object.keys(alarms).sort()).toEqual([
      'ecs-highres collector errors',
      'ecs-highres pipeline executions failing',
      'ecs-highres pipeline executions timing out',
      'ecs-highres pipeline not started for 3 minutes',
    ]);
  });

  test('executions failing or timing out in 2 of 3 minutes fire; no datum means nothing failed', () => {
    expect(alarms['ecs-highres pipeline executions failing']).toEqual({
      alarm_name: 'ecs-highres pipeline executions failing',
      alarm_description: `Executions of ecs-highres failed in 2 of the last 3 minutes, so some ticks were not published; ${LOGS}.`,
      namespace: 'AWS/States',
      metric_name: 'ExecutionsFailed',
      dimensions: { StateMachineArn: STATE_MACHINE_ARN },
      ...failing,
    });
    expect(alarms['ecs-highres pipeline executions timing out']).toMatchObject({
      namespace: 'AWS/States',
      metric_name: 'ExecutionsTimedOut',
      dimensions: { StateMachineArn: STATE_MACHINE_ARN },
      ...failing,
    });
  });

  test('collector errors in 2 of 3 minutes fire', () => {
    expect(alarms['ecs-highres collector errors']).toMatchObject({
      namespace: 'AWS/Lambda',
      metric_name: 'Errors',
      dimensions: { FunctionName: 'ecs-highres-collector' },
      ...failing,
    });
  });

  test('no execution started for 3 minutes fires, and missing data counts as breaching', () => {
    expect(alarms['ecs-highres pipeline not started for 3 minutes']).toEqual({
      alarm_name: 'ecs-highres pipeline not started for 3 minutes',
      alarm_description:
        'No execution of ecs-highres started in the last 3 minutes, so no metric is being published: check that the trigger ecs-highres-every-minute is enabled and its role may start the state machine.',
      namespace: 'AWS/States',
      metric_name: 'ExecutionsStarted',
      dimensions: { StateMachineArn: STATE_MACHINE_ARN },
      statistic: 'Sum',
      period: 60,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
      treat_missing_data: 'breaching',
    });
  });

  test("are the pure definitions, with the construct's names and ARNs", () => {
    const definitions = pipelineHealthAlarms({
      pipelineName: 'ecs-highres',
      stateMachineName: 'ecs-highres',
      stateMachineArn: STATE_MACHINE_ARN,
      functionName: 'ecs-highres-collector',
    });
    expect(definitions.map((d) => d.name).sort()).toEqual(Object.keys(alarms).sort());
    for (const d of definitions) {
      expect(alarms[d.name]).toMatchObject({ metric_name: d.metricName, period: d.periodSeconds, threshold: d.threshold });
    }
  });

  test('notify the alarm actions', () => {
    const topic = 'arn:aws:sns:us-east-1:111111111111:oncall';
    for (const alarm of Object.values(healthAlarms(synthPipeline({ alarmActions: { topicArns: [topic] } }).tf))) {
      expect([alarm.alarm_actions, alarm.ok_actions]).toEqual([[topic], [topic]]);
    }
  });

  test('pipelineAlarms: false creates none (and fleetHealthAlarms: false no other alarm)', () => {
    const alarms = Object.values(synthPipeline({ pipelineAlarms: false }).tf.resource.aws_cloudwatch_metric_alarm) as any[];
    expect(alarms.map((a) => a.namespace)).toEqual(['ECS', 'ECS', 'ECS']);
    expect(synthPipeline({ pipelineAlarms: false, fleetHealthAlarms: false }).tf.resource.aws_cloudwatch_metric_alarm).toBeUndefined();
  });
});

describe('X-Ray tracing', () => {
  const statementsOf = (tf: any, policy: string) => JSON.parse(byId(tf, 'aws_iam_role_policy')[policy].policy).Statement;

  test('is off by default: no tracing, and no X-Ray permission', () => {
    const { tf } = synthPipeline();
    expect(only(tf, 'aws_lambda_function').tracing_config).toBeUndefined();
    expect(only(tf, 'aws_sfn_state_machine').tracing_configuration).toBeUndefined();
    for (const policy of ['collector-policy', 'states-policy', 'scheduler-policy']) {
      expect(JSON.stringify(statementsOf(tf, policy))).not.toContain('xray:');
    }
  });

  test('on, traces the collector and the state machine, each allowed only to send traces', () => {
    const { tf } = synthPipeline({ tracing: true });
    expect(only(tf, 'aws_lambda_function').tracing_config).toEqual({ mode: 'Active' });
    expect(only(tf, 'aws_sfn_state_machine').tracing_configuration).toEqual({ enabled: true });
    expect(statementsOf(tf, 'collector-policy').at(-1)).toEqual({
      Sid: 'WriteTraces',
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      Resource: '*',
    });
    expect(statementsOf(tf, 'states-policy').at(-1)).toEqual({
      Sid: 'WriteTraces',
      Effect: 'Allow',
      Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      Resource: '*',
    });
    expect(JSON.stringify(statementsOf(tf, 'scheduler-policy'))).not.toContain('xray:');
  });
});

describe('state machine execution logs', () => {
  test.each(['ALL', 'ERROR', 'FATAL'] as const)('level %s never includes execution data', (level) => {
    const { tf } = synthPipeline({ stateMachineLogLevel: level });
    expect(only(tf, 'aws_sfn_state_machine').logging_configuration).toMatchObject({ level, include_execution_data: false });
  });

  test('level OFF logs nothing', () => {
    const { tf } = synthPipeline({ stateMachineLogLevel: 'OFF' });
    expect(only(tf, 'aws_sfn_state_machine').logging_configuration).toEqual({ level: 'OFF' });
  });
});
