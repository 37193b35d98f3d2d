/**
 * One pipeline in your own cdktf stack: the README's Quick start example. Run it with
 * `npx tsx examples/one-pipeline/main.ts` (it writes cdktf.out/); a test runs it, and checks that
 * the README ("Quick start") shows exactly this code, importing from 'cdktf-ecs-highres-metrics'.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EcsHighResMetrics } from '../../modules';

const app = new App();
const stack = new TerraformStack(app, 'metrics');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new EcsHighResMetrics(stack, 'ecs-metrics', {
  clusters: ['prod-api', 'prod-workers'],
  account: '111111111111', // optional: without it ARNs come from aws_caller_identity at plan
  region: 'us-east-1', // optional: without it, from aws_region
  intervalSeconds: 5,
  // Without it, alarms notify no one (synth warns once): create a topic and subscribe someone.
  alarmActions: { createTopic: true, emails: ['oncall@example.com'] },
});
app.synth();
