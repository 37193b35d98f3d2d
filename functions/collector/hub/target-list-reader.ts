/**
 * Reads the hub's target list from its S3 object, by the version the execution input names, and
 * keeps it across warm invocations: a version never changes, so a warm container makes one
 * GetObject per deployment. A failed read or an unusable list is not kept: the next tick tries
 * again, and until then nothing can be collected, so the invocation fails saying why.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { TargetListLocation } from '../../../modules/contract/hub-target-list';
import { reasonOf } from '../aws-calls';
import { describeLocation, parseTargetList, reapplyHubStack } from './target-list';
import type { HubTarget } from './targets';

/** Versions kept: the current one and the one executions started before a deployment still read. */
export const KEPT_VERSIONS = 2;

/** What to do when the read failed for `cause`: a version that is gone is written again by the hub stack. */
function readFailureAdvice(location: TargetListLocation, cause: unknown): string {
  if (cause instanceof Error && (cause.name === 'NoSuchVersion' || cause.name === 'NoSuchKey')) {
    return (
      'Nothing was collected: the version the schedule names is gone (the bucket keeps every version, so it was deleted): ' +
      `${reapplyHubStack(location)} to write the list again`
    );
  }
  return 'Nothing was collected; check that the object version exists and the collector role may s3:GetObjectVersion it (the hub stack grants it)';
}

/** The target list could not be read: nothing can be collected this tick. */
export class TargetListReadError extends Error {
  constructor(location: TargetListLocation, cause: unknown) {
    super(`reading the target list ${describeLocation(location)} failed: ${reasonOf(cause).replace(/\.$/, '')}. ${readFailureAdvice(location, cause)}`);
    this.name = 'TargetListReadError';
  }
}

export class TargetListReader {
  /** GetObject calls made, for the summary line and the tests. */
  public getObjectCalls = 0;
  /** Parsed lists by location, oldest first. */
  private readonly lists = new Map<string, Promise<readonly HubTarget[]>>();

  constructor(private readonly s3: Pick<S3Client, 'send'>) {}

  /**
   * The targets of the list at `location`; rejects with a TargetListReadError or MalformedTargetListError.
   * `owner`, the hub's own account, is sent as ExpectedBucketOwner: S3 refuses the read if the bucket is anyone else's.
   */
  read(location: TargetListLocation, options: { readonly owner?: string; readonly abortSignal?: AbortSignal } = {}): Promise<readonly HubTarget[]> {
    // JSON, not `bucket/key/version`: keys contain slashes, so joined strings could name two objects alike.
    const id = JSON.stringify([location.bucket, location.key, location.versionId]);
    const kept = this.lists.get(id);
    if (kept) return kept;
    const read = this.fetch(location, options);
    this.lists.set(id, read);
    read.catch(() => this.lists.delete(id));
    // Keeps the newest versions; an old one, read again, is read from S3.
    while (this.lists.size > KEPT_VERSIONS) this.lists.delete(this.lists.keys().next().value!);
    return read;
  }

  private async fetch(
    location: TargetListLocation,
    { owner, abortSignal }: { readonly owner?: string; readonly abortSignal?: AbortSignal },
  ): Promise<readonly HubTarget[]> {
    this.getObjectCalls++;
    let text: string;
    try {
      const output = await this.s3.send(
        new GetObjectCommand({
          Bucket: location.bucket,
          Key: location.key,
          VersionId: location.versionId,
          ...(owner !== undefined ? { ExpectedBucketOwner: owner } : {}),
        }),
        { abortSignal },
      );
      if (!output.Body) throw new Error('S3 answered without a body');
      text = await output.Body.transformToString('utf-8');
    } catch (error) {
      throw new TargetListReadError(location, error);
    }
    return parseTargetList(text, location);
  }
}
