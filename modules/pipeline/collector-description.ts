/** The collector function's description, kept within Lambda's limit. Pure. */
import { Token } from 'cdktf';
import { LAMBDA_DESCRIPTION_LIMIT } from '../common/aws-limits';

/**
 * The collector's description; Lambda takes 256 characters, so a long namespace is left out of it
 * (and one known only at apply, a Terraform variable, whose length cannot be checked here).
 */
export function collectorDescription(namespace: string, intervalSeconds: number): string {
  const every = Token.isUnresolved(intervalSeconds) ? Token.asString(intervalSeconds) : intervalSeconds;
  const full = `Publishes ECS cluster counts to CloudWatch (${namespace}) every ${every} s`;
  return full.length <= LAMBDA_DESCRIPTION_LIMIT && !Token.isUnresolved(namespace) ? full : `Publishes ECS cluster counts to CloudWatch every ${every} s`;
}
