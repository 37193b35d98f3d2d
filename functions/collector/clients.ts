/**
 * The SDK clients of the collector and how they retry. Throttling and 5xx answers are retried
 * by the SDK's standard mode (exponential backoff with jitter, at most MAX_ATTEMPTS tries);
 * every call also carries the invocation's deadline (see AwsCalls), so retries never outlive
 * the Lambda timeout.
 */
import { CloudWatchClient, CloudWatchClientConfig } from '@aws-sdk/client-cloudwatch';
import { ECSClient, ECSClientConfig } from '@aws-sdk/client-ecs';
import { NodeHttpHandler, NodeHttpHandlerOptions } from '@smithy/node-http-handler';

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

/**
 * The HTTP handler of every client: this repository's @smithy/node-http-handler, bundled into the
 * collector, not the Lambda runtime's. The runtime's SDK changes with time, and before 4.4.0 its
 * handler has no throwOnRequestTimeout (requestTimeout there only limits a silent socket, so an
 * answer that trickles in is waited on until the tick's deadline); a handler instance makes every
 * client use the bundled one, whatever SDK the runtime provides.
 */
export function httpHandler(options: NodeHttpHandlerOptions = HTTP_TIMEOUTS): NodeHttpHandler {
  return new NodeHttpHandler(options);
}

/**
 * Client settings every client shares; `overrides` lets tests plug in a local endpoint, or a request
 * handler: a handler object is used as is, handler options go to the bundled handler.
 */
export type ClientOverrides = Partial<Pick<ECSClientConfig & CloudWatchClientConfig, 'region' | 'credentials' | 'endpoint' | 'requestHandler'>>;

/** A handler of its own for each client (each with its connections), from the options or handler given. */
function handlerFor(given: ClientOverrides['requestHandler']): NonNullable<ClientOverrides['requestHandler']> {
  if (given !== undefined && typeof (given as { handle?: unknown }).handle === 'function') return given;
  return httpHandler((given as NodeHttpHandlerOptions | undefined) ?? HTTP_TIMEOUTS);
}

export function createClients(overrides: ClientOverrides = {}): { ecs: ECSClient; cloudwatch: CloudWatchClient } {
  const config = { retryMode: RETRY_MODE, maxAttempts: MAX_ATTEMPTS, ...overrides };
  return {
    ecs: new ECSClient({ ...config, requestHandler: handlerFor(overrides.requestHandler) }),
    cloudwatch: new CloudWatchClient({ ...config, requestHandler: handlerFor(overrides.requestHandler) }),
  };
}
