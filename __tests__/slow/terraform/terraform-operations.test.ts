/**
 * The real Terraform CLI on the operations example (dashboard, alarms, an alarm topic with an
 * email subscription, tracing on): init from the provider mirror, validate, plan offline, and
 * read the planned values back.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { mapBounded, planOffline, type PlanResult, terraformEnvironment } from '../../../scripts/lib/terraform';
import { ROOT, runApp } from '../../support/app';

const exec = promisify(execFile);

interface PlannedResource {
  readonly address: string;
  readonly type: string;
  readonly values: Record<string, any>;
}

describe('terraform init, validate and plan of the operations example', () => {
  // GIVEN the example fleet with every operations feature on, synthesized by the app
  const run = runApp(path.join(ROOT, 'examples', 'fleet-operations.json'));
  const work = path.join(run.outdir, '..', 'tf-work');
  let results: PlanResult[] = [];
  const planned: Record<string, PlannedResource[]> = {};

  beforeAll(async () => {
    expect(run.status).toBe(0);
    const env = await terraformEnvironment(work);
    // WHEN each stack is validated and planned offline
    results = await mapBounded(run.stacks, 2, (stack) => planOffline(path.join(run.outdir, 'stacks', stack), path.join(work, 'stacks', stack), env));
    for (const result of results.filter((r) => r.ok)) {
      const { stdout } = await exec('terraform', ['show', '-json', 'offline.tfplan'], {
        cwd: path.join(work, 'stacks', result.stack),
        env,
        maxBuffer: 256 * 1024 * 1024,
      });
      planned[result.stack] = JSON.parse(stdout).planned_values.root_module.resources;
    }
  }, 600_000);

  const ofType = (stack: string, type: string) => planned[stack].filter((r) => r.type === type);

  test('every stack validates and plans, creating every resource it declares', () => {
    const declaredBy = (stack: string) => {
      const { resource } = JSON.parse(readFileSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));
      return Object.entries<object>(resource).flatMap(([type, named]) => Object.keys(named).map((name) => `${type}.${name}`));
    };
    expect(run.stacks).toEqual(['ecs-ops-111111111111-eu-west-1', 'ecs-ops-111111111111-us-east-1']);
    expect(results.map(({ stack, ok, failedStep, output, creates }) => ({ stack, ok, failedStep, output, creates: [...creates].sort() }))).toEqual(
      run.stacks.map((stack) => ({ stack, ok: true, failedStep: undefined, output: undefined, creates: declaredBy(stack).sort() })),
    );
  });

  test('us-east-1 plans its dashboard, 4 health, 4 metric and 4 fleet-health alarms (services collected), and a topic with an email subscription', () => {
    const stack = 'ecs-ops-111111111111-us-east-1';
    const [dashboard] = ofType(stack, 'aws_cloudwatch_dashboard');
    expect(dashboard.values.dashboard_name).toBe('ecs-ops-us-east-1');
    expect(JSON.parse(dashboard.values.dashboard_body).widgets.length).toBeGreaterThan(0);
    const alarms = ofType(stack, 'aws_cloudwatch_metric_alarm').map((a) => a.values);
    expect(alarms.map((a) => a.alarm_name).sort()).toEqual([
      'ecs-ops collector errors',
      'ecs-ops fleet health ClustersWithNoRunningTask >= 1',
      'ecs-ops fleet health ServicesBelowDesired >= 1',
      'ecs-ops fleet health UnreadAccountRegions >= 1',
      'ecs-ops fleet health UnreadClusters >= 1',
      'ecs-ops pipeline executions failing',
      'ecs-ops pipeline executions timing out',
      'ecs-ops pipeline not started for 3 minutes',
      'ecs-ops prod-api PendingTask > 10',
      'ecs-ops prod-api RunningTask < 1',
      'ecs-ops prod-workers PendingTask > 10',
      'ecs-ops prod-workers RunningTask < 1',
    ]);
    expect(
      alarms
        .filter((a) => a.namespace === 'ECS' && a.dimensions?.Pipeline === undefined)
        .map((a) => a.period)
        .sort(),
    ).toEqual([10, 10, 30, 30]);
    // The fleet-health alarms: 10 s, on the one Pipeline series each.
    expect(alarms.filter((a) => a.dimensions?.Pipeline === 'ecs-ops').map((a) => a.period)).toEqual([10, 10, 10, 10]);
    expect(ofType(stack, 'aws_sns_topic').map((t) => t.values.name)).toEqual(['ecs-ops-alarms']);
    expect(ofType(stack, 'aws_sns_topic_subscription').map((s) => [s.values.protocol, s.values.endpoint])).toEqual([['email', 'platform-oncall@example.com']]);
  });

  test('tracing is planned on the collector and the state machine of both stacks', () => {
    for (const stack of run.stacks) {
      expect(ofType(stack, 'aws_lambda_function')[0].values.tracing_config).toEqual([{ mode: 'Active' }]);
      expect(ofType(stack, 'aws_sfn_state_machine')[0].values.tracing_configuration).toEqual([{ enabled: true }]);
    }
  });

  test('eu-west-1 notifies its existing topic and creates none', () => {
    const stack = 'ecs-ops-111111111111-eu-west-1';
    expect(ofType(stack, 'aws_sns_topic')).toEqual([]);
    for (const alarm of ofType(stack, 'aws_cloudwatch_metric_alarm')) {
      expect(alarm.values.alarm_actions).toEqual(['arn:aws:sns:eu-west-1:111111111111:platform-alerts']);
    }
  });
});
