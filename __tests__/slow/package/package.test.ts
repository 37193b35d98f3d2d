/** What users install and run: the published files, the compiled library, and cdktf.json's app. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../../support/app';

test('the package publishes the compiled library and the prebuilt collector bundle', () => {
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }));
  const files: string[] = pack.files.map((f: { path: string }) => f.path);
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(files).toEqual(expect.arrayContaining([manifest.main, manifest.types, 'dist/collector/collector.zip', 'package.json', 'README.md']));
  expect(files.filter((f) => /^(modules|functions|__tests__|scripts)\//.test(f))).toEqual([]);
});

test('the compiled library loads on its own, each entry point of package.json exports, and finds its bundle', () => {
  const { exports } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const load = (subpath: string) => require(path.join(ROOT, exports[subpath].default));
  const library = load('.');
  expect(typeof library.EcsHighResMetrics).toBe('function');
  expect(typeof load('./fleet').MetricsFleet).toBe('function');
  expect(typeof load('./cost').pipelineCost).toBe('function');
  expect(typeof load('./iam').collectorRolePolicy).toBe('function');
  expect(load('./metrics').DEFAULT_NAMESPACE).toBe('ECS');
  expect(library.collectorBundle().zipPath).toBe(path.join(ROOT, 'dist', 'collector', 'collector.zip'));
});

test('cdktf.json runs the same app as npm run synth', () => {
  const { app } = JSON.parse(readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8'));
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-cdktf-')), 'out');
  // The config named, as a deploy must name it (without FLEET_CONFIG the app says it uses the example).
  const env = { ...process.env, CDKTF_OUTDIR: outdir, FLEET_CONFIG: path.join('examples', 'fleet.json') };
  const run = spawnSync(app, { cwd: ROOT, shell: true, encoding: 'utf8', env });
  // Only warnings (alarms that notify no one) may be printed: no error, no stack trace.
  expect(run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('warning: '))).toEqual([]);
  expect(run.status).toBe(0);
  expect(existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
  expect(readdirSync(path.join(outdir, 'stacks')).length).toBeGreaterThan(0);
});
