/**
 * The JSON Schema users point `$schema` at: generated from the zod schema, never stale, and
 * accepting and refusing what the loader accepts and refuses wherever JSON Schema can say it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
// ajv comes with asl-validator (a dev dependency); it checks the schema as editors would read it.
import Ajv2020 from 'ajv/dist/2020';
import { parse as parseYaml } from 'yaml';
import { FLEET_CONFIG_SCHEMA_FILE, fleetConfigJsonSchema, fleetConfigJsonSchemaText } from '../../../modules/fleet/json-schema';
import { validateFleetConfig } from '../../../modules/fleet/load-config';
import { ROOT } from '../../support/app';

const schemaFile = path.join(ROOT, FLEET_CONFIG_SCHEMA_FILE);

test('the schema file is what `npm run schema` writes now (run it after changing the config schema)', () => {
  expect(readFileSync(schemaFile, 'utf8')).toBe(fleetConfigJsonSchemaText());
});

test('package.json ships the schema file', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(manifest.files).toContain(FLEET_CONFIG_SCHEMA_FILE);
  expect(manifest.scripts.schema).toBe('tsx scripts/write-schema.ts');
});

test('the example configs point their editors at the schema file', () => {
  const examples = path.join(ROOT, 'examples');
  for (const name of ['fleet.json', 'fleet-cloud.json']) {
    const { $schema } = JSON.parse(readFileSync(path.join(examples, name), 'utf8'));
    expect([name, path.resolve(examples, $schema)]).toEqual([name, schemaFile]);
  }
  const yamlModeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(path.join(examples, 'fleet-s3.yaml'), 'utf8'));
  expect(path.resolve(examples, yamlModeline![1])).toBe(schemaFile);
});

describe('the JSON Schema and the loader agree', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(fleetConfigJsonSchema());
  const base = () => ({
    name: 'ecs-highres',
    accounts: [{ id: '111111111111', regions: { 'us-east-1': { clusters: ['prod-api'] } } }],
  });
  const accepted = (config: unknown) => ({
    jsonSchema: validate(config),
    loader: (() => {
      try {
        validateFleetConfig(config);
        return true;
      } catch {
        return false;
      }
    })(),
  });

  test.each([
    ['fleet.json', (text: string) => JSON.parse(text)],
    ['fleet-cloud.json', (text: string) => JSON.parse(text)],
    ['fleet-s3.yaml', (text: string) => parseYaml(text)],
  ])('on the example %s: accepted', (name, parse) => {
    const config = parse(readFileSync(path.join(ROOT, 'examples', name), 'utf8'));
    expect(accepted(config)).toEqual({ jsonSchema: true, loader: true });
  });

  test.each<[string, (c: any) => void]>([
    ['an unknown key', (c) => (c.acounts = [])],
    ['an account ID that is not 12 digits', (c) => (c.accounts[0].id = '1234')],
    ['a malformed region name', (c) => (c.accounts[0].regions.us_east_9 = { clusters: ['a'] })],
    ['an empty cluster list', (c) => (c.accounts[0].regions['us-east-1'].clusters = [])],
    ['a cluster listed twice', (c) => (c.accounts[0].regions['us-east-1'].clusters = ['a', 'a'])],
    ['an interval that does not divide 60', (c) => (c.defaults = { intervalSeconds: 7 })],
    ['a namespace starting AWS/', (c) => (c.defaults = { namespace: 'AWS/ECS' })],
    ['a log retention CloudWatch refuses', (c) => (c.defaults = { logRetentionDays: 10 })],
    ['a fractional memory size', (c) => (c.defaults = { collectorMemoryMb: 128.5 })],
    ['an s3 backend without its bucket', (c) => (c.backend = { type: 's3', region: 'us-east-1' })],
    ['a cloud backend with an s3 key', (c) => (c.backend = { type: 'cloud', organization: 'a', workspacePrefix: '', bucket: 'b' })],
    ['an unknown backend type', (c) => (c.backend = { type: 'gcs' })],
    ['a tag key in the aws: namespace', (c) => (c.defaults = { tags: { 'aws:x': 'y' } })],
    ['a role path without slashes', (c) => (c.defaults = { rolePath: 'platform' })],
  ])('on %s: refused', (_, edit) => {
    const config = base();
    edit(config);
    expect(accepted(config)).toEqual({ jsonSchema: false, loader: false });
  });
});
