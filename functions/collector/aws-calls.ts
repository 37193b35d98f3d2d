/**
 * Every AWS call of one invocation goes through here: counted for the summary line, at most
 * MAX_IN_FLIGHT at once per service (a long service list is spread out, not fired at once),
 * and stopped at its deadline, so the SDK's retries end before the Lambda timeout.
 */
import { PutMetricDataCommand, PutMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import {
  DescribeClustersCommand,
  DescribeClustersCommandInput,
  DescribeServicesCommand,
  DescribeServicesCommandInput,
  ListServicesCommand,
  ListServicesCommandInput,
} from '@aws-sdk/client-ecs';
import type { Clients } from './clients';
import { Semaphore } from './bounded';

/** Requests in flight per service at most. */
export const MAX_IN_FLIGHT = 10;

export type ApiName = 'DescribeClusters' | 'ListServices' | 'DescribeServices' | 'PutMetricData';

/** A call given up because its deadline came first. */
export class DeadlineError extends Error {
  constructor(api: ApiName) {
    super(`${api} was stopped at its deadline, before the Lambda timeout`);
    this.name = 'DeadlineError';
  }
}

/**
 * `sent`, or a DeadlineError when the deadline passes first. The SDK stops its own retries on the
 * same signal; this also covers what it does not abort (resolving credentials, a mocked client).
 */
function untilDeadline<T>(sent: Promise<T>, deadline: AbortSignal, api: ApiName): Promise<T> {
  if (deadline.aborted) return Promise.reject(new DeadlineError(api));
  let stop!: () => void;
  const stopped = new Promise<never>((_, reject) => {
    stop = () => reject(new DeadlineError(api));
  });
  deadline.addEventListener('abort', stop, { once: true });
  return Promise.race([sent, stopped]).finally(() => deadline.removeEventListener('abort', stop));
}

/** `Name: message` of a failed call, for reports. */
export function reasonOf(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** When calls stop: ECS calls (collecting) and CloudWatch calls (publishing); absent, never. */
export interface Deadlines {
  readonly collect?: AbortSignal;
  readonly publish?: AbortSignal;
}

export class AwsCalls {
  /** Calls made, per API (an SDK retry is not a new call). */
  public readonly calls: Record<ApiName, number> = { DescribeClusters: 0, ListServices: 0, DescribeServices: 0, PutMetricData: 0 };
  /** Retries the SDK made inside those calls. */
  public retries = 0;
  private readonly ecs: { readonly limit: Semaphore; readonly deadline?: AbortSignal };
  private readonly cloudwatch: { readonly limit: Semaphore; readonly deadline?: AbortSignal };

  /** `limits.cloudwatchInFlight`: PutMetricData requests in flight at most (a hub shard's share), default MAX_IN_FLIGHT. */
  constructor(
    private readonly clients: Clients,
    deadlines: Deadlines = {},
    limits: { readonly cloudwatchInFlight?: number } = {},
  ) {
    this.ecs = { limit: new Semaphore(MAX_IN_FLIGHT), deadline: deadlines.collect };
    this.cloudwatch = { limit: new Semaphore(limits.cloudwatchInFlight ?? MAX_IN_FLIGHT), deadline: deadlines.publish };
  }

  describeClusters(input: DescribeClustersCommandInput) {
    return this.call('DescribeClusters', this.ecs, (options) => this.clients.ecs.send(new DescribeClustersCommand(input), options));
  }

  listServices(input: ListServicesCommandInput) {
    return this.call('ListServices', this.ecs, (options) => this.clients.ecs.send(new ListServicesCommand(input), options));
  }

  describeServices(input: DescribeServicesCommandInput) {
    return this.call('DescribeServices', this.ecs, (options) => this.clients.ecs.send(new DescribeServicesCommand(input), options));
  }

  putMetricData(input: PutMetricDataCommandInput) {
    return this.call('PutMetricData', this.cloudwatch, (options) => this.clients.cloudwatch.send(new PutMetricDataCommand(input), options));
  }

  private async call<T extends { $metadata?: { attempts?: number } }>(
    api: ApiName,
    { limit, deadline }: { readonly limit: Semaphore; readonly deadline?: AbortSignal },
    send: (options: { abortSignal?: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    return limit.run(async () => {
      if (deadline?.aborted) throw new DeadlineError(api);
      this.calls[api]++;
      try {
        const sent = send(deadline ? { abortSignal: deadline } : {});
        const output = await (deadline ? untilDeadline(sent, deadline, api) : sent);
        this.countRetries(output?.$metadata);
        return output;
      } catch (error) {
        this.countRetries((error as { $metadata?: { attempts?: number } })?.$metadata);
        throw deadline?.aborted ? new DeadlineError(api) : error;
      }
    });
  }

  private countRetries(metadata: { attempts?: number } | undefined) {
    this.retries += Math.max(0, (metadata?.attempts ?? 1) - 1);
  }
}
