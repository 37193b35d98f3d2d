/**
 * The Terraform module archive `npm run build` writes: Terraform Registry layout at its root (the
 * root module, its README, LICENSE, examples/ and the collector zip), no provider configuration,
 * and the zip the npm package ships.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MODULE_ARCHIVE, archiveEntries } from '../../support/terraform-module';
import { ROOT } from '../../support/app';

/** One file of the archive, as text. */
const fileOf = (entry: string) => execFileSync('tar', ['-xzOf', MODULE_ARCHIVE, `./${entry}`], { maxBuffer: 64 * 1024 * 1024 });

test('holds the root module, README, LICENSE, the examples, the hub, organization-hub, spoke and organization submodules and the collector zip, and nothing else', () => {
  expect(archiveEntries()).toEqual([
    'LICENSE',
    'README.md',
    'collector.zip',
    'examples/',
    'examples/basic/',
    'examples/basic/main.tf',
    'examples/hub/',
    'examples/hub/main.tf',
    'examples/organization-hub/',
    'examples/organization-hub/main.tf',
    'examples/organization/',
    'examples/organization/main.tf',
    'examples/spoke/',
    'examples/spoke/main.tf',
    'main.tf.json',
    'modules/',
    'modules/hub/',
    'modules/hub/README.md',
    'modules/hub/main.tf.json',
    'modules/hub/outputs.tf.json',
    'modules/hub/variables.tf.json',
    'modules/hub/versions.tf.json',
    'modules/organization-hub/',
    'modules/organization-hub/README.md',
    'modules/organization-hub/main.tf.json',
    'modules/organization-hub/outputs.tf.json',
    'modules/organization-hub/variables.tf.json',
    'modules/organization-hub/versions.tf.json',
    'modules/organization/',
    'modules/organization/README.md',
    'modules/organization/main.tf.json',
    'modules/organization/outputs.tf.json',
    'modules/organization/variables.tf.json',
    'modules/organization/versions.tf.json',
    'modules/spoke/',
    'modules/spoke/README.md',
    'modules/spoke/main.tf.json',
    'modules/spoke/outputs.tf.json',
    'modules/spoke/variables.tf.json',
    'modules/spoke/versions.tf.json',
    'outputs.tf.json',
    'variables.tf.json',
    'versions.tf.json',
  ]);
});

test('configures no provider and no backend, and requires the aws provider the module is built for', () => {
  const modules = ['', 'modules/spoke/', 'modules/organization/', 'modules/hub/', 'modules/organization-hub/'];
  for (const file of modules.flatMap((dir) => ['main.tf.json', 'outputs.tf.json', 'variables.tf.json', 'versions.tf.json'].map((f) => `${dir}${f}`))) {
    const json = JSON.parse(fileOf(file).toString('utf8'));
    expect({ file, provider: json.provider, backend: json.terraform?.backend }).toEqual({ file, provider: undefined, backend: undefined });
  }
  for (const dir of modules) {
    expect(JSON.parse(fileOf(`${dir}versions.tf.json`).toString('utf8'))).toEqual({
      terraform: { required_version: '>= 1.9.0', required_providers: { aws: { source: 'hashicorp/aws', version: '>= 5.100.0, < 6.0.0' } } },
    });
  }
});

test("carries the npm package's collector zip, read by path.module", () => {
  expect(fileOf('collector.zip').equals(readFileSync(path.join(ROOT, 'dist', 'collector', 'collector.zip')))).toBe(true);
  const main = JSON.parse(fileOf('main.tf.json').toString('utf8'));
  expect(Object.values<any>(main.resource.aws_lambda_function).map((fn) => fn.filename)).toEqual(['${path.module}/collector.zip']);
  // The hub module reads the one zip at the archive's root.
  const hub = JSON.parse(fileOf('modules/hub/main.tf.json').toString('utf8'));
  expect(Object.values<any>(hub.resource.aws_lambda_function).map((fn) => fn.filename)).toEqual(['${path.module}/../../collector.zip']);
  const organizationHub = JSON.parse(fileOf('modules/organization-hub/main.tf.json').toString('utf8'));
  expect(Object.values<any>(organizationHub.resource.aws_lambda_function).map((fn) => fn.filename)).toEqual([
    '${path.module}/../../collector.zip',
    '${path.module}/../../collector.zip',
  ]);
});

test("the example calls the module at the registry layout's root", () => {
  expect(fileOf('examples/basic/main.tf').toString('utf8')).toContain('source = "../.."');
  expect(fileOf('examples/hub/main.tf').toString('utf8')).toContain('source = "../../modules/hub"');
  expect(fileOf('examples/organization-hub/main.tf').toString('utf8')).toContain('source = "../../modules/organization-hub"');
});

test('the spoke and organization examples call their submodules, whose READMEs table every variable', () => {
  for (const name of ['spoke', 'organization']) {
    expect(fileOf(`examples/${name}/main.tf`).toString('utf8')).toContain(`source = "../../modules/${name}"`);
    const readme = fileOf(`modules/${name}/README.md`).toString('utf8');
    const variables = Object.keys(JSON.parse(fileOf(`modules/${name}/variables.tf.json`).toString('utf8')).variable);
    expect(variables.filter((v) => !readme.includes(`| \`${v}\` |`))).toEqual([]);
  }
});

test("the root module's README lists every submodule the archive holds", () => {
  const folders = [...new Set(archiveEntries().flatMap((e) => /^modules\/([^/]+)\//.exec(e)?.[1] ?? []))].sort();
  const readme = fileOf('README.md').toString('utf8');
  const listed = [...readme.matchAll(/^\| `modules\/([a-z-]+)` \|/gm)].map((m) => m[1]).sort();
  expect(listed).toEqual(folders);
  expect(folders).toEqual(['hub', 'organization', 'organization-hub', 'spoke']);
});
