/**
 * The discovered object in the hub's bucket: read at its latest version at the start of each
 * run (the state any container left), written at the end with PutObject. ExpectedBucketOwner is
 * the hub's own account: S3 refuses both if the bucket is anyone else's.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describeProblem } from '../../../../modules/common/errors';
import { type DiscoveredLocation, type DiscoveredTargets, discoveredTargetsProblems } from '../../../../modules/contract/hub-target-list';

/** `s3://bucket/key`, as errors and logs name the object. */
export const describeDiscovered = (location: DiscoveredLocation) => `s3://${location.bucket}/${location.key}`;

/** What reading the object gave: its content, none yet (discovery has not written it), or content no release reads. */
export type DiscoveredRead =
  | { readonly kind: 'found'; readonly object: DiscoveredTargets }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly problems: readonly string[] };

const isMissing = (error: unknown) => error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');

/** The discovered object's text as the collector and the discovery take it: its problems, or the object. */
export function parseDiscovered(text: string): DiscoveredRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', problems: [`not JSON (${(error as Error).message})`] };
  }
  const problems = discoveredTargetsProblems(value).map(describeProblem);
  return problems.length > 0 ? { kind: 'unreadable', problems } : { kind: 'found', object: value as DiscoveredTargets };
}

/** Reads the latest version; a missing object is an answer, any other failure rejects (so a run never overwrites a state it could not read). */
export async function readDiscovered(
  s3: Pick<S3Client, 'send'>,
  location: DiscoveredLocation,
  options: { readonly owner?: string; readonly abortSignal?: AbortSignal } = {},
): Promise<DiscoveredRead> {
  try {
    const output = await s3.send(
      new GetObjectCommand({ Bucket: location.bucket, Key: location.key, ...(options.owner !== undefined ? { ExpectedBucketOwner: options.owner } : {}) }),
      { abortSignal: options.abortSignal },
    );
    if (!output.Body) throw new Error('S3 answered without a body');
    return parseDiscovered(await output.Body.transformToString('utf-8'));
  } catch (error) {
    if (isMissing(error)) return { kind: 'missing' };
    throw error;
  }
}

/** Writes the object: compact JSON. */
export async function writeDiscovered(
  s3: Pick<S3Client, 'send'>,
  location: DiscoveredLocation,
  object: DiscoveredTargets,
  options: { readonly owner?: string } = {},
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      Body: JSON.stringify(object),
      ContentType: 'application/json',
      ...(options.owner !== undefined ? { ExpectedBucketOwner: options.owner } : {}),
    }),
  );
}
