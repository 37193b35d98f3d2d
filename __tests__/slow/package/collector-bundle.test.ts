/** The collector's deployment package is byte-for-byte reproducible and self-contained. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { bundleCollector, reproducibleZip, RUNTIME_PROVIDED } from '../../../scripts/build-collector';
import { ROOT } from '../../support/app';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const build = () => reproducibleZip('index.js', bundleCollector());

/** The zip's hash, built in a fresh process with these environment variables. */
function hashBuiltElsewhere(env: Record<string, string>): string {
  const script =
    "const { bundleCollector, reproducibleZip } = require('./scripts/build-collector');" +
    "process.stdout.write(require('node:crypto').createHash('sha256').update(reproducibleZip('index.js', bundleCollector())).digest('hex'));";
  const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), '-e', script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout;
}

test('building twice gives the same zip, byte for byte', () => {
  expect(sha256(build())).toBe(sha256(build()));
});

test('a build in another process, time zone and locale gives the same hash', () => {
  expect(hashBuiltElsewhere({ TZ: 'Pacific/Chatham', LANG: 'de_DE.UTF-8' })).toBe(sha256(build()));
});

test('the shipped zip (npm run build) is what the source builds to, and its .sha256 says so', () => {
  const built = sha256(build());
  const shipped = sha256(readFileSync(path.join(ROOT, 'dist', 'collector', 'collector.zip')));
  if (shipped !== built) throw new Error(`dist/collector/collector.zip is stale (${shipped}, the source builds ${built}): run \`npm run build\``);
  expect(readFileSync(path.join(ROOT, 'dist', 'collector', 'collector.zip.sha256'), 'utf8')).toBe(`${built}\n`);
});

test('the bundle holds no path of the machine that built it', () => {
  expect(Buffer.from(bundleCollector()).toString('utf8')).not.toContain(ROOT);
});

test('the bundle requires only what the Lambda runtime provides: the AWS SDK and Node built-ins', () => {
  const code = Buffer.from(bundleCollector()).toString('utf8');
  const required = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
  // The hub adds S3 (its target list), STS (the spoke roles) and one shared HTTPS agent for its ECS clients;
  // the bundled HTTP handler (clients.ts, httpHandler) needs node:http, node:https, node:stream and node:crypto;
  // the organization's discovery adds Organizations (its accounts) and EC2 (each account's enabled regions).
  expect(required).toEqual([
    '@aws-sdk/client-cloudwatch',
    '@aws-sdk/client-ec2',
    '@aws-sdk/client-ecs',
    '@aws-sdk/client-organizations',
    '@aws-sdk/client-s3',
    '@aws-sdk/client-sts',
    'node:crypto',
    'node:events',
    'node:http',
    'node:https',
    'node:stream',
  ]);
  expect(code).not.toContain('import(');
  const fromRuntime = (name: string) =>
    builtinModules.includes(name.replace(/^node:/, '')) || RUNTIME_PROVIDED.some((pattern) => name.startsWith(pattern.replace('*', '')));
  expect(required.every(fromRuntime)).toBe(true);
});
