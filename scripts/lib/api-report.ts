/**
 * The API report check: api-extractor reads the compiled declarations (dist/modules/index.d.ts, from
 * `npm run build`) and compares the API they declare with the committed report
 * (api/cdktf-ecs-highres-metrics.api.md). `npm run api` rewrites the report; this only compares.
 */
import * as path from 'node:path';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';

/** The api-extractor configuration of the repository. */
export const API_EXTRACTOR_CONFIG = path.resolve(__dirname, '..', '..', 'api-extractor.json');

/**
 * Why the committed report does not describe the API (undefined when it does): the report differs,
 * or api-extractor failed. `reportFolder` reads the report from elsewhere (tests).
 */
export function apiReportProblem(reportFolder?: string): string | undefined {
  const configObject = ExtractorConfig.loadFile(API_EXTRACTOR_CONFIG);
  if (reportFolder !== undefined) configObject.apiReport = { ...configObject.apiReport!, reportFolder };
  const config = ExtractorConfig.prepare({
    configObject,
    configObjectFullPath: API_EXTRACTOR_CONFIG,
    packageJsonFullPath: path.join(path.dirname(API_EXTRACTOR_CONFIG), 'package.json'),
  });
  const messages: string[] = [];
  const result = Extractor.invoke(config, {
    localBuild: false,
    messageCallback: (message) => {
      if (message.logLevel === ExtractorLogLevel.Error || message.logLevel === ExtractorLogLevel.Warning) {
        messages.push(message.formatMessageWithLocation(path.dirname(API_EXTRACTOR_CONFIG)));
      }
      message.handled = true;
    },
  });
  const report = path.relative(path.dirname(API_EXTRACTOR_CONFIG), config.reportFilePath);
  if (result.apiReportChanged) {
    return (
      `The public API differs from ${report} (the API as built is in ${path.relative(path.dirname(API_EXTRACTOR_CONFIG), config.reportTempFilePath)}). ` +
      `If the change is meant, run \`npm run api\` and commit ${report}; if not, undo it.`
    );
  }
  if (!result.succeeded || messages.length > 0) return `api-extractor failed:\n${messages.join('\n')}`;
  return undefined;
}
