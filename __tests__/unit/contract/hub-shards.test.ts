/**
 * The hub's shards: a stable hash of the account puts every account-region of any list in exactly
 * one shard of a count, every region of an account in the same one (so its role is assumed once
 * per tick, fleet-wide), the same whatever the list's order, and the shards stay even.
 */
import {
  fnv1a32,
  putMetricDataInFlightOf,
  SHARD_LIMITS,
  shardCountProblem,
  shardHashOf,
  shardIndexOf,
  targetsOfShard,
} from '../../../modules/contract/hub-shards';
import type { TargetListEntry } from '../../../modules/contract/hub-target-list';
import { FAN_OUT_SIZE, generateHubFleet } from '../../../scripts/bench/hub-fleet';

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

/** Account-regions of random accounts, about a third of them reusing an account already drawn (so accounts have several regions). */
function randomList(next: () => number, size: number): TargetListEntry[] {
  const seen = new Set<string>();
  const list: TargetListEntry[] = [];
  while (list.length < size) {
    const account = list.length > 0 && next() < 0.35 ? list[Math.floor(next() * list.length)].account : String(Math.floor(next() * 1e12)).padStart(12, '0');
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
  // The account alone: its regions share the shard.
  expect(shardHashOf({ account: '111111111111' })).toBe(fnv1a32('111111111111'));
  expect(shardIndexOf({ account: '111111111111', region: 'us-east-1' }, 8)).toBe(fnv1a32('111111111111') % 8);
  expect(shardIndexOf({ account: '111111111111', region: 'eu-west-1' }, 8)).toBe(fnv1a32('111111111111') % 8);
});

test('property: over 120 random lists and every count from 1 to 40, each target is in exactly one shard with every region of its account, whatever the order', () => {
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
    // An account in one shard only: its role is assumed by one invocation of the tick.
    const shardsOfAccount = new Map<string, Set<number>>();
    shards.forEach((shard, index) => {
      for (const k of shard) {
        const account = k.split('/')[0];
        shardsOfAccount.set(account, (shardsOfAccount.get(account) ?? new Set()).add(index));
      }
    });
    const accountsSplit = [...shardsOfAccount.values()].filter((of) => of.size > 1).length;
    if (!(once.length === list.length && new Set(once).size === list.length && ordered && sameReversed && accountsSplit === 0)) {
      throw new Error(
        `run ${run}, ${count} shards of ${list.length}: once ${once.length}, ordered ${ordered}, same reversed ${sameReversed}, accounts split ${accountsSplit}`,
      );
    }
  }
  // The lists did hold accounts of several regions, so the property was tested.
  const list = randomList(random(21), 120);
  expect(new Set(list.map((t) => t.account)).size).toBeLessThan(100);
});

/** Account-regions per shard of `count` over `list`, and the largest and smallest against the mean. */
function balance(list: readonly TargetListEntry[], count: number) {
  const sizes = Array.from({ length: count }, () => 0);
  for (const target of list) sizes[shardIndexOf(target, count)]++;
  const mean = list.length / count;
  return { sizes, most: Math.max(...sizes) / mean, least: Math.min(...sizes) / mean };
}

test('the bench fleet (2,500 accounts × 4 regions, 10,000 account-regions): at every count from 2 to 40 the largest shard is within 1.3× the mean, the smallest above 0.75×', () => {
  // Accounts are the unit: 2,500 of them over 40 shards is about 62 each, ±8 (one standard deviation of a random hash), so ±30% bounds the largest of 40.
  const list = generateHubFleet(FAN_OUT_SIZE);
  expect(new Set(list.map((t) => t.account)).size).toBe(2_500);
  for (let count = 2; count <= SHARD_LIMITS.maxShards; count++) {
    const { sizes, most, least } = balance(list, count);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10_000);
    if (!(most <= 1.3 && least >= 0.75)) throw new Error(`${count} shards: largest ${most.toFixed(3)}×, smallest ${least.toFixed(3)}× the mean`);
  }
  // At the 19 shards the hub chooses for it: within 5%.
  expect(balance(list, 19).most).toBeLessThanOrEqual(1.05);
});

test('accounts of spread IDs (2,500 × 4 regions): each of 16 shards within 20% of the mean (about 156 accounts each, ±8% one standard deviation)', () => {
  const list: TargetListEntry[] = [];
  for (let a = 0; a < 2_500; a++) {
    for (const region of REGIONS.slice(0, 4)) list.push({ account: String(100_000_000_000 + a * 7919), region, clusters: ['prod'] });
  }
  const { sizes } = balance(list, 16);
  for (const size of sizes) expect(Math.abs(size - 625)).toBeLessThan(625 * 0.2);
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
