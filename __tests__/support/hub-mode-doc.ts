/**
 * The tables of docs/hub-mode.md, as the code computes them: the hub's sizing and verdict for
 * fleets of several sizes (hub-settings.ts, hub-problems.ts), and the 100 × 3 hub priced line by
 * line (`npm run cost`). The doc test requires the doc to hold them verbatim.
 */
import { resolvePipelineSettings } from '../../modules';
import type { TargetListEntry } from '../../modules/contract/hub-target-list';
import { hubCost } from '../../modules/cost/hub-cost';
import { hubColdTickWarning, hubTickProblems } from '../../modules/hub/hub-problems';
import { HUB_MEMORY_STEPS, resolveHubSettings } from '../../modules/hub/hub-settings';
import type { EcsHighResMetricsHubProps } from '../../modules/hub/props';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

/** `count` account-regions, four per account, of `clusters` clusters each (or "*"). */
export function docTargets(count: number, clusters: number | '*'): TargetListEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    account: String(100_000_000_000 + Math.floor(i / 4)),
    region: REGIONS[i % 4],
    clusters: clusters === '*' ? '*' : Array.from({ length: clusters }, (_, c) => `cluster-${c + 1}`),
  }));
}

const HUB = { account: '999999999999', region: 'eu-west-1' };
const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The fleets the doc sizes: count × clusters, and the settings that differ from the defaults. */
export const SIZED_FLEETS: ReadonlyArray<{ readonly count: number; readonly clusters: number | '*'; readonly props?: Partial<EcsHighResMetricsHubProps> }> = [
  { count: 1, clusters: 3 },
  { count: 100, clusters: 3 },
  { count: 1000, clusters: 25 },
  { count: 1000, clusters: '*' },
  { count: 4, clusters: '*', props: { assumedClustersPerDiscoveredRegion: 10_000, intervalSeconds: 10 } },
  { count: 1000, clusters: 25, props: { assumedCallLatencyMs: 150, intervalSeconds: 10 } },
  { count: 1000, clusters: 25, props: { assumedCallLatencyMs: 150 } },
  { count: 5000, clusters: '*' },
];

/** The sizing table: per fleet, what the hub gets and whether it is built. */
export function sizingTable(): string {
  const rows = SIZED_FLEETS.map(({ count: n, clusters, props = {} }) => {
    const h = resolveHubSettings({ ...HUB, targets: docTargets(n, clusters), ...props });
    const { ticks, work } = h.estimate;
    const steady = work.discoveredAccountRegions > 0 ? ticks.listing : ticks.warm;
    const verdict = hubTickProblems(h).length > 0 ? '**refused**' : hubColdTickWarning(h) ? 'built, with a warning' : 'built';
    const settings =
      Object.entries(props)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'defaults';
    return [
      `${count(n)} × ${clusters === '*' ? '"*"' : clusters}`,
      settings,
      count(work.clusters),
      `${count(h.pipeline.collectorMemoryMb)} MB`,
      `${h.pipeline.collectorTimeoutSeconds} s`,
      seconds(steady.tickMs),
      seconds(ticks.cold.tickMs),
      verdict,
    ];
  });
  return [
    '| account-regions × clusters | settings | clusters sized for | memory | timeout | steady tick | cold tick | synth |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The memory steps by clusters. */
export function memoryStepsText(): string {
  return HUB_MEMORY_STEPS.map((s) => `${count(s.memoryMb)} MB up to ${count(s.clusters)} clusters`).join(', ');
}

/** 100 account-regions × 3 clusters, the hub with every default: its lines as `npm run cost` prints them. */
export function costTable(): string {
  const settings = resolveHubSettings({ ...HUB, targets: docTargets(100, 3) });
  const hub = hubCost({ settings: settings.pipeline, targets: settings.targets, tick: settings.tick });
  const dollars = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  return [
    '| line, a month | arithmetic | $ |',
    '| --- | --- | ---: |',
    ...hub.design.lines.map((l) => `| ${l.label} | ${l.basis} | ${dollars(l.usd)} |`),
    `| **total** | ${count(hub.description.clusters)} clusters, ${dollars(hub.perCluster.design)} each | **${dollars(hub.design.usd)}** |`,
  ].join('\n');
}

/** What the doc's cost example is checked against. */
export function costFacts() {
  const settings = resolveHubSettings({ ...HUB, targets: docTargets(100, 3) });
  const hub = hubCost({ settings: settings.pipeline, targets: settings.targets, tick: settings.tick });
  const pipeline = resolvePipelineSettings({ clusters: ['a', 'b', 'c'], account: '111111111111', region: 'us-east-1' });
  return { hub, memoryMb: settings.pipeline.collectorMemoryMb, pipeline };
}
