/**
 * The API report and reference checks: api-extractor reads the compiled declarations
 * (dist/modules/index.d.ts, from `npm run build`) and compares the API they declare with the
 * committed report (api/cdktf-ecs-highres-metrics.api.md); api-documenter writes the API reference
 * from the doc model api-extractor emits, compared with the committed docs/api/. `npm run api`
 * rewrites both (scripts/api-reference.ts writes the reference); the checks only compare.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel, type IConfigFile } from '@microsoft/api-extractor';

/** The api-extractor configuration of the repository. */
export const API_EXTRACTOR_CONFIG = path.resolve(__dirname, '..', '..', 'api-extractor.json');

const PROJECT_FOLDER = path.dirname(API_EXTRACTOR_CONFIG);

/** The committed API reference, as `npm run api` writes it with api-documenter. */
export const API_REFERENCE_FOLDER = path.join(PROJECT_FOLDER, 'docs', 'api');

const API_DOCUMENTER = path.join(path.dirname(require.resolve('@microsoft/api-documenter/package.json')), 'bin', 'api-documenter');

/** Where `npm run api` has api-extractor write the doc model (api-extractor.json's docModel; not committed). */
export const DOC_MODEL_FOLDER = path.join(PROJECT_FOLDER, '.build', 'api', 'doc-model');

const shown = (file: string) => path.relative(PROJECT_FOLDER, file) || '.';

/** Runs api-extractor with the repository's configuration, changed by `adjust`; the result and its warnings and errors. */
function extractApi(adjust: (configObject: IConfigFile) => void) {
  const configObject = ExtractorConfig.loadFile(API_EXTRACTOR_CONFIG);
  adjust(configObject);
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: API_EXTRACTOR_CONFIG,
    packageJsonFullPath: path.join(PROJECT_FOLDER, 'package.json'),
  });
  const messages: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: false,
    messageCallback: (message) => {
      if (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning) {
        messages.push(message.formatMessageWithLocation(PROJECT_FOLDER));
      }
      message.handled = true;
    },
  });
  const failure = !result.succeeded || messages.length > 0 ? `api-extractor failed:\n${messages.join('\n')}` : undefined;
  return { config, result, failure };
}

/**
 * Why the committed report does not describe the API (undefined when it does): the report differs,
 * or api-extractor failed. `reportFolder` reads the report from elsewhere (tests).
 */
export function apiReportProblem(reportFolder?: string): string | undefined {
  const { config, result, failure } = extractApi((configObject) => {
    if (reportFolder !== undefined) configObject.apiReport = { ...configObject.apiReport!, reportFolder };
  });
  const report = shown(config.reportFilePath);
  if (result.apiReportChanged) {
    return (
      `The public API differs from ${report} (the API as built is in ${shown(config.reportTempFilePath)}). ` +
      `If the change is meant, run \`npm run api\` and commit ${report}; if not, undo it.`
    );
  }
  return failure;
}

/**
 * Writes the Markdown API reference of the doc model in `docModelFolder` to `outputFolder`, which
 * api-documenter empties first. The props document defaults with `@default` (JSDoc's and the AWS
 * CDK's tag), which TSDoc names `@defaultValue`: renamed in the doc model, so that each default
 * gets its "Default Value" section instead of running on from the summary.
 */
export function writeApiReference(docModelFolder: string, outputFolder: string): void {
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
  execFileSync(process.execPath, [API_DOCUMENTER, 'markdown', '--input-folder', docModelFolder, '--output-folder', outputFolder], { stdio: 'pipe' });
}

/** Every file under a folder, by its path relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(path.join(folder, file)).isFile())
    .sort();
}

/**
 * Why the committed API reference is not what api-documenter writes from the TSDoc of the API as
 * built (undefined when it is): pages differ, are missing or are left over. The doc model and the
 * pages are written to a temporary folder. `referenceFolder` reads the reference from elsewhere (tests).
 */
export function apiReferenceProblem(referenceFolder: string = API_REFERENCE_FOLDER): string | undefined {
  const work = mkdtempSync(path.join(tmpdir(), 'ecs-highres-api-reference-'));
  try {
    const docModel = path.join(work, 'doc-model');
    const { failure } = extractApi((configObject) => {
      configObject.docModel = { ...configObject.docModel, enabled: true, apiJsonFilePath: path.join(docModel, '<unscopedPackageName>.api.json') };
      // The report is compared by apiReportProblem; written here to the temporary folder, it leaves the checkout alone.
      configObject.apiReport = { ...configObject.apiReport!, reportTempFolder: path.join(work, 'report') };
    });
    if (failure) return failure;
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
