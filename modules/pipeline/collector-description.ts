/** The collector function's description, kept within Lambda's limit. Pure. */
import { LAMBDA_DESCRIPTION_LIMIT } from '../common/aws-limits';

/** The collector's description; Lambda takes 256 characters, so a long namespace is left out of it. */
export function collectorDescription(namespace: string, intervalSeconds: number): string {
  const full = `Publishes ECS cluster counts to CloudWatch (${namespace}) every ${intervalSeconds} s`;
  return full.length <= LAMBDA_DESCRIPTION_LIMIT ? full : `Publishes ECS cluster counts to CloudWatch every ${intervalSeconds} s`;
}
