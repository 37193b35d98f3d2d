/**
 * The metric set and the services, end to end outside the collector: construct props and their
 * validation, the collector's input, its IAM (evaluated with iam-simulate), its logging config
 * and the fleet config. The README's metric table is checked against the catalog in
 * __tests__/unit/metrics/catalog.test.ts.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { ConfigError, MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { EcsHighResMetrics, ValidationError } from '../../../modules';
import { pipelineProps } from '../../../modules/fleet/pipeline-props';
import { problemsOf, validConfig } from '../../support/fleet-config';
import { byId, only, synthPipeline } from '../../support/synth';

const ACCOUNT = '111111111111';
const arn = {
  cluster: (name: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/${name}`,
  service: (cluster: string, name: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:service/${cluster}/${name}`,
};
const WITH_SERVICES = {
  clusters: ['prod-api', 'prod-workers'],
  metrics: ['RunningTask', 'RunningFargateTask', 'RunningCount', 'DesiredCount', 'PendingCount'],
  services: { 'prod-api': '*' as const, 'prod-workers': ['worker', 'cron'] },
};

const collectorPolicyOf = (tf: any) => JSON.parse(byId(tf, 'aws_iam_role_policy')['collector-policy'].policy);
const inputOf = (tf: any) => JSON.parse(only(tf, 'aws_scheduler_schedule').target.input);

describe('the default metric set', () => {
  const { tf } = synthPipeline();

  test("keeps the blog's input, with the pipeline's name for the fleet-health series, and grants no service action", () => {
    expect(inputOf(tf)).toEqual({
      clusters: ['prod-api', 'prod-workers'],
      namespace: 'ECS',
      health: { pipeline: 'ecs-highres' },
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(collectorPolicyOf(tf).Statement.map((s: any) => s.Sid)).toEqual(['DescribeListedClusters', 'PutMetricDataToOwnNamespace', 'WriteOwnLogGroup']);
  });

  test('the collector logs JSON at a log level', () => {
    expect(only(tf, 'aws_lambda_function').logging_config).toMatchObject({
      log_format: 'JSON',
      application_log_level: 'INFO',
      system_log_level: 'WARN',
    });
  });
});

describe('a metric set with services', () => {
  const { tf, pipeline } = synthPipeline(WITH_SERVICES);

  test('the settings and the input carry the metrics and the services', () => {
    expect(pipeline.settings.metrics).toEqual(WITH_SERVICES.metrics);
    expect(pipeline.settings.services).toEqual(WITH_SERVICES.services);
    expect(inputOf(tf)).toEqual({
      clusters: ['prod-api', 'prod-workers'],
      namespace: 'ECS',
      metrics: WITH_SERVICES.metrics,
      services: WITH_SERVICES.services,
      health: { pipeline: 'ecs-highres' },
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  test('the collector may list services only of "*" clusters and describe only the services it collects', () => {
    expect(collectorPolicyOf(tf).Statement.slice(0, 3)).toEqual([
      {
        Sid: 'DescribeListedClusters',
        Effect: 'Allow',
        Action: 'ecs:DescribeClusters',
        Resource: [arn.cluster('prod-api'), arn.cluster('prod-workers')],
      },
      {
        Sid: 'ListServicesOfClustersCollectedWhole',
        Effect: 'Allow',
        Action: 'ecs:ListServices',
        Resource: '*',
        Condition: { ArnEquals: { 'ecs:cluster': [arn.cluster('prod-api')] } },
      },
      {
        Sid: 'DescribeCollectedServices',
        Effect: 'Allow',
        Action: 'ecs:DescribeServices',
        Resource: [arn.service('prod-api', '*'), arn.service('prod-workers', 'worker'), arn.service('prod-workers', 'cron')],
      },
    ]);
  });

  /** What IAM decides for the collector's role. */
  const decide = async (action: string, resource: string, context: Record<string, string> = {}) => {
    const result: any = await runSimulation(
      {
        request: {
          principal: `arn:aws:iam::${ACCOUNT}:role/ecs-highres-collector-us-east-1`,
          action,
          resource: { resource, accountId: ACCOUNT },
          contextVariables: context,
        },
        identityPolicies: [{ name: 'least-privilege', policy: collectorPolicyOf(tf) }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    return result.overallResult;
  };

  test.each([
    ['ecs:ListServices', '*', { 'ecs:cluster': arn.cluster('prod-api') }, 'Allowed'],
    ['ecs:ListServices', '*', { 'ecs:cluster': arn.cluster('prod-workers') }, 'ImplicitlyDenied'],
    ['ecs:ListServices', '*', { 'ecs:cluster': arn.cluster('other') }, 'ImplicitlyDenied'],
    ['ecs:DescribeServices', arn.service('prod-api', 'anything'), {}, 'Allowed'],
    ['ecs:DescribeServices', arn.service('prod-workers', 'worker'), {}, 'Allowed'],
    ['ecs:DescribeServices', arn.service('prod-workers', 'web'), {}, 'ImplicitlyDenied'],
    ['ecs:DescribeServices', arn.service('other', 'worker'), {}, 'ImplicitlyDenied'],
    ['ecs:UpdateService', arn.service('prod-api', 'web'), {}, 'ImplicitlyDenied'],
  ])('%s on %s %j: %s', async (action, resource, context, decision) => {
    expect(await decide(action, resource, context)).toBe(decision);
  });

  test('named services only: no ListServices at all', () => {
    const { tf } = synthPipeline({ ...WITH_SERVICES, services: { 'prod-api': ['web'] } });
    const statements = collectorPolicyOf(tf).Statement;
    expect(statements.map((s: any) => s.Action)).not.toContain('ecs:ListServices');
    expect(statements[1]).toEqual({
      Sid: 'DescribeCollectedServices',
      Effect: 'Allow',
      Action: 'ecs:DescribeServices',
      Resource: [arn.service('prod-api', 'web')],
    });
  });

  test('the capacity split alone needs no new permission', () => {
    const { tf } = synthPipeline({ metrics: ['RunningEC2Task', 'RunningFargateTask'] });
    expect(inputOf(tf).metrics).toEqual(['RunningEC2Task', 'RunningFargateTask']);
    expect(inputOf(tf).services).toBeUndefined();
    expect(collectorPolicyOf(tf).Statement).toHaveLength(3);
  });
});

describe('the fleet-health series (on by default)', () => {
  test("the input names the pipeline: the series' Pipeline dimension", () => {
    expect(inputOf(synthPipeline({ name: 'orders' }).tf).health).toEqual({ pipeline: 'orders' });
  });

  test('fleetHealth: false leaves health out of the input: the collector publishes no fleet-health series', () => {
    expect(inputOf(synthPipeline({ fleetHealth: false }).tf)).toEqual({
      clusters: ['prod-api', 'prod-workers'],
      namespace: 'ECS',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  test('the fleet config sets it in defaults, for every pipeline (or the hub)', () => {
    const config = validateFleetConfig({ ...validConfig(), defaults: { fleetHealth: false } });
    expect(config.defaults?.fleetHealth).toBe(false);
    expect(pipelineProps(config, config.accounts[0], 'us-east-1', config.accounts[0].regions['us-east-1']).fleetHealth).toBe(false);
    expect(problemsOf(() => validateFleetConfig({ ...validConfig(), defaults: { fleetHealth: 'no' } }))).toEqual([
      'defaults.fleetHealth: expected boolean, got "no"',
    ]);
  });
});

describe('validation of metrics and services', () => {
  const build = (props: Record<string, unknown>) => () => synthPipeline(props);
  const KNOWN =
    'RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances, RunningEC2Task, RunningFargateTask, PendingEC2Task, PendingFargateTask, ActiveEC2Services, ActiveFargateServices, DrainingEC2Services, DrainingFargateServices, RunningCount, DesiredCount, PendingCount';

  test.each([
    [{ metrics: ['RunningTask', 'Running'] }, `metrics[1]: "Running" is not a metric the collector knows: use one of ${KNOWN}`],
    [
      { metrics: ['runningfargatetask'] },
      `metrics[0]: "runningfargatetask" is not a metric the collector knows: did you mean "RunningFargateTask"? use one of ${KNOWN}`,
    ],
    [
      { metrics: [] },
      'metrics: the metric list is empty: list at least one metric, such as RunningTask, PendingTask, ActiveServices, RegisteredContainerInstances',
    ],
    [{ metrics: ['RunningTask', 'RunningTask'] }, 'metrics[1]: "RunningTask" is listed twice (also at index 0): list each metric once'],
    [
      { metrics: ['RunningCount', 'PendingCount'] },
      'metrics: RunningCount, PendingCount are per-service metrics, but services names no cluster: name the services to collect, e.g. services: { "my-cluster": "*" }, or remove them from metrics',
    ],
    [
      { services: { 'prod-api': '*' } },
      'services: services are named for prod-api, but metrics selects no per-service metric: add RunningCount, DesiredCount, PendingCount to metrics, or remove services',
    ],
    [
      { metrics: ['RunningCount'], services: { 'prod-apj': '*' } },
      'services.prod-apj: "prod-apj" is not in clusters: add it to clusters, or remove it from services',
    ],
    [
      { metrics: ['RunningCount'], services: { 'prod-api': [] } },
      'services.prod-api: no services listed for "prod-api": list service names, or use "*" for all services of the cluster',
    ],
    [
      { metrics: ['RunningCount'], services: { 'prod-api': ['web', 'bad name'] } },
      'services.prod-api[1]: "bad name" is not a valid ECS service name: use 1 to 255 letters, digits, hyphens and underscores',
    ],
    [
      { metrics: ['RunningCount'], services: { 'prod-api': ['web', 'web'] } },
      'services.prod-api[1]: "web" is listed twice (also at index 0): list each service once',
    ],
    [
      { metrics: ['RunningCount'], services: { 'prod-api': 'all' } },
      'services.prod-api: "all" is not a service selection: use a list of service names, or "*" for all services of the cluster',
    ],
  ])('%j is refused: %s', (props, message) => {
    expect(build(props)).toThrow(ValidationError);
    expect(build(props)).toThrow(`test/pipeline: ${message}`);
  });

  test('every problem at once', () => {
    expect(build({ metrics: ['Nope', 'RunningCount'], services: { 'prod-api': ['ok', 'no way'], elsewhere: '*' } })).toThrow(
      /^test\/pipeline: \n {2}- metrics\[0\]: "Nope" .*\n {2}- services\.prod-api\[1\]: "no way" .*\n {2}- services\.elsewhere: "elsewhere" is not in clusters.*$/,
    );
  });

  test('a 255-character service name is accepted', () => {
    expect(build({ metrics: ['RunningCount'], services: { 'prod-api': ['s'.repeat(255)] } })).not.toThrow();
  });

  test('service names known only at apply (tokens) are not checked, and reach IAM and the input as references', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'test');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const name = new TerraformVariable(stack, 'service', { type: 'string' });
    new EcsHighResMetrics(stack, 'pipeline', {
      clusters: ['prod'],
      account: ACCOUNT,
      region: 'us-east-1',
      metrics: ['RunningCount'],
      services: { prod: [name.stringValue] },
    });
    const tf = JSON.parse(Testing.synth(stack));
    expect(collectorPolicyOf(tf).Statement[1].Resource).toEqual([arn.service('prod', '${var.service}')]);
    expect(inputOf(tf).services).toEqual({ prod: ['${var.service}'] });
  });

  test("a policy naming too many services is refused before apply, and says '*' is the way out", () => {
    const names = Array.from({ length: 150 }, (_, i) => `a-service-with-a-rather-long-name-${i}`);
    expect(build({ metrics: ['RunningCount'], services: { 'prod-api': names } })).toThrow(
      /clusters: the collector's policy naming 2 clusters and 150 services is \d+ characters, over IAM's 10240-character limit for a role's inline policies; split the clusters across pipelines with different names, or collect whole clusters with "\*"/,
    );
  });
});

describe('the fleet config', () => {
  const config = (edit: (c: any) => void = () => undefined) => {
    const c: any = {
      name: 'ecs-highres',
      defaults: { metrics: ['RunningTask', 'RunningFargateTask'] },
      accounts: [{ id: ACCOUNT, regions: { 'us-east-1': { clusters: ['prod-api', 'prod-workers'] } } }],
    };
    edit(c);
    return c;
  };

  test('metrics in defaults and services per region reach each pipeline', () => {
    const parsed = validateFleetConfig(
      config((c) => {
        c.accounts[0].regions['us-east-1'].metrics = ['RunningTask', 'RunningCount'];
        c.accounts[0].regions['us-east-1'].services = { 'prod-api': '*', 'prod-workers': ['worker'] };
        c.accounts[0].regions['eu-west-1'] = { clusters: ['prod-eu'] };
      }),
    );
    const app = Testing.app();
    const fleet = new MetricsFleet(app, 'fleet', { config: parsed });
    const settings = Object.fromEntries(fleet.stacks.map((s) => [s.node.id, s.pipeline.settings]));
    expect(settings['ecs-highres-111111111111-us-east-1']).toMatchObject({
      metrics: ['RunningTask', 'RunningCount'],
      services: { 'prod-api': '*', 'prod-workers': ['worker'] },
    });
    expect(settings['ecs-highres-111111111111-eu-west-1']).toMatchObject({ metrics: ['RunningTask', 'RunningFargateTask'], services: {} });
  });

  test.each([
    [(c: any) => (c.defaults.metrics = ['RunningTask', 'Fargate']), 'defaults.metrics[1]: "Fargate" is not a metric the collector knows: use one of'],
    [(c: any) => (c.accounts[0].regions['us-east-1'].metrics = []), 'accounts[0].regions.us-east-1.metrics: the metric list is empty'],
    [
      (c: any) => (c.accounts[0].regions['us-east-1'].services = { 'prod-api': ['web', 'web'] }),
      'accounts[0].regions.us-east-1.services.prod-api[1]: "web" is listed twice (also at index 0): list each service once',
    ],
    [
      (c: any) => (c.accounts[0].regions['us-east-1'].services = { 'bad cluster': '*' }),
      'accounts[0].regions.us-east-1.services.bad cluster: "bad cluster" is not a valid ECS cluster name',
    ],
    [
      (c: any) => (c.accounts[0].regions['us-east-1'].services = { 'prod-api': 'all' }),
      'accounts[0].regions.us-east-1.services.prod-api: "all" matches none of the allowed forms',
    ],
  ])('%#: a bad setting is refused with its path', (edit, message) => {
    const validate = () => validateFleetConfig(config(edit));
    expect(validate).toThrow(ConfigError);
    expect(validate).toThrow(`fleet config: 1 problem:\n  - ${message}`);
  });
});
