/**
 * Terraform reads `${` and `%{` in every string of its JSON as a template: a config value carrying
 * one was evaluated at plan (a rolePath of `/${replace(file("/etc/hostname"),"\n","")}/` gave the
 * roles the machine's hostname as their path). Every string of the config, and every key, is now
 * refused when it holds one, before anything is validated or written; the fields are read from the
 * config's own JSON Schema, so a field added later is in this table too. The app refusing the
 * issue's rolePath is in the slow tier (__tests__/slow/cli/app-fleet-configs.test.ts).
 */
import { fleetConfigJsonSchema } from '../../../modules/fleet/json-schema';
import { loadFleetConfig, validateFleetConfig } from '../../../modules/fleet/load-config';
import { formatPath } from '../../../modules/common/errors';
import { configFile, problemsOf, validConfig } from '../../support/fleet-config';
import { directive, HOSTNAME_PATH, interpolation } from '../../support/refused-configs';

type Path = Array<string | number>;
interface Field {
  readonly path: Path;
  /** A record's key (a tag key, a region, a cluster of services) rather than a value. */
  readonly key: boolean;
}

/** A key that stands for any key of a record, in the paths below. */
const ANY_KEY = 'k';

/** Every string value and every key a config may hold, by its path in a config, from the JSON Schema. */
function stringFields(schema: any, path: Path = [], found: Field[] = []): Field[] {
  if (schema === undefined || schema === null || typeof schema !== 'object') return found;
  const options = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  for (const option of options) stringFields(option, path, found);
  const isString =
    schema.type === 'string' || typeof schema.const === 'string' || (Array.isArray(schema.enum) && schema.enum.some((v: unknown) => typeof v === 'string'));
  if (isString) found.push({ path, key: false });
  if (schema.type === 'array' && schema.items) stringFields(schema.items, [...path, 0], found);
  if (schema.properties) for (const [name, child] of Object.entries(schema.properties)) stringFields(child, [...path, name], found);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    found.push({ path: [...path, ANY_KEY], key: true });
    stringFields(schema.additionalProperties, [...path, ANY_KEY], found);
  }
  return found;
}

/** `config` with `value` at `path` (objects and lists made on the way); a key field renames ANY_KEY to `value`. */
function withValue(config: any, path: Path, value: string, key: boolean): any {
  const target = key ? [...path.slice(0, -1), value] : path;
  let node = config;
  target.forEach((part, i) => {
    const last = i === target.length - 1;
    if (last) {
      node[part] = key ? 'x' : value;
      return;
    }
    const next = target[i + 1];
    if (node[part] === null || typeof node[part] !== 'object') node[part] = typeof next === 'number' ? [] : {};
    node = node[part];
  });
  return config;
}

/** Read by editors only, never by Terraform: a `${workspaceFolder}` there is harmless. */
const EDITOR_ONLY = '$schema';
const FIELDS = stringFields(fleetConfigJsonSchema());
// Paths with the same text are one field (a union's options): each once.
const UNIQUE = [...new Map(FIELDS.map((f) => [`${f.key}:${formatPath(f.path)}`, f])).values()].filter((f) => formatPath(f.path) !== EDITOR_ONLY);

test("the table holds every string field the issue names, and the records' keys", () => {
  const paths = UNIQUE.map((f) => `${f.key ? 'key ' : ''}${formatPath(f.path)}`);
  for (const expected of [
    'defaults.rolePath',
    'defaults.namespace',
    'defaults.alarmActions.emails[0]',
    'defaults.alarmActions.topicArns[0]',
    'defaults.tags.k',
    'key defaults.tags.k',
    'defaults.services.k[0]',
    'key defaults.services.k',
    'defaults.permissionsBoundary',
    'defaults.existingRoles.collector',
    'defaults.alarms[0].metric',
    'defaults.alarms[0].clusters[0]',
    'accounts[0].deployRoleArn',
    'accounts[0].regions.k.clusters',
    'accounts[0].regions.k.clusters[0]',
    'accounts[0].regions.k.namespace',
    'key accounts[0].regions.k',
    'hub.externalId',
    'hub.organizationId',
    'hub.deployRoleArn',
    'backend.bucket',
    'backend.keyPrefix',
    'backend.dynamodbTable',
    'backend.workspacePrefix',
    'backend.hostname',
    'backend.project',
    'name',
  ]) {
    expect(paths).toContain(expected);
  }
  expect(UNIQUE.length).toBeGreaterThan(60);
});

describe.each(UNIQUE.map((f) => [`${f.key ? 'the key of ' : ''}${formatPath(f.path)}`, f] as const))('%s', (_, field) => {
  const at = (value: string) => formatPath(field.key ? [...field.path.slice(0, -1), value] : field.path);
  const problem = (text: (v: string) => string, value: string) => `${at(value)}: ${field.key ? `the key ${text(value)}` : text(value)}`;

  test('"${" is refused, naming the path, the value and why', () => {
    const value = '${upper("x")}';
    expect(problemsOf(() => validateFleetConfig(withValue(validConfig(), field.path, value, field.key)))).toEqual([problem(interpolation, value)]);
  });

  test('"%{" is refused the same way', () => {
    const value = 'a%{ if true }b%{ endif }';
    expect(problemsOf(() => validateFleetConfig(withValue(validConfig(), field.path, value, field.key)))).toEqual([problem(directive, value)]);
  });
});

test('$schema, which only editors read, is the one string that may hold template text', () => {
  expect(FIELDS.map((f) => formatPath(f.path))).toContain(EDITOR_ONLY);
  const config = { $schema: '${workspaceFolder}/schema/fleet-config.schema.json', ...validConfig() };
  expect(validateFleetConfig(config).$schema).toBe('${workspaceFolder}/schema/fleet-config.schema.json');
  expect(problemsOf(() => validateFleetConfig({ ...validConfig(), defaults: { tags: { $schema: '${x}' } } }))).toEqual([
    `defaults.tags.$schema: ${interpolation('${x}')}`,
  ]);
});

describe('the values the issue found accepted', () => {
  test('the hostname rolePath, a namespace and an email address are each refused at their path, all at once', () => {
    const config = validConfig();
    config.defaults = { rolePath: HOSTNAME_PATH, alarmActions: { createTopic: true, emails: ['a${lower("B")}@example.com'] } };
    config.accounts[0].regions['us-east-1'].namespace = 'ECS%{ if true }x%{ endif }';
    // In the config's order: validConfig has accounts before the defaults added here.
    expect(problemsOf(() => validateFleetConfig(config))).toEqual([
      `accounts[0].regions.us-east-1.namespace: ${directive('ECS%{ if true }x%{ endif }')}`,
      `defaults.rolePath: ${interpolation(HOSTNAME_PATH)}`,
      `defaults.alarmActions.emails[0]: ${interpolation('a${lower("B")}@example.com')}`,
    ]);
  });

  test('from YAML too', () => {
    const yaml = [
      'name: ecs-highres',
      'defaults:',
      `  rolePath: '${HOSTNAME_PATH}'`,
      'accounts:',
      '  - id: "111111111111"',
      '    regions: {us-east-1: {clusters: [a]}}',
      '',
    ].join('\n');
    expect(problemsOf(() => loadFleetConfig(configFile('fleet.yaml', yaml)))).toEqual([`defaults.rolePath: ${interpolation(HOSTNAME_PATH)}`]);
  });

  test('"$" and "%" alone, and an escaped-looking "$$" without a brace, stay allowed where a field allows them', () => {
    const config = validConfig();
    config.defaults = { rolePath: '/team$5%/', namespace: 'Cost $ and 100% {ok}' };
    expect(validateFleetConfig(config).defaults).toEqual({ rolePath: '/team$5%/', namespace: 'Cost $ and 100% {ok}' });
  });
});
