/**
 * The AwsProvider of a fleet stack: in one account-region, pinned to the account, assuming the
 * account's deploy role when the config gives one, with the stack's tags as default_tags. Shared
 * by every kind of fleet stack, so all deploy the same way.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { TerraformStack } from 'cdktf';

export interface FleetProviderProps {
  /** Name of the fleet; names the deploy session. */
  readonly fleetName: string;
  /** The one account the provider may touch (allowed_account_ids). */
  readonly account: string;
  readonly region: string;
  /** Role Terraform assumes in the account. @default the caller's credentials */
  readonly deployRoleArn?: string;
  /** Tags of every taggable resource of the stack. @default no tags */
  readonly tags?: Record<string, string>;
}

/** The stack's default aws provider. */
export function fleetProvider(stack: TerraformStack, props: FleetProviderProps): AwsProvider {
  const tags = props.tags ?? {};
  return new AwsProvider(stack, 'aws', {
    region: props.region,
    allowedAccountIds: [props.account],
    assumeRole: props.deployRoleArn ? [{ roleArn: props.deployRoleArn, sessionName: `${props.fleetName}-deploy` }] : undefined,
    // Tags live only here: the provider copies them into every taggable resource's tags_all,
    // and with no resource-level tags there is nothing for tags and tags_all to disagree on.
    defaultTags: Object.keys(tags).length > 0 ? [{ tags }] : undefined,
  });
}
