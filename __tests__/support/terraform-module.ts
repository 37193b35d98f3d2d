/**
 * The built Terraform module as a consumer gets it: its archive (from `npm run build`) extracted
 * beside a root module that is the README's HCL example, verbatim.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { MODULE_NAME } from '../../scripts/lib/terraform-module/module-files';
import { EXAMPLE_SOURCE, readmeModuleExample } from '../../scripts/lib/terraform-module/readme-example';
import { ROOT } from './app';

const version: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

/** The archive `npm run build` writes. */
export const MODULE_ARCHIVE = path.join(ROOT, 'dist', 'terraform', `${MODULE_NAME}-${version}.tar.gz`);

/** Paths in the archive, sorted, without the leading `./`. */
export function archiveEntries(): string[] {
  if (!existsSync(MODULE_ARCHIVE)) throw new Error(`${MODULE_ARCHIVE} does not exist: run \`npm run build\``);
  return execFileSync('tar', ['-tzf', MODULE_ARCHIVE], { encoding: 'utf8' })
    .split('\n')
    .map((entry) => entry.replace(/^\.\//, ''))
    .filter((entry) => entry !== '' && entry !== './')
    .sort();
}

/**
 * Writes a root module in `dir`: `main.tf` is the README's example (or `edit` of it), the module
 * extracted from its archive where the example's `source` points.
 */
export function writeConsumerRoot(dir: string, edit: (example: string) => string = (example) => example): string {
  const example = edit(readmeModuleExample());
  const moduleDir = path.join(dir, EXAMPLE_SOURCE);
  mkdirSync(moduleDir, { recursive: true });
  archiveEntries();
  execFileSync('tar', ['-xzf', MODULE_ARCHIVE, '-C', moduleDir]);
  writeFileSync(path.join(dir, 'main.tf'), example);
  return example;
}
