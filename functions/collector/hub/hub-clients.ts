/**
 * The SDK clients of the hub collector: one STS and one S3 client (the target list) in the hub's region, and one ECS client
 * per member account-region, created on first use and kept across warm invocations (with its
 * credentials and connections). All ECS clients share one connection pool, bounded, so 1,000
 * account-regions do not hold 1,000 idle sockets against Lambda's 1,024 file descriptors;
 * sharing is safe because a connection carries no identity (every request is signed).
 */
import { Agent } from 'node:https';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { HTTP_TIMEOUTS, httpHandler, MAX_ATTEMPTS, RETRY_MODE } from '../clients';
import type { SpokeCredentials } from './spoke-credentials';
import { HubTarget, targetKey } from './targets';

/** Sockets open at once across every ECS client; matches the bound on account-regions in flight. */
export const MAX_ECS_SOCKETS = 50;

/** The STS client that assumes the spoke roles: the regional endpoint of the hub's own region. */
export function createStsClient(region?: string): STSClient {
  return new STSClient({ region, retryMode: RETRY_MODE, maxAttempts: MAX_ATTEMPTS, requestHandler: httpHandler() });
}

/** The S3 client that reads the target list from the hub's own bucket. */
export function createS3Client(region?: string): S3Client {
  return new S3Client({ region, retryMode: RETRY_MODE, maxAttempts: MAX_ATTEMPTS, requestHandler: httpHandler() });
}

export class EcsClientPool {
  private readonly clients = new Map<string, ECSClient>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: MAX_ECS_SOCKETS, maxTotalSockets: MAX_ECS_SOCKETS });

  constructor(private readonly credentials: SpokeCredentials) {}

  /** The ECS client of the account-region, signing with its account's spoke role. */
  get(target: Pick<HubTarget, 'account' | 'region'>): ECSClient {
    const key = targetKey(target);
    let client = this.clients.get(key);
    if (!client) {
      client = new ECSClient({
        region: target.region,
        credentials: this.credentials.provider(target.account),
        retryMode: RETRY_MODE,
        maxAttempts: MAX_ATTEMPTS,
        requestHandler: httpHandler({ ...HTTP_TIMEOUTS, httpsAgent: this.agent }),
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /** Clients created so far (one per account-region ever collected). */
  get size(): number {
    return this.clients.size;
  }
}
