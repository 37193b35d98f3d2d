/**
 * A synthesized stack's Terraform JSON as a module (asModule): no provider block, no backend,
 * cdktf's comments gone, the collector zip read from path.module, the construct's outputs without
 * its prefix, and null defaults written. Pure: a hand-made stack JSON.
 */
import { asModule } from '../../../scripts/lib/terraform-module/pipeline-module';

const stack = {
  '//': { metadata: { stackName: 'module' } },
  provider: { aws: [{}] },
  terraform: { backend: { local: { path: '/somewhere/terraform.module.tfstate' } }, required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
  variable: {
    clusters: { type: 'list(string)' },
    collector_timeout_seconds: { type: 'number', nullable: true },
    account_id: { type: 'string', nullable: true },
  },
  output: { pipeline_state_machine_arn: { value: '${aws_sfn_state_machine.m.arn}' }, extra: { value: 'x' } },
  resource: {
    aws_lambda_function: { collector: { '//': { metadata: { path: 'module/pipeline/collector' } }, filename: 'assets/collector-code/HASH/collector.zip' } },
  },
};

test('strips the provider and the backend, and requires the aws provider by its registry source', () => {
  const module = asModule(stack, {});
  expect(module.provider).toBeUndefined();
  expect(module.terraform).toEqual({ required_version: '>= 1.9.0', required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.100.0, < 6.0.0' } } });
  expect(JSON.stringify(module)).not.toContain('"//"');
});

test("reads the collector zip from the module's own folder, and renames the construct's outputs", () => {
  const module = asModule(stack, { pipeline_state_machine_arn: 'state_machine_arn' });
  expect(module.resource.aws_lambda_function.collector.filename).toBe('${path.module}/collector.zip');
  expect(Object.keys(module.output)).toEqual(['state_machine_arn', 'extra']);
});

test('writes the null defaults cdktf cannot', () => {
  const module = asModule(stack, {});
  expect(module.variable.collector_timeout_seconds.default).toBeNull();
  expect(module.variable.account_id.default).toBeNull();
  expect('default' in module.variable.clusters).toBe(false);
});
