/**
 * A consumer app on one framework and provider line, in plain CommonJS as users run it:
 * synthesizes the example fleet and a construct in its own stack, and reports which
 * framework packages it loaded. Used in this repository (line redirects below) and copied
 * into fresh consumer apps that installed the packed tarball.
 *
 * Environment: LINE_FRAMEWORK (cdktf | cdktn), LINE_PROVIDER (@cdktf/provider-aws | @cdktn/provider-aws),
 * LINE_LIBRARY (package name or absolute path of the root entry point), LINE_FLEET_LIBRARY (the
 * same for the fleet subpath: "<package>/fleet" in a consumer app), LINE_REDIRECT ("from=to", optional),
 * LINE_FORBIDDEN (comma-separated import roots this line must never load), FLEET_CONFIG, OUTDIR.
 */
const Module = require('node:module');
const path = require('node:path');

const env = process.env;
const underRoot = (request, root) => request === root || request.startsWith(`${root}/`);
const [redirectFrom, redirectTo] = (env.LINE_REDIRECT || '=').split('=');
const forbidden = (env.LINE_FORBIDDEN || '').split(',').filter(Boolean);

// Resolution is where a line is chosen (a redirected provider) and where a leak is caught.
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveOnLine(request, ...rest) {
  const redirected = redirectFrom && underRoot(request, redirectFrom) ? redirectTo + request.slice(redirectFrom.length) : request;
  const leak = forbidden.find((root) => underRoot(redirected, root));
  if (leak) throw new Error(`this line must not load ${leak}, but ${redirected} was required`);
  return resolve.call(this, redirected, ...rest);
};

const framework = require(env.LINE_FRAMEWORK);
const { AwsProvider } = require(`${env.LINE_PROVIDER}/lib/provider`);
const library = require(env.LINE_LIBRARY);
const fleet = require(env.LINE_FLEET_LIBRARY);

require('node:fs').mkdirSync(env.OUTDIR, { recursive: true });
const fleetApp = new framework.App({ outdir: path.join(env.OUTDIR, 'fleet') });
new fleet.MetricsFleet(fleetApp, 'fleet', { config: fleet.loadFleetConfig(env.FLEET_CONFIG) });
fleetApp.synth();

// The README's construct-in-your-own-stack example, without region and account: both read by data sources.
const app = new framework.App({ outdir: path.join(env.OUTDIR, 'own-stack') });
const stack = new framework.TerraformStack(app, 'metrics');
new AwsProvider(stack, 'aws', { region: 'us-east-1' });
new library.EcsHighResMetrics(stack, 'ecs-metrics', { clusters: ['prod-api', 'prod-workers'], intervalSeconds: 5 });
app.synth();

// Which copies of the frameworks and providers ran: a line loads exactly its own.
const packagesIn = (file) => [...file.replace(/\\/g, '/').matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]);
const loaded = [...new Set(Object.keys(require.cache).flatMap(packagesIn))].sort();
process.stdout.write(JSON.stringify({ loaded }));
