/**
 * The Terraform module's variables come from the one definition of settings and the rules, and its
 * README tables them. Pure: nothing synthesized.
 */
import { ALLOWED_INTERVALS, LOG_RETENTION_DAYS } from '../../../modules/common/rules';
import { SETTINGS } from '../../../modules/common/settings';
import { DEFAULT_METRICS } from '../../../modules/metrics/catalog';
import { inputsTable, withoutInterpolations } from '../../../scripts/lib/terraform-module/module-readme';
import { hclString } from '../../../scripts/lib/terraform-module/hcl-validations';
import { PIPELINE_VARIABLES } from '../../../scripts/lib/terraform-module/pipeline-variables';

const variable = (name: string) => {
  const found = PIPELINE_VARIABLES.find((v) => v.name === name);
  if (!found) throw new Error(`no variable ${name}`);
  return found;
};

test('each variable that sets a setting takes its default and description from SETTINGS', () => {
  const withSetting = PIPELINE_VARIABLES.filter((v) => v.setting);
  expect(withSetting.map((v) => v.setting)).toEqual([
    'name',
    'intervalSeconds',
    'namespace',
    'workflowType',
    'architecture',
    'stateMachineLogLevel',
    'logRetentionDays',
    'collectorMemoryMb',
    'collectorTimeoutSeconds',
    'rolePath',
  ]);
  for (const v of withSetting) {
    const setting = SETTINGS[v.setting!];
    expect({ name: v.name, default: v.default ?? undefined }).toEqual({ name: v.name, default: setting.default });
    expect(v.description.startsWith(setting.description)).toBe(true);
  }
  expect(variable('metrics').default).toEqual([...DEFAULT_METRICS]);
  expect(variable('clusters').default).toBeUndefined();
});

test("the interval and retention validations list the rules' own allowed values", () => {
  expect(variable('interval_seconds').validations[0].condition).toBe(`contains([${ALLOWED_INTERVALS.join(', ')}], var.interval_seconds)`);
  expect(variable('log_retention_days').validations[0].condition).toBe(`contains([${LOG_RETENTION_DAYS.join(', ')}], var.log_retention_days)`);
});

test("enum variables accept the setting's values, less what the module cannot build", () => {
  expect(variable('workflow_type').validations[0].condition).toBe('contains(["EXPRESS", "STANDARD"], var.workflow_type)');
  expect(variable('state_machine_log_level').validations[0].condition).toBe('contains(["ALL", "ERROR", "FATAL"], var.state_machine_log_level)');
});

test('HCL string literals escape quotes, backslashes and template starts', () => {
  expect(hclString('a"b\\c ${x} %{y}')).toBe('"a\\"b\\\\c $${x} %%{y}"');
});

test("the README's inputs table has one row per variable, the refused value of each message written …", () => {
  const rows = inputsTable(PIPELINE_VARIABLES).split('\n').slice(2);
  expect(rows.map((row) => row.split(' | ')[0])).toEqual(PIPELINE_VARIABLES.map((v) => `| \`${v.name}\``));
  expect(withoutInterpolations('clusters: ${join(", ", [for c in var.clusters : c if !can(regex("^[a-z]{1,2}$", c))])} is bad')).toBe('clusters: … is bad');
  expect(rows[0]).toContain('| n/a | yes |');
});
