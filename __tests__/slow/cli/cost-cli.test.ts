/** `npm run cost` as users run it: a fresh process on the example config (or a bad one). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fleetStackName, loadFleetConfig } from '../../../modules/subpaths/fleet';
import { ROOT } from '../../support/app';

const EXAMPLE = path.join(ROOT, 'examples', 'fleet.json');

/** WHEN `npm run cost -- <args>` runs. */
function whenCostRuns(...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/cost.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('--json on the example config', () => {
  const run = whenCostRuns('--json');
  const out = run.status === 0 ? JSON.parse(run.stdout) : undefined;
  const config = loadFleetConfig(EXAMPLE);
  const stackNames = config.accounts.flatMap((a) => Object.keys(a.regions).map((r) => fleetStackName(config.name, a.id, r)));
  const clusters = config.accounts.flatMap((a) => Object.values(a.regions)).reduce((n, r) => n + r.clusters.length, 0);

  test('prints {fleet, perCluster: {design, blog, floor}, lines}', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(Object.keys(out)).toEqual(['fleet', 'perCluster', 'lines', 'topologies']);
    expect(Object.keys(out.perCluster)).toEqual(['design', 'blog', 'floor']);
    for (const value of Object.values(out.perCluster)) expect(typeof value).toBe('number');
  });

  test('the fleet is every account-region of the config, with the date and source of its prices', () => {
    expect(out.fleet.config).toBe(path.join('examples', 'fleet.json'));
    expect(out.fleet.prices).toEqual({ asOf: '2026-11-26', source: expect.stringContaining('us-east-1'), daysPerMonth: 30 });
    expect(out.fleet.pipelines).toBe(stackNames.length);
    expect(out.fleet.clusters).toBe(clusters);
    expect(out.fleet.stacks.map((s: any) => s.stack)).toEqual(stackNames);
    // The example's us-west-2 pipeline is Standard at 5 s: 29 transitions per execution.
    const standard = out.fleet.stacks.find((s: any) => s.workflowType === 'STANDARD');
    expect(standard.transitionsPerExecution).toBe(29);
  });

  test("the floor is the blog's four metrics at $0.30 each", () => {
    expect(out.perCluster.floor).toBe(1.2);
  });

  test("per cluster is the fleet's lines summed and divided by its clusters", () => {
    const sum = (variant: string) => out.lines.filter((l: any) => l.variant === variant).reduce((total: number, l: any) => total + l.usd, 0);
    expect(sum('design') / clusters).toBeCloseTo(out.perCluster.design, 3);
    expect(sum('blog') / clusters).toBeCloseTo(out.perCluster.blog, 3);
    expect(out.fleet.monthlyUsd.design).toBeCloseTo(sum('design'), 3);
    expect(out.fleet.blogToDesignRatio).toBeCloseTo(out.fleet.monthlyUsd.blog / out.fleet.monthlyUsd.design, 2);
  });

  test('every line names its stack, variant, item, quantity, unit, dollars and arithmetic', () => {
    for (const line of out.lines) {
      expect(Object.keys(line)).toEqual(['stack', 'variant', 'item', 'label', 'quantity', 'unit', 'usd', 'basis']);
      expect(stackNames).toContain(line.stack);
      expect(['design', 'blog']).toContain(line.variant);
    }
    const transitions = out.lines.find((l: any) => l.variant === 'design' && l.item === 'stepFunctionsTransitions');
    expect(transitions).toEqual({
      stack: fleetStackName(config.name, '222222222222', 'us-west-2'),
      variant: 'design',
      item: 'stepFunctionsTransitions',
      label: 'Step Functions Standard transitions',
      quantity: 29 * 43_200,
      unit: 'transitions',
      usd: 31.32,
      basis: '1,252,800 transitions × $0.025 per 1,000 transitions',
    });
  });
});

test('the default output is tables: every stack, the fleet, the lines and the assumptions', () => {
  const run = whenCostRuns();
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('| stack | workflow | interval | clusters | collector run | this design | per cluster |');
  expect(run.stdout).toContain('| ecs-highres-222222222222-us-west-2 | STANDARD | 5 s | 1 |');
  expect(run.stdout).toContain('| **fleet** |');
  expect(run.stdout).toContain('| Step Functions Standard transitions | 1,252,800 transitions | $31.32 |');
  expect(run.stdout).toContain('Collector run (assumed): 50 ms per sequential round of API calls');
  // Both topologies for the same config, the cheaper named.
  expect(run.stdout).toContain('| a pipeline per account-region (this config) | 3 | 4 |');
  expect(run.stdout).toMatch(/\nCheaper: (one hub|a pipeline per account-region), by \$[\d,]+\.\d\d a month\.\n/);
});

test("--clusters prices one account-region of each size with the config's defaults", () => {
  const run = whenCostRuns('--clusters', '1,10,100');
  expect(run.status).toBe(0);
  const rows = run.stdout.split('\n').filter((line) => /^\| \d+ \|/.test(line));
  expect(rows.map((row) => row.split('|')[1].trim())).toEqual(['1', '10', '100']);
  // 10 and 100 clusters: $2.0013 and $1.2803 per cluster before the fleet-health series (cost-model.test.ts works
  // them out by hand), plus their 4 custom metrics at $0.30 spread over the clusters: $0.12 and $0.012.
  expect(rows[1]).toContain('**$2.12**');
  expect(rows[2]).toContain('**$1.29**');
});

describe('a hub whose tick fans out over 4 shards (examples/hub.yaml with hub.shards: 4)', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cost-')), 'hub.yaml');
  writeFileSync(
    file,
    readFileSync(path.join(ROOT, 'examples', 'hub.yaml'), 'utf8').replace('  externalId: ecs-highres-hub\n', '  externalId: ecs-highres-hub\n  shards: 4\n'),
  );
  const text = whenCostRuns('--config', file);
  const json = whenCostRuns('--config', file, '--json');

  test('the tables say how many invocations a tick runs and why, and price every item beside one invocation a tick', () => {
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(
      'Fan-out: each tick runs 4 collector invocations at once, an inline Map state over the shards (hub.shards: 4, set in the config).',
    );
    expect(text.stdout).toContain('| item, a month | one invocation a tick | 4 shards | difference |');
    // Each shard's own PutMetricData request a tick: 4 × 518,400 against 518,400.
    expect(text.stdout).toContain('| CloudWatch PutMetricData | 518,400 requests, $5.18 | 2,073,600 requests, $20.74 | +$15.55 |');
    expect(text.stdout).toContain('| Lambda requests | 518,400 requests, $0.10 | 2,073,600 requests, $0.41 | +$0.31 |');
    expect(text.stdout).toContain('| S3 GET requests (the target list) | 43,200 requests, $0.02 | 172,800 requests, $0.07 | +$0.05 |');
  });

  test('--json gives the count, where it came from, and the items with and without the fan-out', () => {
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.fleet.shards).toMatchObject({ count: 4, from: 'hub.shards' });
    expect(out.fleet.shards.fanOut.find((l: any) => l.item === 'lambdaRequests')).toEqual({
      item: 'lambdaRequests',
      label: 'Lambda requests',
      unit: 'requests',
      unsharded: { quantity: 518_400, usd: 0.1037 },
      sharded: { quantity: 2_073_600, usd: 0.4147 },
      differenceUsd: 0.311,
    });
    // The items' differences make the totals'.
    const differences = out.fleet.shards.fanOut.reduce((sum: number, l: any) => sum + l.differenceUsd, 0);
    expect(out.fleet.monthlyUsd.design - out.fleet.shards.unshardedMonthlyUsd).toBeCloseTo(differences, 2);
    expect(differences).toBeGreaterThan(15.55 + 0.31 + 0.05);
  });

  test("the README's figure for this hub is what the command prints", () => {
    const out = JSON.parse(json.stdout);
    const usd = (n: number) => `$${n.toFixed(2)}`;
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8').replace(/\s+/g, ' ')).toContain(
      `\`examples/hub.yaml\` with \`shards: 4\` costs ${usd(out.fleet.monthlyUsd.design)} a month instead of ${usd(out.fleet.shards.unshardedMonthlyUsd)}`,
    );
  });
});

test('a bad config prints every problem and exits 1, printing no cost', () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cost-')), 'fleet.json');
  writeFileSync(file, JSON.stringify({ name: 'x', accounts: [{ id: '123', regions: { 'us-east-1': { clusters: [] } } }] }));
  const run = whenCostRuns('--config', file, '--json');
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toContain('accounts[0].id: "123": an AWS account ID is 12 digits');
  expect(run.stderr).toContain('accounts[0].regions.us-east-1.clusters: the cluster list is empty');
});

test.each([
  [['--config'], "Option '--config <value>' argument missing"],
  [['--jsn'], "Unknown option '--jsn'"],
  [['--clusters', '10,ten'], '--clusters: "10,ten" is not a list of whole numbers of clusters, e.g. 1,10,100'],
])('%j is a usage error: exit 2 with the usage', (args, message) => {
  const run = whenCostRuns(...args);
  expect(run.status).toBe(2);
  expect(run.stderr).toContain(message);
  expect(run.stderr).toContain('usage: npm run cost -- [--config FILE] [--json] [--clusters N,N,...]');
});

test('the README cost table is the one the command prints for the example config', () => {
  const printed = whenCostRuns('--clusters', '1,10,100')
    .stdout.split('\n')
    .filter((line) => line.startsWith('|'));
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n');
  const start = readme.indexOf(printed[0]);
  expect(start).toBeGreaterThan(0);
  expect(readme.slice(start, start + printed.length)).toEqual(printed);
});
