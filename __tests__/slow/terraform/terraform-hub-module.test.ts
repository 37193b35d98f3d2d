/**
 * The hub's Terraform module (modules/hub of the archive) as a platform team uses it: the hub
 * example calls it from HCL at a local path and passes init, validate and plan offline; what the
 * module computes from `var.targets` (the target list object, the collector's memory and timeout)
 * is what the EcsHighResMetricsHub construct synthesizes for the same members; bad inputs, a tick
 * that cannot finish and more accounts than the collector's policy can name fail at plan with
 * their messages.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import type { EcsHighResMetricsHubProps } from '../../../modules/hub/props';
import { EcsHighResMetricsHub } from '../../../modules/hub/ecs-high-res-metrics-hub';
import { type PlanResult, planOffline, terraformEnvironment } from '../../../scripts/lib/terraform';
import { HUB_EXAMPLE, HUB_EXAMPLE_SOURCE, ORGANIZATION_HUB_EXAMPLE, ORGANIZATION_HUB_EXAMPLE_SOURCE } from '../../../scripts/lib/terraform-module/hub-files';
import { MODULE_NAME } from '../../../scripts/lib/terraform-module/module-files';
import { archiveEntries, MODULE_ARCHIVE } from '../../support/terraform-module';

const exec = promisify(execFile);

let workRoot: string;
let env: NodeJS.ProcessEnv;

/** The example's members, as the construct takes them. */
const EXAMPLE_TARGETS: TargetListEntry[] = [
  { account: '222222222222', region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
  { account: '222222222222', region: 'eu-west-1', clusters: ['prod-eu'] },
  { account: '333333333333', region: 'us-east-1', clusters: '*' },
];

/** `count` account-regions of `clusters` clusters each, two regions per account from `firstAccount`. */
const fleet = (count: number, clusters: number, firstAccount = 200_000_000_000): TargetListEntry[] =>
  Array.from({ length: count }, (_, i) => ({
    account: String(firstAccount + Math.floor(i / 2)),
    region: i % 2 === 0 ? 'us-east-1' : 'eu-west-1',
    clusters: Array.from({ length: clusters }, (_, j) => `cluster-${i}-${j}`),
  }));

/** 5,200 listed clusters and two "*" account-regions: the collector is sized to 1,024 MB. */
const LARGE = [
  ...fleet(130, 40),
  { account: '400000000000', region: 'us-east-1', clusters: '*' as const },
  { account: '400000000001', region: 'ap-south-1', clusters: '*' as const },
];
/** 240 account-regions far from the hub: the cold tick needs more than the default timeout. */
const FAR = fleet(240, 5);
const FAR_LATENCY_MS = 800;
/** One account per account-region: more accounts than the collector's inline policy can name. */
const MANY_ACCOUNTS = Array.from({ length: 700 }, (_, i) => ({ account: String(500_000_000_000 + i), region: 'us-east-1', clusters: ['api'] }));

/** Targets as HCL. */
const hclTargets = (targets: readonly TargetListEntry[]) =>
  `[\n${targets
    .map((t) => `    { account = "${t.account}", region = "${t.region}", clusters = ${JSON.stringify(t.clusters === '*' ? ['*'] : t.clusters)} },`)
    .join('\n')}\n  ]`;

/** A call of the hub module beside the example's. */
const hubCall = (label: string, body: string) => `\nmodule "${label}" {\n  source = "${HUB_EXAMPLE_SOURCE}"\n  account_id = "111111111111"\n${body}\n}\n`;

/** GIVEN a root module `main.tf` beside the extracted archive, WHEN planned offline. */
async function plan(name: string, main: string): Promise<{ result: PlanResult; workDir: string }> {
  const rootDir = path.join(workRoot, 'roots', name);
  mkdirSync(path.join(rootDir, MODULE_NAME), { recursive: true });
  archiveEntries();
  await exec('tar', ['-xzf', MODULE_ARCHIVE, '-C', path.join(rootDir, MODULE_NAME)]);
  writeFileSync(path.join(rootDir, 'main.tf'), main);
  const workDir = path.join(workRoot, 'work', name);
  return { result: await planOffline(rootDir, workDir, env), workDir };
}

type Planned = Map<string, { type: string; values: Record<string, any> }>;

async function plannedResources(workDir: string): Promise<Planned> {
  const { stdout } = await exec('terraform', ['show', '-json', 'offline.tfplan'], { cwd: workDir, env, maxBuffer: 512 * 1024 * 1024 });
  const resources: Planned = new Map();
  const walk = (module: any) => {
    for (const r of module?.resources ?? []) resources.set(r.address, { type: r.type, values: r.values });
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(JSON.parse(stdout).planned_values.root_module);
  return resources;
}

/** The module call's one resource of `type`. */
function one(resources: Planned, module: string, type: string): Record<string, any> {
  const found = [...resources.entries()].filter(([address, r]) => address.startsWith(`module.${module}.`) && r.type === type);
  expect(found).toHaveLength(1);
  return found[0][1].values;
}

/** What the construct synthesizes for `targets` in account 111111111111, us-east-1: the target list object and the collector's sizing. */
function constructHub(targets: readonly TargetListEntry[], props: Partial<EcsHighResMetricsHubProps> = {}) {
  const outdir = mkdtempSync(path.join(workRoot, 'construct-'));
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'hub');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EcsHighResMetricsHub(stack, 'hub', { account: '111111111111', region: 'us-east-1', targets, dashboard: false, ...props });
  app.synth();
  const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', 'hub', 'cdk.tf.json'), 'utf8'));
  const [object] = Object.values<any>(json.resource.aws_s3_object);
  const fn = Object.values<any>(json.resource.aws_lambda_function).find((f) => f.handler === 'index.hubHandler');
  return { content: object.content as string, memory: fn.memory_size as number, timeout: fn.timeout as number };
}

beforeAll(async () => {
  workRoot = mkdtempSync(path.join(tmpdir(), 'terraform-hub-module-'));
  env = await terraformEnvironment(workRoot);
});

describe('the hub example, and the hub module called for larger fleets', () => {
  let planned: { result: PlanResult; workDir: string };
  let resources: Planned;
  beforeAll(async () => {
    const main = [
      HUB_EXAMPLE,
      hubCall('large', `  name = "large"\n  targets = ${hclTargets(LARGE)}`),
      hubCall('far', `  name = "far"\n  assumed_call_latency_ms = ${FAR_LATENCY_MS}\n  targets = ${hclTargets(FAR)}`),
      hubCall('organization', `  name = "org"\n  organization_id = "o-abcdefghij"\n  targets = ${hclTargets(MANY_ACCOUNTS)}`),
    ].join('\n');
    planned = await plan('example', main);
    if (planned.result.ok) resources = await plannedResources(planned.workDir);
  }, 600_000);

  test('passes init, validate and plan offline, calling the module at a local path', () => {
    expect({ ok: planned.result.ok, step: planned.result.failedStep, output: planned.result.output }).toEqual({ ok: true, step: undefined, output: undefined });
    const example = planned.result.creates.filter((a) => a.startsWith('module.ecs_metrics_hub.'));
    const types = example.map((a) => a.split('.')[2]).sort();
    expect(types).toEqual(
      [
        'aws_cloudwatch_log_group',
        'aws_cloudwatch_log_group',
        ...Array(4).fill('aws_cloudwatch_metric_alarm'),
        ...Array(3).fill('aws_iam_role'),
        ...Array(3).fill('aws_iam_role_policy'),
        'aws_lambda_function',
        'aws_s3_bucket',
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_policy',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_versioning',
        'aws_s3_object',
        'aws_scheduler_schedule',
        'aws_sfn_state_machine',
      ].sort(),
    );
  });

  test("writes the target list object byte for byte as the construct does for the same members, with its bucket prefix of the hub's name", () => {
    const object = one(resources, 'ecs_metrics_hub', 'aws_s3_object');
    expect(object.content).toBe(constructHub(EXAMPLE_TARGETS).content);
    expect(JSON.parse(object.content)).toEqual({ version: 1, targets: EXAMPLE_TARGETS });
    expect(one(resources, 'ecs_metrics_hub', 'aws_s3_bucket').bucket_prefix).toBe('ecs-highres-targets-');
    expect(one(resources, 'large', 'aws_s3_object').content).toBe(constructHub(LARGE).content);
  });

  test('sizes the collector as the construct does: memory from the clusters, the timeout from the cold tick', () => {
    const sizing = (module: string) => {
      const fn = one(resources, module, 'aws_lambda_function');
      return { memory: fn.memory_size, timeout: fn.timeout };
    };
    const small = constructHub(EXAMPLE_TARGETS);
    const large = constructHub(LARGE);
    const far = constructHub(FAR, { assumedCallLatencyMs: FAR_LATENCY_MS });
    // The fleets reach beyond the defaults: 1,024 MB for 5,250 clusters, 12 s for 240 account-regions (120 accounts) at 800 ms a call.
    expect([large.memory, far.timeout]).toEqual([1024, 12]);
    expect({
      example: sizing('ecs_metrics_hub'),
      large: sizing('large'),
      far: sizing('far'),
    }).toEqual({
      example: { memory: small.memory, timeout: small.timeout },
      large: { memory: large.memory, timeout: large.timeout },
      far: { memory: far.memory, timeout: far.timeout },
    });
  });

  test("reads the archive's collector zip, with the hub handler", () => {
    const fn = one(resources, 'ecs_metrics_hub', 'aws_lambda_function');
    expect(fn).toMatchObject({
      handler: 'index.hubHandler',
      function_name: 'ecs-highres-collector',
      filename: `${MODULE_NAME}/modules/hub/../../collector.zip`,
    });
  });

  test('with organization_id, 700 accounts plan: the AssumeRole condition is the organization, not the accounts', () => {
    expect(planned.result.creates.filter((a) => a.startsWith('module.organization.aws_lambda_function.'))).toHaveLength(1);
  });
});

test("bad inputs fail at plan, each with its variable's message", async () => {
  const main = `provider "aws" {
  region = "us-east-1"
}
${hubCall(
  'bad',
  `  interval_seconds = 7
  spoke_role_name = "no spaces"
  targets = [
    { account = "12345", region = "us-east-1", clusters = ["prod-api"] },
    { account = "222222222222", region = "US East", clusters = ["prod workers!"] },
    { account = "222222222222", region = "eu-west-1", clusters = ["*", "prod-api"] },
  ]`,
)}`;
  const { result } = await plan('bad-inputs', main);
  expect(result.ok).toBe(false);
  expect(['validate', 'plan']).toContain(result.failedStep);
  const output = (result.output ?? '').replace(/\s+/g, ' ');
  expect(output).toContain('targets: account "12345" is not an AWS account ID: use its 12 digits.');
  expect(output).toContain('targets: region "US East" is not an AWS region: use a region code such as eu-west-1.');
  expect(output).toContain(
    'targets: the clusters of 222222222222/US East, 222222222222/eu-west-1 are not a cluster list: list 1 to 255-character names of letters, digits, hyphens and underscores, or ["*"] alone for every cluster of the account-region.',
  );
  expect(output).toContain('interval_seconds: 7 is not an allowed interval');
  expect(output).toContain('spoke_role_name: "no spaces" is not an IAM role name');
}, 300_000);

test("a fleet whose tick cannot finish within the interval fails at plan with the tick model's figures", async () => {
  const main = `provider "aws" {
  region = "us-east-1"
}
${hubCall('slow', `  assumed_call_latency_ms = 2000\n  targets = ${hclTargets(FAR)}`)}`;
  const { result } = await plan('slow-tick', main);
  expect({ ok: result.ok, step: result.failedStep }).toEqual({ ok: false, step: 'plan' });
  const output = (result.output ?? '').replace(/\s+/g, ' ');
  expect(output).toMatch(
    /targets: a tick of this hub cannot finish: at 2000 ms per AWS call \(assumed_call_latency_ms\), 240 account-regions of 1200 clusters take about \d+ ms per tick .* against the 5-s interval/,
  );
  expect(output).toContain('Collect fewer account-regions per hub');
}, 300_000);

test("more accounts than the collector's inline policy can name fail at plan, and say to give organization_id", async () => {
  const main = `provider "aws" {
  region = "us-east-1"
}
${hubCall('many', `  targets = ${hclTargets(MANY_ACCOUNTS)}`)}`;
  const { result } = await plan('too-many-accounts', main);
  expect({ ok: result.ok, step: result.failedStep }).toEqual({ ok: false, step: 'plan' });
  const output = (result.output ?? '').replace(/\s+/g, ' ');
  expect(output).toMatch(
    /targets: the collector's policy allowing the spoke role in 700 accounts is \d{5} characters \(the bucket's name at its longest\), over IAM's 10240-character limit for a role's inline policies: give organization_id/,
  );
}, 300_000);

describe('the organization hub example, and the organization hub module with every region and an external ID', () => {
  const ORGANIZATION = { account: '444444444444', units: ['ou-ab12-cdef3456', 'ou-ab12-ghij7890'], regions: ['us-east-1', 'eu-west-1'] };
  const LISTED: TargetListEntry[] = [{ account: '222222222222', region: 'us-east-1', clusters: ['prod-api'] }];
  let planned: { result: PlanResult; workDir: string };
  let resources: Planned;
  beforeAll(async () => {
    const call = `
module "every_region" {
  source = "${ORGANIZATION_HUB_EXAMPLE_SOURCE}"
  name                 = "org_Two"
  account_id           = "111111111111"
  organization_id      = "o-a1b2c3d4e5"
  organization_account = "444444444444"
  organization_units   = ["r-ab12"]
  organization_regions = ["*"]
  organization_exclude = ["555555555555", "ou-ab12-zzzz9999"]
  external_id          = "team:metrics/1"
  role_path            = "/platform/"
  assumed_discovered_account_regions = 1200
}
`;
    planned = await plan('organization-example', `${ORGANIZATION_HUB_EXAMPLE}${call}`);
    if (planned.result.ok) resources = await plannedResources(planned.workDir);
  }, 600_000);

  test('passes init, validate and plan offline, with the discovery function and its schedule', () => {
    expect({ ok: planned.result.ok, step: planned.result.failedStep, output: planned.result.output }).toEqual({ ok: true, step: undefined, output: undefined });
    const functions = [...resources.entries()].filter(([address, r]) => address.startsWith('module.ecs_metrics_hub.') && r.type === 'aws_lambda_function');
    expect(functions.map(([, r]) => r.values.handler).sort()).toEqual(['index.discoveryHandler', 'index.hubHandler']);
    expect(planned.result.creates.filter((a) => a.startsWith('module.ecs_metrics_hub.aws_scheduler_schedule.'))).toHaveLength(2);
  });

  test('writes the target list (version 2) byte for byte as the construct does, and sizes the collector as it does for the assumed organization', () => {
    const example = constructHub(LISTED, { organizationId: 'o-a1b2c3d4e5', organization: ORGANIZATION });
    const everyRegion = constructHub([], {
      name: 'org_Two',
      organizationId: 'o-a1b2c3d4e5',
      organization: { account: '444444444444', units: ['r-ab12'], regions: '*', exclude: ['555555555555', 'ou-ab12-zzzz9999'] },
      externalId: 'team:metrics/1',
      rolePath: '/platform/',
      assumedDiscoveredAccountRegions: 1200,
    });
    const lambda = (module: string) =>
      [...resources.entries()].find(
        ([address, r]) => address.startsWith(`module.${module}.`) && r.type === 'aws_lambda_function' && r.values.handler === 'index.hubHandler',
      )![1].values;
    expect(one(resources, 'ecs_metrics_hub', 'aws_s3_object').content).toBe(example.content);
    expect(one(resources, 'every_region', 'aws_s3_object').content).toBe(everyRegion.content);
    expect(JSON.parse(everyRegion.content).organization).toMatchObject({
      regions: '*',
      organizationsRole: { name: 'org_Two-organizations-read', path: '/platform/', externalId: 'team:metrics/1' },
    });
    // 1,200 assumed account-regions of 25 clusters: 30,000 clusters, a full vCPU.
    expect(everyRegion.memory).toBe(1769);
    expect({
      example: { memory: lambda('ecs_metrics_hub').memory_size, timeout: lambda('ecs_metrics_hub').timeout },
      everyRegion: { memory: lambda('every_region').memory_size, timeout: lambda('every_region').timeout },
    }).toEqual({ example: { memory: example.memory, timeout: example.timeout }, everyRegion: { memory: everyRegion.memory, timeout: everyRegion.timeout } });
  });
});

test("the organization hub's bad inputs fail at plan, each with its variable's message", async () => {
  const main = `provider "aws" {
  region = "us-east-1"
}

module "bad" {
  source = "${ORGANIZATION_HUB_EXAMPLE_SOURCE}"
  account_id           = "111111111111"
  organization_id      = "o-ABC"
  organization_account = "444444444444"
  organization_units   = ["ou-bad"]
  organization_regions = ["*", "us-east-1"]
}
`;
  const { result } = await plan('organization-bad-inputs', main);
  expect(result.ok).toBe(false);
  expect(['validate', 'plan']).toContain(result.failedStep);
  const output = (result.output ?? '').replace(/\s+/g, ' ');
  expect(output).toContain('organization_id: "o-ABC" is not an AWS Organizations ID: use "o-" and 10 to 32 lowercase letters or digits.');
  expect(output).toContain(
    'organization_units: ["ou-bad"] must list at least one unit, each an organizational unit ID ("ou-ab12-cdef3456") or the root ID ("r-ab12").',
  );
  expect(output).toContain(
    'organization_regions: ["*","us-east-1"] is not a region list: list region codes such as eu-west-1, or ["*"] alone for every region enabled in each account.',
  );
}, 300_000);
