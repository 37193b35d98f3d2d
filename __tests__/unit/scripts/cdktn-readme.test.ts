/** The cdktn package's README, rewritten from the repository's: it speaks cdktn and keeps every other fact. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CDKTN_PACKAGE_NAME } from '../../../scripts/lib/cdktn-package';
import { CDKTF_PACKAGE_NAME, CDKTN_INSTALL_LINE, CDKTN_README_ROOTS, cdktnReadme } from '../../../scripts/lib/cdktn-readme';
import { specifiersUnder } from '../../../scripts/lib/import-roots';
import { ROOT } from '../../support/app';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const cdktn = cdktnReadme(readme);
/** The text of `section` (a `## ` heading) up to the next `## ` heading. */
const section = (text: string, heading: string) => text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));

test('is titled with its own name and says first that it is the CDK Terrain build of the same library', () => {
  expect(cdktn.split('\n')[0]).toBe(`# ${CDKTN_PACKAGE_NAME}`);
  expect(cdktn.split('\n\n')[1]).toMatch(new RegExp(`^> The CDK Terrain \\(cdktn\\) build of \`${CDKTF_PACKAGE_NAME}\`: the same constructs`));
});

test('imports nothing from cdktf, its provider bindings or the cdktf package in any code block', () => {
  expect(specifiersUnder(readme, CDKTN_README_ROOTS).length).toBeGreaterThan(0);
  expect(specifiersUnder(cdktn, CDKTN_README_ROOTS)).toEqual([]);
  expect(cdktn).toContain("import { App, TerraformStack } from 'cdktn';");
  expect(cdktn).toContain("import { AwsProvider } from '@cdktn/provider-aws/lib/provider';");
  expect(cdktn).toContain(`import { EcsHighResMetrics } from '${CDKTN_PACKAGE_NAME}';`);
});

test('names its own install line, and no install of the cdktf package', () => {
  expect(cdktn).toContain(`\`\`\`sh\n# line 3, CDK Terrain:\n${CDKTN_INSTALL_LINE}\n\`\`\``);
  expect(cdktn).not.toMatch(/npm install cdktf-ecs-highres-metrics/);
  expect(cdktn).toContain(`./node_modules/${CDKTN_PACKAGE_NAME}/schema/fleet-config.schema.json`);
  expect(cdktn).toContain('as any cdktn stack (`cdktn deploy`,');
  expect(cdktn).toContain('`cdktn`, `constructs` and `@cdktn/provider-aws` are peer dependencies');
});

test('keeps the Compatibility section, which describes every line, and the fleet app commands, which run on cdktf, as they are', () => {
  expect(section(readme, 'Compatibility')).toBeDefined();
  expect(section(cdktn, 'Compatibility')).toBe(section(readme, 'Compatibility'));
  expect(cdktn).toContain("FLEET_CONFIG=fleet.json npx cdktf deploy '*'");
});

test('fails naming each passage the README no longer holds, rather than shipping a cdktf README', () => {
  const edited = readme.replace(/in\s+your own cdktf app, put the hub/, 'in your app, put the hub').replace(/^# cdktf-ecs-highres-metrics$/m, '# ECS metrics');
  expect(() => cdktnReadme(edited)).toThrow(
    'README.md no longer holds the passages the cdktn README rewrites (the title; the hub in your own app): update REWRITES in scripts/lib/cdktn-readme.ts to the new wording.',
  );
});
