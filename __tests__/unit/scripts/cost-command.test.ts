/**
 * `npm run cost` prices what the user configured: the config FLEET_CONFIG names unless --config
 * names another (one precedence, in --help), a hub config led by the hub it builds (text and
 * JSON) before the comparison, --clusters refused out of its stated bounds before any work, and a
 * fleet of 5,000 accounts priced in seconds (no construct is built).
 */
import * as path from 'node:path';
import { loadFleetConfig } from '../../../modules/subpaths/fleet';
import { resolvePipelineSettings } from '../../../modules';
import { hubCost } from '../../../modules/cost/hub-cost';
import { main } from '../../../scripts/cost';
import { configFileOf } from '../../../scripts/lib/cost/options';
import { priceTopologies } from '../../../scripts/lib/cost/pricing';
import { hubMemoryNote } from '../../../scripts/lib/cost/tables';
import { generatedFleetConfig } from '../../../scripts/lib/generated-fleet';
import { ROOT } from '../../support/app';

const HUB_EXAMPLE = path.join(ROOT, 'examples', 'hub.yaml');

/** WHEN the command runs with `argv` and `env`: its exit code and what it printed. */
function run(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  const error = jest.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  try {
    const status = main(argv, env);
    return { status, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('which config is priced', () => {
  test('--config, else FLEET_CONFIG (resolved as the synth resolves it), else the example', () => {
    expect(configFileOf({ config: 'mine.json' }, { FLEET_CONFIG: 'examples/hub.yaml', INIT_CWD: '/home/me' }, ROOT)).toEqual({
      file: '/home/me/mine.json',
      from: '--config',
    });
    expect(configFileOf({}, { FLEET_CONFIG: 'examples/hub.yaml', INIT_CWD: '/home/me' }, ROOT)).toEqual({ file: HUB_EXAMPLE, from: 'FLEET_CONFIG' });
    expect(configFileOf({}, {}, ROOT)).toEqual({ file: path.join(ROOT, 'examples', 'fleet.json'), from: 'default' });
  });

  test('FLEET_CONFIG=examples/hub.yaml prices the hub config', () => {
    const { status, stdout } = run(['--json'], { FLEET_CONFIG: HUB_EXAMPLE });
    expect(status).toBe(0);
    expect(JSON.parse(stdout).fleet).toMatchObject({ config: path.relative(process.cwd(), HUB_EXAMPLE), topology: 'hub' });
  });

  test('--help states the precedence', () => {
    const { stdout } = run(['--help']);
    expect(stdout).toContain('--config FILE   fleet config to price; without it, the file FLEET_CONFIG names (as `npm run synth` reads it),');
    expect(stdout).toContain('and without either, examples/fleet.json. --config wins over FLEET_CONFIG.');
  });
});

describe('a hub config leads with the hub it builds', () => {
  const t = priceTopologies(loadFleetConfig(HUB_EXAMPLE));

  test("JSON: fleet, perCluster and lines are the hub's; the per-account-region pricing only under topologies", () => {
    const json = JSON.parse(run(['--json'], { FLEET_CONFIG: HUB_EXAMPLE }).stdout);
    expect(Object.keys(json)).toEqual(['fleet', 'perCluster', 'lines', 'topologies']);
    expect(json.fleet).toMatchObject({
      topology: 'hub',
      stack: 'ecs-highres-999999999999-eu-west-1-hub',
      pipelines: 1,
      accountRegions: 4,
      clusters: 2 + 25 + 1 + 1,
      discoveredAccountRegions: 1,
      assumedClustersPerDiscoveredRegion: 25,
      assumedCallLatencyMs: 50,
      collector: { memoryMb: 128, adviseMemoryMb: 128, timeoutSeconds: 10 },
    });
    expect(json.fleet.monthlyUsd.design).toBeCloseTo(t.hub.design.usd, 4);
    expect(json.perCluster.design).toBeCloseTo(t.hub.perCluster.design, 4);
    expect(new Set(json.lines.map((l: any) => l.stack))).toEqual(new Set(['ecs-highres-999999999999-eu-west-1-hub']));
    expect(json.lines.map((l: any) => l.item)).toContain('s3Requests');
    expect(json.topologies).toMatchObject({ configured: 'hub', accountRegion: { pipelines: 4 } });
  });

  test('text: the hub, its lines and total first, then the other topology', () => {
    const lines = run([], { FLEET_CONFIG: HUB_EXAMPLE }).stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Monthly cost of .*hub\.yaml \(topology hub\): one hub pipeline, ecs-highres-999999999999-eu-west-1-hub, collecting 4 account-regions, 29 clusters: \$[\d,]+\.\d\d a month\.$/,
    );
    expect(lines[2]).toBe('| hub line, a month | quantity | $ | arithmetic |');
    const total = lines.findIndex((l) => l.startsWith('| **total** |'));
    expect(total).toBeLessThan(20);
    const other = lines.indexOf('The same fleet as a pipeline per account-region (the other topology; this config does not build it):');
    expect(other).toBeGreaterThan(total);
    expect(lines.slice(other).filter((l) => l.startsWith(`| one hub (this config) | 1 | 29 | $${t.hub.design.usd.toFixed(2)} |`))).toHaveLength(1);
  });

  test('a per-account-region config still leads with its stacks', () => {
    const lines = run([]).stdout.split('\n');
    expect(lines[0]).toBe('Monthly cost of examples/fleet.json (topology account-region): 3 account-regions, 4 clusters.');
    expect(lines[2]).toMatch(/^\| stack \| workflow \|/);
  });
});

describe('--clusters out of range is refused before any work, stating the bounds', () => {
  test.each([
    ['1e9', "--clusters: 1e9 is out of range: give whole numbers of clusters from 1 to 10,000 (ECS's default quota of clusters per account-region)"],
    ['0,5', "--clusters: 0 is out of range: give whole numbers of clusters from 1 to 10,000 (ECS's default quota of clusters per account-region)"],
    ['2.5', "--clusters: 2.5 is out of range: give whole numbers of clusters from 1 to 10,000 (ECS's default quota of clusters per account-region)"],
    ['10,ten', '--clusters: "10,ten" is not a list of whole numbers of clusters, e.g. 1,10,100'],
    [Array.from({ length: 21 }, (_, i) => i + 1).join(','), '--clusters: 21 sizes are more than 20: price at most 20 at once'],
  ])('%s', (sizes, message) => {
    const started = Date.now();
    const { status, stdout, stderr } = run(['--clusters', sizes]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(message);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("within ECS's quota but over what one pipeline lists: refused with the largest it can price", () => {
    const { status, stderr } = run(['--clusters', '1,10000']);
    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toBe(
      "--clusters: 10000 is more clusters than one account-region's pipeline lists with this config's defaults (its collector's IAM policy names every cluster): give 1 to 171",
    );
    // The largest is priced; one more is not.
    expect(run(['--clusters', '171']).status).toBe(0);
    expect(run(['--clusters', '172']).status).toBe(2);
  });
});

test('5,000 accounts are priced by the pure model, both topologies', () => {
  const config = generatedFleetConfig({ accounts: 5000, regionsPerAccount: 1, clustersPerRegion: 3 });
  // Building a construct per account-region took 12 minutes; the pure pricing takes seconds (its time is a bench figure, not a test).
  const t = priceTopologies(config);
  expect(t.accountRegion.pipelines).toHaveLength(5000);
  expect(t.hub.accountRegions).toBe(5000);
}, 60_000);

test('a hub no memory size fits is told so, not advised "at least 10240 MB"', () => {
  // 5,000 account-regions of "*": 100 rounds of DescribeClusters and 50 of PutMetricData at 50 ms, + 2.5 s of CPU at a full vCPU.
  const targets = Array.from({ length: 5000 }, (_, i) => ({
    account: String(100_000_000_000 + Math.floor(i / 4)),
    region: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'][i % 4],
    clusters: '*' as const,
  }));
  const settings = resolvePipelineSettings({ clusters: '*', account: '999999999999', region: 'eu-west-1' });
  const note = hubMemoryNote(hubCost({ settings, targets }));
  expect(note).toBe(
    "No memory size brings this hub's modelled run within half the 5-s interval: it takes about 10.0 s even at 10,240 MB (its AWS calls, not its CPU), " +
      'more than the whole interval, so synth refuses the hub: collect fewer account-regions per hub (split the accounts into several hubs), ' +
      'set a longer intervalSeconds, or list the clusters of "*" account-regions (priced here at 128 MB).',
  );
  // At a 10-s interval the same run fits the interval, not its half: the note says so, and no refusal.
  const slower = hubMemoryNote(hubCost({ settings: { ...settings, intervalSeconds: 10 }, targets: targets.slice(0, 2600) }));
  expect(slower).toMatch(
    /^No memory size brings this hub's modelled run within half the 10-s interval: it takes about \d+\.\d s even at 10,240 MB \(its AWS calls, not its CPU\); it still fits the 10-s interval/,
  );
  expect(note).not.toContain('at least');
});
