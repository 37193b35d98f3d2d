/**
 * A fleet whose name starts with a digit (`9lives`) used to synthesize output ids Terraform
 * refuses ("Invalid output name" at init). Now the app's stack passes the real Terraform CLI:
 * init from the provider mirror, validate and plan with fake credentials.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { planOffline, terraformEnvironment } from '../../../scripts/lib/terraform';
import { runApp } from '../../support/app';

test('GIVEN a fleet named 9lives WHEN its stack is planned offline THEN init, validate and plan succeed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'digit-name-'));
  const config = path.join(dir, 'fleet.json');
  writeFileSync(config, JSON.stringify({ name: '9lives', accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod'] } } }] }));
  const run = runApp(config, path.join(dir, 'cdktf.out'));
  expect(run.stderr).not.toMatch(/Error/);
  expect(run.stacks).toEqual(['9lives-111111111111-us-east-1']);
  const stackDir = path.join(run.outdir, 'stacks', run.stacks[0]);
  const outputs = Object.keys(JSON.parse(readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')).output);
  expect(outputs).toContain('pipeline_state_machine_arn');
  const env = await terraformEnvironment(path.join(dir, 'tf-work'));
  const result = await planOffline(stackDir, path.join(dir, 'tf-work', run.stacks[0]), env);
  if (!result.ok) throw new Error(`terraform ${result.failedStep} failed:\n${result.output}`);
  expect(result.creates.filter((address) => address.startsWith('aws_lambda_function.'))).toHaveLength(1);
});
