/**
 * The collector's deployment package: built once by `npm run build` (esbuild, then a zip
 * with fixed timestamps and order), shipped in the package, and hashed once per process.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface CollectorBundle {
  /** Absolute path of the zip. */
  readonly zipPath: string;
  /** SHA-256 of the zip, hex: names the asset folder. */
  readonly sha256Hex: string;
  /** SHA-256 of the zip, base64: what Lambda reports as CodeSha256, so plans never drift. */
  readonly sha256Base64: string;
}

/** Where `npm run build` writes the zip, relative to the package root. */
export const COLLECTOR_ZIP = path.join('dist', 'collector', 'collector.zip');

/** The package's names: one source is published for cdktf and, import roots rewritten, for cdktn. */
export const PACKAGE_NAMES: readonly string[] = ['cdktf-ecs-highres-metrics', 'cdktn-ecs-highres-metrics'];

function packageRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && PACKAGE_NAMES.includes(JSON.parse(readFileSync(manifest, 'utf8')).name)) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`cannot find the ${PACKAGE_NAMES.join(' or ')} package above ${from}`);
    }
  }
}

const loaded = new Map<string, CollectorBundle>();

/** The bundle at `zipPath` (default: the package's own), read and hashed once per process. */
export function collectorBundle(zipPath = path.join(packageRoot(__dirname), COLLECTOR_ZIP)): CollectorBundle {
  const cached = loaded.get(zipPath);
  if (cached) return cached;
  if (!existsSync(zipPath)) {
    throw new Error(`The collector bundle ${zipPath} does not exist: run \`npm run build\` to build it.`);
  }
  const digest = createHash('sha256').update(readFileSync(zipPath)).digest();
  const bundle = { zipPath, sha256Hex: digest.toString('hex'), sha256Base64: digest.toString('base64') };
  loaded.set(zipPath, bundle);
  return bundle;
}
