/**
 * The hub module's variables, its target list template and sizing locals come from the one
 * definition of settings, rules, the target list's serialization and the tick model. Pure: nothing
 * synthesized (the slow test plans the module against the construct).
 */
import { EXTERNAL_ID } from '../../../modules/common/iam-rules';
import { SETTINGS } from '../../../modules/common/settings';
import { serializeTargetList } from '../../../modules/contract/hub-target-list';
import { BUCKET_PREFIX_LIMIT, targetBucketPrefix } from '../../../modules/hub/hub-names';
import { HUB_TICK_DEFAULTS } from '../../../modules/hub/hub-tick';
import { HUB_MODULE_LIMITS, targetListTemplate } from '../../../scripts/lib/terraform-module/hub-module';
import { hubSizingLocals } from '../../../scripts/lib/terraform-module/hub-sizing';
import { HUB_NAME_MAX, HUB_VARIABLES, ORGANIZATION_HUB_VARIABLES } from '../../../scripts/lib/terraform-module/hub-variables';
import { boundedPattern } from '../../../scripts/lib/terraform-module/hcl-validations';
import { hubArchiveExample, HUB_EXAMPLE } from '../../../scripts/lib/terraform-module/hub-files';
import { inputsTable } from '../../../scripts/lib/terraform-module/module-readme';
import { PIPELINE_VARIABLES } from '../../../scripts/lib/terraform-module/pipeline-variables';

const variable = (name: string) => {
  const found = HUB_VARIABLES.find((v) => v.name === name);
  if (!found) throw new Error(`no variable ${name}`);
  return found;
};

test("the target list template is the construct's serialization, its entry formatted from each target in the construct's key order", () => {
  expect(serializeTargetList([{ account: 'A', region: 'R', clusters: ['C'] }])).toBe('{"version":1,"targets":[{"account":"A","region":"R","clusters":["C"]}]}');
  expect(targetListTemplate()).toBe(
    '{"version":1,"targets":[${join(",", [for t in var.targets : format("{\\"account\\":%s,\\"region\\":%s,\\"clusters\\":%s}", ' +
      'jsonencode(t.account), jsonencode(t.region), (length(t.clusters) == 1 && t.clusters[0] == "*") ? jsonencode("*") : jsonencode(t.clusters))])}]}',
  );
});

test('the hub shares the pipeline settings it has, and takes its own defaults from SETTINGS and the tick model', () => {
  for (const name of [
    'interval_seconds',
    'namespace',
    'metrics',
    'workflow_type',
    'architecture',
    'state_machine_log_level',
    'log_retention_days',
    'role_path',
    'account_id',
    'tags',
  ]) {
    expect(variable(name)).toBe(PIPELINE_VARIABLES.find((v) => v.name === name));
  }
  expect(variable('name').default).toBe(SETTINGS.name.default);
  expect(variable('targets').default).toBeUndefined();
  // null: sized from the fleet, as the construct sizes a hub whose props set neither.
  expect([variable('collector_memory_mb').default, variable('collector_timeout_seconds').default]).toEqual([null, null]);
  expect([variable('assumed_call_latency_ms').default, variable('assumed_clusters_per_discovered_region').default]).toEqual([
    HUB_TICK_DEFAULTS.assumedCallLatencyMs,
    HUB_TICK_DEFAULTS.assumedClustersPerDiscoveredRegion,
  ]);
});

test("a hub's name is refused beyond the length that keeps the target list bucket's prefix within S3's limit", () => {
  expect(HUB_NAME_MAX).toBe(28);
  expect(targetBucketPrefix('x'.repeat(HUB_NAME_MAX))).toHaveLength(BUCKET_PREFIX_LIMIT);
  expect(variable('name').validations.map((v) => v.condition)).toContainEqual(expect.stringContaining(`length(var.name) <= ${HUB_NAME_MAX}`));
});

test("the external ID's RE2 pattern and length accept and refuse what EXTERNAL_ID does", () => {
  const bounded = boundedPattern(EXTERNAL_ID);
  if (!bounded) throw new Error('EXTERNAL_ID takes RE2 as it is: this test has nothing to prove');
  const re2 = (id: string) => id.length >= bounded.min && id.length <= bounded.max && bounded.body.test(id);
  for (const id of ['ab', 'a', 'x'.repeat(1224), 'x'.repeat(1225), 'team:metrics/prod-1', 'with space', 'a=b,c.d@e_f+g', 'semi;colon', 'é']) {
    expect({ id: id.slice(0, 20), re2: re2(id) }).toEqual({ id: id.slice(0, 20), re2: EXTERNAL_ID.test(id) });
  }
});

test("the sizing locals hold the tick model's memory steps and the pipeline's default timeouts", () => {
  const locals = hubSizingLocals();
  expect(locals.hub_memory_by_cpu_mb).toBe(
    'local.hub_clusters <= 1000 ? 128 : (local.hub_clusters <= 5000 ? 512 : (local.hub_clusters <= 25000 ? 1024 : (1769)))',
  );
  expect(locals.hub_default_timeouts).toBe(
    '{ "1" = 10, "2" = 10, "3" = 10, "4" = 10, "5" = 10, "6" = 12, "10" = 20, "12" = 24, "15" = 30, "20" = 40, "30" = 60 }',
  );
});

test('the README tables every variable, and names what only the construct does', () => {
  const rows = inputsTable(HUB_VARIABLES).split('\n').slice(2);
  expect(rows.map((row) => row.split(' | ')[0])).toEqual(HUB_VARIABLES.map((v) => `| \`${v.name}\``));
  expect(HUB_MODULE_LIMITS.join('\n')).toMatch(/organization.*is the `modules\/organization-hub` module/);
  expect(HUB_MODULE_LIMITS.join('\n')).toMatch(/`shards`\) are construct-only/);
});

test('the archive example calls the hub module two folders up, and is otherwise the documented example', () => {
  expect(hubArchiveExample()).toContain('source = "../../modules/hub"');
  expect(hubArchiveExample().replace('"../../modules/hub"', '"./terraform-aws-ecs-highres-metrics/modules/hub"')).toBe(HUB_EXAMPLE);
});

test('the organization hub takes the organization as variables, its listed targets optional, and is sized for the assumed organization', () => {
  expect(ORGANIZATION_HUB_VARIABLES.map((v) => v.name).slice(0, 6)).toEqual([
    'organization_id',
    'organization_account',
    'organization_units',
    'organization_regions',
    'organization_exclude',
    'targets',
  ]);
  const organizationVariable = (name: string) => ORGANIZATION_HUB_VARIABLES.find((v) => v.name === name);
  expect([organizationVariable('organization_id')?.default, organizationVariable('targets')?.default]).toEqual([undefined, []]);
  expect(organizationVariable('assumed_discovered_account_regions')?.default).toBe(HUB_TICK_DEFAULTS.assumedDiscoveredAccountRegions);
  expect(HUB_VARIABLES.map((v) => v.name)).not.toContain('assumed_discovered_account_regions');
  expect([hubSizingLocals(true).hub_assumed_count, hubSizingLocals(false).hub_assumed_count]).toEqual(['var.assumed_discovered_account_regions', '0']);
  expect(hubSizingLocals(true).hub_discovers).toBe('true');
});

test("the organization hub's target list template is the construct's version 2 serialization, each organization field from its variable", () => {
  const template = targetListTemplate(true);
  expect(template.startsWith('{"version":2,"targets":[${join(",", [for t in var.targets : format(')).toBe(true);
  expect(template.slice(template.indexOf('],"organization":'))).toBe(
    '],"organization":{"units":${jsonencode(var.organization_units)},' +
      '"regions":${(length(var.organization_regions) == 1 && var.organization_regions[0] == "*") ? jsonencode("*") : jsonencode(var.organization_regions)},' +
      '"exclude":${jsonencode(var.organization_exclude)},"organizationsRole":{"account":${jsonencode(var.organization_account)},' +
      '"name":"${var.name}-organizations-read","path":${jsonencode(var.role_path)},"sessionName":"${var.name}-discovery"' +
      '${var.external_id == null ? "" : ",\\"externalId\\":${jsonencode(var.external_id)}"}},' +
      '"refresh":{"accountsSeconds":300,"regionsSeconds":3600,"clustersSeconds":300}}}',
  );
});
