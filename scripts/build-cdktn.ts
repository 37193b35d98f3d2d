/**
 * Builds the CDK Terrain package in dist/cdktn from the same source as the cdktf one: the
 * library's TypeScript with its two import roots rewritten (cdktf -> cdktn, @cdktf/provider-aws
 * -> @cdktn/provider-aws), type-checked and compiled against cdktn's own types, beside the very
 * collector bundle of the cdktf build, with the README rewritten for cdktn users
 * (scripts/lib/cdktn-readme.ts). A cdktn app that loads it never loads cdktf.
 * Run after build-collector.ts; `npm pack dist/cdktn` packs it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { cdktnManifest } from './lib/cdktn-package';
import { cdktnReadme } from './lib/cdktn-readme';
import { CDKTN_IMPORT_ROOTS, rewriteImportRoots, specifiersUnder } from './lib/import-roots';

const root = path.resolve(__dirname, '..');
/** The rewritten source, compiled by tsconfig.cdktn.json. */
const stageDir = path.join(root, '.build', 'cdktn');
/** The package directory: what `npm pack dist/cdktn` publishes. */
export const CDKTN_PACKAGE_DIR = path.join(root, 'dist', 'cdktn');

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

function stageRewrittenSource(): void {
  rmSync(stageDir, { recursive: true, force: true });
  for (const file of filesUnder(path.join(root, 'modules')).filter((f) => f.endsWith('.ts'))) {
    const target = path.join(stageDir, 'modules', file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, rewriteImportRoots(readFileSync(path.join(root, 'modules', file), 'utf8'), CDKTN_IMPORT_ROOTS));
  }
}

function compile(): void {
  rmSync(CDKTN_PACKAGE_DIR, { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.cdktn.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** The compiled code must name no cdktf root: mixing the frameworks breaks the construct tree. */
function assertNoCdktfImport(): void {
  const compiled = path.join(CDKTN_PACKAGE_DIR, 'dist');
  const leaks = filesUnder(compiled).flatMap((file) =>
    specifiersUnder(readFileSync(path.join(compiled, file), 'utf8'), CDKTN_IMPORT_ROOTS).map((s) => `${file}: ${s}`),
  );
  if (leaks.length > 0) throw new Error(`the cdktn build still imports cdktf:\n${leaks.join('\n')}`);
}

function writePackageFiles(): void {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  writeFileSync(path.join(CDKTN_PACKAGE_DIR, 'package.json'), `${JSON.stringify(cdktnManifest(manifest), null, 2)}\n`);
  writeFileSync(path.join(CDKTN_PACKAGE_DIR, 'README.md'), cdktnReadme(readFileSync(path.join(root, 'README.md'), 'utf8')));
  const copied = ['LICENSE', 'CHANGELOG.md', 'schema/fleet-config.schema.json', 'dist/collector/collector.zip', 'dist/collector/collector.zip.sha256'];
  for (const file of copied) {
    mkdirSync(path.dirname(path.join(CDKTN_PACKAGE_DIR, file)), { recursive: true });
    copyFileSync(path.join(root, file), path.join(CDKTN_PACKAGE_DIR, file));
  }
}

if (require.main === module) {
  stageRewrittenSource();
  compile();
  assertNoCdktfImport();
  writePackageFiles();
  console.log(`cdktn package: ${path.relative(root, CDKTN_PACKAGE_DIR)}`);
}
