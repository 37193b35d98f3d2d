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
import { adopt } from './child-processes';
import type { EmulatorCredentials } from './moto-client';

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

/**
 * The runtime bootstrap: loads the handler once (Lambda's init phase), says so, then runs each
 * event it is sent and answers over IPC, staying warm between invocations as a Lambda container does.
 * Date.now runs `offsetMs` (sent with each event) ahead of the real clock (a test's fake clock,
 * standing in for minutes passing); the handler's code reads the time through it.
 */
const BOOTSTRAP = `
const realNow = Date.now;
let clockOffsetMs = 0;
Date.now = () => realNow() + clockOffsetMs;
const [file, exportName] = process.env._HANDLER_SPLIT.split(':');
const handler = require(file)[exportName];
process.on('message', async ({ event, timeoutMs, offsetMs }) => {
  clockOffsetMs = offsetMs || 0;
  const started = Date.now();
  const context = { getRemainingTimeInMillis: () => Math.max(0, timeoutMs - (Date.now() - started)) };
  try {
    const payload = await handler(event, context);
    process.send({ ok: true, payload: payload === undefined ? null : payload });
  } catch (error) {
    process.send({ ok: false, errorType: (error && error.name) || 'Error', errorMessage: String((error && error.message) || error) });
  }
});
process.send({ ready: true });
`;

/** Unzips the function's code once per zip content under `workDir`. */
export function unpackFunction(fn: DeployedFunction, workDir: string): string {
  const dir = path.join(workDir, 'lambda-code', `${path.basename(path.dirname(fn.zipFile))}-${path.basename(fn.zipFile, '.zip')}`);
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
  readonly workDir: string;
  /** Where the runtime's own modules are (Lambda's Node.js runtime ships AWS SDK v3; the bundle leaves it out). */
  readonly runtimeModules: string;
  /** Each line the function writes (its logs). */
  readonly onLog?: (line: string) => void;
}

/** Lambda's limit on the init phase is 10 s; a loaded test machine gets more. */
export const INIT_LIMIT_MS = 120_000;

type Worker = ReturnType<typeof fork>;

/**
 * Runs invocations of deployed functions as Lambda does: a warm process per concurrent
 * invocation, reused when idle; the timeout counts from the handler call, not the process start,
 * and a timed-out process is discarded.
 */
export class FunctionRunner {
  private readonly idle = new Map<string, Worker[]>();
  private readonly all = new Set<Worker>();

  constructor(private readonly options: InvokeOptions) {}

  private start(fn: DeployedFunction, credentials: EmulatorCredentials): Promise<Worker> {
    const dir = unpackFunction(fn, this.options.workDir);
    const dot = fn.handler.lastIndexOf('.');
    const worker = fork(path.join(dir, 'bootstrap.cjs'), [], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: {
        PATH: process.env.PATH,
        NODE_PATH: this.options.runtimeModules,
        ...fn.environment,
        _HANDLER_SPLIT: `${path.join(dir, fn.handler.slice(0, dot))}:${fn.handler.slice(dot + 1)}`,
        AWS_REGION: fn.region,
        AWS_DEFAULT_REGION: fn.region,
        AWS_ENDPOINT_URL: this.options.awsEndpoint,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
        AWS_LAMBDA_FUNCTION_NAME: fn.arn.split(':')[6],
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    this.all.add(adopt(worker));
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.options.onLog?.(line);
    };
    worker.stdout!.on('data', forward);
    worker.stderr!.on('data', forward);
    worker.on('exit', () => this.all.delete(worker));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`init of ${fn.arn} took over ${INIT_LIMIT_MS / 1000} s`)), INIT_LIMIT_MS);
      const fail = (error: Error) => {
        clearTimeout(timer);
        worker.kill('SIGKILL');
        reject(error);
      };
      worker.once('message', () => {
        clearTimeout(timer);
        resolve(worker);
      });
      worker.once('exit', (code, signal) => fail(new Error(`init of ${fn.arn} failed: process exited (${code ?? signal})`)));
    });
  }

  /**
   * Invokes `fn` once with `event`; a timeout or crash is a failed invocation, as in Lambda.
   * `clockOffsetMs`: how far the function's clock (Date.now) runs ahead of the real one.
   */
  async invoke(fn: DeployedFunction, event: unknown, credentials: () => Promise<EmulatorCredentials>, clockOffsetMs = 0): Promise<InvocationResult> {
    const pool = this.idle.get(fn.arn) ?? [];
    this.idle.set(fn.arn, pool);
    let worker: Worker;
    try {
      worker = pool.pop() ?? (await this.start(fn, await credentials()));
    } catch (error) {
      return { ok: false, errorType: 'Runtime.InitError', errorMessage: (error as Error).message };
    }
    const timeoutMs = fn.timeoutSeconds * 1000;
    return new Promise((resolve) => {
      const done = (result: InvocationResult, reusable: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (reusable) pool.push(worker);
        else worker.kill('SIGKILL');
        resolve(result);
      };
      const onMessage = (message: unknown) => done(message as InvocationResult, true);
      const onExit = (code: number | null, signal: string | null) =>
        done({ ok: false, errorType: 'Runtime.ExitError', errorMessage: `process exited (${code ?? signal}) before answering` }, false);
      const timer = setTimeout(
        () => done({ ok: false, errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${fn.timeoutSeconds} seconds` }, false),
        timeoutMs,
      );
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.send({ event, timeoutMs, offsetMs: clockOffsetMs });
    });
  }

  /** Ends every process this runner started. */
  stop(): void {
    for (const worker of this.all) worker.kill('SIGKILL');
    this.all.clear();
    this.idle.clear();
  }
}
