/**
 * The rule a region name follows. AWS opens regions after a release is made, so any well-formed
 * name is accepted, with a warning when it is not one known at release (and a "did you mean" for
 * a near miss of a known one); only a malformed name is a problem.
 */
import { editDistance } from './edit-distance';
import { AWS_REGIONS } from './regions';

/** A region name: a partition-area prefix (us, eu, ap, cn, us-gov, eusc-de …), a direction, a number. */
export const REGION_NAME = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;

/** The known region within two edits of `name` (case aside), the nearest first. */
function nearKnownRegion(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: { region: string; distance: number } | undefined;
  for (const region of AWS_REGIONS) {
    const distance = editDistance(lower, region);
    if (distance <= 2 && (!best || distance < best.distance)) best = { region, distance };
  }
  return best?.region;
}

const didYouMean = (name: string) => {
  const near = nearKnownRegion(name);
  return near ? `did you mean "${near}"? ` : '';
};

/** The problem of a malformed region name, or undefined for a well-formed one (known or not). */
export function regionNameProblem(name: string): string | undefined {
  if (REGION_NAME.test(name)) return undefined;
  return `"${name}" is not a region name: ${didYouMean(name)}a region name is lowercase words and a number joined by hyphens, such as us-east-1 or eu-west-1`;
}

/** A region given as data (a target of a hub, a region of a spoke role, the hub a spoke trusts): a well-formed region code. */
export function regionCodeProblem(region: unknown): string | undefined {
  if (typeof region === 'string' && REGION_NAME.test(region)) return undefined;
  return `${JSON.stringify(region)} is not an AWS region: use a region code such as eu-west-1`;
}

/** The warning for a well-formed region name not known at this release, or undefined. */
export function unknownRegionWarning(name: string): string | undefined {
  if (!REGION_NAME.test(name) || AWS_REGIONS.includes(name)) return undefined;
  return `"${name}" is not a region known to this release: ${didYouMean(name)}it is used as given, so check the name unless AWS opened the region after this release`;
}
