/** The import-root rewrite that builds the cdktn package from the cdktf source. */
import { CDKTN_IMPORT_ROOTS, rewriteImportRoots, specifiersUnder } from '../../../scripts/lib/import-roots';
import { cdktnManifest, CDKTN_PACKAGE_NAME } from '../../../scripts/lib/cdktn-package';

test('moves both roots and every submodule path under them, in every form a specifier is written', () => {
  const source = [
    "import { App, TerraformStack } from 'cdktf';",
    'import { AwsProvider } from "@cdktf/provider-aws/lib/provider";',
    "export { Token } from 'cdktf';",
    "import 'cdktf';",
    "const lazy = () => import('@cdktf/provider-aws/lib/iam-role');",
    "const { Fn } = require('cdktf');",
  ].join('\n');
  expect(rewriteImportRoots(source, CDKTN_IMPORT_ROOTS)).toBe(
    [
      "import { App, TerraformStack } from 'cdktn';",
      'import { AwsProvider } from "@cdktn/provider-aws/lib/provider";',
      "export { Token } from 'cdktn';",
      "import 'cdktn';",
      "const lazy = () => import('@cdktn/provider-aws/lib/iam-role');",
      "const { Fn } = require('cdktn');",
    ].join('\n'),
  );
});

test('leaves names that only start like a root, relative paths, other packages and plain strings alone', () => {
  const source = [
    "import { x } from 'cdktf-ecs-highres-metrics';",
    "import { y } from '@cdktf/provider-aws-v21/lib/provider';",
    "import { z } from '@cdktf/provider-google/lib/provider';",
    "import { Construct } from 'constructs';",
    "import { w } from './cdktf';",
    "const comment = 'built with cdktf';",
  ].join('\n');
  expect(rewriteImportRoots(source, CDKTN_IMPORT_ROOTS)).toBe(source);
  expect(specifiersUnder(source, CDKTN_IMPORT_ROOTS)).toEqual([]);
});

test('finds what a build left under the old roots', () => {
  expect(specifiersUnder('const a = require("cdktf"); const b = require("@cdktf/provider-aws/lib/sns-topic");', CDKTN_IMPORT_ROOTS)).toEqual([
    'cdktf',
    '@cdktf/provider-aws/lib/sns-topic',
  ]);
});

test('a root named like an Object.prototype key is no root', () => {
  expect(rewriteImportRoots("import { a } from 'constructor';\nimport { b } from 'toString/x';", CDKTN_IMPORT_ROOTS)).toBe(
    "import { a } from 'constructor';\nimport { b } from 'toString/x';",
  );
});

test('the cdktn manifest keeps the code, entry points and files of the cdktf one and names only cdktn peers', () => {
  const manifest = {
    name: 'cdktf-ecs-highres-metrics',
    version: '1.2.3',
    description: 'CDK for Terraform constructs',
    license: 'Apache-2.0',
    main: 'dist/modules/index.js',
    exports: { '.': './dist/modules/index.js', './fleet': './dist/modules/subpaths/fleet.js' },
    typesVersions: { '*': { fleet: ['dist/modules/subpaths/fleet.d.ts'] } },
    files: ['dist/modules'],
    scripts: { prepare: 'npm run build' },
    dependencies: { zod: '^4' },
    devDependencies: { cdktf: '0.21.0' },
    peerDependencies: { cdktf: '^0.21.0', '@cdktf/provider-aws': '^20.1.0' },
  };
  const cdktn = cdktnManifest(manifest);
  expect(cdktn).toEqual({
    name: CDKTN_PACKAGE_NAME,
    version: '1.2.3',
    description: 'CDK Terrain (cdktn) constructs',
    license: 'Apache-2.0',
    main: 'dist/modules/index.js',
    exports: { '.': './dist/modules/index.js', './fleet': './dist/modules/subpaths/fleet.js' },
    typesVersions: { '*': { fleet: ['dist/modules/subpaths/fleet.d.ts'] } },
    files: ['dist/modules'],
    dependencies: { zod: '^4' },
    peerDependencies: { cdktn: '^0.24.0', '@cdktn/provider-aws': '^25.5.0', constructs: '^10.6.0' },
  });
});
