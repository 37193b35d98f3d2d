/**
 * The package's public API is the list in modules/index.ts and nothing else: adding or dropping a
 * name fails here until this list is changed too, so a change to the API is always deliberate.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as library from '../../../modules';
import { ROOT } from '../../support/app';

/** Every runtime name the package exports (types leave no trace at run time), sorted. */
const EXPECTED = [
  'COST_ASSUMPTIONS',
  'ConfigError',
  'DEFAULT_METRICS',
  'DEFAULT_NAMESPACE',
  'EcsHighResMetrics',
  'EcsHighResMetricsHub',
  'EcsHighResMetricsOrganization',
  'EcsHighResMetricsSpoke',
  'FLEET_CONFIG_SCHEMA_FILE',
  'FleetStack',
  'HubStack',
  'METRICS',
  'METRIC_NAMES',
  'MetricsFleet',
  'OrganizationStack',
  'PIPELINE_DEFAULTS',
  'PRICES',
  'PipelineMonitoring',
  'SETTINGS',
  'SpokeStack',
  'ValidationError',
  'blogDesignCost',
  'collectorBundle',
  'collectorPolicy',
  'describePipeline',
  'fleetConfigJsonSchema',
  'fleetConfigJsonSchemaText',
  'fleetConfigSchema',
  'fleetCost',
  'fleetStackName',
  'hubStackName',
  'loadFleetConfig',
  'metricDefinition',
  'monitoringFactsOf',
  'organizationStackName',
  'pipelineCost',
  'resolvePipelineSettings',
  'spokeStackName',
  'stateMachinePolicy',
  'triggerPolicy',
  'trustPolicy',
  'validateFleetConfig',
];

describe('public API', () => {
  test('exports exactly the listed names', () => {
    expect(Object.keys(library).sort()).toEqual(EXPECTED);
  });

  test('names every export explicitly: no `export *` re-exports everything of a file', () => {
    const index = readFileSync(path.join(ROOT, 'modules', 'index.ts'), 'utf8');
    expect(index).not.toMatch(/export \*/);
  });

  test('does not export anything of the collector (its clients are mutable singletons)', () => {
    const index = readFileSync(path.join(ROOT, 'modules', 'index.ts'), 'utf8');
    expect(index).not.toMatch(/functions\//);
  });
});
