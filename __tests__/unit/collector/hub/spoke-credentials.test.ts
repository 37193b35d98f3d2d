/**
 * Spoke role credentials: one AssumeRole per account per session, refreshed ahead of expiry,
 * shared by concurrent callers, a failure remembered only briefly.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ASSUME_ROLE_CONCURRENCY,
  AssumeRoleError,
  DISCOVERY_ASSUME_ROLE_PACE,
  FAILURE_BACKOFF_MS,
  MIN_VALIDITY_MS,
  REFRESH_AHEAD_MS,
  SESSION_SECONDS,
  SpokeCredentials,
} from '../../../../functions/collector/hub/spoke-credentials';
import type { SpokeRole } from '../../../../functions/collector/hub/targets';
import { accessKeyOf, assumeRoleInputs, fakeClock, givenSts, STSClient } from '../../../support/fake-spokes';

const sts = mockClient(STSClient);
const ROLE: SpokeRole = { partition: 'aws', name: 'ecs-highres-spoke', path: '/platform/', sessionName: 'ecs-highres-hub' };
const A = '111111111111';
const B = '222222222222';
const MINUTE = 60_000;

let clock: ReturnType<typeof fakeClock>;
const cacheOf = (role = ROLE) => new SpokeCredentials(new STSClient({ region: 'us-east-1' }), role, clock.now);
/** Lets background refreshes settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(() => {
  sts.reset();
  clock = fakeClock();
  givenSts(sts, clock);
});

test('assumes the spoke role of the account with the exact request: role ARN with its path, session name, one hour', async () => {
  const credentials = await cacheOf().get(A);
  expect(assumeRoleInputs(sts)).toEqual([
    { RoleArn: `arn:aws:iam::${A}:role/platform/ecs-highres-spoke`, RoleSessionName: 'ecs-highres-hub', DurationSeconds: SESSION_SECONDS },
  ]);
  expect(credentials).toEqual({
    accessKeyId: accessKeyOf(A),
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: new Date(clock.now() + 3_600_000),
  });
});

test('passes the external ID when the spoke role asks for one', async () => {
  await cacheOf({ ...ROLE, path: '/', externalId: 'acme-ecs-7f3a' }).get(A);
  expect(assumeRoleInputs(sts)).toEqual([
    { RoleArn: `arn:aws:iam::${A}:role/ecs-highres-spoke`, RoleSessionName: 'ecs-highres-hub', DurationSeconds: 3600, ExternalId: 'acme-ecs-7f3a' },
  ]);
});

test('a tick every 5 seconds for 40 minutes assumes each account once', async () => {
  const cache = cacheOf();
  for (let t = 0; t < 40 * 12; t++) {
    await Promise.all([cache.get(A), cache.get(B)]);
    clock.advance(5_000);
  }
  expect(assumeRoleInputs(sts).map((i) => i.RoleArn)).toEqual([
    `arn:aws:iam::${A}:role/platform/ecs-highres-spoke`,
    `arn:aws:iam::${B}:role/platform/ecs-highres-spoke`,
  ]);
  expect(cache.assumeRoleCalls).toBe(2);
});

test('inside the refresh window, callers get the current credentials at once and one refresh runs behind them', async () => {
  const cache = cacheOf();
  const first = await cache.get(A);
  clock.advance(3_600_000 - REFRESH_AHEAD_MS + MINUTE); // 14 minutes left
  const during = await Promise.all([cache.get(A), cache.get(A), cache.get(A)]);
  expect(during).toEqual([first, first, first]);
  await settle();
  expect(assumeRoleInputs(sts)).toHaveLength(2);
  const refreshed = await cache.get(A);
  expect(refreshed.accessKeyId).toBe(accessKeyOf(A, 2));
  expect(refreshed.expiration.getTime()).toBe(clock.now() + 3_600_000);
  expect(assumeRoleInputs(sts)).toHaveLength(2);
});

test('credentials with less than the minimum validity left are never handed out: callers wait for new ones', async () => {
  const cache = cacheOf();
  await cache.get(A);
  clock.advance(3_600_000 - MIN_VALIDITY_MS + 1_000); // 4 minutes left: the SDK would call them expired
  const fresh = await cache.get(A);
  expect(fresh.accessKeyId).toBe(accessKeyOf(A, 2));
  expect(fresh.expiration.getTime() - clock.now()).toBeGreaterThan(MIN_VALIDITY_MS);
});

test('concurrent callers share one AssumeRole in flight', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  sts.on(AssumeRoleCommand).callsFake(async () => {
    await gate;
    return { Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(clock.now() + 3_600_000) } };
  });
  const cache = cacheOf();
  const waiting = Array.from({ length: 20 }, () => cache.get(A));
  release();
  const answers = await Promise.all(waiting);
  expect(new Set(answers.map((c) => c.accessKeyId))).toEqual(new Set(['ASIA1']));
  expect(assumeRoleInputs(sts)).toHaveLength(1);
});

test('a refused AssumeRole is answered from memory for the backoff, then tried again, and success is cached', async () => {
  sts.reset();
  givenSts(sts, clock, [A]);
  const cache = cacheOf();
  await expect(cache.get(A)).rejects.toThrow(/^AssumeRole of arn:aws:iam::111111111111:role\/platform\/ecs-highres-spoke failed: AccessDenied/);
  await expect(cache.get(A)).rejects.toBeInstanceOf(AssumeRoleError);
  expect(assumeRoleInputs(sts)).toHaveLength(1);
  clock.advance(FAILURE_BACKOFF_MS);
  // GIVEN the spoke stack was applied meanwhile
  sts.reset();
  givenSts(sts, clock);
  await expect(cache.get(A)).resolves.toMatchObject({ accessKeyId: accessKeyOf(A) });
  await cache.get(A);
  expect(assumeRoleInputs(sts)).toHaveLength(1);
});

test('the error names the role ARN and what STS said', async () => {
  sts.reset();
  givenSts(sts, clock, [B]);
  await expect(cacheOf().get(B)).rejects.toThrow(
    /^AssumeRole of arn:aws:iam::222222222222:role\/platform\/ecs-highres-spoke failed: AccessDenied: User: .* is not authorized to perform: sts:AssumeRole/,
  );
});

test('one account refused does not touch another', async () => {
  sts.reset();
  givenSts(sts, clock, [A]);
  const cache = cacheOf();
  const [a, b] = await Promise.allSettled([cache.get(A), cache.get(B)]);
  expect(a.status).toBe('rejected');
  expect(b).toMatchObject({ status: 'fulfilled', value: { accessKeyId: accessKeyOf(B) } });
});

test('a failed background refresh keeps the current credentials, and is retried after the backoff', async () => {
  const cache = cacheOf();
  const first = await cache.get(A);
  sts.reset();
  givenSts(sts, clock, [A]);
  clock.advance(50 * MINUTE); // 10 minutes left
  await expect(cache.get(A)).resolves.toEqual(first);
  await settle();
  await expect(cache.get(A)).resolves.toEqual(first);
  await settle();
  expect(assumeRoleInputs(sts)).toHaveLength(1); // the refusal, not one per caller
  clock.advance(FAILURE_BACKOFF_MS);
  sts.reset();
  givenSts(sts, clock);
  await cache.get(A);
  await settle();
  expect((await cache.get(A)).expiration.getTime()).toBe(clock.now() + 3_600_000);
});

test('STS answering without complete credentials is a failure, not credentials', async () => {
  sts.on(AssumeRoleCommand).resolves({ Credentials: { AccessKeyId: 'ASIA1', SecretAccessKey: 's', SessionToken: undefined as any, Expiration: new Date() } });
  await expect(cacheOf().get(A)).rejects.toThrow('STS answered without complete credentials');
});

test('account IDs that look like object keys are just accounts', async () => {
  const cache = cacheOf();
  await cache.get('__proto__' as string);
  await cache.get('constructor' as string);
  expect(assumeRoleInputs(sts).map((i) => i.RoleArn)).toEqual([
    'arn:aws:iam::__proto__:role/platform/ecs-highres-spoke',
    'arn:aws:iam::constructor:role/platform/ecs-highres-spoke',
  ]);
});

test('a cold start asking for many accounts at once has at most ASSUME_ROLE_CONCURRENCY AssumeRole calls in flight', async () => {
  let inFlight = 0;
  let peak = 0;
  sts.on(AssumeRoleCommand).callsFake(async (input) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 2));
    inFlight--;
    return {
      Credentials: {
        AccessKeyId: `ASIA${input.RoleArn.split(':')[4]}N1`,
        SecretAccessKey: 's',
        SessionToken: 't',
        Expiration: new Date(clock.now() + 3_600_000),
      },
    };
  });
  const cache = cacheOf();
  const accounts = Array.from({ length: 120 }, (_, i) => String(100000000000 + i));
  const credentials = await Promise.all(accounts.map((account) => cache.get(account)));
  expect(credentials.map((c) => c.accessKeyId)).toEqual(accounts.map((account) => `ASIA${account}N1`));
  expect(peak).toBe(ASSUME_ROLE_CONCURRENCY);
  expect(assumeRoleInputs(sts)).toHaveLength(120);
});

describe('AssumeRole paced to a share of STS quota', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('30 accounts at once with a pace of 100 a second and a burst of 5: 5 at once, then one every 10 ms, each account once', async () => {
    jest.useFakeTimers({ now: clock.now() });
    const cache = new SpokeCredentials(new STSClient({ region: 'us-east-1' }), ROLE, clock.now, { pace: { perSecond: 100, burst: 5 } });
    const accounts = Array.from({ length: 30 }, (_, i) => String(100000000000 + i));
    const all = Promise.all(accounts.map((account) => cache.get(account)));
    await jest.advanceTimersByTimeAsync(0);
    expect(assumeRoleInputs(sts)).toHaveLength(5);
    await jest.advanceTimersByTimeAsync(10);
    expect(assumeRoleInputs(sts)).toHaveLength(6);
    await jest.advanceTimersByTimeAsync(90);
    expect(assumeRoleInputs(sts)).toHaveLength(15);
    await jest.advanceTimersByTimeAsync(150);
    // Each account's own credentials (the key names the account, then the how-manyth STS issued).
    expect((await all).map((c) => c.accessKeyId.slice(4, 16))).toEqual(accounts);
    // In the order asked, each account once.
    expect(assumeRoleInputs(sts).map((input) => input.RoleArn!.split(':')[4])).toEqual(accounts);
  });

  test('the default pace is the discovery’s: 150 a second after a burst of ASSUME_ROLE_CONCURRENCY', () => {
    expect(cacheOf().pacer.pace).toEqual(DISCOVERY_ASSUME_ROLE_PACE);
    expect(DISCOVERY_ASSUME_ROLE_PACE).toEqual({ perSecond: 150, burst: ASSUME_ROLE_CONCURRENCY });
  });
});
