/** Alarms that notify no one are said once per app at synth, not once per stack, and never when they notify someone. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { MetricsFleet, validateFleetConfig } from '../../../modules/subpaths/fleet';
import { SILENT_ALARMS_WARNING } from '../../../modules/monitoring/silent-alarms';

/** Synthesizes a fleet of two account-regions and returns every annotation manifest.json records. */
function warningsOf(defaults: object, perRegion: (region: string) => object = () => ({})): Array<{ constructPath: string; level: string; message: string }> {
  const outdir = mkdtempSync(path.join(tmpdir(), 'silent-alarms-'));
  const app = new App({ outdir });
  const config = validateFleetConfig({
    name: 'fleet',
    defaults,
    accounts: [
      {
        id: '111111111111',
        regions: { 'us-east-1': { clusters: ['a'], ...perRegion('us-east-1') }, 'eu-west-1': { clusters: ['b'], ...perRegion('eu-west-1') } },
      },
    ],
  });
  new MetricsFleet(app, 'fleet', { config });
  app.synth();
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  return Object.values(manifest.stacks).flatMap((stack: any) => stack.annotations);
}

describe('alarms that notify no one', () => {
  test('GIVEN two stacks without alarmActions THEN manifest.json holds the warning once, for the first pipeline', () => {
    expect(warningsOf({})).toEqual([
      expect.objectContaining({
        constructPath: 'fleet-111111111111-us-east-1/pipeline/monitoring',
        level: '@cdktf/warn',
        message: SILENT_ALARMS_WARNING,
      }),
    ]);
    expect(SILENT_ALARMS_WARNING).toMatch(/^alarms notify no one: .*set alarmActions/);
  });

  test.each([
    ['a created topic', { alarmActions: { createTopic: true } }],
    ['no alarms at all', { pipelineAlarms: false, fleetHealthAlarms: false }],
  ])('GIVEN %s THEN nothing is said', (_, defaults) => {
    expect(warningsOf(defaults)).toEqual([]);
  });

  test('GIVEN no pipeline-health alarms but the fleet-health alarms (on by default) THEN the warning is said', () => {
    expect(warningsOf({ pipelineAlarms: false }).map((w) => w.message)).toEqual([SILENT_ALARMS_WARNING]);
  });

  test("GIVEN each region's own topic ARN THEN nothing is said", () => {
    expect(warningsOf({}, (region) => ({ alarmActions: { topicArns: [`arn:aws:sns:${region}:111111111111:oncall`] } }))).toEqual([]);
  });

  test('GIVEN one region notifying and the other not THEN the silent one is named', () => {
    const warnings = warningsOf({}, (region) => (region === 'us-east-1' ? { alarmActions: { createTopic: true } } : {}));
    expect(warnings.map((w) => w.constructPath)).toEqual(['fleet-111111111111-eu-west-1/pipeline/monitoring']);
  });
});
