/**
 * Credentials of the spoke role of each member account, from STS AssumeRole, kept across warm
 * invocations: assumed once, refreshed in the background well before they expire, so a tick
 * never waits for STS and never makes one AssumeRole per account per tick. Callers asking at
 * the same time share one AssumeRole; a failure is remembered briefly, then tried again.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { reasonOf } from '../aws-calls';
import { Semaphore } from '../bounded';
import { type Pace, RatePacer } from './rate-pacer';
import { SpokeRole, spokeRoleArn } from './targets';

/** Temporary credentials of a spoke role, in the shape SDK clients take. */
export interface AssumedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** One hour: the most STS grants when a role's session assumes another role (role chaining). */
export const SESSION_SECONDS = 3600;

/** With less than this left, the credentials are refreshed in the background while still used. */
export const REFRESH_AHEAD_MS = 15 * 60_000;

/**
 * With less than this left, callers wait for fresh credentials. The SDK clients treat credentials
 * with under 5 minutes left as expired, so none are handed out that close to their end.
 */
export const MIN_VALIDITY_MS = 5 * 60_000;

/** A failed AssumeRole is answered from memory this long, then tried again: a role created later is picked up. */
export const FAILURE_BACKOFF_MS = 10_000;

/**
 * AssumeRole calls in flight at most: a cold start of a 1,000-account hub asks for every account at
 * once. This bounds the connections, not the rate (25 answered in 10 ms would be 2,500 a second): the
 * pace does that (RatePacer; the collector's from assumeRolePaceOf, else DISCOVERY_ASSUME_ROLE_PACE).
 */
export const ASSUME_ROLE_CONCURRENCY = 25;

/**
 * AssumeRole starts a second when the owner sets no pace: the discovery's (it assumes each member
 * account's spoke role to list its regions and clusters). A quarter of STS's 600 a second per account
 * and Region (STS_QUOTAS); the collector's tick keeps to half (SHARD_LIMITS.assumeRolesPerSecondPerTick),
 * so both cold at once stay under the quota. At 5,000 accounts a cold discovery assumes every role in 33 s.
 */
export const DISCOVERY_ASSUME_ROLE_PACE: Pace = { perSecond: 150, burst: ASSUME_ROLE_CONCURRENCY };

/** The spoke role of an account could not be assumed: everything of that account is lost. */
export class AssumeRoleError extends Error {
  constructor(
    public readonly roleArn: string,
    cause: unknown,
  ) {
    super(`AssumeRole of ${roleArn} failed: ${reasonOf(cause)}`);
    this.name = 'AssumeRoleError';
  }
}

interface Entry {
  credentials?: AssumedCredentials;
  inFlight?: Promise<AssumedCredentials>;
  failure?: { readonly error: AssumeRoleError; readonly at: number };
}

export class SpokeCredentials {
  /** AssumeRole calls made, for the summary line and the tests. */
  public assumeRoleCalls = 0;
  private readonly entries = new Map<string, Entry>();

  private readonly failureBackoffMs: number;
  private readonly inFlight: Semaphore;
  /** Spaces the AssumeRole starts to the pace (its own clock, Date.now: the waits are real timers). */
  public readonly pacer: RatePacer;

  constructor(
    private readonly sts: Pick<STSClient, 'send'>,
    private readonly role: SpokeRole,
    private readonly now: () => number = Date.now,
    options: { readonly failureBackoffMs?: number; readonly maxInFlight?: number; readonly pace?: Pace } = {},
  ) {
    this.failureBackoffMs = options.failureBackoffMs ?? FAILURE_BACKOFF_MS;
    this.inFlight = new Semaphore(options.maxInFlight ?? ASSUME_ROLE_CONCURRENCY);
    this.pacer = new RatePacer(options.pace ?? DISCOVERY_ASSUME_ROLE_PACE);
  }

  /** Credentials of the account's spoke role with at least MIN_VALIDITY_MS left; rejects with an AssumeRoleError. */
  get(account: string): Promise<AssumedCredentials> {
    const roleArn = spokeRoleArn(this.role, account);
    let entry = this.entries.get(roleArn);
    if (!entry) this.entries.set(roleArn, (entry = {}));
    const now = this.now();
    const left = entry.credentials ? entry.credentials.expiration.getTime() - now : 0;
    const recentFailure = entry.failure && now - entry.failure.at < this.failureBackoffMs ? entry.failure.error : undefined;
    if (left > REFRESH_AHEAD_MS) return Promise.resolve(entry.credentials!);
    if (left > MIN_VALIDITY_MS) {
      // Still good for a while: refresh behind the callers' backs, unless STS just refused.
      if (!recentFailure) this.refresh(roleArn, entry).catch(() => undefined);
      return Promise.resolve(entry.credentials!);
    }
    if (recentFailure && !entry.inFlight) return Promise.reject(recentFailure);
    return this.refresh(roleArn, entry);
  }

  /** A credential provider for an SDK client of the account: the client's calls share this cache. */
  provider(account: string): () => Promise<AssumedCredentials> {
    return () => this.get(account);
  }

  /** The one AssumeRole in flight for the role, started if none is. */
  private refresh(roleArn: string, entry: Entry): Promise<AssumedCredentials> {
    if (entry.inFlight) return entry.inFlight;
    this.assumeRoleCalls++;
    const assumed = this.assume(roleArn).then(
      (credentials) => {
        entry.credentials = credentials;
        entry.failure = undefined;
        return credentials;
      },
      (cause: unknown) => {
        const error = cause instanceof AssumeRoleError ? cause : new AssumeRoleError(roleArn, cause);
        entry.failure = { error, at: this.now() };
        throw error;
      },
    );
    entry.inFlight = assumed.finally(() => {
      entry.inFlight = undefined;
    });
    return entry.inFlight;
  }

  private async assume(roleArn: string): Promise<AssumedCredentials> {
    const command = new AssumeRoleCommand({
      RoleArn: roleArn,
      RoleSessionName: this.role.sessionName,
      DurationSeconds: SESSION_SECONDS,
      ...(this.role.externalId !== undefined ? { ExternalId: this.role.externalId } : {}),
    });
    // A slot in flight, then a start within the pace: STS's quota counts requests a second, whatever their latency.
    const output = await this.inFlight.run(async () => {
      await this.pacer.take();
      return this.sts.send(command);
    });
    const c = output.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
      throw new AssumeRoleError(roleArn, new Error('STS answered without complete credentials'));
    }
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  }
}
