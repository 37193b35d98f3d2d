/**
 * The README of the CDK Terrain package, derived from the repository's README (the cdktf
 * package's) by an explicit list of rewrites: its name and a line saying what it is, the import
 * roots in code blocks, its own install line, and the sentences that speak of the user's own
 * framework. What describes every line (Compatibility) or this repository's fleet app, which runs
 * on cdktf (`npm run synth`, `npx cdktf deploy` in a checkout), stays as it is.
 */
import { CDKTN_PACKAGE_NAME } from './cdktn-package';
import { CDKTN_IMPORT_ROOTS, type ImportRoots, rewriteImportRoots } from './import-roots';

/** Name of the package the repository's README describes. */
export const CDKTF_PACKAGE_NAME = 'cdktf-ecs-highres-metrics';

/** The import roots of the README's code blocks: the frameworks' and the library's own. */
export const CDKTN_README_ROOTS: ImportRoots = { ...CDKTN_IMPORT_ROOTS, [CDKTF_PACKAGE_NAME]: CDKTN_PACKAGE_NAME };

/** The command that installs the cdktn package with its peers, as the README's install block writes it. */
export const CDKTN_INSTALL_LINE = `npm install ${CDKTN_PACKAGE_NAME} cdktn@^0.24.0 @cdktn/provider-aws@^25.5.0 "constructs@>=10.6.0 <10.8.0"`;

/** One rewrite: a passage of the README (whitespace-insensitive) and what the cdktn README says instead. */
interface Rewrite {
  /** Where it is, for the error when the README no longer holds the passage. */
  readonly where: string;
  /** A passage (matched wherever it occurs, whitespace-insensitive), or a pattern. */
  readonly from: string | RegExp;
  readonly to: string;
}

const REWRITES: readonly Rewrite[] = [
  {
    where: 'the title',
    from: new RegExp(`^# ${CDKTF_PACKAGE_NAME}$`, 'm'),
    to:
      `# ${CDKTN_PACKAGE_NAME}\n\n` +
      `> The CDK Terrain (cdktn) build of \`${CDKTF_PACKAGE_NAME}\`: the same constructs, compiled from the same\n` +
      `> source for cdktn 0.24 and \`@cdktn/provider-aws\` 25 (line 3 of [Compatibility](#compatibility)). The\n` +
      `> examples import from \`${CDKTN_PACKAGE_NAME}\`, \`cdktn\` and \`@cdktn/provider-aws\`; the fleet app of a\n` +
      `> checkout of the repository (\`npm run synth\`, \`npx cdktf ...\`) runs on cdktf.`,
  },
  {
    where: 'the first sentence',
    from: 'CDK for Terraform (cdktf) constructs that give',
    to: 'CDK Terrain (cdktn) constructs that give',
  },
  {
    where: 'how the output is deployed',
    from: 'that you deploy with `cdktf deploy`,',
    to: 'that you deploy with `cdktn deploy`,',
  },
  {
    where: "Quick start's install block",
    from:
      '```sh\n# line 1, cdktf with AWS provider 5:\nnpm install cdktf-ecs-highres-metrics cdktf@^0.21.0 @cdktf/provider-aws@^20.1.0 constructs@^10.4.0\n' +
      '# line 2, cdktf with AWS provider 6:\nnpm install cdktf-ecs-highres-metrics cdktf@^0.21.0 @cdktf/provider-aws@^21.0.0 constructs@^10.4.0\n' +
      `# line 3, CDK Terrain:\n${CDKTN_INSTALL_LINE}\n\`\`\``,
    to: `\`\`\`sh\n# line 3, CDK Terrain:\n${CDKTN_INSTALL_LINE}\n\`\`\``,
  },
  {
    where: "Quick start's note on line 3's imports",
    from:
      'On line 3, import from `cdktn-ecs-highres-metrics`, `cdktn` and `@cdktn/provider-aws/lib/...` where the ' +
      'examples below say `cdktf-ecs-highres-metrics`, `cdktf` and `@cdktf/provider-aws/lib/...`; every ' +
      'class and submodule path is the same. The peer dependencies of each package name exactly its ' +
      'lines, so none of these needs `--force` or `--legacy-peer-deps`.',
    to:
      'Lines 1 and 2 (cdktf) use the package `cdktf-ecs-highres-metrics`, whose classes and submodule paths ' +
      'are the same. The peer dependencies of this package name exactly its line, so the install needs no ' +
      '`--force` or `--legacy-peer-deps`.',
  },
  {
    where: "Quick start's deploy step",
    from: 'a stack of your own app as any cdktf stack (`cdktf deploy`,',
    to: 'a stack of your own app as any cdktn stack (`cdktn deploy`,',
  },
  {
    where: 'the peer dependencies',
    from:
      '`cdktf`, `constructs` and `@cdktf/provider-aws` are peer dependencies (cdktf 0.21, provider ' +
      '20.x or 21.x; see [Compatibility](#compatibility), and for cdktn the `cdktn-ecs-highres-metrics` ' +
      'package), so your app holds one copy.',
    to:
      '`cdktn`, `constructs` and `@cdktn/provider-aws` are peer dependencies (cdktn 0.24, provider ' +
      '25.x; see [Compatibility](#compatibility)), so your app holds one copy.',
  },
  {
    where: "the schema's path in an installed package",
    from: `./node_modules/${CDKTF_PACKAGE_NAME}/schema/`,
    to: `./node_modules/${CDKTN_PACKAGE_NAME}/schema/`,
  },
  {
    where: 'the hub in your own app',
    from: 'in your own cdktf app, put the hub',
    to: 'in your own cdktn app, put the hub',
  },
];

/** `passage` as a pattern matching it with any run of whitespace wherever it has one. */
function passagePattern(passage: string | RegExp): RegExp {
  if (passage instanceof RegExp) return passage;
  const words = passage.split(/\s+/).filter((word) => word !== '');
  return new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+'), 'g');
}

/** `text`'s fenced code blocks with their import specifiers moved to the cdktn roots and package. */
function rewriteCodeBlocks(text: string): string {
  return text.replace(/^```(ts|typescript|js|javascript)\n[\s\S]*?^```$/gm, (block) => rewriteImportRoots(block, CDKTN_README_ROOTS));
}

/** The cdktn package's README for the repository's `readme`; throws naming each passage it no longer finds. */
export function cdktnReadme(readme: string): string {
  const missing = REWRITES.filter((rewrite) => !passagePattern(rewrite.from).test(readme)).map((rewrite) => rewrite.where);
  if (missing.length > 0) {
    throw new Error(
      `README.md no longer holds the passages the cdktn README rewrites (${missing.join('; ')}): ` +
        'update REWRITES in scripts/lib/cdktn-readme.ts to the new wording.',
    );
  }
  const rewritten = REWRITES.reduce((text, rewrite) => text.replace(passagePattern(rewrite.from), () => rewrite.to), readme);
  return rewriteCodeBlocks(rewritten);
}
