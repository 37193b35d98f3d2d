/** examples/own-stack: the construct in a user's own stack, two pipelines and a topic of theirs, synthesized. */
import { Testing } from 'cdktf';
import { MetricsStack } from '../../../examples/own-stack/main';
import { byId } from '../../support/synth';

describe('the own-stack example', () => {
  const app = Testing.app();
  const stack = new MetricsStack(app, 'metrics');
  const tf = JSON.parse(Testing.synth(stack));

  test('holds both pipelines, each under its own names', () => {
    const functions = Object.values(tf.resource.aws_lambda_function)
      .map((f: any) => f.function_name)
      .sort();
    expect(functions).toEqual(['api-highres-collector', 'batch-highres-collector']);
    expect(
      Object.values(tf.resource.aws_sfn_state_machine)
        .map((m: any) => m.name)
        .sort(),
    ).toEqual(['api-highres', 'batch-highres']);
    expect(Object.keys(tf.output).sort()).toEqual(expect.arrayContaining(['api-metrics_state_machine_arn', 'batch-metrics_state_machine_arn']));
  });

  test("sends the alarm to the user's own topic, by reference", () => {
    const alarms = Object.values(byId(tf, 'aws_cloudwatch_metric_alarm')).filter((a: any) => a.metric_name === 'RunningTask');
    expect(alarms).toHaveLength(1);
    expect((alarms[0] as any).alarm_actions).toEqual(['${aws_sns_topic.oncall.arn}']);
  });

  test('the second pipeline keeps its own settings', () => {
    expect(stack.batch.settings.intervalSeconds).toBe(10);
    expect(stack.batch.monitoring.dashboard).toBeUndefined();
    expect(stack.api.monitoring.dashboard).toBeDefined();
  });
});
