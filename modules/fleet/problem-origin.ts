/**
 * Where a pipeline's problem is reported: checks run on each account-region's merged settings,
 * but a setting inherited from `defaults` is written once, in `defaults`, so its problem is
 * reported there, once, naming the account-regions only when it is not a problem for all of them.
 */
import { formatPath } from '../common/errors';
import { FleetConfig } from './config';

/** The problems of one account-region's merged settings, each `field…: message`. */
export interface AccountRegionProblems {
  readonly accountIndex: number;
  readonly region: string;
  readonly problems: readonly string[];
}

/** How many account-regions a long "(in …)" list names before "and N more". */
const NAMED_ACCOUNT_REGIONS = 3;

/** The setting a problem is about: the name its path starts with. */
const settingOf = (problem: string) => /^[A-Za-z$]+/.exec(problem)?.[0];

/** Each problem with its full path: `defaults.…` for a setting inherited from defaults (once), else the account-region's. */
export function placeProblems(config: FleetConfig, found: readonly AccountRegionProblems[]): string[] {
  const defaults = (config.defaults ?? {}) as Record<string, unknown>;
  const regionOf = ({ accountIndex, region }: AccountRegionProblems) =>
    config.accounts[accountIndex].regions[region] as unknown as Record<string, unknown>;
  const inherits = (entry: AccountRegionProblems, setting: string | undefined) =>
    setting !== undefined && Object.hasOwn(defaults, setting) && defaults[setting] !== undefined && regionOf(entry)[setting] === undefined;

  // In order of first appearance: a placed line, or a defaults problem with the account-regions it shows in.
  const lines: Array<string | { problem: string; setting: string; where: string[] }> = [];
  const fromDefaults = new Map<string, { problem: string; setting: string; where: string[] }>();
  for (const entry of found) {
    const where = formatPath(['accounts', entry.accountIndex, 'regions', entry.region]);
    for (const problem of entry.problems) {
      const setting = settingOf(problem);
      if (!inherits(entry, setting)) {
        lines.push(`${where}.${problem}`);
        continue;
      }
      let group = fromDefaults.get(problem);
      if (!group) {
        group = { problem, setting: setting!, where: [] };
        fromDefaults.set(problem, group);
        lines.push(group);
      }
      group.where.push(where);
    }
  }
  const accountRegions = config.accounts.flatMap((account, accountIndex) => Object.keys(account.regions).map((region) => ({ accountIndex, region, problems: [] })));
  return lines.map((line) => {
    if (typeof line === 'string') return line;
    const inheriting = accountRegions.filter((entry) => inherits(entry, line.setting)).length;
    if (line.where.length === inheriting) return `defaults.${line.problem}`;
    const named = line.where.slice(0, NAMED_ACCOUNT_REGIONS).join(', ');
    const more = line.where.length > NAMED_ACCOUNT_REGIONS ? ` and ${line.where.length - NAMED_ACCOUNT_REGIONS} more` : '';
    return `defaults.${line.problem} (in ${named}${more})`;
  });
}
