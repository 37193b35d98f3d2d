/**
 * The supported framework and provider lines, as tests run them: in this repository (the
 * built library with the line's packages from the aliased devDependencies) and as a fresh
 * consumer app would install them (the same exact versions, so npm ci's cache serves them).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './app';

export type LineId = 'provider-aws-20' | 'provider-aws-21' | 'cdktn';

export interface Line {
  readonly id: LineId;
  /** The import root of the framework: cdktf or cdktn. */
  readonly framework: 'cdktf' | 'cdktn';
  /** The import root of the AWS provider bindings. */
  readonly provider: '@cdktf/provider-aws' | '@cdktn/provider-aws';
  /** The package a consumer app installs. */
  readonly packageName: string;
  /** Directory of the line's built package in this repository. */
  readonly packageDir: string;
  /** Where this repository's node_modules holds the line's provider bindings (an npm alias for 21). */
  readonly providerInstall: string;
  /** Where this repository's node_modules holds the line's framework. */
  readonly frameworkInstall: string;
  /** Import roots the line must never load. */
  readonly forbidden: readonly string[];
}

export const LINES: Readonly<Record<LineId, Line>> = {
  'provider-aws-20': {
    id: 'provider-aws-20',
    framework: 'cdktf',
    provider: '@cdktf/provider-aws',
    packageName: 'cdktf-ecs-highres-metrics',
    packageDir: ROOT,
    providerInstall: '@cdktf/provider-aws',
    frameworkInstall: 'cdktf',
    forbidden: ['cdktn', '@cdktn', '@cdktf/provider-aws-v21'],
  },
  'provider-aws-21': {
    id: 'provider-aws-21',
    framework: 'cdktf',
    provider: '@cdktf/provider-aws',
    packageName: 'cdktf-ecs-highres-metrics',
    packageDir: ROOT,
    providerInstall: '@cdktf/provider-aws-v21',
    frameworkInstall: 'cdktf',
    forbidden: ['cdktn', '@cdktn'],
  },
  cdktn: {
    id: 'cdktn',
    framework: 'cdktn',
    provider: '@cdktn/provider-aws',
    packageName: 'cdktn-ecs-highres-metrics',
    packageDir: path.join(ROOT, 'dist', 'cdktn'),
    providerInstall: '@cdktn/provider-aws',
    frameworkInstall: 'cdktn',
    forbidden: ['cdktf', '@cdktf'],
  },
};

/** package.json of a package installed in this repository's node_modules. */
export function installedManifest(name: string): { version: string; [key: string]: unknown } {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
}

/** The hashicorp/aws version a line's bindings were generated for (and pin in required_providers). */
export function awsProviderVersion(line: Line): string {
  const manifest = installedManifest(line.providerInstall) as { cdktf?: { provider: { version: string } } };
  return manifest.cdktf!.provider.version;
}

/** What a consumer app of `line` installs beside the tarball: exact versions, those of this repository's lockfile. */
export function consumerDependencies(line: Line): string[] {
  return [
    `${line.framework}@${installedManifest(line.frameworkInstall).version}`,
    `${line.provider}@${installedManifest(line.providerInstall).version}`,
    `constructs@${installedManifest('constructs').version}`,
  ];
}

export interface LineRun {
  readonly status: number | null;
  readonly stderr: string;
  /** Framework and provider packages the app loaded. */
  readonly loaded: readonly string[];
  /** cdk.tf.json of each stack, by app ('fleet' or 'own-stack') and stack name. */
  readonly stacks: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
}

/** Where line-app.js is: copied into consumer apps, run from here for the repository's lines. */
export const LINE_APP = path.join(__dirname, 'line-app.js');

/**
 * Runs line-app.js with `script` (its path, in the app whose node_modules it resolves from) and
 * `library` (what it requires for the construct library), writing to `outdir`; `consumer` when
 * the app installed the line's packages under their own names.
 */
export function runLineApp(line: Line, options: { script: string; library: string; outdir: string; cwd: string; consumer?: boolean }): LineRun {
  // A consumer app installs the line's provider under its own name; only this repository aliases it.
  const redirect = options.consumer || line.providerInstall === line.provider ? '' : `${line.provider}=${line.providerInstall}`;
  const run = spawnSync(process.execPath, [options.script], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      LINE_FRAMEWORK: line.framework,
      LINE_PROVIDER: line.provider,
      LINE_LIBRARY: options.library,
      LINE_FLEET_LIBRARY: options.consumer ? `${options.library}/fleet` : subpathFile(line, './fleet'),
      LINE_REDIRECT: redirect,
      LINE_FORBIDDEN: line.forbidden.join(','),
      FLEET_CONFIG: path.join(ROOT, 'examples', 'fleet.json'),
      OUTDIR: options.outdir,
    },
  });
  const stacks: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const app of ['fleet', 'own-stack']) {
    const dir = path.join(options.outdir, app, 'stacks');
    if (!existsSync(dir)) continue;
    stacks[app] = Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((stack) => [stack, JSON.parse(readFileSync(path.join(dir, stack, 'cdk.tf.json'), 'utf8'))]),
    );
  }
  const loaded = run.status === 0 ? (JSON.parse(run.stdout).loaded as string[]) : [];
  return { status: run.status, stderr: run.stderr, loaded: loaded.filter((p) => /^(cdktf|cdktn|constructs|@cdktf\/|@cdktn\/)/.test(p)), stacks };
}

/**
 * The compiled file a subpath of `line`'s built package resolves to, by its package.json `exports`
 * (a repository run requires files by path, which `exports` does not map).
 */
export function subpathFile(line: Line, subpath: string): string {
  const manifest = JSON.parse(readFileSync(path.join(line.packageDir, 'package.json'), 'utf8'));
  return path.join(line.packageDir, manifest.exports[subpath].default);
}

/** The library a repository run of `line` requires: the built package directory. */
export function repositoryLibrary(line: Line): string {
  return line.packageDir === ROOT ? path.join(ROOT, 'dist', 'modules') : line.packageDir;
}

/** One leaf that differs between two synthesized JSON documents. */
export interface Difference {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** Every leaf where `before` and `after` differ, by dotted path. */
export function differences(before: unknown, after: unknown, at = ''): Difference[] {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(before) || !isObject(after) || Array.isArray(before) !== Array.isArray(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: at, before, after }];
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => differences(before[key], after[key], at ? `${at}.${key}` : key));
}
