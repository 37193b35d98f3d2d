/**
 * The pipeline's token tolerance, for the Terraform module: a list known only at apply is written
 * by jsonencode inside JSON text, the collector's cluster ARNs by formatlist, and the state machine
 * definition for an interval known only at apply is picked from one per allowed interval. Without
 * tokens the text is JSON.stringify's.
 */
import { App, DefaultTokenResolver, StringConcat, TerraformStack, TerraformVariable, Tokenization } from 'cdktf';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { pipelineCollectorPolicy } from '../../../modules/pipeline/iam-policies';
import { jsonText } from '../../../modules/pipeline/json-text';
import { stateMachineDefinitionText } from '../../../modules/pipeline/state-machine-text';

function stackWithVariables() {
  const stack = new TerraformStack(new App(), 'module');
  const clusters = new TerraformVariable(stack, 'clusters', { type: 'list(string)' });
  const interval = new TerraformVariable(stack, 'interval_seconds', { type: 'number' });
  return { stack, clusters: clusters.listValue, interval: interval.numberValue };
}

/** What `value` becomes in the stack's Terraform JSON. */
const resolved = (stack: TerraformStack, value: unknown) =>
  Tokenization.resolve(value, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

test('jsonText without tokens is exactly JSON.stringify', () => {
  const value = { a: [1, 'two', { three: null }], b: 'x' };
  expect(jsonText(value)).toBe(JSON.stringify(value));
});

test("a list token inside jsonText is written by Terraform's jsonencode in its place", () => {
  const { stack, clusters } = stackWithVariables();
  expect(resolved(stack, jsonText({ clusters, namespace: 'ECS' }))).toBe('{"clusters":${jsonencode(var.clusters)},"namespace":"ECS"}');
});

test("the collector's DescribeClusters resource for a cluster list token is formatlist of the cluster ARN", () => {
  const { stack, clusters } = stackWithVariables();
  const policy = pipelineCollectorPolicy(
    { clusters, namespace: 'ECS', services: {}, name: 'm', tracing: false },
    { partition: 'aws', region: 'eu-west-1', account: '111111111111' },
  );
  expect(resolved(stack, jsonText(policy.Statement[0]))).toBe(
    '{"Sid":"DescribeListedClusters","Effect":"Allow","Action":"ecs:DescribeClusters","Resource":${jsonencode(formatlist("arn:%s:ecs:%s:%s:cluster/%s", "aws", "eu-west-1", "111111111111", var.clusters))}}',
  );
});

test('an interval token picks its definition from a local holding one per allowed interval', () => {
  const { stack, interval } = stackWithVariables();
  const text = stateMachineDefinitionText(stack, { intervalSeconds: interval, collectorArn: 'arn:aws:lambda:eu-west-1:111111111111:function:c' });
  expect(resolved(stack, text)).toMatch(/^\$\{local\.state-machine-definitions\[var\.interval_seconds\]\}$/);
  const locals = (stack.toTerraform() as { locals: Record<string, Record<string, string>> }).locals;
  const table = locals['state-machine-definitions'];
  expect(Object.keys(table).map(Number)).toEqual([...ALLOWED_INTERVALS]);
  for (const seconds of ALLOWED_INTERVALS) expect(JSON.parse(table[String(seconds)]).States.Ticks.Branches).toHaveLength(60 / seconds);
});

test('a literal interval is the definition itself, and no local', () => {
  const { stack } = stackWithVariables();
  const text = stateMachineDefinitionText(stack, { intervalSeconds: 5, collectorArn: 'arn:aws:lambda:eu-west-1:111111111111:function:c' });
  expect(JSON.parse(text).States.Ticks.Branches).toHaveLength(12);
  expect((stack.toTerraform() as { locals?: unknown }).locals).toBeUndefined();
});
