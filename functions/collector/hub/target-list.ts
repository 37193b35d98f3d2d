/**
 * Reads the hub's target list (the S3 object's text) into targets, checked before anything is
 * called: a list the collector cannot trust collects nothing and names every problem.
 */
import { describeProblem } from '../../../modules/common/errors';
import { targetListProblems, TargetList } from '../../../modules/contract/hub-target-list';
import type { HubTarget } from './targets';

/** A target list the collector cannot act on; nothing is collected or published. */
export class MalformedTargetListError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`Malformed target list: ${problems.join('; ')}`);
    this.name = 'MalformedTargetListError';
  }
}

export function parseTargetList(text: string): readonly HubTarget[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MalformedTargetListError([`not JSON (${(error as Error).message}): the hub stack writes it; redeploy the hub stack`]);
  }
  const problems = targetListProblems(value).map(describeProblem);
  if (problems.length > 0) throw new MalformedTargetListError(problems);
  return (value as TargetList).targets;
}
