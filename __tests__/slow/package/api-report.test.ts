/**
 * The committed API reports (one per entry point) are the public API as built, and docs/api/ the
 * reference its TSDoc generates: a change to the API or its documentation fails until both are
 * rewritten on purpose.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { API_REFERENCE_FOLDER, apiReferenceProblem, apiReportProblem, entryPoints } from '../../../scripts/lib/api-report';
import { ROOT } from '../../support/app';

const REPORTS = path.join(ROOT, 'api');

test('api/ holds one report per entry point of package.json exports, each describing its compiled declarations', () => {
  expect(entryPoints().map((entry) => entry.subpath)).toEqual(['.', './fleet', './cost', './iam', './metrics']);
  expect(readdirSync(REPORTS).sort()).toEqual(
    entryPoints()
      .map((entry) => `${entry.reportName}.api.md`)
      .sort(),
  );
  expect(apiReportProblem()).toBeUndefined();
});

test('no public type names the schema library: no schema object, no type inferred from one', () => {
  for (const report of readdirSync(REPORTS)) expect(readFileSync(path.join(REPORTS, report), 'utf8')).not.toMatch(/\bzod\b|\bZod[A-Z]\w*|z\.infer/);
});

test("a subpath's report that differs from its API fails, naming the subpath and saying to run npm run api", () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'ecs-highres-api-'));
  cpSync(REPORTS, folder, { recursive: true });
  const stale = path.join(folder, 'cdktf-ecs-highres-metrics.cost.api.md');
  writeFileSync(
    stale,
    readFileSync(stale, 'utf8').replace(
      /export function blogDesignCostOfSameClusters\(([^)]*)\)/,
      'export function blogDesignCostOfSameClusters($1, extra: number)',
    ),
  );
  expect(readFileSync(stale, 'utf8')).not.toBe(readFileSync(path.join(REPORTS, 'cdktf-ecs-highres-metrics.cost.api.md'), 'utf8'));
  expect(apiReportProblem(folder)).toMatch(
    /^The public API of cdktf-ecs-highres-metrics\/cost differs from .*cdktf-ecs-highres-metrics\.cost\.api\.md .* If the change is meant, run `npm run api` and commit /,
  );
});

test('docs/api is the API reference generated from the TSDoc of every entry point, a folder per subpath', () => {
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
