/**
 * `npm run cost [--config F] [--json] [--clusters 1,10,100]`: the monthly cost of a fleet
 * config, per account-region and per cluster, line by line, beside the blog's design.
 * Prices the pipelines MetricsFleet builds from the config (their resolved settings), so the
 * numbers follow what `npm run synth` would synthesize. Nothing is written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, COST_ASSUMPTIONS, CostItem, FleetConfig, fleetCost, monitoringFactsOf, FleetCost, loadFleetConfig, MetricsFleet, PRICES } from '../modules';
import { byBillOrder } from '../modules/cost/cost-model';
import { SummedLine } from '../modules/cost/fleet-cost';
import { parseCommandLine, UsageError } from './lib/command-line';
import { generatedFleetConfig } from './lib/generated-fleet';
import { ROOT } from './lib/root';

const EXAMPLE_CONFIG = path.join(ROOT, 'examples', 'fleet.json');
/** What the prices are and where each is written down with its AWS source page: the repository's COSTS.md. */
export const PRICES_SOURCE = 'us-east-1 list prices, free tiers ignored; each price and limit with its AWS source page in COSTS.md (repository root)';

const USAGE = `usage: npm run cost -- [--config FILE] [--json] [--clusters N,N,...]
  --config FILE   fleet config to price (default examples/fleet.json)
  --json          print {"fleet", "perCluster", "lines"} as JSON instead of tables
  --clusters LIST price one account-region of N clusters for each N, with the config's defaults`;

/** The cost of the fleet a config describes, from the pipelines MetricsFleet builds (nothing is synthesized to disk). */
export function priceFleet(config: FleetConfig): FleetCost {
  // App() creates its outdir; a throwaway one keeps the working tree untouched.
  const outdir = mkdtempSync(path.join(tmpdir(), 'ecs-highres-cost-'));
  try {
    const fleet = new MetricsFleet(new App({ outdir }), 'fleet', { config });
    return fleetCost(
      fleet.stacks.map((stack) => ({
        name: stack.node.id,
        settings: stack.pipeline.settings,
        monitoring: monitoringFactsOf(stack.pipeline),
      })),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** Money to a hundredth of a cent, quantities to a thousandth: JSON without float noise. */
const usd = (n: number) => round(n, 4);
const qty = (n: number) => round(n, 3);

/** The `--json` document. */
export function costJson(configFile: string, cost: FleetCost) {
  return {
    fleet: {
      config: path.relative(process.cwd(), configFile) || configFile,
      prices: { asOf: PRICES.asOf, source: PRICES_SOURCE, daysPerMonth: PRICES.minutesPerMonth / 1440 },
      assumptions: COST_ASSUMPTIONS,
      pipelines: cost.pipelines.length,
      clusters: cost.clusters,
      monthlyUsd: { design: usd(cost.design.usd), blog: usd(cost.blog.usd) },
      blogToDesignRatio: round(cost.blogToDesignRatio, 2),
      stacks: cost.pipelines.map((p) => ({
        stack: p.stack,
        workflowType: p.description.workflowType,
        intervalSeconds: p.description.intervalSeconds,
        clusters: p.description.clusters,
        transitionsPerExecution: p.description.transitionsPerExecution,
        collectorDurationMs: qty(p.description.collector.durationMs),
        monthlyUsd: { design: usd(p.design.usd), blog: usd(p.blog.usd) },
        perClusterUsd: { design: usd(p.design.usd / p.description.clusters), blog: usd(p.blog.usd / p.description.clusters) },
      })),
    },
    perCluster: {
      design: usd(cost.perCluster.design),
      blog: usd(cost.perCluster.blog),
      floor: usd(cost.perCluster.floor),
    },
    lines: cost.pipelines.flatMap((p) =>
      (['design', 'blog'] as const).flatMap((variant) =>
        p[variant].lines.map((line) => ({
          stack: p.stack,
          variant,
          item: line.item,
          label: line.label,
          quantity: qty(line.quantity),
          unit: line.unit,
          usd: usd(line.usd),
          basis: line.basis,
        })),
      ),
    ),
  };
}

const dollars = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const amount = (n: number, unit: string) =>
  `${n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 3 : n < 1000 ? 1 : 0 })} ${unit}`;

function markdownTable(header: string[], align: Array<'l' | 'r'>, rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.map((a) => (a === 'r' ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function assumptionsText(): string {
  const c = COST_ASSUMPTIONS.collector;
  return [
    `Prices: ${PRICES_SOURCE}; as of ${PRICES.asOf}; a ${PRICES.minutesPerMonth / 1440}-day month (${PRICES.minutesPerMonth.toLocaleString('en-US')} executions).`,
    `Collector run (assumed): ${c.apiRoundTripMs} ms per sequential round of API calls (2, or 3 with per-service metrics) + ` +
      `CPU (${c.cpuMsPerInvocation} ms + ${c.cpuMsPerCluster} ms per cluster at a full vCPU) × ${c.fullVcpuMemoryMb} MB / memory.`,
    `Express executions billed at ${COST_ASSUMPTIONS.stateMachine.expressBilledMemoryMb} MB for the last branch's wait + its collector run; ` +
      `Standard transitions counted from the generated definition, start and end included (as the blog counts).`,
    `Logs: ${c.logBytesPerInvocation} bytes per collector run; the state machine logs a successful run only at level ALL. ` +
      `Custom metrics tiered per account-region; a cluster whose services are "*" is assumed to have ${COST_ASSUMPTIONS.servicesPerWildcardCluster} services. ` +
      `Dashboards $${PRICES.cloudWatch.dashboardUsdPerMonth} each (the 3 free per account assumed in use).`,
    `The blog's design: per cluster, a Standard state machine (${COST_ASSUMPTIONS.blog.collectorDurationMs} ms Python Lambda at ` +
      `${COST_ASSUMPTIONS.blog.memoryMb} MB ${COST_ASSUMPTIONS.blog.architecture}, one PutMetricData per run, 4 metrics), at the same interval.`,
  ].join('\n');
}

/** The default output: per stack, then the fleet's lines, then the assumptions. */
export function costTables(configFile: string, cost: FleetCost): string {
  const stacks = markdownTable(
    ['stack', 'workflow', 'interval', 'clusters', 'collector run', 'this design', 'per cluster', "blog's design", 'per cluster', 'blog ÷ design'],
    ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    [
      ...cost.pipelines.map((p) => [
        p.stack,
        p.description.workflowType,
        `${p.description.intervalSeconds} s`,
        String(p.description.clusters),
        `${Math.ceil(p.description.collector.durationMs)} ms`,
        dollars(p.design.usd),
        dollars(p.design.usd / p.description.clusters),
        dollars(p.blog.usd),
        dollars(p.blog.usd / p.description.clusters),
        `${(p.blog.usd / p.design.usd).toFixed(1)}×`,
      ]),
      [
        '**fleet**',
        '',
        '',
        String(cost.clusters),
        '',
        dollars(cost.design.usd),
        dollars(cost.perCluster.design),
        dollars(cost.blog.usd),
        dollars(cost.perCluster.blog),
        `${cost.blogToDesignRatio.toFixed(1)}×`,
      ],
    ],
  );
  const lineKey = (line: SummedLine) => `${line.item}/${line.label}`;
  const byKey = (lines: readonly SummedLine[]) => new Map(lines.map((l) => [lineKey(l), l]));
  const design = byKey(cost.design.lines);
  const blog = byKey(cost.blog.lines);
  const keys = [...new Set([...cost.design.lines, ...cost.blog.lines].sort(byBillOrder).map(lineKey))];
  const cell = (line: SummedLine | undefined) => (line ? [amount(line.quantity, line.unit), dollars(line.usd)] : ['', '']);
  const lines = markdownTable(
    ['line (whole fleet, a month)', 'this design', '$', "blog's design", '$'],
    ['l', 'r', 'r', 'r', 'r'],
    [
      ...keys.map((key) => [(design.get(key) ?? blog.get(key))!.label, ...cell(design.get(key)), ...cell(blog.get(key))]),
      ['**total**', '', dollars(cost.design.usd), '', dollars(cost.blog.usd)],
    ],
  );
  return [
    `Monthly cost of ${path.relative(process.cwd(), configFile) || configFile}: ${cost.pipelines.length} account-regions, ${cost.clusters} clusters.`,
    '',
    stacks,
    '',
    `Per cluster and month: this design ${dollars(cost.perCluster.design)}, the blog's ${dollars(cost.perCluster.blog)}, ` +
      `floor (the custom metrics alone) ${dollars(cost.perCluster.floor)}.`,
    '',
    lines,
    '',
    assumptionsText(),
  ].join('\n');
}

/** Columns of the per-cluster table, each a group of bill lines. */
const COLUMNS: ReadonlyArray<{ readonly title: string; readonly items: readonly CostItem[] }> = [
  { title: 'Step Functions', items: ['stepFunctionsTransitions', 'stepFunctionsRequests', 'stepFunctionsDuration', 'trigger'] },
  { title: 'Lambda', items: ['lambdaRequests', 'lambdaCompute'] },
  { title: 'PutMetricData', items: ['putMetricData'] },
  { title: 'custom metrics', items: ['customMetrics'] },
  { title: 'alarms, dashboards', items: ['standardAlarms', 'highResolutionAlarms', 'dashboards'] },
  { title: 'logs', items: ['logs'] },
];

/** `--clusters`: one account-region of each size, per cluster and month, line group by line group. */
export function clusterSizesTable(config: FleetConfig, sizes: readonly number[]): string {
  const costs = sizes.map((clusters) => ({
    clusters,
    cost: priceFleet(
      generatedFleetConfig({ name: config.name, defaults: config.defaults, accounts: 1, regionsPerAccount: 1, clustersPerRegion: clusters }),
    ),
  }));
  // A group no size pays for (alarms and dashboards until they exist) is left out.
  const columns = COLUMNS.filter((column) =>
    costs.some(({ cost }) => cost.design.lines.some((l) => column.items.includes(l.item) && l.usd > 0)),
  );
  const perCluster = (cost: FleetCost, items: readonly CostItem[]) =>
    cost.design.lines.filter((l) => items.includes(l.item)).reduce((sum, l) => sum + l.usd, 0) / cost.clusters;
  const money = (n: number) => `$${n.toFixed(n < 0.1 ? 3 : 2)}`;
  // Like for like: the blog had neither alarms nor a dashboard, so the ratio compares the pipelines alone.
  const monitoring = COLUMNS.find((c) => c.title === 'alarms, dashboards')!.items;
  const pipelineAlone = (cost: FleetCost) => cost.perCluster.design - perCluster(cost, monitoring);
  return [
    `Per cluster and month, one account-region of N clusters (${config.defaults?.workflowType ?? 'EXPRESS'}, ` +
      `${config.defaults?.intervalSeconds ?? 5} s, the blog's four metrics), prices of ${PRICES.asOf}:`,
    '',
    markdownTable(
      ['clusters', ...columns.map((c) => c.title), 'pipeline alone', 'with its alarms and dashboard', "blog's design", 'blog ÷ pipeline'],
      ['r', ...columns.map(() => 'r' as const), 'r', 'r', 'r', 'r'],
      costs.map(({ clusters, cost }) => [
        String(clusters),
        ...columns.map((c) => money(perCluster(cost, c.items))),
        `**${dollars(pipelineAlone(cost))}**`,
        dollars(cost.perCluster.design),
        dollars(cost.perCluster.blog),
        `${(cost.perCluster.blog / pipelineAlone(cost)).toFixed(1)}×`,
      ]),
    ),
  ].join('\n');
}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => Number(part.trim()));
  const bad = sizes.find((n) => !Number.isInteger(n) || n < 1);
  if (bad !== undefined) throw new UsageError(`--clusters: "${text}" is not a list of whole numbers of clusters, e.g. 1,10,100`);
  return sizes;
}

function main(argv: string[]): number {
  const parsed = parseCommandLine(
    argv,
    { config: { type: 'string' }, json: { type: 'boolean' }, clusters: { type: 'string' } },
    USAGE,
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const options = parsed.values;
  // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
  const configFile = options.config ? path.resolve(process.env.INIT_CWD ?? process.cwd(), options.config) : EXAMPLE_CONFIG;
  try {
    const config = loadFleetConfig(configFile);
    if (options.clusters !== undefined) {
      const sizes = parseSizes(options.clusters);
      console.log(clusterSizesTable(config, sizes));
      return 0;
    }
    const cost = priceFleet(config);
    console.log(options.json ? JSON.stringify(costJson(configFile, cost), null, 2) : costTables(configFile, cost));
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
