/**
 * The collector Lambda: publishes the ECS counts of every listed cluster of its account-region
 * to CloudWatch at 1-second resolution, for one tick.
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { collect } from './collect';
import { parseEvent } from './event';

// Created once per container: warm invocations reuse the clients and their connections.
export const clients = {
  ecs: new ECSClient({ retryMode: 'standard', maxAttempts: 3 }),
  cloudwatch: new CloudWatchClient({ retryMode: 'standard', maxAttempts: 3 }),
};

export async function handler(event: unknown) {
  const started = Date.now();
  const request = parseEvent(event);
  const summary = await collect(request, clients);
  for (const { cluster, reason } of summary.skipped) {
    console.warn(JSON.stringify({ message: 'cluster skipped', cluster, reason }));
  }
  console.info(
    JSON.stringify({
      message: 'published',
      timestamp: request.timestamp.toISOString(),
      ...summary,
      skipped: summary.skipped.length,
      durationMs: Date.now() - started,
    }),
  );
  return { ...summary, timestamp: request.timestamp.toISOString() };
}
