/**
 * The package's public API is the root entry point (modules/index.ts) and its subpaths
 * (modules/subpaths/<name>.ts, package.json `exports` "./<name>"), and nothing else: adding or
 * dropping a name fails here until this list is changed too, so a change to the API is always
 * deliberate.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as root from '../../../modules';
import * as cost from '../../../modules/subpaths/cost';
import * as fleet from '../../../modules/subpaths/fleet';
import * as iam from '../../../modules/subpaths/iam';
import * as metrics from '../../../modules/subpaths/metrics';
import { ROOT } from '../../support/app';
import { readmeTsBlockAfter } from '../../support/readme-examples';

/** Every runtime name of each entry point (types leave no trace at run time), sorted. */
const EXPECTED: Record<string, { readonly module: object; readonly names: readonly string[] }> = {
  // The constructs a user puts in a stack.
  '.': {
    module: root,
    names: [
      'EcsHighResMetrics',
      'EcsHighResMetricsHub',
      'EcsHighResMetricsOrganization',
      'EcsHighResMetricsSpoke',
      'FLEET_HEALTH_ALARM_DEFAULTS',
      'PipelineMonitoring',
      'ValidationError',
      'collectorBundle',
      'detectionTime',
      'resolvePipelineSettings',
    ],
  },
  './fleet': {
    module: fleet,
    names: [
      'ConfigError',
      'FLEET_CONFIG_SCHEMA_FILE',
      'FleetStack',
      'HubStack',
      'MetricsFleet',
      'OrganizationStack',
      'SpokeStack',
      'fleetConfigJsonSchema',
      'fleetConfigJsonSchemaText',
      'fleetStackName',
      'hubStackName',
      'loadFleetConfig',
      'organizationStackName',
      'spokeStackName',
      'validateFleetConfig',
    ],
  },
  './cost': {
    module: cost,
    names: ['COST_ASSUMPTIONS', 'PRICES', 'blogDesignCostOfSameClusters', 'describePipelineForCost', 'fleetCost', 'monitoringFactsOfPipeline', 'pipelineCost'],
  },
  './iam': { module: iam, names: ['collectorRolePolicy', 'stateMachineRolePolicy', 'triggerRolePolicy', 'trustPolicy'] },
  './metrics': { module: metrics, names: ['DEFAULT_METRICS', 'DEFAULT_NAMESPACE', 'FLEET_HEALTH_METRICS', 'METRICS', 'METRIC_NAMES', 'metricDefinition'] },
};

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const SUBPATHS = path.join(ROOT, 'modules', 'subpaths');
/** The source of an entry point: modules/index.ts for ".", modules/subpaths/<name>.ts for "./<name>". */
const sourceOf = (entry: string) => (entry === '.' ? path.join(ROOT, 'modules', 'index.ts') : path.join(SUBPATHS, `${entry.slice(2)}.ts`));

describe('public API', () => {
  test.each(Object.keys(EXPECTED))('%s exports exactly the listed names', (entry) => {
    expect(Object.keys(EXPECTED[entry].module).sort()).toEqual([...EXPECTED[entry].names].sort());
  });

  test('no name is exported by two entry points', () => {
    const names = Object.values(EXPECTED).flatMap((e) => e.names);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  test('package.json exports each entry point, compiled from its source, with types first; typesVersions for older resolvers', () => {
    const subpaths = readdirSync(SUBPATHS)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `./${f.replace(/\.ts$/, '')}`);
    expect(['.', ...subpaths].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const entry of Object.keys(EXPECTED)) {
      const compiled = `./dist/${path.relative(ROOT, sourceOf(entry)).replace(/\.ts$/, '')}`;
      expect(manifest.exports[entry]).toEqual({ types: `${compiled}.d.ts`, default: `${compiled}.js` });
      expect(Object.keys(manifest.exports[entry])[0]).toBe('types');
      if (entry !== '.') expect(manifest.typesVersions['*'][entry.slice(2)]).toEqual([`${compiled.slice(2)}.d.ts`]);
    }
    expect(`./${manifest.main}`).toBe(manifest.exports['.'].default);
    expect(`./${manifest.types}`).toBe(manifest.exports['.'].types);
  });

  test("the README's What to import imports each entry point once, each name from the entry point that exports it", () => {
    const imports = [...readmeTsBlockAfter('### What to import').matchAll(/^import \{([^}]*)\} from '([^']+)';$/gm)].map((m) => ({
      entry: m[2].replace(/^cdktf-ecs-highres-metrics/, '.'),
      names: m[1].split(',').map((name) => name.trim()),
    }));
    expect(imports.map((i) => i.entry).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const { entry, names } of imports) expect(names.filter((name) => !EXPECTED[entry].names.includes(name))).toEqual([]);
  });

  test('names every export explicitly: no `export *` re-exports everything of a file', () => {
    for (const entry of Object.keys(EXPECTED)) expect(readFileSync(sourceOf(entry), 'utf8')).not.toMatch(/export \*/);
  });

  test('does not export anything of the collector (its clients are mutable singletons)', () => {
    for (const entry of Object.keys(EXPECTED)) expect(readFileSync(sourceOf(entry), 'utf8')).not.toMatch(/functions\//);
  });
});
