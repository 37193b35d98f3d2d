/**
 * Runs one invocation of a deployed Lambda function's zip in a Node child process, as the Lambda
 * runtime would: the handler gets the event and a context with the remaining time, the process
 * gets the function's environment, and its AWS calls go to the emulator. moto itself could only
 * run functions in docker.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { EmulatorCredentials } from './moto-client';

/** What the harness knows of a deployed function (read from the Terraform state). */
export interface DeployedFunction {
  readonly arn: string;
  readonly region: string;
  /** The zip Terraform uploaded. */
  readonly zipFile: string;
  /** `file.export`, as Lambda reads it. */
  readonly handler: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly environment: Readonly<Record<string, string>>;
  /** The function's execution role: the invocation runs with its credentials. */
  readonly roleArn: string;
}

/** The outcome of an invocation, as Lambda's Invoke answers it. */
export type InvocationResult =
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly errorType: string; readonly errorMessage: string };

/** The runtime bootstrap: loads the handler, runs it once, reports over IPC. */
const BOOTSTRAP = `
const [file, exportName] = process.env._HANDLER_SPLIT.split(':');
const started = Date.now();
const timeoutMs = Number(process.env._TIMEOUT_MS);
const context = { getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)) };
process.on('message', async (event) => {
  try {
    const payload = await require(file)[exportName](event, context);
    process.send({ ok: true, payload: payload === undefined ? null : payload }, () => process.exit(0));
  } catch (error) {
    process.send({ ok: false, errorType: (error && error.name) || 'Error', errorMessage: String(error && error.message || error) }, () => process.exit(0));
  }
});
`;

/** Unzips the function's code once per zip content under `workDir`. */
export function unpackFunction(fn: DeployedFunction, workDir: string): string {
  const dir = path.join(workDir, 'lambda-code', path.basename(path.dirname(fn.zipFile)) + '-' + path.basename(fn.zipFile, '.zip'));
  if (!existsSync(path.join(dir, '.unpacked'))) {
    for (const [name, data] of Object.entries(unzipSync(readFileSync(fn.zipFile)))) {
      if (name.endsWith('/')) continue;
      const target = path.join(dir, name);
      // A zip entry may not climb out of the code directory.
      if (!target.startsWith(dir + path.sep)) throw new Error(`${fn.zipFile}: entry ${name} leaves the code directory`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    writeFileSync(path.join(dir, 'bootstrap.cjs'), BOOTSTRAP);
    writeFileSync(path.join(dir, '.unpacked'), '');
  }
  return dir;
}

export interface InvokeOptions {
  /** Where the function's AWS calls go (AWS_ENDPOINT_URL). */
  readonly awsEndpoint: string;
  readonly credentials: EmulatorCredentials;
  readonly workDir: string;
  /** Where the runtime's own modules are (Lambda's Node.js runtime ships AWS SDK v3; the bundle leaves it out). */
  readonly runtimeModules: string;
  /** Each line the function writes (its logs). */
  readonly onLog?: (line: string) => void;
}

/** Invokes the function once with `event`; a timeout or crash is a failed invocation, as in Lambda. */
export function invokeFunction(fn: DeployedFunction, event: unknown, options: InvokeOptions): Promise<InvocationResult> {
  const dir = unpackFunction(fn, options.workDir);
  const dot = fn.handler.lastIndexOf('.');
  const file = path.join(dir, fn.handler.slice(0, dot));
  const timeoutMs = fn.timeoutSeconds * 1000;
  const child = fork(path.join(dir, 'bootstrap.cjs'), [], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      PATH: process.env.PATH,
      NODE_PATH: options.runtimeModules,
      ...fn.environment,
      _HANDLER_SPLIT: `${file}:${fn.handler.slice(dot + 1)}`,
      _TIMEOUT_MS: String(timeoutMs),
      AWS_REGION: fn.region,
      AWS_DEFAULT_REGION: fn.region,
      AWS_ENDPOINT_URL: options.awsEndpoint,
      AWS_ACCESS_KEY_ID: options.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: options.credentials.secretAccessKey,
      ...(options.credentials.sessionToken ? { AWS_SESSION_TOKEN: options.credentials.sessionToken } : {}),
      AWS_LAMBDA_FUNCTION_NAME: fn.arn.split(':')[6],
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
    },
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onLog?.(line);
  };
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: InvocationResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolve(result);
    };
    const timer = setTimeout(
      () => settle({ ok: false, errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${fn.timeoutSeconds} seconds` }),
      timeoutMs,
    );
    child.on('message', (message) => settle(message as InvocationResult));
    child.on('exit', (code, signal) =>
      settle({ ok: false, errorType: 'Runtime.ExitError', errorMessage: `process exited (${code ?? signal}) before answering` }),
    );
    child.send(event as object);
  });
}
