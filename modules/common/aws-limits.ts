/**
 * AWS size limits a pipeline's settings can cross, each a named constant with its source, and
 * the check of one measured size against it: the problem names the thing, its size, the limit
 * and the fix. Sizes of documents holding references are measured with each unknown part at its
 * longest (see longestEnvironment), so a token never hides an oversize document. Pure.
 */
import { Token } from 'cdktf';
import type { Environment } from './environment';
import type { Problem } from './errors';
import { LONGEST_KNOWN_REGION } from './name-rules';

/** EventBridge PutTargets: a target's Input is at most 8,192 characters. */
export const RULE_TARGET_INPUT_LIMIT = 8192;
/**
 * Step Functions: an execution's input and the data passed between states are at most 256 KiB
 * (UTF-8). Scheduler documents no maximum for a target's Input, so this is the schedule input's limit too.
 */
export const EXECUTION_DATA_LIMIT_BYTES = 256 * 1024;
/** Step Functions: a state machine definition is at most 1 MiB. */
export const DEFINITION_LIMIT_BYTES = 1024 * 1024;
/** IAM: characters, whitespace not counted (IAM's own measure, policySize): the default quotas of an account. */
export const IAM_LIMITS = {
  /** All inline policies of one role together. */
  inlinePerRole: 10_240,
  /** One customer managed policy. */
  managedPolicy: 6_144,
  /** A role's trust policy (raisable to 4,096; the default is what a new account has). */
  trustPolicy: 2_048,
  /** Managed policies attached to one role (raisable to 20). */
  managedPoliciesPerRole: 10,
} as const;
/** Lambda: a function's description is at most 256 characters. */
export const LAMBDA_DESCRIPTION_LIMIT = 256;

/**
 * CloudWatch's request quotas per account and region that the hub's publishing meets. PutMetricData:
 * 500 transactions per second by default, adjustable (CloudWatch service quotas,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html; quoted as
 * "PutMetricData can manage 500 transactions per second (TPS)" by the AWS Knowledge Center,
 * https://repost.aws/knowledge-center/cloudwatch-api-call-usage). Every PutMetricData of the hub's
 * account-region counts, other publishers' too.
 */
export const CLOUDWATCH_QUOTAS = { putMetricDataTps: 500 } as const;

/**
 * STS's request quota that the hub's AssumeRole calls meet: 600 requests per second per account and
 * Region, shared by every STS caller of the account. Its page is the IAM User Guide's "IAM and AWS STS
 * quotas" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html); the stored copy
 * we could search showed only its name and size quotas, not its request quotas, so 600 is the figure
 * as we know it, unverified here: check Service Quotas (AWS STS) for the account. The hub calls its own
 * Region's STS endpoint from its own account, so every shard, the discovery and anything else of that
 * account-region share it; the hub paces its calls to shares of it (SHARD_LIMITS.assumeRolesPerSecondPerTick,
 * DISCOVERY_ASSUME_ROLE_PACE).
 */
export const STS_QUOTAS = { assumeRoleTps: 600 } as const;

/** One measured document or value and the limit it must stay within. */
export interface SizeCheck {
  /** The path of the setting the user changes to fix it. */
  readonly field: ReadonlyArray<string | number>;
  /** What was measured, e.g. `the rule target's input`. */
  readonly what: string;
  readonly size: number;
  readonly limit: number;
  readonly unit: 'characters' | 'bytes';
  /** Whose limit it is, e.g. `EventBridge's`. */
  readonly owner: string;
  /** How to get under it. */
  readonly fix: string;
}

/** `what is N units, over Owner's L-unit limit; fix`, at its field, for each check over its limit. */
export function sizeProblems(checks: readonly SizeCheck[]): Problem[] {
  return checks
    .filter((check) => check.size > check.limit)
    .map((c) => ({
      path: c.field,
      problem: `${c.what} is ${c.size.toLocaleString('en-US')} ${c.unit}, over ${c.owner} limit of ${c.limit.toLocaleString('en-US')} ${c.unit}: ${c.fix}`,
    }));
}

/** Bytes of a string as AWS counts them (UTF-8). */
export const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/** The environment with each part known only at plan replaced by its longest value, for measuring. */
export function longestEnvironment(env: Environment): Environment {
  return {
    partition: Token.isUnresolved(env.partition) ? 'aws-us-gov' : env.partition,
    region: Token.isUnresolved(env.region) ? LONGEST_KNOWN_REGION : env.region,
    account: Token.isUnresolved(env.account) ? '123456789012' : env.account,
  };
}
