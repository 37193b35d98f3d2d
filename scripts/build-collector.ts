/**
 * Builds the collector's deployment package: esbuild bundles functions/collector into one
 * file, zipped with a fixed timestamp and mode, so the same source always gives the same bytes
 * (and the same source_code_hash, so plans never drift).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { zipSync } from 'fflate';

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist', 'collector');

/**
 * The AWS SDK v3 clients come with the nodejs22.x runtime: not bundling them keeps the zip small
 * with the same cold import time (see BENCHMARKS.md), and lets tests mock the very client classes
 * the bundle uses. Everything else is bundled, on purpose @smithy/node-http-handler: the clients
 * get this repository's handler, whose request timeout holds whatever SDK version the runtime has
 * (functions/collector/clients.ts, httpHandler).
 */
export const RUNTIME_PROVIDED = ['@aws-sdk/*'];

/** esbuild options of the collector bundle; `external` lists what the Lambda runtime provides. */
export function bundleCollector(options: { external?: string[] } = {}): Uint8Array {
  const result = buildSync({
    entryPoints: [path.join(root, 'functions', 'collector', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    external: options.external ?? RUNTIME_PROVIDED,
    // ES module entry points first: esbuild tree-shakes them, so the bundled HTTP handler brings only
    // what it uses from @smithy/core (12 KB); its CommonJS entry would require all of it (128 KB).
    mainFields: ['module', 'main'],
    // The handler loads node:http lazily with import(): as a require, it loads in any CommonJS host.
    supported: { 'dynamic-import': false },
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
}

/** A zip of one file whose bytes depend only on its content. */
export function reproducibleZip(name: string, content: Uint8Array): Uint8Array {
  return zipSync(
    {
      [name]: [
        content,
        {
          // Built from local-time fields, so the DOS timestamp is 1980-01-01 00:00 in every time zone.
          mtime: new Date(1980, 0, 1, 0, 0, 0),
          os: 3,
          attrs: (0o100644 << 16) >>> 0,
          level: 9,
        },
      ],
    },
    {},
  );
}

/** `--if-missing`: build only when there is no bundle yet (the first `npm run synth` after `npm ci`, which runs no script). */
if (require.main === module) {
  const ifMissing = process.argv.includes('--if-missing');
  if (!(ifMissing && existsSync(path.join(outDir, 'collector.zip')))) {
    const code = bundleCollector();
    const zip = reproducibleZip('index.js', code);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, 'index.js'), code);
    writeFileSync(path.join(outDir, 'collector.zip'), zip);
    const sha = createHash('sha256').update(zip).digest('hex');
    writeFileSync(path.join(outDir, 'collector.zip.sha256'), `${sha}\n`);
    // On stderr when built on the way to another command, whose own output stays as it is.
    (ifMissing ? console.error : console.log)(`collector: index.js ${code.length} B, collector.zip ${zip.length} B, sha256 ${sha}`);
  }
}
