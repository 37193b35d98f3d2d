/** The metric catalog (modules/metrics/catalog.ts) as the README documents it: one table row per metric, in its order. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { METRICS } from '../../../modules/metrics/catalog';
import { ROOT } from '../../support/app';

describe('the README metric table', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Metrics'), readme.indexOf('\n## ', readme.indexOf('## Metrics') + 1));
  const rows = section
    .split('\n')
    .filter((line) => /^\| `\w+` \|/.test(line))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

  test('has one row per metric of the catalog, in its order', () => {
    expect(rows.map(([name]) => name)).toEqual(METRICS.map((m) => `\`${m.name}\``));
  });

  test.each(METRICS.map((m) => [m.name, m] as const))('%s: dimensions, unit, source field, meaning and caveat as in the catalog', (_, metric) => {
    const [, dimensions, unit, source, meaning] = rows.find(([name]) => name === `\`${metric.name}\``)!;
    expect(dimensions).toBe(metric.dimensions.join(', '));
    expect(unit).toBe(metric.unit);
    expect(source).toContain(`\`${metric.sourceField}\``);
    expect(meaning).toContain(metric.description);
    if (metric.caveat) expect(meaning).toContain(metric.caveat);
  });
});
