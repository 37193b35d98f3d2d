/**
 * The app: synthesizes the stacks of the fleet config named by FLEET_CONFIG, one per
 * account-region or, in hub mode, the hub and a spoke per member account, into CDKTF_OUTDIR
 * (default cdktf.out). Without FLEET_CONFIG it synthesizes the example (examples/fleet.json) and
 * says so, except under the cdktf CLI, which would deploy it: there it refuses. A config error
 * lists every problem and writes nothing; so does a warning with FLEET_STRICT=1. The synth is
 * written to a staging directory and moved into place only when complete
 * (scripts/lib/synth-output.ts), so an interrupted synth never leaves new stacks beside an old
 * manifest unnoticed. Local state left inside the output directory is moved out (scripts/lib/local-state.ts).
 */
import { mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdktf';
import { ConfigError, loadFleetConfig, MetricsFleet } from './modules/subpaths/fleet';
import { warningsIn } from './modules/common/strict-warnings';
import { counted } from './scripts/lib/counted';
import { localStateFile, localStateLocationProblem, moveLocalState, planLocalStateMoves } from './scripts/lib/local-state';
import { hubSummary } from './modules/hub/hub-settings';
import { commitSynth, removeAbandonedStaging, stagingDirFor } from './scripts/lib/synth-output';

/** A run the app refuses: the message says why and what to do; nothing is written. */
class Refusal extends Error {}

const EXAMPLE = path.join(__dirname, 'examples', 'fleet.json');
const EXAMPLE_SHOWN = path.relative(process.cwd(), EXAMPLE).startsWith('..') ? EXAMPLE : path.relative(process.cwd(), EXAMPLE);
// The cdktf CLI sets this for the app it runs (cdktf synth, list, diff, deploy …), and nothing else does.
const RUN_BY_CDKTF_CLI = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS !== undefined;

/** A word the shell reads as it is: quoted when it holds anything but plain path characters. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_\/.,:@%+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The config file to read, or a Refusal: FLEET_CONFIG unset means the example, said on every run, and refused under the cdktf CLI. */
function configFileOf(env: NodeJS.ProcessEnv): string {
  const value = env.FLEET_CONFIG;
  if (value === '') throw new Refusal('FLEET_CONFIG is set but empty: set it to your fleet config file, or unset it to synthesize the example.');
  if (value !== undefined) return value;
  if (RUN_BY_CDKTF_CLI) {
    throw new Refusal(
      `FLEET_CONFIG is not set: the cdktf CLI would synthesize, and deploy, the example fleet (${EXAMPLE_SHOWN}), whose accounts are not yours. ` +
        `Set FLEET_CONFIG to your fleet config (FLEET_CONFIG=fleet.yaml npx cdktf deploy '*'), or FLEET_CONFIG=${shellWord(EXAMPLE_SHOWN)} to use the example on purpose.`,
    );
  }
  console.error(`FLEET_CONFIG is not set: synthesizing the example fleet (${EXAMPLE_SHOWN}). Set FLEET_CONFIG=<your fleet config> to synthesize yours.`);
  return EXAMPLE;
}

/** FLEET_STRICT=1 (or true) makes every warning an error; 0, false or unset, not. */
function strictOf(env: NodeJS.ProcessEnv): boolean {
  const value = env.FLEET_STRICT;
  if (value === undefined || ['', '0', 'false'].includes(value)) return false;
  if (['1', 'true'].includes(value)) return true;
  throw new Refusal(`FLEET_STRICT=${shellWord(value)}: set FLEET_STRICT=1 to make every warning an error, or unset it.`);
}

let configFile: string;
let strict: boolean;
let config;
try {
  configFile = configFileOf(process.env);
  strict = strictOf(process.env);
  config = loadFleetConfig(configFile);
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof Refusal)) throw error;
  console.error(error.message);
  process.exit(1);
}
// Resolved as cdktf resolves it: against the directory the app runs in.
const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? 'cdktf.out');

removeAbandonedStaging(outdir);
const staging = stagingDirFor(outdir);
mkdirSync(staging, { recursive: true });
let committed;
let roles = new Map<string, string>();
let warnings: string[] = [];
let stateMoves;
try {
  const app = new App({ outdir: staging });
  const fleet = new MetricsFleet(app, 'fleet', { config, strict });
  roles = stackRoles(fleet);
  // A config warning names its field, so it is printed against the config file; the others as they are.
  const configWarnings = new Set(fleet.warnings);
  const describeWarnings = () => warningsIn(app).map((warning) => (configWarnings.has(warning) ? `${configFile}: warning: ${warning}` : `warning: ${warning}`));
  warnings = describeWarnings();
  if (strict && warnings.length > 0) {
    throw new Refusal(
      [`FLEET_STRICT=1: every warning is an error; ${counted(warnings.length, 'warning')}, nothing written:`, ...warnings.map((w) => `  ${w}`)].join('\n'),
    );
  }
  const stackNames = fleet.allStacks.map((stack) => stack.node.id);
  const localBackend = (config.backend?.type ?? 'local') === 'local';
  const locationProblem = localBackend ? localStateLocationProblem(outdir) : undefined;
  if (locationProblem) throw new Refusal(locationProblem);
  stateMoves = localBackend ? planLocalStateMoves(outdir, stackNames, RUN_BY_CDKTF_CLI) : undefined;
  if (stateMoves && stateMoves.conflicts.length > 0) throw new Refusal(stateMoves.conflicts.join('\n'));
  app.synth();
  // A warning added while synthesizing (by an aspect, say) is printed too.
  warnings = describeWarnings();
  committed = commitSynth(staging, outdir);
} catch (error) {
  // Whatever failed before the commit left the output as it was; the half-written staging goes.
  rmSync(staging, { recursive: true, force: true });
  if (!(error instanceof ConfigError || error instanceof Refusal)) throw error;
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

// The stacks now point at the state's new place: only now may it move there.
for (const line of moveLocalState(stateMoves?.moves ?? [])) console.error(line);
for (const line of stateMoves?.atRisk ?? []) console.error(`warning: ${line}`);

const relative = path.relative(process.cwd(), outdir);
const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : outdir;
console.log(`synthesized ${counted(committed.stacks.length, 'stack')} into ${path.join(shown, 'stacks')}:`);
for (const stack of committed.stacks) console.log(roles.has(stack) ? `  ${stack}  (${roles.get(stack)})` : `  ${stack}`);
if (committed.leftAlone.length > 0) {
  console.log(`not in this config, left as they were (they may hold local state; delete them once destroyed): ${committed.leftAlone.join(', ')}`);
}
if (stateMoves && committed.stacks.length > 0) {
  const stateDir = path.dirname(localStateFile(outdir, committed.stacks[0]));
  const stateRelative = path.relative(process.cwd(), stateDir);
  const stateShown = stateRelative.startsWith('..') || path.isAbsolute(stateRelative) ? stateDir : stateRelative;
  console.log(`local state: ${path.join(stateShown, 'terraform.<stack>.tfstate')}, beside ${shown}`);
}
// Each warning once: a config warning is also on the stacks it concerns (and so in the manifest).
for (const warning of warnings) console.warn(warning);
// The next commands act on the same config and output as this synth: both name them when they were set.
const fleetVariable = process.env.FLEET_CONFIG === undefined ? '' : `FLEET_CONFIG=${shellWord(process.env.FLEET_CONFIG)} `;
const outdirVariable = process.env.CDKTF_OUTDIR === undefined ? '' : `CDKTF_OUTDIR=${shellWord(outdir)} `;
const planCommand = `${fleetVariable}${outdirVariable}npm run plan`;
// The cdktf CLI takes its output directory from --output, not CDKTF_OUTDIR; it refuses to run without FLEET_CONFIG.
const deployCommand = `${fleetVariable || 'FLEET_CONFIG=<your fleet config> '}npx cdktf deploy${outdirVariable ? ` --output ${shellWord(outdir)}` : ''} '*'`;
console.log(`next: \`${planCommand}\` plans them offline; \`${deployCommand}\` deploys ${fleetVariable ? 'them' : 'yours'}`);
