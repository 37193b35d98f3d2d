/**
 * The shape of an IAM policy document as plain data, and its size as IAM counts it: every policy
 * builder (pipeline roles, alarm topic, hub and spoke roles) returns one.
 */

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  /** A service in a service role's trust policy, an account in a spoke role's, everyone (`*`) in a bucket policy. */
  readonly Principal?: { readonly Service: string } | { readonly AWS: string } | '*';
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatement[];
}

/** A policy's size as IAM counts it: its JSON without whitespace. */
export const policySize = (document: PolicyDocument): number => JSON.stringify(document).length;
