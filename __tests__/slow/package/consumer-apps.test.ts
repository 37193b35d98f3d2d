/**
 * A fresh consumer app on each line, as a new user makes one: installs the packed tarball and
 * the line's framework and provider with plain `npm install` (no --force, no
 * --legacy-peer-deps), synthesizes the example fleet and a construct in its own stack, and on
 * line 1 plans a stack offline (the only hashicorp/aws in the machine's mirror is 5.100.0).
 * The line's packages come at the exact versions of this repository's lockfile, so the npm
 * cache that `npm ci` filled serves them (--prefer-offline).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { planOffline, terraformEnvironment } from '../../../scripts/lib/terraform';
import { ROOT } from '../../support/app';
import { awsProviderVersion, consumerDependencies, LINE_APP, type LineId, LINES, runLineApp } from '../../support/lines';

// Each install unpacks a provider package of 400-500 MB from the npm cache; the plan starts terraform.
jest.setTimeout(600_000);

const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-consumers-'));
const tarballs = path.join(work, 'tarballs');

/** Where npm finds its cache, registry and user config: kept, so the consumer reuses npm ci's cache. */
const NPM_LOCATIONS = /^npm_config_(cache|userconfig|globalconfig|registry)$/i;

/**
 * The environment without the running `npm test`'s own npm variables (its prefix, lifecycle and
 * package fields), which would point a consumer's install at this repository.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || NPM_LOCATIONS.test(key)));
}

function npm(args: string[], cwd: string) {
  return spawnSync('npm', args, { cwd, encoding: 'utf8', env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
}

/** The packed tarball of a package directory, packed as published (the build already ran). */
function pack(packageDir: string): string {
  const result = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tarballs], packageDir);
  if (result.status !== 0) throw new Error(`npm pack ${packageDir} failed:\n${result.stderr}`);
  return path.join(tarballs, JSON.parse(result.stdout)[0].filename);
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cdktn', 'package.json'))) {
    throw new Error('dist/cdktn is missing: run `npm run build` first (npm test does)');
  }
  mkdirSync(tarballs, { recursive: true });
});

// Three installs take about 1.5 GB: nothing of them is worth keeping.
afterAll(() => rmSync(work, { recursive: true, force: true }));

const tarballOf = new Map<string, string>();
function tarball(packageDir: string): string {
  if (!tarballOf.has(packageDir)) tarballOf.set(packageDir, pack(packageDir));
  return tarballOf.get(packageDir)!;
}

describe.each(['provider-aws-20', 'provider-aws-21', 'cdktn'] as const)('a fresh consumer app on line %s', (id: LineId) => {
  const line = LINES[id];
  const app = path.join(work, id);

  test('installs the tarball without --force or --legacy-peer-deps, with no peer problem, and synthesizes', () => {
    mkdirSync(app, { recursive: true });
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: `consumer-${id}`, version: '0.0.0', private: true }));
    const install = npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball(line.packageDir), ...consumerDependencies(line)], app);
    expect(install.stderr).not.toMatch(/ERESOLVE|npm error/);
    expect(install.status).toBe(0);
    // npm ls exits non-zero on a missing, invalid or extraneous peer anywhere in the tree.
    const ls = npm(['ls', '--all', '--omit=dev'], app);
    expect(ls.stderr).toBe('');
    expect(ls.status).toBe(0);
    const installed = (name: string) => JSON.parse(readFileSync(path.join(app, 'node_modules', name, 'package.json'), 'utf8')).version;
    expect(installed(line.provider)).toBe(consumerDependencies(line)[1].split('@').pop());
    expect(existsSync(path.join(app, 'node_modules', line.id === 'cdktn' ? 'cdktf' : 'cdktn'))).toBe(false);

    copyFileSync(LINE_APP, path.join(app, 'main.js'));
    const run = runLineApp(line, { script: path.join(app, 'main.js'), library: line.packageName, outdir: path.join(app, 'out'), cwd: app, consumer: true });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.loaded).toEqual([line.provider, line.framework, line.packageName, 'constructs'].sort());
    expect(Object.keys(run.stacks.fleet)).toEqual([
      'ecs-highres-111111111111-eu-west-1',
      'ecs-highres-111111111111-us-east-1',
      'ecs-highres-222222222222-us-west-2',
    ]);
    for (const stack of [...Object.values(run.stacks.fleet), ...Object.values(run.stacks['own-stack'])]) {
      expect((stack.terraform as { required_providers: { aws: { version: string } } }).required_providers.aws.version).toBe(awsProviderVersion(line));
    }
    // The collector bundle travelled in the tarball and is the stack's one asset, byte for byte.
    const assets = path.join(app, 'out', 'own-stack', 'stacks', 'metrics', 'assets');
    const assetFiles = readdirSync(assets, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(assetFiles.map((e) => e.name)).toEqual(['collector.zip']);
    const shipped = readFileSync(path.join(app, 'node_modules', line.packageName, 'dist', 'collector', 'collector.zip'));
    expect(readFileSync(path.join(assetFiles[0].parentPath, 'collector.zip')).equals(shipped)).toBe(true);
    expect(shipped.equals(readFileSync(path.join(ROOT, 'dist', 'collector', 'collector.zip')))).toBe(true);
  });

  test('imports the root and each subpath, with their types under node16 and node10 resolution, and no compiled file by path', () => {
    const name = line.packageName;
    const source = [
      `import { EcsHighResMetrics, type EcsHighResMetricsProps } from '${name}';`,
      `import { type FleetConfig, loadFleetConfig, MetricsFleet } from '${name}/fleet';`,
      `import { describePipelineForCost, pipelineCost } from '${name}/cost';`,
      `import { collectorRolePolicy, type PolicyDocument } from '${name}/iam';`,
      `import { DEFAULT_METRICS } from '${name}/metrics';`,
      'export const used = [EcsHighResMetrics, MetricsFleet, loadFleetConfig, describePipelineForCost, pipelineCost, collectorRolePolicy, DEFAULT_METRICS];',
      'export type Used = [EcsHighResMetricsProps, FleetConfig, PolicyDocument];',
      // A name on the wrong entry point is a type error, so the check above is not vacuous.
      `// @ts-expect-error loadFleetConfig is on the fleet subpath, not the root`,
      `export { loadFleetConfig as fromRoot } from '${name}';`,
    ].join('\n');
    writeFileSync(path.join(app, 'subpaths.ts'), `${source}\n`);
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    for (const resolution of [
      ['--module', 'node16', '--moduleResolution', 'node16'],
      ['--module', 'commonjs', '--moduleResolution', 'node10'],
    ]) {
      const check = spawnSync(
        process.execPath,
        [
          tsc,
          '--noEmit',
          '--strict',
          '--skipLibCheck',
          '--types',
          'node',
          '--typeRoots',
          path.join(ROOT, 'node_modules', '@types'),
          ...resolution,
          'subpaths.ts',
        ],
        {
          cwd: app,
          encoding: 'utf8',
        },
      );
      expect({ resolution: resolution[3], output: check.stdout }).toEqual({ resolution: resolution[3], output: '' });
      expect(check.status).toBe(0);
    }
    const requireAll = ['', '/fleet', '/cost', '/iam', '/metrics'].map((subpath) => `Object.keys(require('${name}${subpath}')).length`).join(', ');
    const loaded = spawnSync(process.execPath, ['-e', `process.stdout.write(JSON.stringify([${requireAll}]))`], { cwd: app, encoding: 'utf8' });
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout).every((count: number) => count > 0)).toBe(true);
    const byPath = spawnSync(process.execPath, ['-e', `require('${name}/dist/modules/fleet/config')`], { cwd: app, encoding: 'utf8' });
    expect(byPath.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    const schema = spawnSync(process.execPath, ['-e', `process.stdout.write(require.resolve('${name}/schema/fleet-config.schema.json'))`], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(schema.stdout).toBe(path.join(app, 'node_modules', name, 'schema', 'fleet-config.schema.json'));
  });

  if (id === 'provider-aws-20') {
    // One stack: the terraform tier plans every example stack; this proves the installed tarball's output plans.
    test('plans an example fleet stack offline with terraform and hashicorp/aws 5.100.0', async () => {
      const env = await terraformEnvironment(path.join(work, 'terraform'));
      const stacksDir = path.join(app, 'out', 'fleet', 'stacks');
      const stacks = readdirSync(stacksDir).sort().slice(0, 1);
      const results = await Promise.all(stacks.map((stack) => planOffline(path.join(stacksDir, stack), path.join(work, 'terraform', stack), env)));
      expect(results.map((r) => ({ stack: r.stack, ok: r.ok, output: r.output }))).toEqual(stacks.map((stack) => ({ stack, ok: true, output: undefined })));
      for (const result of results) {
        const types = result.creates.map((address) => address.split('.')[0]);
        expect(types).toEqual(expect.arrayContaining(['aws_lambda_function', 'aws_sfn_state_machine', 'aws_iam_role']));
      }
    });
  }
});
