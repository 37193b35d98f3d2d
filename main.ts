/**
 * The app: synthesizes one stack per account-region of the fleet config named by FLEET_CONFIG
 * (default: examples/fleet.json). A config error lists every problem and writes nothing.
 */
import * as path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, loadFleetConfig, MetricsFleet } from './modules';

const configFile = process.env.FLEET_CONFIG ?? path.join(__dirname, 'examples', 'fleet.json');

let config;
try {
  config = loadFleetConfig(configFile);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const app = new App();
const fleet = new MetricsFleet(app, 'fleet', { config });
for (const warning of fleet.warnings) console.warn(`${configFile}: warning: ${warning}`);
app.synth();
