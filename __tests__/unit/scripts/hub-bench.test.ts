/**
 * The hub bench's pure parts: the generated fleets (accounts × regions × clusters), the fewest
 * calls a tick allows, and the rewrite of one BENCHMARKS.md section keeping the others.
 */
import { fleetLabel, generateHubFleet, HUB_FLEET_SIZES, minimumHubCalls } from '../../../scripts/bench/hub-fleet';
import { replaceSection } from '../../../scripts/bench/report-file';
import { hubCollectorMemoryMb } from '../../../modules/hub/hub-settings';
import { targetListProblems } from '../../../modules/contract/hub-target-list';

describe('generateHubFleet', () => {
  test('1,000 × 25 is 250 accounts × 4 regions × 25 clusters, each account-region once, a valid target list', () => {
    const targets = generateHubFleet({ accountRegions: 1000, clustersPerRegion: 25 });
    expect(targets).toHaveLength(1000);
    expect(new Set(targets.map((t) => t.account)).size).toBe(250);
    expect(new Set(targets.map((t) => `${t.account}/${t.region}`)).size).toBe(1000);
    expect(new Set(targets.map((t) => t.region))).toEqual(new Set(['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']));
    expect(targets.every((t) => Array.isArray(t.clusters) && t.clusters.length === 25)).toBe(true);
    expect(targets[0]).toEqual({ account: '100000000001', region: 'us-east-1', clusters: expect.arrayContaining(['cluster-01', 'cluster-25']) });
    expect(targets[999].account).toBe('100000000250');
    expect(targetListProblems({ version: 1, targets })).toEqual([]);
  });

  test('1 × 3 is one account-region of three clusters; 100 × 3 is 25 accounts × 4 regions', () => {
    expect(generateHubFleet({ accountRegions: 1, clustersPerRegion: 3 })).toEqual([
      { account: '100000000001', region: 'us-east-1', clusters: ['cluster-01', 'cluster-02', 'cluster-03'] },
    ]);
    const hundred = generateHubFleet({ accountRegions: 100, clustersPerRegion: 3 });
    expect(new Set(hundred.map((t) => t.account)).size).toBe(25);
  });

  test('the bench sizes get the memory the issue names: 128 MB up to 100 × 3, 1,024 MB for 1,000 × 25', () => {
    expect(HUB_FLEET_SIZES.map((size) => [fleetLabel(size), hubCollectorMemoryMb(generateHubFleet(size))])).toEqual([
      ['1 × 3', 128],
      ['100 × 3', 128],
      ['1,000 × 25', 1024],
    ]);
  });

  test('a size that does not fill four regions per account, or no clusters, is refused naming the field', () => {
    expect(() => generateHubFleet({ accountRegions: 6, clustersPerRegion: 3 })).toThrow('accountRegions: 6 must be 1 to 4, or a multiple of 4');
    expect(() => generateHubFleet({ accountRegions: 0, clustersPerRegion: 3 })).toThrow('accountRegions: 0');
    expect(() => generateHubFleet({ accountRegions: 4, clustersPerRegion: 0 })).toThrow('clustersPerRegion: 0');
  });
});

describe('minimumHubCalls', () => {
  const fleet = generateHubFleet({ accountRegions: 8, clustersPerRegion: 3 });

  test('warm: one DescribeClusters per account-region up to 100 clusters, PutMetricData by 1,000 datums, no GetObject or AssumeRole', () => {
    expect(minimumHubCalls(fleet, 96, 'warm')).toEqual({ GetObject: 0, AssumeRole: 0, DescribeClusters: 8, PutMetricData: 1 });
  });

  test('cold adds the target list read and one AssumeRole per account (two accounts of four regions)', () => {
    expect(minimumHubCalls(fleet, 96, 'cold')).toEqual({ GetObject: 1, AssumeRole: 2, DescribeClusters: 8, PutMetricData: 1 });
  });

  test('batches round up at their limits: 101 clusters are 2 DescribeClusters, 1,001 datums 2 PutMetricData, 1,000 datums 1', () => {
    const big = [{ account: '100000000001', region: 'us-east-1', clusters: Array.from({ length: 101 }, (_, i) => `c${i}`) }];
    expect(minimumHubCalls(big, 1001, 'warm')).toMatchObject({ DescribeClusters: 2, PutMetricData: 2 });
    expect(minimumHubCalls(big, 1000, 'warm')).toMatchObject({ PutMetricData: 1 });
    expect(minimumHubCalls(generateHubFleet({ accountRegions: 1000, clustersPerRegion: 25 }), 100_000, 'cold')).toEqual({
      GetObject: 1,
      AssumeRole: 250,
      DescribeClusters: 1000,
      PutMetricData: 100,
    });
  });
});

describe('replaceSection', () => {
  const file = '# Benchmarks\n\nheader\n\n## A\n\na text\n\n## B\n\nb text\n';

  test('replaces the named section and keeps the others byte for byte', () => {
    expect(replaceSection(file, 'A', '## A\n\nnew a\n')).toBe('# Benchmarks\n\nheader\n\n## A\n\nnew a\n\n## B\n\nb text\n');
    expect(replaceSection(file, 'B', '## B\n\nnew b')).toBe('# Benchmarks\n\nheader\n\n## A\n\na text\n\n## B\n\nnew b\n');
  });

  test('absent, the section goes after the one named, or at the end', () => {
    expect(replaceSection(file, 'H', '## H\n\nh', 'A')).toBe('# Benchmarks\n\nheader\n\n## A\n\na text\n\n## H\n\nh\n\n## B\n\nb text\n');
    expect(replaceSection(file, 'H', '## H\n\nh', 'missing')).toBe(`${file}\n## H\n\nh\n`);
  });

  test('a heading that only starts like the section is another section', () => {
    const twin = '# T\n\n## Collector work per tick\n\nold\n\n## Collector work per tick, hub\n\nkeep\n';
    expect(replaceSection(twin, 'Collector work per tick', '## Collector work per tick\n\nnew')).toBe(
      '# T\n\n## Collector work per tick\n\nnew\n\n## Collector work per tick, hub\n\nkeep\n',
    );
  });
});
