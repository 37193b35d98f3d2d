/** MetricsFleet validates a config built in code exactly as the file loader does, and adds nothing when it is bad. */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, loadFleetConfig, MetricsFleet } from '../../../modules/subpaths/fleet';
import { configFile, problemsOf, validConfig } from '../../support/fleet-config';

/** A config with problems of the fields, of an unknown key and across accounts. */
function badConfig(): any {
  const config = validConfig();
  config.defaults = { intervalSeconds: 7 };
  config.acounts = [];
  config.accounts.push({ id: '111111111111', regions: { 'eu-west-1': { clusters: ['a'] } } });
  return config;
}

/** A config whose fields are valid but whose pipeline is not: services of a cluster the region does not list. */
function badPipelineConfig(): any {
  const config = validConfig();
  config.accounts[0].regions['us-east-1'].services = { 'not-listed': '*' };
  return config;
}

test.each([
  ['fields, keys and accounts', badConfig, 3],
  ['a whole pipeline', badPipelineConfig, 2],
])("a config built in code with problems of %s gets the loader's problems, in the same words", (_what, make, count) => {
  const fromFile = problemsOf(() => loadFleetConfig(configFile('fleet.json', JSON.stringify(make()))));
  expect(fromFile).toHaveLength(count);
  expect(problemsOf(() => new MetricsFleet(new App(), 'fleet', { config: make() }))).toEqual(fromFile);
});

test('the error names the config as the caller calls it, else "fleet config"', () => {
  const config = validConfig();
  config.name = '';
  expect(() => new MetricsFleet(new App(), 'fleet', { config })).toThrow(/^fleet config: 1 problem:\n {2}- name: /);
  expect(() => new MetricsFleet(new App(), 'fleet', { config, source: 'platform fleet' })).toThrow(/^platform fleet: 1 problem:\n {2}- name: /);
});

test('a bad config adds nothing to the app, so a synth after the error writes no stack', () => {
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'ecs-highres-fleet-')), 'cdktf.out');
  const app = new App({ outdir });
  expect(() => new MetricsFleet(app, 'fleet', { config: badConfig() })).toThrow(ConfigError);
  expect(app.node.children).toEqual([]);
  app.synth();
  const stacks = path.join(outdir, 'stacks');
  expect(existsSync(stacks) ? readdirSync(stacks) : []).toEqual([]);
});

test('a valid config built in code makes one stack per account-region', () => {
  const config = validConfig();
  config.accounts[0].regions['eu-west-1'] = { clusters: ['prod-eu'] };
  const fleet = new MetricsFleet(new App(), 'fleet', { config });
  expect(fleet.stacks.map((stack) => stack.node.id)).toEqual(['ecs-highres-111111111111-us-east-1', 'ecs-highres-111111111111-eu-west-1']);
});
