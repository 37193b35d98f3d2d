/**
 * The spoke and organization submodules of the Terraform module archive, as a platform team calls
 * them from HCL: each `examples/<name>` root (its `source` the submodule's local path in the
 * extracted archive) passes init, validate and plan offline; planned with the same inputs as the
 * EcsHighResMetricsSpoke and EcsHighResMetricsOrganization constructs, the modules' roles,
 * policies and StackSet template equal the synthesized constructs'; bad inputs fail at plan with
 * their variable's message, and a spoke policy over IAM's inline limit by the precondition.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { EcsHighResMetricsOrganization } from '../../../modules/hub/ecs-high-res-metrics-organization';
import { EcsHighResMetricsSpoke } from '../../../modules/hub/ecs-high-res-metrics-spoke';
import type { EcsHighResMetricsOrganizationProps, EcsHighResMetricsSpokeProps } from '../../../modules/hub/props';
import { type PlanResult, planOffline, terraformEnvironment } from '../../../scripts/lib/terraform';
import { MODULE_NAME } from '../../../scripts/lib/terraform-module/module-files';
import { hclString } from '../../../scripts/lib/terraform-module/hcl-validations';
import { MODULE_ARCHIVE } from '../../support/terraform-module';

const exec = promisify(execFile);

let workRoot: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  workRoot = mkdtempSync(path.join(tmpdir(), 'terraform-submodules-'));
  env = await terraformEnvironment(workRoot);
});

afterAll(() => rmSync(workRoot, { recursive: true, force: true }));

/** The archive extracted into `dir`. */
function extractArchive(dir: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xzf', MODULE_ARCHIVE, '-C', dir]);
}

/** An HCL value: what a caller writes for `value`. */
function hcl(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(hcl).join(', ')}]`;
  return `{ ${Object.entries(value as object)
    .map(([key, item]) => `${JSON.stringify(key)} = ${hcl(item)}`)
    .join(', ')} }`;
}

type Inputs = Record<string, unknown>;

/** A root module calling the extracted submodules, one `module` block per call. */
function writeRoot(name: string, calls: readonly { id: string; module: 'spoke' | 'organization'; inputs: Inputs }[]): string {
  const dir = path.join(workRoot, 'roots', name);
  extractArchive(path.join(dir, MODULE_NAME));
  const blocks = calls.map(({ id, module, inputs }) =>
    [
      `module "${id}" {`,
      `  source = "./${MODULE_NAME}/modules/${module}"`,
      ...Object.entries(inputs).map(([key, value]) => `  ${key} = ${hcl(value)}`),
      '}',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'main.tf'), ['provider "aws" {', '  region = "us-east-1"', '}', '', ...blocks, ''].join('\n'));
  return dir;
}

interface Planned {
  readonly type: string;
  readonly values: Record<string, any>;
}

/** The planned resources of `workDir`'s plan, by address. */
async function plannedResources(workDir: string): Promise<Map<string, Planned>> {
  const { stdout } = await exec('terraform', ['show', '-json', 'offline.tfplan'], { cwd: workDir, env, maxBuffer: 256 * 1024 * 1024 });
  const resources = new Map<string, Planned>();
  const walk = (module: any) => {
    for (const r of module?.resources ?? []) resources.set(r.address, { type: r.type, values: r.values });
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(JSON.parse(stdout).planned_values.root_module);
  return resources;
}

async function plan(name: string, rootDir: string): Promise<{ result: PlanResult; workDir: string }> {
  const workDir = path.join(workRoot, 'work', name);
  return { result: await planOffline(rootDir, workDir, env), workDir };
}

/** `values` without the attributes the plan shows as null (not set). */
const withoutNulls = (values: Record<string, unknown>) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));

const planFailure = (result: PlanResult) => ({ ok: result.ok, step: result.failedStep, output: result.output });
const flat = (result: PlanResult) => (result.output ?? '').replace(/\s+/g, ' ');

/** A list whose one item is "*" as the constructs take it: "*". */
const star = (list: readonly string[]): readonly string[] | '*' => (list.length === 1 && list[0] === '*' ? '*' : list);

/** The construct's props for the spoke module's `inputs`. */
function spokePropsOf(inputs: Inputs): EcsHighResMetricsSpokeProps {
  const i = inputs as any;
  return {
    ...(i.name !== undefined ? { name: i.name } : {}),
    account: i.account_id,
    hub: { account: i.hub_account_id, region: i.hub_region, ...(i.hub_role_path !== undefined ? { rolePath: i.hub_role_path } : {}) },
    targets: (i.targets ?? []).map((t: any) => ({
      account: i.account_id,
      region: t.region,
      clusters: star(t.clusters),
      ...(t.services ? { services: Object.fromEntries(Object.entries<string[]>(t.services).map(([c, s]) => [c, star(s)])) } : {}),
    })),
    ...(i.metrics !== undefined ? { metrics: i.metrics } : {}),
    ...(i.external_id !== undefined ? { externalId: i.external_id } : {}),
    ...(i.spoke_role_name !== undefined || i.spoke_role_path !== undefined
      ? { spokeRole: { ...(i.spoke_role_name ? { name: i.spoke_role_name } : {}), ...(i.spoke_role_path ? { path: i.spoke_role_path } : {}) } }
      : {}),
    ...(i.permissions_boundary !== undefined ? { permissionsBoundary: i.permissions_boundary } : {}),
    ...(i.tags !== undefined ? { tags: i.tags } : {}),
    ...(i.organization_regions !== undefined ? { organization: { regions: star(i.organization_regions) } } : {}),
  };
}

/** The construct's props for the organization module's `inputs`. */
function organizationPropsOf(inputs: Inputs): EcsHighResMetricsOrganizationProps {
  const i = inputs as any;
  return {
    ...(i.name !== undefined ? { name: i.name } : {}),
    hub: { account: i.hub_account_id, region: i.hub_region, ...(i.hub_role_path !== undefined ? { rolePath: i.hub_role_path } : {}) },
    units: i.units,
    regions: star(i.regions),
    ...(i.exclude !== undefined ? { exclude: i.exclude } : {}),
    ...(i.administrator !== undefined ? { administrator: i.administrator } : {}),
    ...(i.external_id !== undefined ? { externalId: i.external_id } : {}),
    ...(i.metrics !== undefined ? { metrics: i.metrics } : {}),
    ...(i.spoke_role_name !== undefined || i.spoke_role_path !== undefined
      ? { spokeRole: { ...(i.spoke_role_name ? { name: i.spoke_role_name } : {}), ...(i.spoke_role_path ? { path: i.spoke_role_path } : {}) } }
      : {}),
    ...(i.permissions_boundary !== undefined ? { permissionsBoundary: i.permissions_boundary } : {}),
    ...(i.stack_set_region !== undefined ? { stackSetRegion: i.stack_set_region } : {}),
    ...(i.tags !== undefined ? { tags: i.tags } : {}),
  };
}

/** The spoke module's inputs of each case; each case's construct gets the same (spokePropsOf). */
const SPOKE_CASES: Record<string, Inputs> = {
  // A listed account: named clusters in one region, "*" in another.
  listed: {
    hub_account_id: '999999999999',
    hub_region: 'us-east-1',
    account_id: '111111111111',
    targets: [
      { region: 'us-east-1', clusters: ['prod-api', 'prod-workers'] },
      { region: 'eu-west-1', clusters: ['*'] },
    ],
  },
  // Every option: services (a whole cluster and listed ones), per-service metrics, external ID, paths, boundary by name, tags.
  services: {
    name: 'fleet_2',
    hub_account_id: '999999999999',
    hub_region: 'eu-central-1',
    hub_role_path: '/platform/',
    account_id: '222222222222',
    external_id: 'metrics-hub-7',
    metrics: ['RunningTask', 'RunningCount', 'DesiredCount'],
    spoke_role_name: 'ecs-reader',
    spoke_role_path: '/platform/spokes/',
    permissions_boundary: 'platform/boundary',
    tags: { owner: 'platform', team: 'sre' },
    targets: [
      { region: 'eu-central-1', clusters: ['api', 'jobs'], services: { api: ['*'], jobs: ['billing', 'mailer'] } },
      { region: 'eu-west-1', clusters: ['*'], services: { batch: ['*'] } },
    ],
  },
  // Services given, but no per-service metric: no service reads.
  'services-unused': {
    hub_account_id: '999999999999',
    hub_region: 'us-east-1',
    account_id: '333333333333',
    targets: [{ region: 'us-west-2', clusters: ['web'], services: { web: ['*'] } }],
  },
  // Near IAM's inline limit: 100 clusters of 40-character names, still one inline policy for both.
  'many-clusters': {
    hub_account_id: '999999999999',
    hub_region: 'us-east-1',
    account_id: '666666666666',
    targets: [{ region: 'us-east-1', clusters: Array.from({ length: 100 }, (_, i) => `cluster-${String(i).padStart(3, '0')}-${'x'.repeat(28)}`) }],
  },
  // An organization's account outside the StackSet: listed regions, per-service metrics, external ID.
  'organization-listed': {
    hub_account_id: '999999999999',
    hub_region: 'us-east-1',
    account_id: '444444444444',
    external_id: 'org-hub-secret',
    metrics: ['RunningTask', 'RunningCount'],
    organization_regions: ['us-east-1', 'ap-southeast-2'],
  },
  // Every region of an organization's account, in China's partition, boundary as an ARN.
  'organization-all-china': {
    hub_account_id: '999999999999',
    hub_region: 'cn-north-1',
    account_id: '555555555555',
    permissions_boundary: 'arn:aws-cn:iam::555555555555:policy/boundary',
    organization_regions: ['*'],
  },
};

const ORGANIZATION_CASES: Record<string, Inputs> = {
  // The README's example.
  'org-default': {
    hub_account_id: '999999999999',
    hub_region: 'us-east-1',
    units: ['ou-ab12-cdef3456'],
    regions: ['us-east-1', 'eu-west-1'],
    exclude: ['222222222222'],
  },
  // Every option: the management account, every region, per-service metrics, external ID, names, paths, boundary by name, tags, an OU excluded.
  'org-options': {
    name: 'fleet-3',
    hub_account_id: '999999999999',
    hub_region: 'eu-west-1',
    hub_role_path: '/platform/',
    units: ['r-ab12', 'ou-ab12-cdef3456'],
    regions: ['*'],
    exclude: ['ou-ab12-zzzz9999', '333333333333'],
    administrator: 'management',
    external_id: 'org-hub-secret',
    metrics: ['RunningTask', 'RunningCount'],
    spoke_role_name: 'ecs-reader',
    spoke_role_path: '/spokes/',
    permissions_boundary: 'boundaries/ecs',
    stack_set_region: 'eu-west-1',
    tags: { owner: 'platform', team: 'sre' },
  },
  // GovCloud: the partition's home region; a boundary ARN.
  'org-govcloud': {
    hub_account_id: '999999999999',
    hub_region: 'us-gov-east-1',
    units: ['ou-ab12-cdef3456'],
    regions: ['us-gov-east-1'],
    permissions_boundary: 'arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess',
  },
};

/**
 * The synthesized constructs of every case, each in its own stack (the spokes' role names would
 * clash in one account): each resource's values, by the case and the resource's id in the construct.
 */
function synthesizeConstructs(): Map<string, Record<string, any>> {
  const outdir = path.join(workRoot, 'constructs');
  const app = new App({ outdir });
  const stackOf = (id: string) => {
    const stack = new TerraformStack(app, id);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    return stack;
  };
  for (const [id, inputs] of Object.entries(SPOKE_CASES)) new EcsHighResMetricsSpoke(stackOf(id), id, spokePropsOf(inputs));
  for (const [id, inputs] of Object.entries(ORGANIZATION_CASES)) new EcsHighResMetricsOrganization(stackOf(id), id, organizationPropsOf(inputs));
  app.synth();
  const byPath = new Map<string, Record<string, any>>();
  for (const id of [...Object.keys(SPOKE_CASES), ...Object.keys(ORGANIZATION_CASES)]) {
    const json = JSON.parse(readFileSync(path.join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
    for (const resources of Object.values<Record<string, any>>(json.resource)) {
      // Paths are <stack>/<construct>/<resource>: here <case>/<case>/<resource>.
      for (const values of Object.values<any>(resources)) byPath.set(values['//'].metadata.path.split('/').slice(1).join('/'), values);
    }
  }
  return byPath;
}

describe('the examples, as in the archive', () => {
  test.each([
    ['spoke', ['module.ecs_metrics_spoke.aws_iam_role.spoke', 'module.ecs_metrics_spoke.aws_iam_role_policy.spoke']],
    [
      'organization',
      [
        'module.ecs_metrics_organization.aws_cloudformation_stack_set.spoke_role',
        'module.ecs_metrics_organization.aws_cloudformation_stack_set_instance.spoke_role',
        'module.ecs_metrics_organization.aws_iam_role.organizations_read',
        'module.ecs_metrics_organization.aws_iam_role_policy.organizations_read',
      ],
    ],
  ])(
    'examples/%s calls its submodule at ../../modules, and passes init, validate and plan',
    async (name, creates) => {
      const archive = path.join(workRoot, 'examples', name);
      extractArchive(archive);
      expect(readFileSync(path.join(archive, 'examples', name, 'main.tf'), 'utf8')).toContain(`source = "../../modules/${name}"`);
      // The plan's copy sits beside the example, so its relative source finds the submodule.
      const result = await planOffline(path.join(archive, 'examples', name), path.join(archive, 'examples', `${name}-plan`), env);
      expect(planFailure(result)).toEqual({ ok: true, step: undefined, output: undefined });
      expect([...result.creates].sort()).toEqual([...creates].sort());
    },
    300_000,
  );
});

describe('planned with the inputs given to the constructs', () => {
  let resources: Map<string, Planned>;
  let constructs: Map<string, Record<string, any>>;
  beforeAll(async () => {
    constructs = synthesizeConstructs();
    const root = writeRoot('same-inputs', [
      ...Object.entries(SPOKE_CASES).map(([id, inputs]) => ({ id, module: 'spoke' as const, inputs })),
      ...Object.entries(ORGANIZATION_CASES).map(([id, inputs]) => ({ id, module: 'organization' as const, inputs })),
    ]);
    const { result, workDir } = await plan('same-inputs', root);
    expect(planFailure(result)).toEqual({ ok: true, step: undefined, output: undefined });
    resources = await plannedResources(workDir);
  }, 300_000);

  const planned = (address: string) => {
    const r = resources.get(address);
    if (!r) throw new Error(`the plan has no ${address}: it has ${[...resources.keys()].join(', ')}`);
    return r.values;
  };
  const construct = (id: string) => {
    const c = constructs.get(id);
    if (!c) throw new Error(`the constructs have no ${id}`);
    return c;
  };

  test.each(Object.keys(SPOKE_CASES))("spoke %s: the role's name, path, boundary, tags, trust and policy are the construct's", (id) => {
    const role = planned(`module.${id}.aws_iam_role.spoke`);
    const policy = planned(`module.${id}.aws_iam_role_policy.spoke`);
    const constructRole = construct(`${id}/spoke-role`);
    const constructPolicy = construct(`${id}/spoke-policy`);
    // The construct's reads fit one inline policy in every case: no managed policies to compare.
    expect(constructs.has(`${id}/spoke-managed-policy-1`)).toBe(false);
    expect({
      name: role.name,
      path: role.path,
      boundary: role.permissions_boundary ?? undefined,
      tags: role.tags ?? undefined,
      trust: JSON.parse(role.assume_role_policy),
      policyName: policy.name,
      policy: JSON.parse(policy.policy),
    }).toEqual({
      name: constructRole.name,
      path: constructRole.path,
      boundary: constructRole.permissions_boundary,
      tags: constructRole.tags,
      trust: JSON.parse(constructRole.assume_role_policy),
      policyName: constructPolicy.name,
      policy: JSON.parse(constructPolicy.policy),
    });
  });

  test('the cases cover what changes the policy: service reads only with per-service metrics, a policy near the inline limit, the organization role trusts the discovery role too', () => {
    const sids = (id: string) => JSON.parse(planned(`module.${id}.aws_iam_role_policy.spoke`).policy).Statement.map((s: any) => s.Sid);
    expect(sids('services')).toEqual([
      'DescribeListedClusters',
      'ListClustersWhereDiscovered',
      'ListServicesOfClustersCollectedWhole',
      'DescribeCollectedServices',
    ]);
    expect(sids('services-unused')).toEqual(['DescribeListedClusters']);
    expect(planned('module.many-clusters.aws_iam_role_policy.spoke').policy.length).toBeGreaterThan(8_000);
    expect(sids('organization-listed')).toEqual(['ListClusters', 'DescribeClusters', 'DescribeRegions', 'ListServices', 'DescribeServices']);
    const trust = JSON.parse(planned('module.organization-all-china.aws_iam_role.spoke').assume_role_policy);
    expect(trust.Statement[0].Condition.ArnEquals['aws:PrincipalArn']).toEqual([
      'arn:aws-cn:iam::999999999999:role/ecs-highres-collector-cn-north-1',
      'arn:aws-cn:iam::999999999999:role/ecs-highres-discovery-cn-north-1',
    ]);
  });

  test.each(Object.keys(ORGANIZATION_CASES))(
    "organization %s: the StackSet, its template, its instance and the Organizations read role are the construct's",
    (id) => {
      const stackSet = planned(`module.${id}.aws_cloudformation_stack_set.spoke_role`);
      const instance = planned(`module.${id}.aws_cloudformation_stack_set_instance.spoke_role`);
      const role = planned(`module.${id}.aws_iam_role.organizations_read`);
      const policy = planned(`module.${id}.aws_iam_role_policy.organizations_read`);
      const c = {
        stackSet: construct(`${id}/spoke-role-stack-set`),
        instance: construct(`${id}/spoke-role-stack-set-instance`),
        role: construct(`${id}/organizations-read-role`),
        policy: construct(`${id}/organizations-read-policy`),
      };
      const targets = instance.deployment_targets[0];
      expect({
        name: stackSet.name,
        description: stackSet.description,
        permissionModel: stackSet.permission_model,
        autoDeployment: stackSet.auto_deployment,
        callAs: stackSet.call_as,
        capabilities: stackSet.capabilities,
        operationPreferences: stackSet.operation_preferences.map(withoutNulls),
        tags: stackSet.tags ?? undefined,
        template: JSON.parse(stackSet.template_body),
        instanceCallAs: instance.call_as,
        instanceRegion: instance.region,
        // A set: Terraform sorts it.
        units: [...targets.organizational_unit_ids].sort(),
        filter: targets.account_filter_type || undefined,
        accounts: targets.accounts ?? undefined,
        retainStack: instance.retain_stack,
        roleName: role.name,
        rolePath: role.path,
        roleTags: role.tags ?? undefined,
        trust: JSON.parse(role.assume_role_policy),
        policyName: policy.name,
        policy: JSON.parse(policy.policy),
      }).toEqual({
        name: c.stackSet.name,
        description: c.stackSet.description,
        permissionModel: c.stackSet.permission_model,
        autoDeployment: [c.stackSet.auto_deployment],
        callAs: c.stackSet.call_as,
        capabilities: c.stackSet.capabilities,
        operationPreferences: [c.stackSet.operation_preferences],
        tags: c.stackSet.tags,
        // The construct's text is a Terraform literal: `$${` reads back as `${`.
        template: JSON.parse(c.stackSet.template_body.replaceAll('$${', '${')),
        instanceCallAs: c.instance.call_as,
        instanceRegion: c.instance.region,
        units: [...c.instance.deployment_targets.organizational_unit_ids].sort(),
        filter: c.instance.deployment_targets.account_filter_type,
        accounts: c.instance.deployment_targets.accounts,
        retainStack: c.instance.retain_stack,
        roleName: c.role.name,
        rolePath: c.role.path,
        roleTags: c.role.tags,
        trust: JSON.parse(c.role.assume_role_policy),
        policyName: c.policy.name,
        policy: JSON.parse(c.policy.policy),
      });
    },
  );

  test("the template's account is CloudFormation's: every member ARN is an Fn::Sub of ${AWS::AccountId}", () => {
    const template = JSON.parse(planned('module.org-default.aws_cloudformation_stack_set.spoke_role').template_body);
    const describe = template.Resources.SpokeRole.Properties.Policies[0].PolicyDocument.Statement.find((s: any) => s.Sid === 'DescribeClusters');
    expect(describe.Resource).toEqual([
      { 'Fn::Sub': 'arn:aws:ecs:us-east-1:${AWS::AccountId}:cluster/*' },
      { 'Fn::Sub': 'arn:aws:ecs:eu-west-1:${AWS::AccountId}:cluster/*' },
    ]);
  });
});

test("bad inputs fail at plan, each with its variable's message", async () => {
  const root = writeRoot('bad-inputs', [
    {
      id: 'spoke',
      module: 'spoke',
      inputs: {
        hub_account_id: '99999999999',
        hub_region: 'us-east-1',
        account_id: '111111111111',
        targets: [
          { region: 'us-east-1', clusters: ['prod api!'] },
          { region: 'eu-west-1', clusters: ['api', 'api'] },
        ],
      },
    },
    {
      id: 'organization',
      module: 'organization',
      inputs: { hub_account_id: '999999999999', hub_region: 'us-east-1', units: ['ou-nope', 'ou-nope'], regions: ['us-east-1'], administrator: 'owner' },
    },
  ]);
  const { result } = await plan('bad-inputs', root);
  expect(result.ok).toBe(false);
  // Terraform checks literal inputs of a module call at validate, the others at plan.
  expect(['validate', 'plan']).toContain(result.failedStep);
  const output = flat(result);
  expect(output).toContain('hub_account_id: "99999999999" is not an AWS account ID: use its 12 digits, as a string.');
  expect(output).toContain(
    'targets: the clusters of us-east-1 must be ["*"] or 1 or more ECS cluster names of 1 to 255 letters, digits, hyphens and underscores.',
  );
  expect(output).toContain('targets: a region lists a cluster, or a cluster a service, more than once: list each once.');
  expect(output).toContain(
    'units: ["ou-nope","ou-nope"] must list 1 or more units, each an organizational unit ID ("ou-ab12-cdef3456") or the root ID ("r-ab12").',
  );
  expect(output).toContain('units lists a unit more than once: list each unit once.');
  expect(output).toContain('administrator: "owner" is not allowed: use one of delegated-administrator, management.');
}, 300_000);

test("a target in another partition than the hub's fails at plan, by the validation that compares the two variables", async () => {
  const root = writeRoot('cross-partition', [
    {
      id: 'spoke',
      module: 'spoke',
      inputs: { hub_account_id: '999999999999', hub_region: 'us-east-1', account_id: '111111111111', targets: [{ region: 'cn-north-1', clusters: ['*'] }] },
    },
  ]);
  const { result } = await plan('cross-partition', root);
  expect({ ok: result.ok, step: result.failedStep }).toEqual({ ok: false, step: 'plan' });
  expect(flat(result)).toContain(
    "targets: every region must be in the hub region's partition (the hub cannot assume a role in another partition): collect it from a hub there.",
  );
}, 300_000);

test("a spoke policy over IAM's inline limit fails at plan, by the precondition", async () => {
  const clusters = Array.from({ length: 200 }, (_, i) => `cluster-${String(i).padStart(3, '0')}-${'x'.repeat(40)}`);
  const root = writeRoot('too-many-clusters', [
    {
      id: 'spoke',
      module: 'spoke',
      inputs: { hub_account_id: '999999999999', hub_region: 'us-east-1', account_id: '111111111111', targets: [{ region: 'us-east-1', clusters }] },
    },
  ]);
  const { result } = await plan('too-many-clusters', root);
  expect({ ok: result.ok, step: result.failedStep }).toEqual({ ok: false, step: 'plan' });
  expect(flat(result)).toMatch(
    /targets: the spoke role's policy is \d{5} characters, over IAM's 10240-character limit for a role's inline policies \(the module has no managed policies\): collect the account's clusters with \["\*"\] in its busiest regions\./,
  );
}, 300_000);
