/**
 * The project README's HCL example of the module ("Use from plain Terraform"): the build writes it
 * as the module's example, and a slow test runs it verbatim.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../root';

/** The heading of the README section that shows the module from HCL. */
export const PLAIN_TERRAFORM_HEADING = '## Use from plain Terraform';

/** Where the README's example expects the extracted module, relative to the root module. */
export const EXAMPLE_SOURCE = './terraform-aws-ecs-highres-metrics';

/** The first hcl code block of `readme` after the line `heading`. */
export function hclBlockAfter(readme: string, heading: string): string {
  const at = readme.indexOf(`\n${heading}\n`);
  const match = at < 0 ? null : /```hcl\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`README has no "${heading}" section with an hcl block`);
  return match[1];
}

/** The README's HCL example of the module. */
export function readmeModuleExample(readmePath = path.join(ROOT, 'README.md')): string {
  return hclBlockAfter(readFileSync(readmePath, 'utf8'), PLAIN_TERRAFORM_HEADING);
}
