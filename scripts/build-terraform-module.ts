/**
 * Builds the Terraform module for teams on plain Terraform, from the same constructs as the npm
 * package: dist/terraform/terraform-aws-ecs-highres-metrics/ in Terraform Registry layout
 * (scripts/lib/terraform-module/module-files.ts) and its archive
 * dist/terraform/terraform-aws-ecs-highres-metrics-<version>.tar.gz, whose root is the module's.
 * Run after build-collector.ts (the module carries its zip).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { COLLECTOR_ZIP } from '../modules/pipeline/collector-bundle';
import { ROOT } from './lib/root';
import { MODULE_NAME, moduleTextFiles } from './lib/terraform-module/module-files';
import { organizationModuleFiles } from './lib/terraform-module/organization-module';
import { COLLECTOR_ZIP_NAME, synthesizePipelineModule } from './lib/terraform-module/pipeline-module';
import { readmeModuleExample } from './lib/terraform-module/readme-example';
import { spokeModuleFiles } from './lib/terraform-module/spoke-module';
import { hubModuleTextFiles, organizationHubModuleTextFiles } from './lib/terraform-module/hub-files';
import { synthesizeHubModule } from './lib/terraform-module/hub-module';

/** Where the module and its archive are written. */
export const TERRAFORM_DIST = path.join(ROOT, 'dist', 'terraform');
export const MODULE_DIR = path.join(TERRAFORM_DIST, MODULE_NAME);

/** The archive's path for `version`. */
export const moduleArchive = (version: string) => path.join(TERRAFORM_DIST, `${MODULE_NAME}-${version}.tar.gz`);

function main(): void {
  const version: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  rmSync(TERRAFORM_DIST, { recursive: true, force: true });
  const files = {
    ...moduleTextFiles(synthesizePipelineModule(), readmeModuleExample(), version),
    ...spokeModuleFiles(version),
    ...organizationModuleFiles(version),
    ...hubModuleTextFiles(synthesizeHubModule(), version),
    ...organizationHubModuleTextFiles(synthesizeHubModule(true), version),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(MODULE_DIR, file)), { recursive: true });
    writeFileSync(path.join(MODULE_DIR, file), text);
  }
  copyFileSync(path.join(ROOT, COLLECTOR_ZIP), path.join(MODULE_DIR, COLLECTOR_ZIP_NAME));
  copyFileSync(path.join(ROOT, 'LICENSE'), path.join(MODULE_DIR, 'LICENSE'));
  // Reproducible: sorted names, fixed times and owners, no name or time in the gzip header.
  const tarball = execFileSync('tar', ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner', '-cf', '-', '-C', MODULE_DIR, '.'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  writeFileSync(moduleArchive(version), execFileSync('gzip', ['-n', '-9'], { input: tarball, maxBuffer: 64 * 1024 * 1024 }));
  console.log(`terraform module: ${path.relative(ROOT, MODULE_DIR)}, ${path.relative(ROOT, moduleArchive(version))}`);
}

if (require.main === module) main();
