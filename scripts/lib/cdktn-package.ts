/**
 * The manifest of the CDK Terrain package, derived from the cdktf package's: same version,
 * code, files and dependencies; its own name and the cdktn line's peer dependencies.
 */

/** Name of the package built for cdktn apps. */
export const CDKTN_PACKAGE_NAME = 'cdktn-ecs-highres-metrics';

/** The cdktn line: cdktn 0.24 with @cdktn/provider-aws 25 (hashicorp/aws 6.x); constructs as cdktn allows. */
export const CDKTN_PEER_DEPENDENCIES: Readonly<Record<string, string>> = {
  cdktn: '^0.24.0',
  '@cdktn/provider-aws': '^25.5.0',
  constructs: '^10.6.0',
};

/** Fields of the cdktf manifest the cdktn package keeps as they are. */
const KEPT = [
  'version',
  'license',
  'main',
  'types',
  'exports',
  'typesVersions',
  'files',
  'engines',
  'dependencies',
  'repository',
  'homepage',
  'bugs',
  'author',
];

/** The cdktn package.json for the cdktf package.json `manifest`. */
export function cdktnManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const kept = Object.fromEntries(KEPT.filter((key) => manifest[key] !== undefined).map((key) => [key, manifest[key]]));
  return {
    name: CDKTN_PACKAGE_NAME,
    description: String(manifest.description).replace(/^CDK for Terraform/, 'CDK Terrain (cdktn)'),
    ...kept,
    peerDependencies: CDKTN_PEER_DEPENDENCIES,
  };
}
