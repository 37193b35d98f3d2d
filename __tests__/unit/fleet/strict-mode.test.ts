/**
 * Strict mode (for CI): MetricsFleet's `strict` prop, or the cdktf context key
 * `ecs-highres-metrics:strict` for any construct of the library, turns every warning of the app
 * into an error that lists them all, before any stack is written.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from 'cdktf';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EcsHighResMetrics } from '../../../modules';
import { MetricsFleet } from '../../../modules/subpaths/fleet';
import { STRICT_CONTEXT_KEY } from '../../../modules/common/strict-warnings';
import { SILENT_ALARMS_WARNING } from '../../../modules/monitoring/silent-alarms';
import { validConfig } from '../../support/fleet-config';

const REGION_WARNING =
  'accounts[0].regions.us-wst-2: "us-wst-2" is not a region known to this release: did you mean "us-west-2"? it is used as given, so check the name unless AWS opened the region after this release';

/** GIVEN a config of two account-regions, one of them a well-formed region not known at this release, alarms notifying no one. */
function configWithWarnings(): any {
  const config = validConfig();
  config.accounts[0].regions['us-wst-2'] = { clusters: ['a'] };
  return config;
}

const freshApp = (context?: Record<string, unknown>) => new App({ outdir: path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-strict-')), 'out'), context });

test('strict: true fails the synth listing every warning of the app, and writes no stack', () => {
  const app = freshApp();
  const fleet = new MetricsFleet(app, 'fleet', { config: configWithWarnings(), strict: true });
  expect(fleet.warnings).toEqual([REGION_WARNING]);
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toContain(`strict mode (every warning is an error): ${REGION_WARNING}`);
  expect(message).toContain(`strict mode (every warning is an error): ${SILENT_ALARMS_WARNING}`);
  expect(existsSync(path.join(app.outdir, 'stacks')) ? readdirSync(path.join(app.outdir, 'stacks')) : []).toEqual([]);
});

test('without strict (the default) the same config synthesizes, its warnings kept as warnings', () => {
  const app = freshApp();
  new MetricsFleet(app, 'fleet', { config: configWithWarnings() });
  expect(() => app.synth()).not.toThrow();
  expect(readdirSync(path.join(app.outdir, 'stacks')).sort()).toEqual(['ecs-highres-111111111111-us-east-1', 'ecs-highres-111111111111-us-wst-2']);
});

test('strict with nothing to warn about synthesizes', () => {
  const config = validConfig();
  config.defaults = { alarmActions: { topicArns: ['arn:aws:sns:us-east-1:111111111111:oncall'] } };
  const app = freshApp();
  new MetricsFleet(app, 'fleet', { config, strict: true });
  expect(() => app.synth()).not.toThrow();
});

test.each([[true], ['true']])('the cdktf context key %j turns strict mode on for a fleet and for a pipeline built alone', (value) => {
  const fleetApp = freshApp({ [STRICT_CONTEXT_KEY]: value });
  new MetricsFleet(fleetApp, 'fleet', { config: configWithWarnings() });
  expect(() => fleetApp.synth()).toThrow(`strict mode (every warning is an error): ${REGION_WARNING}`);

  const app = freshApp({ [STRICT_CONTEXT_KEY]: value });
  const stack = new TerraformStack(app, 'alone');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EcsHighResMetrics(stack, 'pipeline', { clusters: ['prod-api'], account: '111111111111', region: 'us-east-1' });
  expect(() => app.synth()).toThrow(`strict mode (every warning is an error): ${SILENT_ALARMS_WARNING}`);
});
