/**
 * The committed API report is the public API as built, and docs/api/ the reference its TSDoc
 * generates: a change to the API or its documentation fails until both are rewritten on purpose.
 */
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { API_REFERENCE_FOLDER, apiReferenceProblem, apiReportProblem } from '../../../scripts/lib/api-report';
import { ROOT } from '../../support/app';

const REPORT = path.join(ROOT, 'api', 'cdktf-ecs-highres-metrics.api.md');

test('api/cdktf-ecs-highres-metrics.api.md describes the API of dist/modules/index.d.ts', () => {
  expect(apiReportProblem()).toBeUndefined();
});

test('a report that differs from the API fails, saying to run npm run api', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ecs-highres-api-'));
  const stale = path.join(folder, path.basename(REPORT));
  copyFileSync(REPORT, stale);
  writeFileSync(stale, readFileSync(stale, 'utf8').replace(/export function blogDesignCost\(([^)]*)\)/, 'export function blogDesignCost($1, extra: number)'));
  expect(readFileSync(stale, 'utf8')).not.toBe(readFileSync(REPORT, 'utf8'));
  expect(apiReportProblem(folder)).toMatch(
    /^The public API differs from .*cdktf-ecs-highres-metrics\.api\.md .* If the change is meant, run `npm run api` and commit /,
  );
});

test('docs/api is the API reference generated from the TSDoc of dist/modules/index.d.ts', () => {
  expect(apiReferenceProblem()).toBeUndefined();
});

test('a reference that differs from the TSDoc fails, saying to run npm run api', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ecs-highres-api-reference-stale-'));
  cpSync(API_REFERENCE_FOLDER, folder, { recursive: true });
  const page = path.join(folder, 'cdktf-ecs-highres-metrics.metricalarmprops.evaluationperiods.md');
  writeFileSync(page, readFileSync(page, 'utf8').replace('Periods evaluated each time.', 'Periods evaluated.'));
  writeFileSync(path.join(folder, 'cdktf-ecs-highres-metrics.removedexport.md'), '## removedExport\n');
  rmSync(path.join(folder, 'cdktf-ecs-highres-metrics.metricalarmprops.threshold.md'));
  expect(apiReferenceProblem(folder)).toMatch(
    /^The API reference .* is not what the TSDoc of the API as built generates \(cdktf-ecs-highres-metrics\.metricalarmprops\.evaluationperiods\.md, cdktf-ecs-highres-metrics\.metricalarmprops\.threshold\.md, cdktf-ecs-highres-metrics\.removedexport\.md differ, are missing or are left over\)\. Run `npm run api` and commit /,
  );
});
