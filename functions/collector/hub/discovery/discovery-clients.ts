/**
 * The discovery's SDK clients: S3 and STS in the hub's region; Organizations with the read
 * role's credentials; EC2 (DescribeRegions) and ECS (ListClusters) with each member account's
 * spoke role. The member clients are made per call and not kept: 5,000 accounts × 17 regions
 * would otherwise keep 85,000 clients in memory. They share one bounded connection pool.
 * Only the commands used are imported, so the bundle stays small (the SDK is the runtime's).
 */
import { Agent } from 'node:https';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import { HTTP_TIMEOUTS, httpHandler, MAX_ATTEMPTS, RETRY_MODE } from '../../clients';
import { createS3Client, createStsClient } from '../hub-clients';
import type { AssumedCredentials } from '../spoke-credentials';

type CredentialProvider = () => Promise<AssumedCredentials>;

export interface DiscoveryClients {
  readonly s3: Pick<S3Client, 'send'>;
  readonly sts: Pick<STSClient, 'send'>;
  /** Organizations (a global service: the SDK resolves its one endpoint of the partition from any region). */
  organizations(credentials: CredentialProvider): Pick<OrganizationsClient, 'send'>;
  ec2(region: string, credentials: CredentialProvider): Pick<EC2Client, 'send'>;
  ecs(region: string, credentials: CredentialProvider): Pick<ECSClient, 'send'>;
}

/** Sockets open at once across the member clients: the discovery's calls in flight, with room. */
export const MAX_DISCOVERY_SOCKETS = 32;

/** The Lambda container's clients, in the hub's region. */
export function createDiscoveryClients(region?: string): DiscoveryClients {
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_DISCOVERY_SOCKETS, maxTotalSockets: MAX_DISCOVERY_SOCKETS });
  const settings = { retryMode: RETRY_MODE, maxAttempts: MAX_ATTEMPTS, requestHandler: httpHandler({ ...HTTP_TIMEOUTS, httpsAgent: agent }) };
  let organizations: { provider: CredentialProvider; client: OrganizationsClient } | undefined;
  return {
    s3: createS3Client(region),
    sts: createStsClient(region),
    organizations(credentials) {
      if (organizations?.provider !== credentials)
        organizations = { provider: credentials, client: new OrganizationsClient({ region, credentials, ...settings }) };
      return organizations.client;
    },
    ec2: (memberRegion, credentials) => new EC2Client({ region: memberRegion, credentials, ...settings }),
    ecs: (memberRegion, credentials) => new ECSClient({ region: memberRegion, credentials, ...settings }),
  };
}
