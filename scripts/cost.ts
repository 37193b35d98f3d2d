/**
 * `npm run cost [--config F] [--json] [--clusters 1,10,100] [--org-accounts N --org-regions N --org-clusters N]`: the monthly cost of a fleet
 * config in the topology it configures (pipelines per account-region, or one hub), line by line,
 * then the same fleet in the other topology, naming the cheaper; beside per-account-region
 * pipelines, the blog's design. Prices the settings MetricsFleet resolves from the config (the
 * same pure functions its constructs build from), so the numbers follow what `npm run synth`
 * would synthesize, without building a construct: thousands of account-regions take seconds.
 * Nothing is written.
 */
import { loadFleetConfig } from '../modules/fleet/load-config';
import { ConfigError } from '../modules/fleet/config-problems';
import { parseCommandLine, UsageError } from './lib/command-line';
import { clusterSizesTable, mostListedClusters } from './lib/cost/cluster-sizes';
import { costJson } from './lib/cost/json';
import { configFileOf, parseSizes, USAGE } from './lib/cost/options';
import { priceTopologies } from './lib/cost/pricing';
import { costTables } from './lib/cost/tables';
import { organizationAssumption, organizationAssumptionNote, withAssumedOrganization } from './lib/cost/organization';

/** The command; returns its exit code. */
export function main(argv: string[], env: Readonly<Record<string, string | undefined>> = process.env): number {
  const parsed = parseCommandLine(
    argv,
    {
      config: { type: 'string' },
      json: { type: 'boolean' },
      clusters: { type: 'string' },
      'org-accounts': { type: 'string' },
      'org-regions': { type: 'string' },
      'org-clusters': { type: 'string' },
    },
    USAGE,
  );
  if ('exitCode' in parsed) return parsed.exitCode;
  const options = parsed.values;
  const { file: configFile } = configFileOf(options, env, process.cwd());
  try {
    // Checked before the config is read: a bad size costs nothing.
    const sizes = options.clusters !== undefined ? parseSizes(options.clusters) : undefined;
    const loaded = loadFleetConfig(configFile);
    // An organization's accounts are found at run time: priced as the flags (or the defaults) say, and the output says so.
    const assumption = loaded.organization
      ? organizationAssumption(loaded, {
          'org-accounts': options['org-accounts'],
          'org-regions': options['org-regions'],
          'org-clusters': options['org-clusters'],
        })
      : undefined;
    const config = assumption ? withAssumedOrganization(loaded, assumption) : loaded;
    if (sizes) {
      const most = mostListedClusters(config);
      const over = sizes.find((n) => n > most);
      if (over !== undefined) {
        throw new UsageError(
          `--clusters: ${over} is more clusters than one account-region's pipeline lists with this config's defaults (its collector's IAM policy names every cluster): give 1 to ${most}`,
        );
      }
      console.log(clusterSizesTable(config, sizes));
      return 0;
    }
    const topologies = priceTopologies(config, assumption ? { builtFrom: loaded } : {});
    const cost = topologies.accountRegion;
    if (options.json) {
      console.log(JSON.stringify({ ...costJson(configFile, cost, topologies), ...(assumption ? { organization: assumption } : {}) }, null, 2));
    } else {
      console.log(`${assumption ? `${organizationAssumptionNote(assumption)}\n\n` : ''}${costTables(configFile, cost, topologies)}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
