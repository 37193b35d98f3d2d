/**
 * Where the hub keeps its target list: a private, versioned S3 bucket and the list as one object in
 * it, written after versioning is on so each deployment's list has a version the trigger's input names.
 */
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { type OrganizationTargets, serializeTargetList, type TargetListEntry } from '../contract/hub-target-list';
import { TARGET_LIST_KEY, targetBucketPrefix } from './hub-names';
import { targetListBucketPolicy } from './hub-policies';

/** The hub's name and targets, and the provider and tags of its resources. */
export interface TargetListStoreProps {
  readonly common: { readonly provider?: TerraformProvider };
  readonly tags?: Record<string, string>;
  readonly name: string;
  readonly targets: readonly TargetListEntry[];
  /** With an organization: the list's organization section (version 2), and the discovered object's key, whose replaced versions expire. */
  readonly organization?: { readonly targets: OrganizationTargets; readonly discoveredKey: string };
}

/** The bucket (and its access block, policy, versioning and lifecycle) and the target list object, under `scope`. */
export function targetListStore(scope: Construct, props: TargetListStoreProps): { bucket: S3Bucket; targetList: S3Object } {
  const { common, tags, name, targets, organization } = props;
  const bucket = new S3Bucket(scope, 'target-list-bucket', {
    ...common,
    bucketPrefix: targetBucketPrefix(name),
    // Holds only what the config generates: destroying the hub must not stop at its old versions.
    forceDestroy: true,
    tags,
  });
  const publicAccessBlock = new S3BucketPublicAccessBlock(scope, 'target-list-public-access-block', {
    ...common,
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketPolicy(scope, 'target-list-bucket-policy', {
    ...common,
    bucket: bucket.id,
    policy: JSON.stringify(targetListBucketPolicy(bucket.arn)),
    // S3 refuses a policy and a public access block changed at once (OperationAborted).
    dependsOn: [publicAccessBlock],
  });
  const versioning = new S3BucketVersioningA(scope, 'target-list-versioning', {
    ...common,
    bucket: bucket.id,
    versioningConfiguration: { status: 'Enabled' },
  });
  new S3BucketLifecycleConfiguration(scope, 'target-list-lifecycle', {
    ...common,
    bucket: bucket.id,
    rule: [
      {
        // Replaced versions are kept: the schedule names one version, and after a hand upload over
        // it any replaced version may be that one (an expiring rule would expire it and stop the
        // collector). A version per deployment costs next to nothing; only incomplete multipart
        // uploads, which no version holds, are removed.
        id: 'abort-incomplete-uploads',
        status: 'Enabled',
        filter: [{}],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 1 }],
      },
      // The discovery writes its object every minute and reads only the latest: a day of replaced versions is plenty.
      ...(organization
        ? [
            {
              id: 'expire-replaced-discovered-targets',
              status: 'Enabled',
              filter: [{ prefix: organization.discoveredKey }],
              noncurrentVersionExpiration: [{ noncurrentDays: 1 }],
            },
          ]
        : []),
    ],
    dependsOn: [versioning],
  });
  const targetList = new S3Object(scope, 'target-list', {
    ...common,
    bucket: bucket.id,
    key: TARGET_LIST_KEY,
    content: serializeTargetList(targets, organization?.targets),
    contentType: 'application/json',
    tags,
    // Written after versioning is on, so it has a version ID for the input to name.
    dependsOn: [versioning],
  });
  return { bucket, targetList };
}
