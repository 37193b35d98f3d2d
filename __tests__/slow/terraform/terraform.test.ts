/**
 * The real Terraform CLI on every stack synthesized from the example configs, through
 * `npm run plan` (scripts/plan.ts): init from the provider mirror, validate, and plan with fake
 * credentials, whatever the stack's backend (local, S3, Terraform Cloud).
 */
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { MIRROR_DIR, OVERRIDE_FILE, QUIET_TERRAFORM_ENV } from '../../../scripts/lib/terraform';
import { counted } from '../../../scripts/lib/counted';
import { type AppRun, ROOT, runApp } from '../../support/app';
import { writeSynthOutput } from '../../support/plan-cli';

const exec = promisify(execFile);

interface PlanRun {
  readonly code: number;
  readonly lines: string[];
  readonly workRoot: string;
}

/** WHEN `npm run plan` runs on `outdir` (its work copies beside it); THEN its exit code and output lines. */
async function runPlan(outdir: string): Promise<PlanRun> {
  const workRoot = path.join(outdir, '..', 'tf-work');
  const env = { ...process.env, CDKTF_OUTDIR: outdir, PLAN_WORK_DIR: workRoot };
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  try {
    const { stdout } = await exec(process.execPath, [tsx, 'scripts/plan.ts'], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, lines: stdout.split('\n'), workRoot };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, lines: e.stdout.split('\n'), workRoot };
  }
}

/** `terraform show -json` of the plan a stack's work copy saved. */
async function showPlan(workDir: string, workRoot: string): Promise<any> {
  const env = { ...process.env, ...QUIET_TERRAFORM_ENV, TF_CLI_CONFIG_FILE: path.join(workRoot, 'terraformrc') };
  const { stdout } = await exec('terraform', ['show', '-json', 'offline.tfplan'], { cwd: workDir, env, maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(stdout);
}

const stackJson = (run: AppRun, stack: string) => JSON.parse(readFileSync(path.join(run.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

const declaredResources = (stack: any) =>
  Object.entries<Record<string, unknown>>(stack.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`));

const PLAN_LINE = /^ok {4}(\d+) to create +\d+\.\d s {2}(\S+)$/;

const planned = new Map<string, Promise<{ run: AppRun; plan: PlanRun }>>();
/** GIVEN an example synthesized by the app, WHEN `npm run plan` runs on it (once per example, shared by the tests). */
function planExample(example: string): Promise<{ run: AppRun; plan: PlanRun }> {
  if (!planned.has(example)) {
    const run = runApp(path.join(ROOT, 'examples', example));
    if (run.status !== 0) throw new Error(`the app failed on ${example}:\n${run.stderr}`);
    planned.set(
      example,
      runPlan(run.outdir).then((plan) => ({ run, plan })),
    );
  }
  return planned.get(example)!;
}

describe.each([
  ['fleet.json', 'local'],
  ['fleet-s3.yaml', 's3'],
  ['fleet-cloud.json', 'cloud'],
  ['organization.yaml', 'local'],
])('npm run plan on the example %s (%s backend)', (example, backend) => {
  let run: AppRun;
  let plan: PlanRun;

  beforeAll(async () => {
    ({ run, plan } = await planExample(example));
  }, 600_000);

  test('exits 0 and prints a header, one line per stack, and a summary', () => {
    expect(plan.code).toBe(0);
    expect(plan.lines[0]).toBe(`planning ${counted(run.stacks.length, 'stack')}, ${availableParallelism()} at once`);
    const stackLines = plan.lines.filter((line) => PLAN_LINE.test(line));
    expect(stackLines.map((line) => PLAN_LINE.exec(line)![2]).sort()).toEqual(run.stacks);
    expect(plan.lines.at(-2)).toMatch(new RegExp(`^${run.stacks.length}/${counted(run.stacks.length, 'stack')} planned in \\d+\\.\\d s$`));
  });

  test('every stack plans to create as many resources as it declares', () => {
    for (const stack of run.stacks) {
      const line = plan.lines.find((l) => PLAN_LINE.exec(l)?.[2] === stack)!;
      expect([stack, Number(PLAN_LINE.exec(line)![1])]).toEqual([stack, declaredResources(stackJson(run, stack)).length]);
    }
  });

  test(`the stacks deployed keep their ${backend} backend; only the work copies plan against a local one`, () => {
    for (const stack of run.stacks) {
      const tf = stackJson(run, stack);
      expect(Object.keys(tf.terraform.backend ?? {}).concat(tf.terraform.cloud ? ['cloud'] : [])).toEqual([backend]);
      expect(existsSync(path.join(run.outdir, 'stacks', stack, OVERRIDE_FILE))).toBe(false);
      const override = JSON.parse(readFileSync(path.join(plan.workRoot, 'stacks', stack, OVERRIDE_FILE), 'utf8'));
      expect(override.terraform).toEqual({ backend: { local: { path: 'terraform.tfstate' } } });
    }
  });

  test('each work copy links the provider from the mirror: it is never downloaded or copied', () => {
    for (const stack of run.stacks) {
      const platforms = path.join(plan.workRoot, 'stacks', stack, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0');
      for (const platform of readdirSync(platforms)) {
        const link = path.join(platforms, platform);
        expect(lstatSync(link).isSymbolicLink()).toBe(true);
        expect(readlinkSync(link)).toBe(path.join(MIRROR_DIR, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', platform));
      }
    }
  });
});

describe('the saved plan of a stack of the example fleet', () => {
  const stack = 'ecs-highres-111111111111-eu-west-1';
  let run: AppRun;
  let shown: any;
  let taggable: Set<string>;

  beforeAll(async () => {
    const example = await planExample('fleet.json');
    run = example.run;
    const { plan } = example;
    expect(plan.code).toBe(0);
    const workDir = path.join(plan.workRoot, 'stacks', stack);
    shown = await showPlan(workDir, plan.workRoot);
    const env = { ...process.env, ...QUIET_TERRAFORM_ENV, TF_CLI_CONFIG_FILE: path.join(plan.workRoot, 'terraformrc') };
    const { stdout } = await exec('terraform', ['providers', 'schema', '-json'], { cwd: workDir, env, maxBuffer: 512 * 1024 * 1024 });
    const schemas = JSON.parse(stdout).provider_schemas['registry.terraform.io/hashicorp/aws'].resource_schemas;
    taggable = new Set(Object.keys(schemas).filter((type) => schemas[type].block.attributes?.tags_all));
  }, 600_000);

  test('creates exactly the resources the stack declares', () => {
    const creates = shown.resource_changes.filter((r: any) => r.change.actions.includes('create')).map((r: any) => r.address);
    expect(creates.sort()).toEqual(declaredResources(stackJson(run, stack)).sort());
  });

  test('every resource the provider can tag gets the merged tags in tags_all, from default_tags alone', () => {
    const merged = { team: 'platform', service: 'ecs-highres-metrics', environment: 'production', 'data-residency': 'eu' };
    const changes: any[] = shown.resource_changes;
    const tagged = changes.filter((r) => taggable.has(r.type));
    expect(tagged.map((r) => r.type)).toEqual(
      expect.arrayContaining(['aws_cloudwatch_log_group', 'aws_iam_role', 'aws_lambda_function', 'aws_sfn_state_machine']),
    );
    for (const resource of tagged) {
      expect([resource.address, resource.change.after.tags_all, resource.change.after.tags]).toEqual([resource.address, merged, null]);
    }
    for (const resource of changes.filter((r) => !taggable.has(r.type))) {
      expect([resource.address, resource.change.after.tags_all]).toEqual([resource.address, undefined]);
    }
  });
});

test('a stack that does not validate fails the run, with its line and its name in the summary', async () => {
  // GIVEN a stack that references a resource it does not declare
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-broken-')), 'cdktf.out');
  const broken = path.join(outdir, 'stacks', 'broken');
  writeSynthOutput(outdir, ['broken']);
  const tf = {
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    provider: { aws: [{ region: 'us-east-1' }] },
    output: { nothing: { value: '${aws_lambda_function.missing.arn}' } },
  };
  writeFileSync(path.join(broken, 'cdk.tf.json'), JSON.stringify(tf));
  // WHEN planned; THEN
  const plan = await runPlan(outdir);
  expect(plan.code).toBe(1);
  expect(plan.lines).toContainEqual(expect.stringMatching(/^FAIL {2}at validate +\d+\.\d s {2}broken$/));
  expect(plan.lines).toContainEqual(expect.stringContaining('Reference to undeclared resource'));
  expect(plan.lines.at(-2)).toMatch(/^0\/1 stack planned in \d+\.\d s; failed: broken$/);
}, 600_000);
