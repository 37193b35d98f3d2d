/**
 * The construct in your own cdktf stack, beside your other resources: two pipelines (one per
 * workload, each with its own name) in one stack, an SNS topic of yours as the alarm target.
 * Run it with `npx tsx examples/own-stack/main.ts`; a test synthesizes it. In your project,
 * import from 'cdktf-ecs-highres-metrics' instead of '../../modules'.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { EcsHighResMetrics } from '../../modules';

export class MetricsStack extends TerraformStack {
  public readonly api: EcsHighResMetrics;
  public readonly batch: EcsHighResMetrics;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });
    const oncall = new SnsTopic(this, 'oncall', { name: 'oncall' });
    this.api = new EcsHighResMetrics(this, 'api-metrics', {
      name: 'api-highres',
      clusters: ['prod-api'],
      account: '111111111111',
      region: 'eu-west-1',
      alarms: [{ metric: 'RunningTask', comparison: 'LessThanThreshold', threshold: 2 }],
      // A topic of this stack: its ARN is a reference, known at apply.
      alarmActions: { topicArns: [oncall.arn] },
    });
    this.batch = new EcsHighResMetrics(this, 'batch-metrics', {
      name: 'batch-highres',
      clusters: ['prod-batch'],
      account: '111111111111',
      region: 'eu-west-1',
      intervalSeconds: 10,
      dashboard: false,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new MetricsStack(app, 'metrics');
  app.synth();
}
