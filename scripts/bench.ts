/**
 * `npm run bench [-- --runs N] [--stacks 1,40,400] [--out FILE] [--only hub|organization]`: measures, on this machine,
 * synthesis at fleet scale, the collector bundle and its work per tick, the hub collector's work
 * per tick, and `terraform plan` of one stack, and writes BENCHMARKS.md with the machine, the date
 * and the command (`--only hub` rewrites the hub section alone). Every timing is the median of
 * several runs with min and max. Never part of `npm test`; nothing asserts a timing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { HUB_CONCURRENCY } from '../functions/collector/hub/collect-targets';
import { COST_ASSUMPTIONS } from '../modules/subpaths/cost';
import { parseCommandLine } from './lib/command-line';
import { type BundleRow, measureBundles, measureTicks, type TickRow, ticksPerRun } from './bench/collector';
import { HUB_LATENCY_MS, HUB_WARM_TICKS, type HubTickRow, measureHubTicks } from './bench/hub';
import { type CallCounts, fleetLabel } from './bench/hub-fleet';
import { FAN_OUT_INTERVAL_SECONDS, FAN_OUT_WARM_TICKS, type HubFanOutRow, measureHubFanOut } from './bench/hub-fanout';
import { CLOUDWATCH_QUOTAS, STS_QUOTAS } from '../modules/common/aws-limits';
import { assumeRolePaceOf, SHARD_LIMITS } from '../modules/contract/hub-shards';
import { describeMachine, type Machine } from './bench/machine';
import { measurePlan, type PlanRow } from './bench/plan';
import { replaceSection } from './bench/report-file';
import { formatSummary, type Summary } from './bench/stats';
import { measureSynth, type SynthRow } from './bench/synth';
import { measureOrganization, ORGANIZATION_HEADING, organizationSection } from './bench/organization';
import { ROOT } from './bench/worker';

const USAGE = `usage: npm run bench -- [--runs N] [--stacks 1,40,400] [--out FILE] [--only hub|fanout|organization]
  --runs N        runs per figure (default 5; 1 for a quick look)
  --stacks LIST   fleet sizes to synthesize, multiples of 4 above 1 (default 1,40,400)
  --out FILE      where to write the report (default BENCHMARKS.md)
  --only hub      measure the hub collector alone and rewrite only its section of FILE
  --only fanout   measure the hub's fan-out at 100,000 clusters alone and rewrite only its section of FILE
  --only organization  measure an organization's stacks and synth time against listed accounts (10 and 5,000) and rewrite only its section`;

const HUB_HEADING = 'Hub collector work per tick';
const FAN_OUT_HEADING = 'Hub fan-out at 100,000 clusters';
/** The interval the hub's ticks must fit in: its finest. */
const TICK_INTERVAL_MS = 5_000;

/** 25 clusters per account-region: 400 stacks are 10,000 clusters. */
const CLUSTERS_PER_REGION = 25;

const MODE_LABELS = {
  file: 'FILE asset of the prebuilt zip (shipped)',
  archive: 'ARCHIVE asset of a directory, per stack (naive)',
  none: 'no asset (floor)',
} as const;

const seconds = (s: Summary) => formatSummary({ ...s, median: s.median / 1000, min: s.min / 1000, max: s.max / 1000 }, 's', 2);
const medianSeconds = (s: Summary) => `${(s.median / 1000).toFixed(2)} s`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A Markdown table; `align` has one letter per column, `l` or `r`. */
function table(header: string[], align: string, rows: string[][]): string {
  const rule = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [`| ${header.join(' | ')} |`, `| ${rule.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function synthSection(rows: readonly SynthRow[]): string {
  const row = (stacks: number, mode: SynthRow['mode']) => rows.find((r) => r.stacks === stacks && r.mode === mode)!;
  const sizes = [...new Set(rows.map((r) => r.stacks))];
  const largest = sizes[sizes.length - 1];
  const notes: string[] = [];
  const shipped = row(largest, 'file');
  const naive = row(largest, 'archive');
  const floor = row(largest, 'none');
  const overFloor = shipped.total.median - floor.total.median;
  notes.push(
    `At ${largest} stacks the naive ARCHIVE asset takes ${(naive.total.median / shipped.total.median).toFixed(1)}× the time of the shipped ` +
      `FILE asset (medians ${medianSeconds(naive.total)} and ${medianSeconds(shipped.total)}): it hashes and zips the directory again for every stack.`,
    overFloor > 0
      ? `The shipped asset costs ${(overFloor / 1000).toFixed(2)} s over no asset at all (median ${medianSeconds(floor.total)}): one small file copied per stack.`
      : `The shipped asset is indistinguishable from no asset at all here (medians ${medianSeconds(shipped.total)} and ${medianSeconds(floor.total)}): ` +
          'one small file copied per stack.',
  );
  if (sizes.length >= 3) {
    const [a, b, c] = sizes.slice(-3);
    const perStack = (from: number, to: number) => ((row(to, 'file').total.median - row(from, 'file').total.median) / (to - from)).toFixed(1);
    const memoryPer100 = (((row(c, 'file').peakRssMb.median - row(b, 'file').peakRssMb.median) / (c - b)) * 100).toFixed(0);
    notes.push(
      `Growth of the shipped way: each stack adds ${perStack(a, b)} ms from ${a} to ${b} stacks and ${perStack(b, c)} ms from ${b} to ${c}; ` +
        `peak memory grows ${memoryPer100} MB per 100 stacks.`,
    );
  }
  if (largest === 400) {
    const met = shipped.total.median < 10_000 && shipped.peakRssMb.median < 1024;
    notes.push(
      `Target (400 stacks in under 10 s and 1 GB on a 2-core machine): ${met ? 'met' : 'missed'} ` +
        `(medians ${medianSeconds(shipped.total)} and ${shipped.peakRssMb.median.toFixed(0)} MB).`,
    );
  }
  return [
    '## Synthesis at fleet scale',
    '',
    `A generated fleet of ${CLUSTERS_PER_REGION} clusters per account-region, four regions per account ` +
      `(400 stacks: 100 accounts × 4 regions, 10,000 clusters), synthesized to disk in a fresh process per run. ` +
      'Wall time runs from process start (Node and TypeScript loading included, as `npm run synth` spends it) to the end of `app.synth()`.',
    '',
    table(
      ['stacks', 'clusters', 'collector code', 'wall time', 'constructs', 'app.synth()', 'peak memory (RSS)'],
      'rrlrrrr',
      rows.map((r) => [
        String(r.stacks),
        String(r.stacks * CLUSTERS_PER_REGION),
        MODE_LABELS[r.mode],
        seconds(r.total),
        seconds(r.construct),
        seconds(r.synth),
        formatSummary(r.peakRssMb, 'MB', 0),
      ]),
    ),
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
}

function bundleSection(rows: readonly BundleRow[]): string {
  const [shipped, bundled] = rows;
  const faster = shipped.importMs.median <= bundled.importMs.median ? shipped : bundled;
  return [
    '## Collector bundle',
    '',
    'Both variants built by `bundleCollector({ external })` (esbuild, minified) and zipped by `reproducibleZip`; ' +
      'cold import is `require` of the bundle in a fresh Node process (the runtime variant loads the SDK from `node_modules`, as Lambda loads its own).',
    '',
    table(
      ['variant', 'external', 'index.js', 'zip', 'built twice, same bytes', 'cold import'],
      'llrrlr',
      rows.map((r) => [
        r.variant,
        r.external.length ? `\`${r.external.join(', ')}\`` : 'none',
        kb(r.codeBytes),
        kb(r.zipBytes),
        r.reproducible ? 'yes' : '**no**',
        formatSummary(r.importMs, 'ms', 1),
      ]),
    ),
    '',
    `- The shipped zip is ${(bundled.zipBytes / shipped.zipBytes).toFixed(0)}× smaller; the faster cold import here is "${faster.variant}" ` +
      `by ${Math.abs(shipped.importMs.median - bundled.importMs.median).toFixed(1)} ms (medians).`,
  ].join('\n');
}

function ticksSection(mocked: readonly TickRow[], http: readonly TickRow[]): string {
  const callCell = (row: TickRow, api: string) => `${row.calls[api] ?? 0} (${row.minimum[api]})${(row.calls[api] ?? 0) > row.minimum[api] ? ' **over**' : ''}`;
  const others = (row: TickRow) =>
    Object.entries(row.calls)
      .filter(([api]) => !(api in row.minimum))
      .map(([api, n]) => `${api} ${n}`)
      .join(', ') || '—';
  const first = http[0];
  const last = http[http.length - 1];
  const perCluster = (last.cpuMs.median - first.cpuMs.median) / (last.clusters - first.clusters);
  const assumed = COST_ASSUMPTIONS.collector;
  return [
    '## Collector work per tick',
    '',
    'The shipped bundle, warmed up, handling one tick for N clusters (the four default metrics). ' +
      "CPU time (user + system) per tick: with aws-sdk-client-mock replacing `send` (the collector's own code), and with the real SDK " +
      'clients over a stub HTTP handler (serialization, signing and parsing included, no network). ' +
      'Calls are per tick, with the minimum the APIs allow in parentheses: ⌈N/100⌉ DescribeClusters, ⌈datums/1,000⌉ PutMetricData. ' +
      "Log bytes: what one invocation writes, in Lambda's JSON log format.",
    '',
    table(
      ['clusters', 'datums', 'DescribeClusters', 'PutMetricData', 'other calls', 'CPU, mocked clients', 'CPU, SDK over stub HTTP', 'log bytes per run'],
      'rrrrlrrr',
      mocked.map((row, i) => [
        String(row.clusters),
        String(row.datums),
        callCell(row, 'DescribeClusters'),
        callCell(row, 'PutMetricData'),
        others(row),
        formatSummary(row.cpuMs, 'ms', 3),
        formatSummary(http[i].cpuMs, 'ms', 3),
        String(row.logBytes),
      ]),
    ),
    '',
    `- With the SDK, a tick costs ${first.cpuMs.median.toFixed(2)} ms of CPU for ${first.clusters} cluster and ` +
      `${perCluster.toFixed(4)} ms per further cluster on this CPU; the cost model assumes ${assumed.cpuMsPerInvocation} ms and ` +
      `${assumed.cpuMsPerCluster} ms at a full vCPU, and ${assumed.logBytesPerInvocation} log bytes per run.`,
  ].join('\n');
}

function hubCallsCell(calls: CallCounts, minimum: CallCounts): string {
  const apis = [...new Set([...Object.keys(minimum), ...Object.keys(calls)])];
  return apis
    .filter((api) => (calls[api] ?? 0) > 0 || minimum[api] > 0)
    .map(
      (api) =>
        `${api} ${(calls[api] ?? 0).toLocaleString('en-US')} (${(minimum[api] ?? 0).toLocaleString('en-US')})${(calls[api] ?? 0) > (minimum[api] ?? 0) ? ' **over**' : ''}`,
    )
    .join(', ');
}

function fanOutSection(r: HubFanOutRow, machine: Machine, command: string, runs: number, started: Date, loadAtEnd: number): string {
  const halfMs = (FAN_OUT_INTERVAL_SECONDS * 1000) / 2;
  const seconds2 = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const worst = Math.max(r.coldMs.max, r.warmMs.max);
  const over = (calls: CallCounts, minimum: CallCounts) => Object.entries(calls).some(([api, n]) => n > (minimum[api] ?? 0));
  const putsPerTick = r.warmCalls.PutMetricData ?? 0;
  const perSecond = putsPerTick / FAN_OUT_INTERVAL_SECONDS;
  const peak = (r.putMetricDataInFlight * 1000) / HUB_LATENCY_MS;
  const quota = CLOUDWATCH_QUOTAS.putMetricDataTps;
  const pace = assumeRolePaceOf(r.shards);
  const assumed = r.coldCalls.AssumeRole ?? 0;
  const pacedMs = (Math.max(0, r.mostAccountsPerShard - pace.burst) / pace.perSecond) * 1000;
  const stsFloorMs = (r.accounts / STS_QUOTAS.assumeRoleTps) * 1000;
  return [
    `## ${FAN_OUT_HEADING}`,
    '',
    `The issue's fleet: 2,500 accounts × 4 regions × 10 clusters (${r.accountRegions.toLocaleString('en-US')} account-regions, ${r.clusters.toLocaleString('en-US')} clusters), ` +
      `the four default metrics and the hub's fleet-health series, a ${FAN_OUT_INTERVAL_SECONDS}-second interval, every AWS call answered by aws-sdk-client-mock after ${HUB_LATENCY_MS} ms. ` +
      `The hub with \`shards: "auto"\` fans each tick out over ${r.shards} invocations of ${r.memoryMb.toLocaleString('en-US')} MB (its tick model: the fewest shards whose slowest ` +
      `modelled steady tick, here ${seconds2(r.modelledMs)}, is within 80 % of half the interval), each shard holding whole accounts (at most ${r.mostAccountsPerShard} of the ${r.accounts.toLocaleString('en-US')}). ` +
      `Each shard runs the built bundle's \`hubHandler\` with its \`shard\` ` +
      `in a fresh process of its own, heap limited to that memory, a cold tick then ${FAN_OUT_WARM_TICKS} warm ticks; the shards run one after another on this machine ` +
      "(in AWS each is its own Lambda container, all started at once by the Map state), and a tick's time is its slowest shard's.",
    '',
    `Measured by \`${command}\` on ${started.toISOString().replace(/\.\d+Z$/, 'Z')}, commit ${machine.commit}; ${machine.cpu}, ${machine.cores} cores shared with other work ` +
      `(load average ${machine.loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end); Node ${machine.node}. ` +
      `Cold: median of ${runs} run${runs === 1 ? '' : 's'} (min–max); warm: median of all ${runs * FAN_OUT_WARM_TICKS} warm ticks (min–max), each the slowest of its ${r.shards} shards. ` +
      'Calls are per tick, summed over the shards, with the minimum in parentheses (each shard: ⌈clusters/100⌉ DescribeClusters per account-region, ⌈its datums/1,000⌉ PutMetricData, its 4 fleet-health datums included; cold adds 1 GetObject and 1 AssumeRole per account of the shard).',
    '',
    table(
      ['clusters', 'shards', 'memory', 'cold tick', 'warm tick', 'calls, cold tick', 'calls, warm tick', 'PutMetricData per second', 'peak RSS per shard'],
      'rrrrrllrr',
      [
        [
          r.clusters.toLocaleString('en-US'),
          String(r.shards),
          `${r.memoryMb.toLocaleString('en-US')} MB`,
          seconds(r.coldMs),
          seconds(r.warmMs),
          hubCallsCell(r.coldCalls, r.coldMinimum),
          hubCallsCell(r.warmCalls, r.warmMinimum),
          `${perSecond.toFixed(0)} (quota ${quota})`,
          formatSummary(r.peakRssMb, 'MB', 0),
        ],
      ],
    ),
    '',
    `- Against half the interval (${seconds2(halfMs)}): the slowest warm tick took ${seconds2(r.warmMs.max)}, ${r.warmMs.max <= halfMs ? 'within it' : '**over it**'} (modelled ${seconds2(r.modelledMs)}); ` +
      `the slowest tick of all, cold included, ${seconds2(worst)} (the cold tick modelled ${seconds2(r.modelledColdMs)})` +
      `${worst <= halfMs ? '.' : ": a cold tick is a new container's, which reads the list and assumes its accounts' roles; the hub sizes its timeout for it."}`,
    `- The cold tick is STS's quota, not the collector: ${assumed.toLocaleString('en-US')} AssumeRole, one per account (an account's regions share a shard). ` +
      `STS allows ${STS_QUOTAS.assumeRoleTps} a second per account and Region (STS_QUOTAS), so no cold start of ${r.accounts.toLocaleString('en-US')} accounts ` +
      `can take less than ${seconds2(stsFloorMs)}${stsFloorMs > halfMs ? `, over half the interval whatever the collector does` : ''}. ` +
      `The hub keeps to half of it, ${SHARD_LIMITS.assumeRolesPerSecondPerTick} a second shared by the shards (${pace.perSecond.toFixed(1)} a second and a burst of ${pace.burst} each), ` +
      `so a shard of ${r.mostAccountsPerShard} accounts waits ${seconds2(pacedMs)} for its last role; meanwhile every role is asked for at once and each account-region is read as soon as its role arrives.`,
    `- Calls: ${over(r.warmCalls, r.warmMinimum) || over(r.coldCalls, r.coldMinimum) ? '**some tick made more calls than the minimum (marked over)**' : 'every tick made exactly the minimum'}. ` +
      `AssumeRole is cached per container: none on a warm tick. PutMetricData: ${putsPerTick.toLocaleString('en-US')} a tick against ${Math.ceil((r.clusters * 4) / 1000).toLocaleString('en-US')} unsharded, each shard's last request partly filled.`,
    `- CloudWatch's PutMetricData quota, ${quota} requests per second per account-region (CLOUDWATCH_QUOTAS): ${putsPerTick.toLocaleString('en-US')} requests every ${FAN_OUT_INTERVAL_SECONDS} s ` +
      `are ${perSecond.toFixed(0)} a second on average (${(quota / perSecond).toFixed(1)}× below it); the tick's ${r.putMetricDataInFlight} requests in flight at most ` +
      `(each shard's share of 10, at least one) at ${HUB_LATENCY_MS} ms make at most ${peak.toFixed(0)} a second while it publishes (${(quota / peak).toFixed(2)}× below it).`,
  ].join('\n');
}

function hubSection(rows: readonly HubTickRow[], machine: Machine, command: string, runs: number, started: Date, loadAtEnd: number): string {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const seconds2 = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const share = (ms: number) => `${((ms / TICK_INTERVAL_MS) * 100).toFixed(0)} %`;
  const worst = Math.max(...rows.map((r) => r.coldMs.max), ...rows.map((r) => r.warmMs.max));
  const over = rows.some(
    (r) =>
      Object.entries(r.warmCalls).some(([api, n]) => n > (r.warmMinimum[api] ?? 0)) ||
      Object.entries(r.coldCalls).some(([api, n]) => n > (r.coldMinimum[api] ?? 0)),
  );
  const unsteady = rows.reduce((sum, r) => sum + r.unsteadyWarmTicks, 0);
  const clusters = (r: HubTickRow) => (r.size.accountRegions * r.size.clustersPerRegion).toLocaleString('en-US');
  return [
    `## ${HUB_HEADING}`,
    '',
    `The built bundle's \`hubHandler\` (target list read from S3, AssumeRole per account, DescribeClusters per account-region, PutMetricData by 1,000), ` +
      `in a fresh process per fleet size and run, its heap limited (\`--max-old-space-size\`) to the memory the hub gets by default for that fleet ` +
      `(\`hubCollectorMemoryMb\`). Every AWS call (S3, STS, ECS, CloudWatch) is answered by aws-sdk-client-mock after ${HUB_LATENCY_MS} ms, ` +
      "as a fake endpoint with that latency would: the SDK's serialization, signing and connection pool are not in these figures. " +
      'Fleets are generated: four regions per account (1 × 3 is one account-region; 1,000 × 25 is 250 accounts × 4 regions × 25 clusters), the four default metrics per cluster. ' +
      `Each run makes a cold tick (the container's first invocation: it loads the hub's code, reads the target list, assumes each account's role) and then ${HUB_WARM_TICKS} warm ticks.`,
    '',
    `Measured by \`${command}\` on ${started.toISOString().replace(/\.\d+Z$/, 'Z')}, commit ${machine.commit}; ${machine.cpu}, ${machine.cores} cores shared with other work ` +
      `(load average ${machine.loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end: read the times as rough); Node ${machine.node}. ` +
      `Cold: median of ${runs} run${runs === 1 ? '' : 's'} (min–max); warm: median of all ${runs * HUB_WARM_TICKS} warm ticks (min–max); memory: median of the runs' peaks (min–max). ` +
      'Calls are per tick, the most any run made, with the minimum the APIs allow in parentheses (warm: ⌈clusters/100⌉ DescribeClusters per account-region, ⌈datums/1,000⌉ PutMetricData; cold adds 1 GetObject and 1 AssumeRole per account).',
    '',
    table(
      [
        'account-regions × clusters',
        'clusters',
        'datums',
        'memory (heap limit)',
        'cold tick',
        'warm tick',
        'calls, cold tick',
        'calls, warm tick',
        'peak RSS',
        'peak heap used',
      ],
      'lrrrrrllrr',
      rows.map((r) => [
        fleetLabel(r.size),
        clusters(r),
        r.datums.toLocaleString('en-US'),
        `${r.memoryMb.toLocaleString('en-US')} MB`,
        seconds(r.coldMs),
        seconds(r.warmMs),
        hubCallsCell(r.coldCalls, r.coldMinimum),
        hubCallsCell(r.warmCalls, r.warmMinimum),
        formatSummary(r.peakRssMb, 'MB', 0),
        formatSummary(r.peakHeapMb, 'MB', 0),
      ]),
    ),
    '',
    `- Against the ${TICK_INTERVAL_MS / 1000}-second interval: the slowest tick measured took ${seconds2(worst)} (${share(worst)} of it); ` +
      `at ${fleetLabel(last.size)} a warm tick takes ${seconds2(last.warmMs.median)} (median, ${share(last.warmMs.median)}) and the cold one ${seconds2(last.coldMs.median)} (${share(last.coldMs.median)}).`,
    `- Ratios within this one run: a warm tick of ${fleetLabel(last.size)} takes ${(last.warmMs.median / first.warmMs.median).toFixed(1)}× one of ${fleetLabel(first.size)} ` +
      `for ${((last.size.accountRegions * last.size.clustersPerRegion) / (first.size.accountRegions * first.size.clustersPerRegion)).toLocaleString('en-US', { maximumFractionDigits: 0 })}× the clusters; ` +
      `at ${fleetLabel(last.size)} the cold tick takes ${(last.coldMs.median / last.warmMs.median).toFixed(1)}× a warm one (medians). ` +
      `With at most ${HUB_CONCURRENCY} account-regions in flight (HUB_CONCURRENCY) and ${HUB_LATENCY_MS} ms per call, ${last.size.accountRegions.toLocaleString('en-US')} account-regions cannot take less than ` +
      `${Math.ceil(last.size.accountRegions / HUB_CONCURRENCY)} × ${HUB_LATENCY_MS} ms = ${seconds2(Math.ceil(last.size.accountRegions / HUB_CONCURRENCY) * HUB_LATENCY_MS)} of DescribeClusters alone; ` +
      `one account-region cannot take less than its chain of calls: 2 warm (DescribeClusters, PutMetricData: ${seconds2(2 * HUB_LATENCY_MS)}), 4 cold (GetObject and AssumeRole first: ${seconds2(4 * HUB_LATENCY_MS)}).`,
    `- Calls: ${over ? '**some tick made more calls than the minimum (marked over)**' : 'every tick made exactly the minimum'}; ` +
      `${unsteady === 0 ? 'every warm tick made the same calls' : `${unsteady} warm ticks made other calls than the first`}.`,
    `- Memory: the peak RSS includes this worker's own Node and tsx (median ${first.baseRssMb.median.toFixed(0)} MB before the SDK and the bundle load), ` +
      "which a Lambda container does not have; the heap used is the collector's and the SDK's.",
  ].join('\n');
}

function planSection(plan: PlanRow): string {
  return [
    '## `terraform plan` of one stack',
    '',
    `One synthesized stack of ${CLUSTERS_PER_REGION} clusters (${plan.resources} resources to create), planned offline with the harness of ` +
      '`npm run plan` (scripts/lib/terraform.ts): providers from the local mirror, fake credentials.',
    '',
    table(['what', 'time'], 'lr', [
      ['the harness: copy, `terraform init` from the mirror, `validate`, `plan -json`', formatSummary(plan.harness, 's', 2)],
      ['`terraform plan` alone, in the initialized copy', formatSummary(plan.planOnly, 's', 2)],
    ]),
  ].join('\n');
}

function header(machine: Machine, command: string, runs: number, started: Date, loadAtEnd: number): string {
  return [
    '# Benchmarks',
    '',
    `Written by \`${command}\` on ${started.toISOString().replace(/\.\d+Z$/, 'Z')}, commit ${machine.commit}. Regenerate with \`npm run bench\`.`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB; ${machine.os}; Node ${machine.node}; ${machine.terraform}. ` +
      `Load average ${machine.loadAtStart.toFixed(2)} at the start, ${loadAtEnd.toFixed(2)} at the end` +
      (Math.max(machine.loadAtStart, loadAtEnd) > 0.5 * machine.cores ? ' (other work shared the machine: read the timings as rough).' : '.'),
    '',
    `Every timing is the median of ${runs} run${runs === 1 ? '' : 's'} with (min–max), each run in a fresh process; ` +
      `the collector's CPU per tick is the median of ${ticksPerRun(runs)} ticks in one warmed-up process. ` +
      'Benchmarks never run inside `npm test`, and no test asserts a timing.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    {
      runs: { type: 'string', default: '5' },
      stacks: { type: 'string', default: '1,40,400' },
      out: { type: 'string', default: 'BENCHMARKS.md' },
      only: { type: 'string' },
    },
    USAGE,
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const values = parsed.values;
  const runs = Number(values.runs);
  const stackCounts = values.stacks!.split(',').map(Number);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(`--runs: "${values.runs}" is not a whole number of runs, 1 or more\n${USAGE}`);
    return 2;
  }
  if (stackCounts.some((n) => !Number.isInteger(n) || n < 1 || (n > 1 && n % 4 !== 0))) {
    console.error(`--stacks: "${values.stacks}" must list 1 or multiples of 4 (four regions per account), e.g. 1,40,400\n${USAGE}`);
    return 2;
  }
  if (values.only !== undefined && !['hub', 'fanout', 'organization'].includes(values.only)) {
    console.error(`--only: "${values.only}" is not a section that runs alone; those that do are "hub", "fanout" and "organization"\n${USAGE}`);
    return 2;
  }
  const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);
  const started = new Date();
  const machine = describeMachine();
  const command = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const out = path.resolve(ROOT, values.out!);

  if (values.only === 'hub') {
    const hub = measureHubTicks(runs, progress);
    const section = hubSection(hub, machine, command, runs, started, loadavg()[0]);
    const before = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmarks\n';
    writeFileSync(out, replaceSection(before, HUB_HEADING, section, 'Collector work per tick'));
    progress(`rewrote the hub section of ${path.relative(process.cwd(), out) || out} in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
    return 0;
  }

  if (values.only === 'fanout') {
    const fanOut = measureHubFanOut(runs, progress);
    const section = fanOutSection(fanOut, machine, command, runs, started, loadavg()[0]);
    const before = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmarks\n';
    writeFileSync(out, replaceSection(before, FAN_OUT_HEADING, section, HUB_HEADING));
    progress(`rewrote the fan-out section of ${path.relative(process.cwd(), out) || out} in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
    return 0;
  }
  if (values.only === 'organization') {
    const rows = measureOrganization(runs, progress);
    const section = organizationSection(
      rows,
      `Measured by \`${command}\` on ${started.toISOString().replace(/\.\d+Z$/, 'Z')}, ${machine.cores} cores, load average ${machine.loadAtStart.toFixed(2)} at the start and ${loadavg()[0].toFixed(2)} at the end.`,
    );
    const before = existsSync(out) ? readFileSync(out, 'utf8') : '# Benchmarks\n';
    writeFileSync(out, replaceSection(before, ORGANIZATION_HEADING, section, HUB_HEADING));
    progress(`rewrote the organization section of ${path.relative(process.cwd(), out) || out} in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
    return 0;
  }

  const synth = measureSynth({ stackCounts, clustersPerRegion: CLUSTERS_PER_REGION, runs, progress });
  const bundles = measureBundles(runs, progress);
  progress('collector ticks');
  const mocked = measureTicks('mock', runs);
  const http = measureTicks('http', runs);
  const hub = measureHubTicks(runs, progress);
  const fanOut = measureHubFanOut(runs, progress);
  const organization = measureOrganization(runs, progress);
  const plan = await measurePlan(runs, progress);

  const report = [
    header(machine, command, runs, started, loadavg()[0]),
    synthSection(synth),
    bundleSection(bundles),
    ticksSection(mocked, http),
    hubSection(hub, machine, command, runs, started, loadavg()[0]),
    fanOutSection(fanOut, machine, command, runs, started, loadavg()[0]),
    organizationSection(organization),
    planSection(plan),
  ].join('\n\n');
  writeFileSync(out, `${report}\n`);
  progress(`wrote ${path.relative(process.cwd(), out) || out} in ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
