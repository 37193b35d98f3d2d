/**
 * Rewrites the module specifiers of TypeScript source from one framework's import roots to
 * another's, so the cdktn package is compiled from the very source of the cdktf one.
 */

/** Import root -> its replacement, e.g. `cdktf` -> `cdktn`. */
export type ImportRoots = Readonly<Record<string, string>>;

/** CDK Terrain renamed both roots and kept every submodule path and class name. */
export const CDKTN_IMPORT_ROOTS: ImportRoots = { cdktf: 'cdktn', '@cdktf/provider-aws': '@cdktn/provider-aws' };

// `from '…'`, `import '…'`, `import('…')` and `require('…')`: every place a specifier is written.
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)(['"])([^'"\r\n]+)\2/g;

/** The root of `specifier` among `roots` (the root itself or a path under it), if any. */
export function importRootOf(specifier: string, roots: ImportRoots): string | undefined {
  return Object.keys(roots).find((root) => specifier === root || specifier.startsWith(`${root}/`));
}

/** `source` with every specifier under one of `roots` moved to that root's replacement. */
export function rewriteImportRoots(source: string, roots: ImportRoots): string {
  return source.replace(SPECIFIER, (whole, lead: string, quote: string, specifier: string) => {
    const root = importRootOf(specifier, roots);
    if (root === undefined || !Object.hasOwn(roots, root)) return whole;
    return `${lead}${quote}${roots[root]}${specifier.slice(root.length)}${quote}`;
  });
}

/** Every specifier of `source` still under one of `roots`: what a rewritten build must not contain. */
export function specifiersUnder(source: string, roots: ImportRoots): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[3]).filter((s) => importRootOf(s, roots) !== undefined);
}
