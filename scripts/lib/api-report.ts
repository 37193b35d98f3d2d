/**
 * The API report and reference checks, one per entry point of the package (package.json `exports`:
 * the root and each subpath). api-extractor analyzes one entry point per run, so it runs once per
 * entry point, on its compiled declarations (dist/modules/index.d.ts, dist/modules/subpaths/<name>.d.ts,
 * from `npm run build`), and compares the API each declares with its committed report
 * (api/cdktf-ecs-highres-metrics.api.md for the root, api/cdktf-ecs-highres-metrics.<name>.api.md for
 * a subpath); api-documenter writes each entry point's API reference from the doc model api-extractor
 * emits (docs/api/ for the root, docs/api/<name>/ for a subpath), compared with the committed pages.
 * `npm run api` rewrites all of them (scripts/api-reference.ts); the checks only compare.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel, type IConfigFile } from '@microsoft/api-extractor';

/** The api-extractor configuration of the repository (the root entry point's; the subpaths' are derived from it). */
export const API_EXTRACTOR_CONFIG = path.resolve(__dirname, '..', '..', 'api-extractor.json');

const PROJECT_FOLDER = path.dirname(API_EXTRACTOR_CONFIG);

/** The committed API reference, as `npm run api` writes it with api-documenter: the root's pages, and a folder per subpath. */
export const API_REFERENCE_FOLDER = path.join(PROJECT_FOLDER, 'docs', 'api');

const API_DOCUMENTER = path.join(path.dirname(require.resolve('@microsoft/api-documenter/package.json')), 'bin', 'api-documenter');

/** Where `npm run api` has api-extractor write the doc models, a folder per entry point (not committed). */
export const DOC_MODEL_FOLDER = path.join(PROJECT_FOLDER, '.build', 'api', 'doc-model');

const PACKAGE_NAME: string = JSON.parse(readFileSync(path.join(PROJECT_FOLDER, 'package.json'), 'utf8')).name;

/** One entry point of the package, as package.json `exports` maps it. */
export interface EntryPoint {
  /** "." for the root, "./fleet" for a subpath. */
  readonly subpath: string;
  /** Its compiled declarations, relative to the project folder. */
  readonly declarations: string;
  /** Its report's base name: the package name, then ".<name>" for a subpath (api/<reportName>.api.md). */
  readonly reportName: string;
  /** Its reference's folder under docs/api ('' for the root). */
  readonly referenceFolder: string;
}

/** Every entry point of package.json `exports` that has declarations (the JSON Schema and package.json have none), root first. */
export function entryPoints(): EntryPoint[] {
  const manifest = JSON.parse(readFileSync(path.join(PROJECT_FOLDER, 'package.json'), 'utf8'));
  return Object.entries(manifest.exports as Record<string, string | { types?: string }>)
    .filter((entry): entry is [string, { types: string }] => typeof entry[1] === 'object' && entry[1].types !== undefined)
    .map(([subpath, target]) => {
      const name = subpath === '.' ? '' : subpath.slice(2);
      return { subpath, declarations: target.types, reportName: name ? `${PACKAGE_NAME}.${name}` : PACKAGE_NAME, referenceFolder: name };
    });
}

const shown = (file: string) => path.relative(PROJECT_FOLDER, file) || '.';

/** Runs api-extractor on one entry point with the repository's configuration, changed by `adjust`; the result and its warnings and errors. */
function extractApi(entry: EntryPoint, adjust: (configObject: IConfigFile) => void, localBuild = false) {
  const configObject = ExtractorConfig.loadFile(API_EXTRACTOR_CONFIG);
  configObject.mainEntryPointFilePath = path.join(PROJECT_FOLDER, entry.declarations);
  configObject.apiReport = { ...configObject.apiReport!, reportFileName: entry.reportName };
  const docModelFolder = path.join(DOC_MODEL_FOLDER, entry.referenceFolder || 'root');
  configObject.docModel = { ...configObject.docModel, enabled: true, apiJsonFilePath: path.join(docModelFolder, '<unscopedPackageName>.api.json') };
  adjust(configObject);
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: API_EXTRACTOR_CONFIG,
    packageJsonFullPath: path.join(PROJECT_FOLDER, 'package.json'),
  });
  const messages: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild,
    messageCallback: (message) => {
      const rewroteReport = localBuild && /^console-api-report-(copied|created)$/.test(message.messageId);
      if (!rewroteReport && (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning)) {
        messages.push(message.formatMessageWithLocation(PROJECT_FOLDER));
      }
      message.handled = true;
    },
  });
  const failure = !result.succeeded || messages.length > 0 ? `api-extractor failed on ${entry.declarations}:\n${messages.join('\n')}` : undefined;
  return { config, result, failure, docModelFolder };
}

/**
 * Why the committed reports do not describe the API (undefined when they do): a report differs,
 * or api-extractor failed. `reportFolder` reads the reports from elsewhere (tests).
 */
export function apiReportProblem(reportFolder?: string): string | undefined {
  for (const entry of entryPoints()) {
    const { config, result, failure } = extractApi(entry, (configObject) => {
      if (reportFolder !== undefined) configObject.apiReport = { ...configObject.apiReport!, reportFolder };
      configObject.docModel = { ...configObject.docModel, enabled: false };
    });
    const report = shown(config.reportFilePath);
    if (result.apiReportChanged) {
      return (
        `The public API of ${PACKAGE_NAME}${entry.subpath.slice(1)} differs from ${report} (the API as built is in ${shown(config.reportTempFilePath)}). ` +
        `If the change is meant, run \`npm run api\` and commit ${report}; if not, undo it.`
      );
    }
    if (failure) return failure;
  }
  return undefined;
}

/**
 * `npm run api`: rewrites each entry point's report (api/) and doc model (.build/api/doc-model/),
 * then the API reference (docs/api/). The error of the first entry point api-extractor fails on.
 */
export function writeApi(): void {
  rmSync(DOC_MODEL_FOLDER, { recursive: true, force: true });
  for (const entry of entryPoints()) {
    const { failure } = extractApi(entry, () => {}, true);
    if (failure) throw new Error(failure);
  }
  writeApiReference(DOC_MODEL_FOLDER, API_REFERENCE_FOLDER);
}

/**
 * The props document defaults with `@default` (JSDoc's and the AWS CDK's tag), which TSDoc names
 * `@defaultValue`: renamed in the doc model, so that each default gets its "Default Value" section
 * instead of running on from the summary.
 */
function renameDefaultTags(docModelFolder: string): void {
  for (const file of readdirSync(docModelFolder).filter((name) => name.endsWith('.api.json'))) {
    const modelFile = path.join(docModelFolder, file);
    const model = readFileSync(modelFile, 'utf8');
    const renamed = JSON.stringify(
      JSON.parse(model),
      (key, value) => (key === 'docComment' && typeof value === 'string' ? value.replace(/@default(?=\s)/g, '@defaultValue') : value),
      2,
    );
    if (renamed !== model) writeFileSync(modelFile, renamed);
  }
}

/**
 * A subpath's pages as api-documenter writes them name the package alone: its import path
 * (`cdktf-ecs-highres-metrics/fleet`) goes in the headings and breadcrumbs instead.
 */
function nameSubpath(folder: string, subpath: string): void {
  const importPath = `${PACKAGE_NAME}${subpath.slice(1)}`;
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.md'))) {
    const page = path.join(folder, file);
    const text = readFileSync(page, 'utf8')
      .replaceAll(`## ${PACKAGE_NAME} package`, `## ${importPath}`)
      .replaceAll(`[${PACKAGE_NAME}](./${PACKAGE_NAME}.md)`, `[${importPath}](./${PACKAGE_NAME}.md)`);
    writeFileSync(page, text);
  }
}

/** The root's index page, with a link to each subpath's reference. */
function linkSubpaths(indexPage: string, subpaths: readonly EntryPoint[]): void {
  const links = subpaths.map((entry) => `- [${PACKAGE_NAME}${entry.subpath.slice(1)}](./${entry.referenceFolder}/${PACKAGE_NAME}.md)`);
  writeFileSync(indexPage, `${readFileSync(indexPage, 'utf8').trimEnd()}\n\n## Subpaths\n\n${links.join('\n')}\n`);
}

/**
 * Writes the Markdown API reference of the doc models in `docModelFolder` (a folder per entry
 * point, as extractApi writes them) to `outputFolder`, emptied first: the root's pages there, each
 * subpath's in its own folder.
 */
export function writeApiReference(docModelFolder: string, outputFolder: string): void {
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-api-markdown-'));
  try {
    const entries = entryPoints();
    for (const entry of entries) {
      const model = path.join(docModelFolder, entry.referenceFolder || 'root');
      renameDefaultTags(model);
      const pages = path.join(work, entry.referenceFolder || 'root');
      execFileSync(process.execPath, [API_DOCUMENTER, 'markdown', '--input-folder', model, '--output-folder', pages], { stdio: 'pipe' });
      if (entry.referenceFolder) nameSubpath(pages, entry.subpath);
      else linkSubpaths(path.join(pages, 'index.md'), entries.slice(1));
    }
    rmSync(outputFolder, { recursive: true, force: true });
    for (const entry of entries) {
      const target = path.join(outputFolder, entry.referenceFolder);
      mkdirSync(target, { recursive: true });
      cpSync(path.join(work, entry.referenceFolder || 'root'), target, { recursive: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Every file under a folder, by its path relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(folder, file)).isFile())
    .sort();
}

/**
 * Why the committed API reference is not what api-documenter writes from the TSDoc of the API as
 * built (undefined when it is): pages differ, are missing or are left over. The doc models and the
 * pages are written to a temporary folder. `referenceFolder` reads the reference from elsewhere (tests).
 */
export function apiReferenceProblem(referenceFolder: string = API_REFERENCE_FOLDER): string | undefined {
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-api-reference-'));
  try {
    const docModel = path.join(work, 'doc-model');
    for (const entry of entryPoints()) {
      const { failure } = extractApi(entry, (configObject) => {
        configObject.docModel = {
          ...configObject.docModel,
          enabled: true,
          apiJsonFilePath: path.join(docModel, entry.referenceFolder || 'root', '<unscopedPackageName>.api.json'),
        };
        // The reports are compared by apiReportProblem; written here to the temporary folder, they leave the checkout alone.
        configObject.apiReport = { ...configObject.apiReport!, reportTempFolder: path.join(work, 'report') };
      });
      if (failure) return failure;
    }
    const generated = path.join(work, 'markdown');
    writeApiReference(docModel, generated);
    const expected = filesUnder(generated);
    const committed = new Set(filesUnder(referenceFolder));
    const differing = [
      ...expected.filter(
        (file) => !committed.has(file) || readFileSync(path.join(generated, file), 'utf8') !== readFileSync(path.join(referenceFolder, file), 'utf8'),
      ),
      ...[...committed].filter((file) => !expected.includes(file)),
    ];
    if (differing.length === 0) return undefined;
    const listed = differing.slice(0, 5).join(', ') + (differing.length > 5 ? ` and ${differing.length - 5} more` : '');
    return (
      `The API reference ${shown(referenceFolder)} is not what the TSDoc of the API as built generates (${listed} differ, are missing or are left over). ` +
      `Run \`npm run api\` and commit ${shown(referenceFolder)}.`
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
