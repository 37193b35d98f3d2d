/** The committed API report is the public API as built: a change to the API fails until the report is rewritten on purpose. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { apiReportProblem } from '../../../scripts/lib/api-report';
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
