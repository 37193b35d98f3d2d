/**
 * Reads and validates a fleet config file, JSON or YAML by its extension. Every problem is
 * reported at once, each with the JSON path of the bad field, the bad value and what is allowed.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type FleetConfig, fleetConfigSchema } from './config';
import { partitionOf } from '../common/environment';
import type { Problem } from '../common/errors';
import { pipelineProblems } from '../pipeline/pipeline-problems';
import { resolvePipelineSettings } from '../pipeline/pipeline-settings';
import { ConfigError, describeConfigProblem, describeIssues } from './config-problems';
import { type ConfigFormat, parseConfigText } from './config-text';
import { pipelineProps } from './pipeline-props';
import { unsafeDataProblems } from './untrusted-data';
import { placeProblems } from './problem-origin';
import { hubConfigProblems } from './hub-problem-origin';

export { ConfigError, describeIssues } from './config-problems';
export { ConfigFormat, parseConfigText, parseJson } from './config-text';

/** Config formats by file extension. */
export const CONFIG_EXTENSIONS: Readonly<Record<string, ConfigFormat>> = { '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml' };

/** Validates parsed config data; throws ConfigError listing every problem, `earlier` ones (found while parsing) first. */
export function validateFleetConfig(data: unknown, file = 'fleet config', earlier: readonly string[] = []): FleetConfig {
  // Data that cannot be read safely as objects is not validated further.
  const unsafe = unsafeDataProblems(data);
  if (unsafe.length > 0) throw new ConfigError(file, [...earlier, ...unsafe.map(describeConfigProblem)]);
  const result = fleetConfigSchema.safeParse(data, { reportInput: true });
  const whole = (config: FleetConfig) => (config.topology === 'hub' ? hubConfigProblems(config) : pipelineProblemsOf(config));
  const problems = [...earlier, ...(result.success ? whole(result.data).map(describeConfigProblem) : describeIssues(result.error.issues, data))];
  if (problems.length > 0 || !result.success) throw new ConfigError(file, problems);
  return result.data;
}

/**
 * What only a whole pipeline shows (an alarm period shorter than the region's interval, services
 * of a cluster that is not listed …), found by the construct's own checks on each account-region's
 * merged settings and reported under that account-region's path, or once under `defaults` when
 * the setting is inherited from there.
 */
function pipelineProblemsOf(config: FleetConfig): Problem[] {
  const found = config.accounts.flatMap((account, accountIndex) =>
    Object.entries(account.regions).map(([region, regionConfig]) => {
      const props = pipelineProps(config, account, region, regionConfig);
      const env = { partition: partitionOf(region), region, account: account.id };
      return { accountIndex, region, problems: pipelineProblems(resolvePipelineSettings(props), env, props) };
    }),
  );
  // A setting inherited from defaults is reported where it is written, once.
  return placeProblems(config, found);
}

/** Reads, parses and validates the fleet config file at `file`. */
export function loadFleetConfig(file: string): FleetConfig {
  const format = CONFIG_EXTENSIONS[path.extname(file).toLowerCase()];
  if (!format) {
    throw new ConfigError(file, [`cannot tell the format of the fleet config from its name: end it in ${Object.keys(CONFIG_EXTENSIONS).join(', ')}`]);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new ConfigError(file, [`cannot read the fleet config: ${reason}; set FLEET_CONFIG to a config file's path`]);
  }
  const { data, problems } = parseConfigText(text, format, file);
  return validateFleetConfig(data, file, problems);
}
