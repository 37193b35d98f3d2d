/**
 * Reads the hub's target list (the S3 object's text) into targets, checked before anything is
 * called: a list the collector cannot trust collects nothing and names every problem.
 */
import { describeProblem } from '../../../modules/common/errors';
import { TargetListLocation, targetListProblems, TargetList } from '../../../modules/contract/hub-target-list';
import type { HubTarget } from './targets';

/** `s3://bucket/key (version v)`, as errors and logs name the object. */
export const describeLocation = (location: TargetListLocation) => `s3://${location.bucket}/${location.key} (version ${location.versionId})`;

/** The fix of a list the hub stack wrote: write it again, with the stack's name when the input gives it. */
export const reapplyHubStack = (location?: TargetListLocation) => `re-apply the hub stack${location?.stack ? ` ${location.stack}` : ''}`;

/** A target list the collector cannot act on; nothing is collected or published. */
export class MalformedTargetListError extends Error {
  constructor(
    public readonly problems: readonly string[],
    location?: TargetListLocation,
  ) {
    super(
      `Malformed target list${location ? ` ${describeLocation(location)}` : ''}: ${problems.join('; ')}. Nothing was collected; the hub stack writes this object: ${reapplyHubStack(location)}`,
    );
    this.name = 'MalformedTargetListError';
  }
}

/** The targets of the list's text; `location` (where it was read) names the object in the error. */
export function parseTargetList(text: string, location?: TargetListLocation): readonly HubTarget[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedTargetListError([`not JSON (${(error as Error).message})`], location);
  }
  const problems = targetListProblems(value).map(describeProblem);
  if (problems.length > 0) throw new MalformedTargetListError(problems, location);
  return (value as TargetList).targets;
}
