/**
 * One definition per setting (common/settings.ts): the resolved defaults, the fleet config's JSON
 * Schema text and enums, and the props' `@default` TSDoc all follow from it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PIPELINE_DEFAULTS, SETTINGS, type SettingName, settingDescription, settingTsDocDefault } from '../../../modules/common/settings';
import { fleetConfigJsonSchema } from '../../../modules/fleet/json-schema';
import { resolvePipelineSettings } from '../../../modules/pipeline/pipeline-settings';
import { ROOT } from '../../support/app';

const names = Object.keys(SETTINGS) as SettingName[];

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
