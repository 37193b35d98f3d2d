/**
 * The hub's shards: a stable hash of `account/region` puts every account-region of any list in
 * exactly one shard of a count, the same one whatever the list's order, and the shards stay even.
 */
import { fnv1a32, putMetricDataInFlightOf, SHARD_LIMITS, shardCountProblem, shardIndexOf, targetsOfShard } from '../../../modules/contract/hub-shards';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';

/** A seeded generator (mulberry32): the same lists every run, no flaky property test. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'cn-north-1', 'us-gov-west-1'];

function randomList(next: () => number, size: number): TargetListEntry[] {
  const seen = new Set<string>();
  const list: TargetListEntry[] = [];
  while (list.length < size) {
    const account = String(Math.floor(next() * 1e12)).padStart(12, '0');
    const region = REGIONS[Math.floor(next() * REGIONS.length)];
    if (seen.has(`${account}/${region}`)) continue;
    seen.add(`${account}/${region}`);
    list.push({ account, region, clusters: next() < 0.2 ? '*' : ['prod'] });
  }
  return list;
}

test('FNV-1a 32 of known texts: the hash is fixed, so a shard stays the same across releases and runtimes', () => {
  expect(fnv1a32('')).toBe(0x811c9dc5);
  expect(fnv1a32('a')).toBe(0xe40c292c);
  expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  expect(shardIndexOf({ account: '111111111111', region: 'us-east-1' }, 8)).toBe(fnv1a32('111111111111/us-east-1') % 8);
});

test('property: over 120 random lists and every count from 1 to 40, each target is in exactly one shard, whatever the order', () => {
  const next = random(21);
  const key = (t: TargetListEntry) => `${t.account}/${t.region}`;
  for (let run = 0; run < 120; run++) {
    const list = randomList(next, 1 + Math.floor(next() * 120));
    const count = 1 + (run % SHARD_LIMITS.maxShards);
    const reversed = [...list].reverse();
    const shards = Array.from({ length: count }, (_, index) => targetsOfShard(list, { index, count }).map(key));
    const ofReversed = Array.from({ length: count }, (_, index) => targetsOfShard(reversed, { index, count }).map(key).reverse());
    const position = new Map(list.map((t, i) => [key(t), i]));
    // Each target once; each shard in the list's order; a reversed list gives the same shards.
    const once = shards.flat();
    const ordered = shards.every((shard) => shard.every((k, i) => i === 0 || position.get(shard[i - 1])! < position.get(k)!));
    const sameReversed = JSON.stringify(ofReversed) === JSON.stringify(shards);
    if (!(once.length === list.length && new Set(once).size === list.length && ordered && sameReversed)) {
      throw new Error(`run ${run}, ${count} shards of ${list.length}: once ${once.length}, ordered ${ordered}, same reversed ${sameReversed}`);
    }
  }
});

test('the shards of 10,000 account-regions (2,500 accounts × 4 regions) are even: each of 16 within 15% of the mean', () => {
  const list: TargetListEntry[] = [];
  for (let a = 0; a < 2_500; a++) {
    for (const region of REGIONS.slice(0, 4)) list.push({ account: String(100_000_000_000 + a * 7919), region, clusters: ['prod'] });
  }
  const sizes = Array.from({ length: 16 }, () => 0);
  for (const target of list) sizes[shardIndexOf(target, 16)]++;
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
  for (const size of sizes) expect(Math.abs(size - 625)).toBeLessThan(625 * 0.15);
});

test('one shard is the whole list; a tick of several shares the PutMetricData requests in flight, each at least one', () => {
  const list = randomList(random(1), 50);
  expect(targetsOfShard(list, { index: 0, count: 1 })).toEqual(list);
  expect([1, 2, 3, 5, 10, 11, 40].map(putMetricDataInFlightOf)).toEqual([10, 5, 3, 2, 1, 1, 1]);
});

test('shard counts: whole numbers from 1 to 40; anything else named with the fix', () => {
  expect([1, 2, 40].map(shardCountProblem)).toEqual([undefined, undefined, undefined]);
  for (const bad of [0, 41, 2.5, '4', null]) {
    expect(shardCountProblem(bad)).toBe(
      `${JSON.stringify(bad)} is not a shard count: use a whole number from 1 to 40 (an inline Map state runs at most 40 invocations at once)`,
    );
  }
});
