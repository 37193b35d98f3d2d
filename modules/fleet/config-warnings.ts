/**
 * What is valid in a fleet config but worth a look: a region name not known at this release
 * (AWS may have opened it since, or it may be a typo). Synth goes on; MetricsFleet lists the
 * warnings and puts each on the stacks it concerns.
 */
import type { Problem } from '../common/errors';
import { unknownRegionWarning } from '../common/region-names';
import type { FleetConfig } from './config';

/** A warning at its path, and the account-region stack it concerns (every stack when absent). */
export interface ConfigWarning extends Problem {
  readonly accountIndex?: number;
  readonly region?: string;
  /** The warning concerns the hub stack (its region). */
  readonly hub?: boolean;
}

/** Warnings of a validated config: region names not known at this release (members', the hub's, the backend's), where they are written. */
export function fleetConfigWarnings(config: FleetConfig): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  config.accounts.forEach((account, accountIndex) => {
    for (const region of Object.keys(account.regions)) {
      const warning = unknownRegionWarning(region);
      if (warning) warnings.push({ path: ['accounts', accountIndex, 'regions', region], problem: warning, accountIndex, region });
    }
  });
  const hubWarning = config.topology === 'hub' && config.hub ? unknownRegionWarning(config.hub.region) : undefined;
  if (hubWarning) warnings.push({ path: ['hub', 'region'], problem: hubWarning, hub: true });
  const backendWarning = config.backend?.type === 's3' ? unknownRegionWarning(config.backend.region) : undefined;
  if (backendWarning) warnings.push({ path: ['backend', 'region'], problem: backendWarning });
  return warnings;
}
