/**
 * The Terraform module as a platform team on plain Terraform uses it: the README's HCL example,
 * verbatim, calls the extracted module archive (`source` a local path) and passes `terraform init`
 * (the provider mirror), `validate` and `plan` offline with fake credentials; bad inputs fail at
 * plan with their variable's message.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { type PlanResult, planOffline, terraformEnvironment } from '../../../scripts/lib/terraform';
import { ALLOWED_INTERVALS } from '../../../modules/common/rules';
import { EXAMPLE_SOURCE } from '../../../scripts/lib/terraform-module/readme-example';
import { writeConsumerRoot } from '../../support/terraform-module';

const exec = promisify(execFile);

let workRoot: string;
let env: NodeJS.ProcessEnv;

/** GIVEN the README's example (edited by `edit`) beside the extracted module, WHEN planned offline. */
async function planExample(name: string, edit?: (example: string) => string): Promise<{ result: PlanResult; workDir: string }> {
  const rootDir = path.join(workRoot, 'roots', name);
  writeConsumerRoot(rootDir, edit);
  const workDir = path.join(workRoot, 'work', name);
  return { result: await planOffline(rootDir, workDir, env), workDir };
}

/** Every resource the plan creates, by address, with its planned values. */
const shown = new Map<string, Promise<Map<string, { type: string; values: Record<string, any> }>>>();
function plannedResources(workDir: string): Promise<Map<string, { type: string; values: Record<string, any> }>> {
  if (!shown.has(workDir)) shown.set(workDir, showResources(workDir));
  return shown.get(workDir)!;
}

async function showResources(workDir: string): Promise<Map<string, { type: string; values: Record<string, any> }>> {
  const { stdout } = await exec('terraform', ['show', '-json', 'offline.tfplan'], { cwd: workDir, env, maxBuffer: 256 * 1024 * 1024 });
  const plan = JSON.parse(stdout);
  const resources = new Map<string, { type: string; values: Record<string, any> }>();
  const walk = (module: any) => {
    for (const r of module?.resources ?? []) resources.set(r.address, { type: r.type, values: r.values });
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(plan.planned_values.root_module);
  return resources;
}

const ofType = (resources: Awaited<ReturnType<typeof plannedResources>>, type: string) => [...resources.values()].filter((r) => r.type === type);

beforeAll(async () => {
  workRoot = mkdtempSync(path.join(tmpdir(), 'terraform-module-'));
  env = await terraformEnvironment(workRoot);
});

describe("the README's example, verbatim", () => {
  let planned: { result: PlanResult; workDir: string };
  beforeAll(async () => {
    planned = await planExample('readme');
  }, 300_000);

  test('calls the module at a local path, and passes init, validate and plan', () => {
    expect(readFileSync(path.join(workRoot, 'roots', 'readme', 'main.tf'), 'utf8')).toContain(`source = "${EXAMPLE_SOURCE}"`);
    expect({ ok: planned.result.ok, step: planned.result.failedStep, output: planned.result.output }).toEqual({ ok: true, step: undefined, output: undefined });
  });

  test("plans the pipeline of the example's two clusters, every ARN in its account and region", async () => {
    const resources = await plannedResources(planned.workDir);
    expect(planned.result.creates.filter((a) => a.startsWith('module.ecs_metrics.')).length).toBe(planned.result.creates.length);
    expect(ofType(resources, 'aws_lambda_function')).toHaveLength(1);
    expect(ofType(resources, 'aws_sfn_state_machine')).toHaveLength(1);
    expect(ofType(resources, 'aws_scheduler_schedule')).toHaveLength(1);
    expect(ofType(resources, 'aws_iam_role')).toHaveLength(3);
    expect(ofType(resources, 'aws_cloudwatch_metric_alarm')).toHaveLength(4);
    const [fn] = ofType(resources, 'aws_lambda_function');
    expect(fn.values).toMatchObject({ function_name: 'ecs-highres-collector', timeout: 10, memory_size: 128, architectures: ['arm64'] });
    const collectorPolicy = ofType(resources, 'aws_iam_role_policy')
      .map((p) => JSON.parse(p.values.policy))
      .find((p) => p.Statement[0].Sid === 'DescribeListedClusters');
    expect(collectorPolicy.Statement[0]).toEqual({
      Sid: 'DescribeListedClusters',
      Effect: 'Allow',
      Action: 'ecs:DescribeClusters',
      Resource: ['arn:aws:ecs:us-east-1:111111111111:cluster/prod-api', 'arn:aws:ecs:us-east-1:111111111111:cluster/prod-workers'],
    });
    const [schedule] = ofType(resources, 'aws_scheduler_schedule');
    expect(JSON.parse(schedule.values.target[0].input)).toEqual({
      clusters: ['prod-api', 'prod-workers'],
      namespace: 'ECS',
      metrics: ['RunningTask', 'PendingTask', 'ActiveServices', 'RegisteredContainerInstances'],
      // The fleet-health series are published under the module's name.
      health: { pipeline: 'ecs-highres' },
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
  });

  test('picks the state machine definition of its interval: for 5 s, 12 branches at 0, 5, ... 55 s', async () => {
    const resources = await plannedResources(planned.workDir);
    const [machine] = ofType(resources, 'aws_sfn_state_machine');
    expect(machine.values).toMatchObject({ name: 'ecs-highres', type: 'EXPRESS' });
    // The definition names the collector's ARN, known only at apply: the module picks it from a local by the interval.
    const main = JSON.parse(readFileSync(path.join(planned.workDir, EXAMPLE_SOURCE, 'main.tf.json'), 'utf8'));
    const [definition] = Object.values<any>(main.resource.aws_sfn_state_machine).map((m) => m.definition);
    const local = /^\$\{local\.([\w-]+)\[var\.interval_seconds\]\}$/.exec(definition)?.[1];
    expect(local).toBeDefined();
    const branches = JSON.parse(main.locals[local!]['5']).States.Ticks.Branches;
    expect(branches.map((b: any) => b.StartAt)).toEqual([
      'Collect at 00s',
      ...[5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55].map((s) => `Wait ${String(s).padStart(2, '0')}s`),
    ]);
    expect(Object.keys(main.locals[local!]).map(Number)).toEqual([...ALLOWED_INTERVALS]);
  });
});

test("bad inputs fail at plan, each with its variable's message: a cluster name AWS refuses, an interval that does not divide 60", async () => {
  const { result } = await planExample('bad-inputs', (example) =>
    example.replace('"prod-workers"', '"prod workers!"').replace('interval_seconds = 5', 'interval_seconds = 7'),
  );
  expect(result.ok).toBe(false);
  expect(['validate', 'plan']).toContain(result.failedStep);
  const output = (result.output ?? '').replace(/\s+/g, ' ');
  expect(output).toContain('clusters: "prod workers!" is not a valid ECS cluster name: use 1 to 255 letters, digits, hyphens and underscores.');
  expect(output).toContain(
    'interval_seconds: 7 is not an allowed interval: it must divide 60 and be 1 to 30 seconds (one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30).',
  );
}, 300_000);

test("more clusters than IAM's inline policy limit lets the collector's policy name fail at plan, by the precondition", async () => {
  const many = Array.from({ length: 100 }, (_, i) => `"cluster-${String(i).padStart(3, '0')}-${'x'.repeat(80)}"`).join(', ');
  const { result } = await planExample('too-many-clusters', (example) => example.replace('["prod-api", "prod-workers"]', `[${many}]`));
  expect({ ok: result.ok, step: result.failedStep }).toEqual({ ok: false, step: 'plan' });
  const output = (result.output ?? '').replace(/\s+/g, ' ');
  expect(output).toMatch(
    /clusters: the collector's policy naming 100 clusters is \d{5} characters, over IAM's 10240-character limit for a role's inline policies; split the clusters across pipelines with different names\./,
  );
}, 300_000);
