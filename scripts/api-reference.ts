/**
 * `npm run api`: runs api-extractor on each entry point of the package (the root and each subpath
 * of package.json `exports`), rewriting its API report in api/, then writes the Markdown API
 * reference docs/api/ from the doc models (scripts/lib/api-report.ts says how).
 */
import { API_REFERENCE_FOLDER, entryPoints, writeApi } from './lib/api-report';

writeApi();
console.log(
  `API reports written for ${entryPoints()
    .map((entry) => entry.subpath)
    .join(', ')}; API reference written to ${API_REFERENCE_FOLDER}`,
);
