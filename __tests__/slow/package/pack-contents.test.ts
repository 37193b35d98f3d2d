/**
 * What each line's package publishes, that `npm publish --dry-run` takes it without a warning,
 * that no script runs when a consumer installs it, its README, and the peer dependencies that
 * name exactly its lines.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cdktnReadme } from '../../../scripts/lib/cdktn-readme';
import { ROOT } from '../../support/app';
import { LINES } from '../../support/lines';

/** Paths `npm pack` would publish from `dir`, without running any script. */
function packedFiles(dir: string): string[] {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' }));
  return pack.files.map((f: { path: string }) => f.path).sort();
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
const cdktf = LINES['provider-aws-20'].packageDir;
const cdktn = LINES.cdktn.packageDir;

test.each([
  ['cdktf-ecs-highres-metrics', cdktf],
  ['cdktn-ecs-highres-metrics', cdktn],
])('%s publishes the library, the collector bundle, the schema, README, LICENSE and CHANGELOG, and nothing else', (name, dir) => {
  const files = packedFiles(dir);
  expect(manifestOf(dir).name).toBe(name);
  expect(files).toEqual(
    expect.arrayContaining([
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
      'package.json',
      'dist/modules/index.js',
      'dist/modules/index.d.ts',
      'dist/collector/collector.zip',
      'dist/collector/collector.zip.sha256',
      'schema/fleet-config.schema.json',
    ]),
  );
  const others = files.filter((f) => !/^dist\/modules\/.+\.(js|d\.ts)$/.test(f));
  expect(others).toEqual(
    [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/collector/collector.zip',
      'dist/collector/collector.zip.sha256',
      'package.json',
      'schema/fleet-config.schema.json',
    ].sort(),
  );
});

test.each([
  ['cdktf-ecs-highres-metrics', cdktf],
  ['cdktn-ecs-highres-metrics', cdktn],
])('%s publishes every file its package.json exports map names', (_name, dir) => {
  const targets = Object.values(manifestOf(dir).exports as Record<string, string | Record<string, string>>).flatMap((target) =>
    typeof target === 'string' ? [target] : Object.values(target),
  );
  expect(targets.length).toBeGreaterThan(10);
  const files = packedFiles(dir);
  expect(targets.map((target) => target.replace(/^\.\//, '')).filter((file) => !files.includes(file))).toEqual([]);
});

test('both packages publish the same compiled modules and the very same collector bundle', () => {
  expect(packedFiles(cdktn).filter((f) => f.startsWith('dist/modules/'))).toEqual(packedFiles(cdktf).filter((f) => f.startsWith('dist/modules/')));
  const zip = (dir: string) => readFileSync(path.join(dir, 'dist', 'collector', 'collector.zip'));
  expect(zip(cdktn).equals(zip(cdktf))).toBe(true);
});

test('LICENSE is the full Apache License 2.0 that package.json names', () => {
  const license = readFileSync(path.join(ROOT, 'LICENSE'), 'utf8');
  expect(manifestOf(ROOT).license).toBe('Apache-2.0');
  expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
  expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
  expect(license).toContain('END OF TERMS AND CONDITIONS');
  expect(license.split('\n').length).toBeGreaterThan(170);
  expect(readFileSync(path.join(cdktn, 'LICENSE'), 'utf8')).toBe(license);
});

test('each package names exactly its lines as peers, and the cdktn one names no cdktf package at all', () => {
  expect(manifestOf(cdktf).peerDependencies).toEqual({ cdktf: '^0.21.0', '@cdktf/provider-aws': '^20.1.0 || ^21.0.0', constructs: '^10.4.0' });
  expect(manifestOf(cdktn).peerDependencies).toEqual({ cdktn: '^0.24.0', '@cdktn/provider-aws': '^25.5.0', constructs: '^10.6.0' });
  expect(JSON.stringify(manifestOf(cdktn))).not.toMatch(/"(cdktf|@cdktf\/[^"]+)"\s*:/);
  expect(manifestOf(cdktn).version).toBe(manifestOf(cdktf).version);
});

/** Scripts npm runs when a consumer installs a package (prepare too, for a git or directory install). */
const INSTALL_TIME_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

test.each([
  ['cdktf-ecs-highres-metrics', cdktf],
  ['cdktn-ecs-highres-metrics', cdktn],
])('%s runs no script when a consumer installs it', (_name, dir) => {
  const scripts = manifestOf(dir).scripts ?? {};
  expect(INSTALL_TIME_SCRIPTS.filter((script) => script in scripts)).toEqual([]);
  expect(manifestOf(dir).bin).toBeUndefined();
});

test.each([
  ['cdktf-ecs-highres-metrics', cdktf],
  ['cdktn-ecs-highres-metrics', cdktn],
])('npm publish --dry-run takes %s at the manifest version with no warning but the registry login', (name, dir) => {
  // --offline: nothing is asked of a registry; --ignore-scripts: the build already ran (prepack would rerun it).
  const run = spawnSync('npm', ['publish', '--dry-run', '--offline', '--ignore-scripts', '--json'], { cwd: dir, encoding: 'utf8' });
  expect(run.status).toBe(0);
  const warnings = run.stderr.split('\n').filter((line) => /\b(warn|ERR!)\b/i.test(line));
  expect(warnings.filter((line) => !/requires you to be logged in/.test(line))).toEqual([]);
  expect(JSON.parse(run.stdout)[name]).toMatchObject({ name, version: manifestOf(ROOT).version });
});

test('the cdktn package carries the README rewritten for cdktn from the repository README, the cdktf one the README itself', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const cdktnReadmeFile = readFileSync(path.join(cdktn, 'README.md'), 'utf8');
  expect(cdktnReadmeFile).toBe(cdktnReadme(readme));
  expect(cdktnReadmeFile.split('\n')[0]).toBe('# cdktn-ecs-highres-metrics');
  expect(cdktnReadmeFile).not.toMatch(/from '(cdktf|@cdktf\/provider-aws|cdktf-ecs-highres-metrics)(\/[^']*)?'/);
  expect(readme.split('\n')[0]).toBe('# cdktf-ecs-highres-metrics');
});
