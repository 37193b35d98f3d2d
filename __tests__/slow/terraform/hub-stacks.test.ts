/**
 * A hub stack and a spoke stack, synthesized to disk as an app does, pass the real Terraform CLI
 * offline: init from the provider mirror, validate, and plan with fake credentials, creating the
 * target list bucket and object, the collector with its managed AssumeRole policies, and the spoke role.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { EcsHighResMetricsSpoke } from '../../../modules/hub/ecs-high-res-metrics-spoke';
import { planOffline, terraformEnvironment } from '../../../scripts/lib/terraform';

test('GIVEN a hub of 1,000 accounts and a spoke WHEN their stacks are planned offline THEN init, validate and plan succeed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-stacks-'));
  const outdir = path.join(dir, 'cdktf.out');
  const app = new App({ outdir });
  const targets = Array.from({ length: 1000 }, (_, i) => ({
    account: String(100000000000 + i),
    region: 'us-east-1',
    clusters: i === 0 ? ('*' as const) : ['prod'],
  }));
  const hub = new TerraformStack(app, 'ops-999999999999-eu-west-1-hub');
  new AwsProvider(hub, 'aws', { region: 'eu-west-1', allowedAccountIds: ['999999999999'] });
  new EcsHighResMetricsHub(hub, 'hub', { name: 'ops', account: '999999999999', region: 'eu-west-1', targets, externalId: 'fleet-7' });
  const spoke = new TerraformStack(app, 'ops-spoke-100000000000');
  new AwsProvider(spoke, 'aws', { region: 'us-east-1', allowedAccountIds: ['100000000000'] });
  new EcsHighResMetricsSpoke(spoke, 'spoke', {
    name: 'ops',
    account: '100000000000',
    hub: { account: '999999999999', region: 'eu-west-1' },
    externalId: 'fleet-7',
    targets: [targets[0]],
  });
  app.synth();

  const env = await terraformEnvironment(path.join(dir, 'tf-work'));
  const plans = await Promise.all(
    [hub, spoke].map((stack) => planOffline(path.join(outdir, 'stacks', stack.node.id), path.join(dir, 'tf-work', stack.node.id), env)),
  );
  for (const result of plans) if (!result.ok) throw new Error(`terraform ${result.failedStep} of ${result.stack} failed:\n${result.output}`);
  const [hubPlan, spokePlan] = plans;
  const created = (prefix: string, creates: readonly string[]) => creates.filter((address) => address.startsWith(`${prefix}.`)).length;
  expect(created('aws_s3_bucket', hubPlan.creates)).toBe(1);
  expect(created('aws_s3_object', hubPlan.creates)).toBe(1);
  // The TLS-only bucket policy and the lifecycle configuration pass the provider's own validation.
  expect(created('aws_s3_bucket_policy', hubPlan.creates)).toBe(1);
  expect(created('aws_s3_bucket_lifecycle_configuration', hubPlan.creates)).toBe(1);
  expect(created('aws_iam_policy', hubPlan.creates)).toBe(3);
  expect(created('aws_iam_role_policy_attachment', hubPlan.creates)).toBe(3);
  expect(created('aws_lambda_function', hubPlan.creates)).toBe(1);
  expect(spokePlan.creates).toEqual([expect.stringMatching(/^aws_iam_role\./), expect.stringMatching(/^aws_iam_role_policy\./)].sort());
});
