/**
 * One definition per setting (common/settings.ts): the resolved defaults, the fleet config's JSON
 * Schema text and enums, and the props' `@default` TSDoc all follow from it; for the alarm
 * settings (ALARM_SETTINGS), so does the README's alarm table.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  ALARM_SETTINGS,
  type AlarmSettingName,
  alarmSettingDescription,
  alarmSettingReadmeDefault,
  alarmSettingTsDocDefault,
  PIPELINE_DEFAULTS,
  SETTINGS,
  type SettingName,
  settingDescription,
  settingTsDocDefault,
} from '../../../modules/common/settings';
import { resolveMetricAlarm } from '../../../modules/monitoring/metric-alarms';
import { fleetConfigJsonSchema } from '../../../modules/fleet/json-schema';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';
import { ROOT } from '../../support/app';

const names = Object.keys(SETTINGS) as SettingName[];
const alarmNames = Object.keys(ALARM_SETTINGS) as AlarmSettingName[];

/** `@default` of each `readonly <name>?:` prop in a source file. */
function tsDocDefaults(file: string): Record<string, string> {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const found: Record<string, string> = {};
  for (const m of source.matchAll(/@default ([^\n]*)\n\s*\*\/\n\s*readonly (\w+)\?:/g)) found[m[2]] = m[1].trim();
  return found;
}

describe('setting definitions', () => {
  test("the props document each setting's default as its definition says", () => {
    const documented = { ...tsDocDefaults('modules/pipeline/props.ts'), ...tsDocDefaults('modules/monitoring/monitoring-settings.ts') };
    expect(Object.keys(documented)).toEqual(expect.arrayContaining(names));
    for (const name of names) expect([name, documented[name]]).toEqual([name, settingTsDocDefault(name)]);
  });

  test('a pipeline given no settings runs with the defined defaults', () => {
    const resolved = resolvePipelineSettings({ clusters: ['prod-api'] }) as unknown as Record<string, unknown>;
    for (const name of names) {
      const definition = SETTINGS[name];
      if (definition.default === undefined || name === 'rolePath') continue;
      expect([name, resolved[name]]).toEqual([name, definition.default]);
      expect([name, (PIPELINE_DEFAULTS as Record<string, unknown>)[name]]).toEqual([name, definition.default]);
    }
    expect(resolved.collectorTimeoutSeconds).toBe(10);
  });

  test("the fleet config's JSON Schema describes each setting and lists each enum from its definition", () => {
    const schema = fleetConfigJsonSchema() as any;
    const defaults = schema.properties.defaults.properties ?? schema.$defs?.defaults?.properties;
    for (const name of names.filter((n) => n !== 'name')) {
      expect([name, defaults[name].description]).toEqual([name, settingDescription(name)]);
      const allowed = (SETTINGS[name] as { allowed?: readonly unknown[] }).allowed;
      if (allowed) expect([name, defaults[name].enum]).toEqual([name, [...allowed]]);
    }
    expect(settingDescription('workflowType')).toBe('Step Functions workflow type. Default EXPRESS.');
    expect(settingDescription('namespace')).toBe('CloudWatch namespace of the metrics, not AWS/…. Default "ECS".');
  });
});

describe('alarm setting definitions', () => {
  test("MetricAlarmProps documents each alarm setting's default as its definition says", () => {
    const documented = tsDocDefaults('modules/monitoring/metric-alarms.ts');
    for (const name of alarmNames) expect([name, documented[name]]).toEqual([name, alarmSettingTsDocDefault(name)]);
  });

  test('an alarm given only its metric, comparison and threshold runs with the defined defaults', () => {
    const resolved = resolveMetricAlarm({ metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 }, 5) as unknown as Record<string, unknown>;
    for (const name of alarmNames) {
      const definition = ALARM_SETTINGS[name] as { default: unknown };
      if (definition.default !== undefined) expect([name, resolved[name]]).toEqual([name, definition.default]);
    }
    expect(resolved).toMatchObject({ periodSeconds: 10, datapointsToAlarm: resolved.evaluationPeriods, clusters: undefined });
    expect(resolveMetricAlarm({ metric: 'PendingTask', comparison: 'GreaterThanThreshold', threshold: 5 }, 15).periodSeconds).toBe(30);
    expect(PIPELINE_DEFAULTS).toMatchObject({
      alarmEvaluationPeriods: ALARM_SETTINGS.evaluationPeriods.default,
      alarmStatistic: ALARM_SETTINGS.statistic.default,
      alarmTreatMissingData: ALARM_SETTINGS.treatMissingData.default,
    });
  });

  test("the fleet config's JSON Schema describes each alarm setting and lists each enum from its definition", () => {
    const schema = fleetConfigJsonSchema() as any;
    const fields = schema.properties.defaults.properties.alarms.items.properties;
    for (const name of alarmNames) {
      expect([name, fields[name].description]).toEqual([name, alarmSettingDescription(name)]);
      const allowed = (ALARM_SETTINGS[name] as { allowed?: readonly unknown[] }).allowed;
      if (allowed && name !== 'statistic') expect([name, fields[name].enum]).toEqual([name, [...allowed]]);
    }
    expect(alarmSettingDescription('treatMissingData')).toBe('What a period without data counts as. Default missing.');
  });

  test("the README's alarm table gives each default and each enum's values as the definition says", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('**Alarms on the collected metrics**'));
    const rows: Record<string, { default: string; rule: string }> = {};
    for (const m of table.matchAll(/^\| `(\w+)` \| ([^|]*) \| ([^\n]*) \|$/gm)) rows[m[1]] ??= { default: m[2].trim(), rule: m[3] };
    for (const name of alarmNames) {
      expect([name, rows[name]?.default.replace(/`/g, '')]).toEqual([name, alarmSettingReadmeDefault(name)]);
      const allowed = (ALARM_SETTINGS[name] as { allowed?: readonly string[] }).allowed;
      for (const value of allowed ?? []) expect([name, rows[name].rule]).toEqual([name, expect.stringContaining(`\`${value}\``)]);
    }
  });
});
