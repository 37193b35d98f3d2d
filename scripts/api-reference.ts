/**
 * `npm run api`, after api-extractor: writes the Markdown API reference docs/api/ from the doc
 * model api-extractor wrote (scripts/lib/api-report.ts says how).
 */
import { API_REFERENCE_FOLDER, DOC_MODEL_FOLDER, writeApiReference } from './lib/api-report';

writeApiReference(DOC_MODEL_FOLDER, API_REFERENCE_FOLDER);
console.log(`API reference written to ${API_REFERENCE_FOLDER}`);
