/**
 * Where a pipeline's problem is reported: checks run on each account-region's merged settings,
 * but a setting inherited from `defaults` is written once, in `defaults`, so its problem is
 * reported there, once, naming the account-regions only when it is not a problem for all of them.
 */
import { formatPath, type Problem } from '../common/errors';
import type { FleetConfig } from './config';

/** The problems of one account-region's merged settings, each at its setting. */
export interface AccountRegionProblems {
  readonly accountIndex: number;
  readonly region: string;
  readonly problems: readonly Problem[];
}

/** How many account-regions a long "(in …)" list names before "and N more". */
const NAMED_ACCOUNT_REGIONS = 3;

/** Each problem at its full path: under `defaults` for a setting inherited from defaults (once), else under the account-region's. */
export function placeProblems(config: FleetConfig, found: readonly AccountRegionProblems[]): Problem[] {
  const defaults = (config.defaults ?? {}) as Record<string, unknown>;
  const regionOf = ({ accountIndex, region }: AccountRegionProblems) => config.accounts[accountIndex].regions[region] as unknown as Record<string, unknown>;
  const inherits = (entry: AccountRegionProblems, setting: string | number | undefined) =>
    typeof setting === 'string' && Object.hasOwn(defaults, setting) && defaults[setting] !== undefined && regionOf(entry)[setting] === undefined;

  // In order of first appearance: a placed problem, or a defaults problem with the account-regions it shows in.
  const placed: Array<Problem | { problem: Problem; where: string[] }> = [];
  const fromDefaults = new Map<string, { problem: Problem; where: string[] }>();
  for (const entry of found) {
    const at = ['accounts', entry.accountIndex, 'regions', entry.region];
    for (const problem of entry.problems) {
      // The setting a problem is about: the first field of its path.
      if (!inherits(entry, problem.path[0])) {
        placed.push({ path: [...at, ...problem.path], problem: problem.problem });
        continue;
      }
      const key = JSON.stringify([problem.path, problem.problem]);
      let group = fromDefaults.get(key);
      if (!group) {
        group = { problem, where: [] };
        fromDefaults.set(key, group);
        placed.push(group);
      }
      group.where.push(formatPath(at));
    }
  }
  const accountRegions = config.accounts.flatMap((account, accountIndex) =>
    Object.keys(account.regions).map((region) => ({ accountIndex, region, problems: [] })),
  );
  return placed.map((entry) => {
    if (!('where' in entry)) return entry;
    const { problem, where } = entry;
    const path = ['defaults', ...problem.path];
    const inheriting = accountRegions.filter((region) => inherits(region, problem.path[0])).length;
    if (where.length === inheriting) return { path, problem: problem.problem };
    const named = where.slice(0, NAMED_ACCOUNT_REGIONS).join(', ');
    const more = where.length > NAMED_ACCOUNT_REGIONS ? ` and ${where.length - NAMED_ACCOUNT_REGIONS} more` : '';
    return { path, problem: `${problem.problem} (in ${named}${more})` };
  });
}
