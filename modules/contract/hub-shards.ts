/**
 * The hub's fan-out: when one collector invocation cannot finish a tick's account-regions within
 * half the interval, each tick runs `count` invocations at once (an inline Map state over shard
 * indexes), and invocation `index` collects the account-regions whose account's stable hash is
 * `index` modulo `count`. By account, not account-region: every region of an account is in the same
 * shard, so a fleet-wide cold start assumes each account's spoke role once, not once per shard its
 * regions fell in (2,500 AssumeRole instead of about 9,200 for 2,500 accounts × 4 regions over 19
 * shards). The state machine (modules/pipeline), the collector (functions/collector/hub) and the
 * tick model (modules/hub/hub-tick.ts) all use this file, so they cannot disagree on a shard.
 */
import type { TargetListEntry } from './hub-target-list';

/** Which shard of the tick an invocation collects. */
export interface Shard {
  /** 0 to count − 1. */
  readonly index: number;
  /** Invocations per tick, 1 to SHARD_LIMITS.maxShards. */
  readonly count: number;
}

export const SHARD_LIMITS = {
  /**
   * An inline Map state runs at most 40 iterations at once ("In this mode, the Map state supports up
   * to 40 concurrent iterations": docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html);
   * more shards would run one after another, and the tick would no longer end within its interval.
   */
  maxShards: 40,
  /**
   * PutMetricData requests in flight of the whole tick, shared by its shards (each at least one): the
   * unsharded collector's own bound (MAX_IN_FLIGHT), so fanning out does not multiply the hub's
   * request rate against CloudWatch's per-account-region quota (CLOUDWATCH_QUOTAS).
   */
  putMetricDataInFlightPerTick: 10,
  /**
   * AssumeRole starts a second of the whole tick, shared by its shards: half STS's quota
   * (STS_QUOTAS.assumeRoleTps, 600 per account and Region), so a fleet-wide cold start stays within it
   * while the discovery assumes roles too (a quarter: DISCOVERY_ASSUME_ROLE_PACE; 450 together), or
   * while a slow cold tick overlaps the next one (two ticks' invocations at once: the quota itself).
   * Each invocation paces itself: nothing bounds the containers of more overlapping cold ticks.
   */
  assumeRolesPerSecondPerTick: 300,
  /** AssumeRole starts at once after an idle while, shared the same way: the collector's AssumeRole calls in flight. */
  assumeRoleBurstPerTick: 25,
} as const;

/** 32-bit FNV-1a of the UTF-16 code units of `text`: stable across runtimes, releases and list orders. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The hash a target's shard comes from: its account's alone, so all its regions share one shard (and one AssumeRole). */
export function shardHashOf(target: Pick<TargetListEntry, 'account'> & Partial<Pick<TargetListEntry, 'region'>>): number {
  return fnv1a32(target.account);
}

/** The shard index of an account-region among `count`: its account's hash modulo count. */
export function shardIndexOf(target: Pick<TargetListEntry, 'account'> & Partial<Pick<TargetListEntry, 'region'>>, count: number): number {
  return shardHashOf(target) % count;
}

/** The targets of `shard`, in the list's order; every target is in exactly one shard of a count, with every other region of its account. */
export function targetsOfShard<T extends Pick<TargetListEntry, 'account'>>(targets: readonly T[], shard: Shard): T[] {
  return shard.count === 1 ? [...targets] : targets.filter((target) => shardIndexOf(target, shard.count) === shard.index);
}

/** PutMetricData requests one invocation of `count` shards keeps in flight: its share of the tick's, at least one. */
export function putMetricDataInFlightOf(count: number): number {
  return Math.max(1, Math.floor(SHARD_LIMITS.putMetricDataInFlightPerTick / count));
}

/** The AssumeRole pace of one invocation of `count` shards: its share of the tick's rate and burst (the burst at least one). */
export function assumeRolePaceOf(count: number): { readonly perSecond: number; readonly burst: number } {
  return {
    perSecond: SHARD_LIMITS.assumeRolesPerSecondPerTick / count,
    burst: Math.max(1, Math.floor(SHARD_LIMITS.assumeRoleBurstPerTick / count)),
  };
}

/** Why `count` cannot be a shard count, or undefined. */
export function shardCountProblem(count: unknown): string | undefined {
  if (typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= SHARD_LIMITS.maxShards) return undefined;
  return `${JSON.stringify(count)} is not a shard count: use a whole number from 1 to ${SHARD_LIMITS.maxShards} (an inline Map state runs at most ${SHARD_LIMITS.maxShards} invocations at once)`;
}
