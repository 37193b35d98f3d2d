/**
 * The SDK clients of the collector and how they retry. Throttling and 5xx answers are retried
 * by the SDK's standard mode (exponential backoff with jitter, at most MAX_ATTEMPTS tries);
 * every call also carries the invocation's deadline (see AwsCalls), so retries never outlive
 * the Lambda timeout.
 */
import { CloudWatchClient, CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { ECSClient, ECSClientConfig } from '@aws-sdk/client-ecs';

export interface Clients {
  readonly ecs: Pick<ECSClient, 'send'>;
  readonly cloudwatch: Pick<CloudWatchClient, 'send'>;
}

/** Tries per call: one, then two retries. */
export const MAX_ATTEMPTS = 3;

/**
 * Standard, not adaptive: adaptive mode throttles the client itself after a throttle, down to
 * half a request a second, for longer than a tick lasts; ticks are better served by retrying now.
 */
export const RETRY_MODE = 'standard';

/**
 * A connection or a silent request gets this long per try, so one stuck try leaves time for the
 * next. Without throwOnRequestTimeout the Node handler only logs a warning at requestTimeout and
 * keeps waiting: the try is then never abandoned, never retried, and uses the whole budget.
 */
export const HTTP_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 3_000, throwOnRequestTimeout: true } as const;

/** Client settings every client shares; `overrides` lets tests plug in a request handler or a local endpoint. */
export type ClientOverrides = Partial<Pick<ECSClientConfig & CloudWatchClientConfig, 'region' | 'credentials' | 'endpoint' | 'requestHandler'>>;

export function createClients(overrides: ClientOverrides = {}): { ecs: ECSClient; cloudwatch: CloudWatchClient } {
  const config = { retryMode: RETRY_MODE, maxAttempts: MAX_ATTEMPTS, requestHandler: HTTP_TIMEOUTS, ...overrides };
  return { ecs: new ECSClient(config), cloudwatch: new CloudWatchClient(config) };
}
