/**
 * `clusters: "*"` in a pipeline of one account-region: the trigger carries "*", the collector may
 * list the clusters of its own region and describe only clusters of its own account-region
 * (proven with iam-simulate on the synthesized role), and services may name any cluster "*" covers.
 */
import { describeProblem, ValidationError } from '../../../modules/common/errors';
import { pipelineProblems } from '../../../modules/pipeline/pipeline-problems';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';
import { evaluateIdentity, synthesizedRoles } from '../../support/iam-simulation';
import { only, synthPipeline } from '../../support/synth';

const ACCOUNT = '111111111111';
const ENV = { partition: 'aws', region: 'us-east-1', account: ACCOUNT };

describe('a pipeline with clusters "*"', () => {
  // GIVEN a pipeline that discovers its clusters
  const { tf } = synthPipeline({ clusters: '*' });
  const roles = synthesizedRoles(tf);
  const collector = roles['collector-role'];
  const collectorArn = `arn:aws:iam::${ACCOUNT}:role/${collector.name}`;

  test('its dashboard graphs every cluster the namespace has, found by SEARCH, so a new cluster shows without a redeploy', () => {
    const body = JSON.parse(only(tf, 'aws_cloudwatch_dashboard').dashboard_body);
    const expressions = body.widgets.flatMap((w: any) => (w.properties.metrics ?? []).map((row: any[]) => row[0]?.expression).filter(Boolean));
    expect(expressions).toContain(`SEARCH('{"ECS","ClusterName"} MetricName="RunningTask"', 'Maximum', 5)`);
  });

  test('an alarm on a metric of discovered clusters is one Metrics Insights query over every cluster', () => {
    const { tf: alarmed } = synthPipeline({ clusters: '*', alarms: [{ metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 }] });
    const alarms = Object.values<any>(alarmed.resource.aws_cloudwatch_metric_alarm).filter((a) => a.metric_query);
    expect(alarms.map((a) => [a.alarm_name, a.metric_query[0].expression])).toEqual([
      ['ecs-highres * PendingTask > 5', 'SELECT MAX(PendingTask) FROM SCHEMA("ECS", ClusterName) GROUP BY ClusterName ORDER BY MAX() DESC'],
    ]);
  });

  test('its schedule hands every execution "*" as the clusters', () => {
    const input = JSON.parse(only(tf, 'aws_scheduler_schedule').target.input);
    expect(input).toEqual({ clusters: '*', namespace: 'ECS', health: { pipeline: 'ecs-highres' }, scheduledTime: '<aws.scheduler.scheduled-time>' });
  });

  test('its collector may list the clusters of its own region and describe those of its account-region, nothing of another', () => {
    expect(collector.policies).toHaveLength(1);
    expect(collector.policies[0].Statement.slice(0, 2)).toEqual([
      {
        Sid: 'ListClustersOfOwnRegion',
        Effect: 'Allow',
        Action: 'ecs:ListClusters',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
      },
      { Sid: 'DescribeClustersOfOwnAccountRegion', Effect: 'Allow', Action: 'ecs:DescribeClusters', Resource: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/*` },
    ]);
    expect(collector.policies[0].Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'ListClustersOfOwnRegion',
      'DescribeClustersOfOwnAccountRegion',
      'PutMetricDataToOwnNamespace',
      'WriteOwnLogGroup',
    ]);
  });

  const decide = async (action: string, resource: string, context: Record<string, string> = {}) =>
    (await evaluateIdentity(collectorArn, collector.policies, { action, resource, context })).identity;

  test('iam-simulate: ListClusters is allowed in its region, denied in another', async () => {
    expect(await decide('ecs:ListClusters', '*', { 'aws:RequestedRegion': 'us-east-1' })).toBe('Allowed');
    expect(await decide('ecs:ListClusters', '*', { 'aws:RequestedRegion': 'eu-west-1' })).toBe('ImplicitlyDenied');
  });

  test('iam-simulate: DescribeClusters is allowed on any cluster of its account-region, denied in another region or account', async () => {
    expect(await decide('ecs:DescribeClusters', `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/created-after-deploy`)).toBe('Allowed');
    expect(await decide('ecs:DescribeClusters', `arn:aws:ecs:eu-west-1:${ACCOUNT}:cluster/created-after-deploy`)).toBe('ImplicitlyDenied');
    expect(await decide('ecs:DescribeClusters', 'arn:aws:ecs:us-east-1:222222222222:cluster/created-after-deploy')).toBe('ImplicitlyDenied');
  });

  test('iam-simulate: it gains no service call and no write', async () => {
    expect(await decide('ecs:ListServices', '*', { 'ecs:cluster': `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/a` })).toBe('ImplicitlyDenied');
    expect(await decide('ecs:DescribeServices', `arn:aws:ecs:us-east-1:${ACCOUNT}:service/a/web`)).toBe('ImplicitlyDenied');
    expect(await decide('ecs:UpdateCluster', `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/a`)).toBe('ImplicitlyDenied');
  });
});

describe('services with clusters "*"', () => {
  test('may name any cluster, and keep their per-service statements', () => {
    // GIVEN per-service metrics for two clusters that "*" covers
    const { tf } = synthPipeline({ clusters: '*', metrics: ['RunningTask', 'RunningCount'], services: { api: '*', batch: ['worker'] } });
    const statements = synthesizedRoles(tf)['collector-role'].policies[0].Statement;
    // THEN the service statements are those of named clusters
    expect(statements.find((s: { Sid: string }) => s.Sid === 'ListServicesOfClustersCollectedWhole')).toEqual({
      Sid: 'ListServicesOfClustersCollectedWhole',
      Effect: 'Allow',
      Action: 'ecs:ListServices',
      Resource: '*',
      Condition: { ArnEquals: { 'ecs:cluster': [`arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/api`] } },
    });
    expect(statements.find((s: { Sid: string }) => s.Sid === 'DescribeCollectedServices').Resource).toEqual([
      `arn:aws:ecs:us-east-1:${ACCOUNT}:service/api/*`,
      `arn:aws:ecs:us-east-1:${ACCOUNT}:service/batch/worker`,
    ]);
    expect(JSON.parse(only(tf, 'aws_scheduler_schedule').target.input).services).toEqual({ api: '*', batch: ['worker'] });
  });

  test('a named list still refuses services of a cluster it does not name', () => {
    const props = { clusters: ['api'], metrics: ['RunningCount'], services: { batch: ['worker'] }, region: 'us-east-1', account: ACCOUNT };
    expect(pipelineProblems(resolvePipelineSettings(props), ENV, props).map(describeProblem)).toContain(
      'services.batch: "batch" is not in clusters: add it to clusters, or remove it from services',
    );
    expect(() => synthPipeline(props)).toThrow(ValidationError);
  });

  test('"*" is not a cluster name inside a list', () => {
    expect(() => synthPipeline({ clusters: ['*'] })).toThrow(/clusters\[0\]/);
  });
});
