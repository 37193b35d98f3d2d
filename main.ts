/**
 * The app: synthesizes the stacks of the fleet config named by FLEET_CONFIG (default:
 * examples/fleet.json), one per account-region or, in hub mode, the hub and a spoke per member
 * account, into CDKTF_OUTDIR (default cdktf.out). A config error lists
 * every problem and writes nothing. The synth is written to a staging directory and moved into
 * place only when complete (scripts/lib/synth-output.ts), so an interrupted synth never leaves
 * new stacks beside an old manifest unnoticed.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, loadFleetConfig, MetricsFleet } from './modules';
import { hubSummary } from './modules/hub/hub-settings';
import { commitSynth, removeAbandonedStaging, stagingDirFor } from './scripts/lib/synth-output';

const configFile = process.env.FLEET_CONFIG ?? path.join(__dirname, 'examples', 'fleet.json');
// Resolved as cdktf resolves it: against the directory the app runs in.
const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');

let config;
try {
  config = loadFleetConfig(configFile);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

removeAbandonedStaging(outdir);
const staging = stagingDirFor(outdir);
mkdirSync(staging, { recursive: true });
let committed;
let roles = new Map<string, string>();
try {
  const app = new App({ outdir: staging });
  const fleet = new MetricsFleet(app, 'fleet', { config });
  roles = stackRoles(fleet);
  for (const warning of fleet.warnings) console.warn(`${configFile}: warning: ${warning}`);
  app.synth();
  committed = commitSynth(staging, outdir);
} catch (error) {
  // Whatever failed before the commit left the output as it was; the half-written staging goes.
  rmSync(staging, { recursive: true, force: true });
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/** In hub mode, what each stack holds: the hub and what it collects, or a member account's spoke role (an account-region's stack says it by its name). */
function stackRoles(fleet: MetricsFleet): Map<string, string> {
  const roles = new Map<string, string>();
  if (fleet.hubStack) {
    roles.set(fleet.hubStack.node.id, hubSummary(fleet.hubStack.hub.settings));
  }
  for (const stack of fleet.spokeStacks) roles.set(stack.node.id, `spoke role ${stack.spoke.plan.roleName}, trusting ${stack.spoke.plan.hubCollectorRoleArn}`);
  return roles;
}

const relative = path.relative(process.cwd(), outdir);
const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : outdir;
console.log(`synthesized ${committed.stacks.length} stacks into ${path.join(shown, 'stacks')}:`);
for (const stack of committed.stacks) console.log(roles.has(stack) ? `  ${stack}  (${roles.get(stack)})` : `  ${stack}`);
if (committed.leftAlone.length > 0) {
  console.log(
    `not in this config, left as they were (they may hold local state; delete them once destroyed): ${committed.leftAlone.join(', ')}`,
  );
}
// cdktf keeps construct warnings (alarms that notify no one, …) in the manifest; `cdktf synth`
// prints them, and so does this app, once each.
const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
  stacks: Record<string, { annotations?: { level: string; message: string }[] }>;
};
const warnings = new Set(
  Object.values(manifest.stacks).flatMap((stack) =>
    (stack.annotations ?? []).filter((a) => a.level === '@cdktf/warn').map((a) => a.message),
  ),
);
for (const warning of warnings) console.warn(`warning: ${warning}`);
// The plan harness reads CDKTF_OUTDIR too: the next command names it when it is not the default.
const planCommand = process.env.CDKTF_OUTDIR ? `CDKTF_OUTDIR=${outdir} npm run plan` : 'npm run plan';
console.log(`next: \`${planCommand}\` plans them offline; \`cdktf deploy '*'\` deploys them`);
