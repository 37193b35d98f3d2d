/**
 * A small HTTP front in front of moto: it answers the two Step Functions calls moto lacks and the
 * provider makes during apply (without answers apply hangs in retries), runs Lambda invocations
 * of registered functions with the deployed zip, decides role sessions' AssumeRole calls as AWS
 * would (assume-role-check.ts), keeps S3 bucket policies as written while moto judges only what it
 * can (policyMotoCanJudge), deletes a service-managed StackSet's instances by unit as AWS does
 * (stack-set-units.ts), and passes everything else to moto unchanged.
 */
import { createServer, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import { checkAssumeRole } from './assume-role-check';
import { type DeployedFunction, FunctionRunner, type InvocationResult, type InvokeOptions } from './lambda-runner';
import { stackSetUnitsExpanded } from './stack-set-units';
import type { EmulatorCredentials } from './moto-client';

/** Answers for Step Functions actions moto does not implement, by X-Amz-Target. */
export const STEP_FUNCTIONS_STAND_INS: Readonly<Record<string, object>> = {
  'AWSStepFunctions.ValidateStateMachineDefinition': { result: 'OK', diagnostics: [] },
  'AWSStepFunctions.ListStateMachineVersions': { stateMachineVersions: [] },
};

/** The function name (or ARN) of a Lambda Invoke request path, or undefined for any other request. */
export function invokedFunction(method: string | undefined, url: string | undefined): string | undefined {
  if (method !== 'POST' || !url) return undefined;
  const match = /^\/2015-03-31\/functions\/([^/?]+)\/invocations(?:\?|$)/.exec(url);
  return match ? decodeURIComponent(match[1]) : undefined;
}

/** The bucket of an S3 bucket-policy request (`/<bucket>?policy`, path style), or undefined for any other request. */
export function bucketPolicyBucket(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const parsed = new URL(url, 'http://front');
  const match = /^\/([^/]+)\/?$/.exec(parsed.pathname);
  return match && parsed.searchParams.has('policy') ? decodeURIComponent(match[1]) : undefined;
}

/**
 * The bucket policy as moto can judge it. moto ignores conditions, so a conditional Deny (the
 * target list bucket's `aws:SecureTransport` false) would deny every request, and the emulator is
 * reached over plain HTTP where AWS is reached over TLS: those statements are left out for moto,
 * and the front answers GetBucketPolicy with the policy as written.
 */
export function policyMotoCanJudge(policyText: string): string {
  const policy = JSON.parse(policyText) as { Statement?: unknown };
  const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
  const judged = statements.filter((s) => !(s && typeof s === 'object' && (s as { Effect?: string }).Effect === 'Deny' && 'Condition' in s));
  return JSON.stringify({ ...policy, Statement: judged });
}

/** One invocation the front ran, for the tests and the sandbox to look at. */
export interface InvocationRecord {
  readonly functionArn: string;
  readonly event: unknown;
  readonly result: InvocationResult;
}

export interface FrontOptions {
  readonly motoEndpoint: string;
  readonly workDir: string;
  readonly runtimeModules: string;
  /** Credentials of a function's execution role (the collector acts as its role, in its account). */
  readonly credentialsFor: (fn: DeployedFunction) => Promise<EmulatorCredentials>;
  readonly onInvocation?: (record: InvocationRecord) => void;
  readonly onLog?: InvokeOptions['onLog'];
  /**
   * Answer DescribeClusters with each cluster's activeServicesCount counted from its ACTIVE
   * services, as ECS does; moto leaves it 0 (ecs-seeds.ts). @default false
   */
  readonly countActiveServices?: boolean;
}

const ECS_TARGET = 'AmazonEC2ContainerServiceV20141113';
/** Headers fetch sets itself. */
const HOP_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'expect']);
/** DescribeServices takes at most 10 services a call. */
const DESCRIBE_SERVICES_MAX = 10;

/** One ECS JSON call to moto, with the caller's credentials (moto reads the account from them, not the signature). */
async function ecsCall<T>(motoEndpoint: string, headers: IncomingMessage['headers'], action: string, input: object): Promise<T> {
  const forwarded: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${ECS_TARGET}.${action}` };
  for (const name of ['authorization', 'x-amz-security-token', 'x-moto-account-id', 'x-amz-date']) {
    const value = headers[name];
    if (typeof value === 'string') forwarded[name] = value;
  }
  const response = await fetch(`${motoEndpoint}/`, { method: 'POST', headers: forwarded, body: JSON.stringify(input) });
  if (!response.ok) throw new Error(`ecs:${action}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The DescribeClusters answer with each cluster's ACTIVE services counted. */
export async function withActiveServicesCounted(motoEndpoint: string, headers: IncomingMessage['headers'], answer: Buffer): Promise<Buffer> {
  const body = JSON.parse(answer.toString()) as { clusters?: Array<{ clusterArn?: string; activeServicesCount?: number }> };
  for (const cluster of body.clusters ?? []) {
    const { serviceArns = [] } = await ecsCall<{ serviceArns?: string[] }>(motoEndpoint, headers, 'ListServices', { cluster: cluster.clusterArn });
    let active = 0;
    for (let i = 0; i < serviceArns.length; i += DESCRIBE_SERVICES_MAX) {
      const { services = [] } = await ecsCall<{ services?: Array<{ status?: string }> }>(motoEndpoint, headers, 'DescribeServices', {
        cluster: cluster.clusterArn,
        services: serviceArns.slice(i, i + DESCRIBE_SERVICES_MAX),
      });
      active += services.filter((service) => service.status === 'ACTIVE').length;
    }
    cluster.activeServicesCount = active;
  }
  return Buffer.from(JSON.stringify(body));
}

export interface Front {
  readonly port: number;
  readonly endpoint: string;
  /** Functions whose invocations the front runs, by ARN. */
  register(fn: DeployedFunction): void;
  /**
   * Moves the functions' clock (their Date.now) `ms` ahead, for every later invocation: a fake
   * clock standing in for minutes passing (a refresh time coming due). The emulator's own clock
   * does not move. Returns the clock's total offset.
   */
  advanceClock(ms: number): number;
  unregister(arn: string): void;
  readonly invocations: readonly InvocationRecord[];
  stop(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Starts the front on `port` (a free port the caller chose, also given to moto as MOTO_PORT). */
export function startFront(port: number, options: FrontOptions): Promise<Front> {
  const functions = new Map<string, DeployedFunction>();
  const invocations: InvocationRecord[] = [];
  let clockOffsetMs = 0;
  const motoUrl = new URL(options.motoEndpoint);
  const runner = new FunctionRunner({
    // Through the front, so that the functions' AssumeRole calls are decided as AWS would.
    awsEndpoint: `http://127.0.0.1:${port}`,
    workDir: options.workDir,
    runtimeModules: options.runtimeModules,
    onLog: options.onLog,
  });

  /** Bucket policies as written, by bucket: moto holds the part it can judge. */
  const bucketPolicies = new Map<string, Buffer>();

  const passThrough = (req: IncomingMessage, res: ServerResponse, body: Buffer, headers = req.headers, answerBody?: Buffer) => {
    const upstream = httpRequest(
      { host: motoUrl.hostname, port: motoUrl.port, method: req.method, path: req.url, headers: { ...headers, host: motoUrl.host } },
      (answer) => {
        if (answerBody && answer.statusCode === 200) {
          answer.resume();
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(answerBody.length) });
          res.end(answerBody);
        } else {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        }
      },
    );
    upstream.on('error', (error) => sendJson(res, 502, { message: `emulator unreachable: ${error.message}` }));
    upstream.end(body);
  };

  /** PutBucketPolicy: moto gets what it can judge (its checksum headers dropped); GetBucketPolicy: the policy as written. */
  const bucketPolicy = (req: IncomingMessage, res: ServerResponse, body: Buffer, bucket: string) => {
    if (req.method === 'PUT') {
      let judged: Buffer;
      try {
        judged = Buffer.from(policyMotoCanJudge(body.toString()));
      } catch {
        return passThrough(req, res, body);
      }
      bucketPolicies.set(bucket, body);
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([name]) => !/^(content-md5|content-length|x-amz-checksum-.*|x-amz-sdk-checksum-algorithm)$/i.test(name)),
      );
      return passThrough(req, res, judged, { ...headers, 'content-length': String(judged.length) });
    }
    if (req.method === 'DELETE') bucketPolicies.delete(bucket);
    return passThrough(req, res, body, req.headers, req.method === 'GET' ? bucketPolicies.get(bucket) : undefined);
  };

  /** DescribeClusters, its answer's activeServicesCount counted (countActiveServices). */
  const describeClusters = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const answer = await fetch(`${options.motoEndpoint}${req.url ?? '/'}`, {
      method: 'POST',
      headers: Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && !HOP_HEADERS.has(e[0]))),
      body,
    });
    const text = Buffer.from(await answer.arrayBuffer());
    const out = answer.ok ? await withActiveServicesCounted(options.motoEndpoint, req.headers, text) : text;
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/x-amz-json-1.1', 'content-length': String(out.length) });
    res.end(out);
  };

  const invoke = async (res: ServerResponse, fn: DeployedFunction, body: Buffer) => {
    const event = body.length > 0 ? JSON.parse(body.toString()) : {};
    const result = await runner.invoke(fn, event, () => options.credentialsFor(fn), clockOffsetMs);
    const record = { functionArn: fn.arn, event, result };
    invocations.push(record);
    options.onInvocation?.(record);
    if (result.ok) sendJson(res, 200, result.payload, { 'x-amz-executed-version': '$LATEST' });
    // A function error is still HTTP 200, flagged by X-Amz-Function-Error, as Lambda answers.
    else sendJson(res, 200, { errorType: result.errorType, errorMessage: result.errorMessage, trace: [] }, { 'x-amz-function-error': 'Unhandled' });
  };

  const server: Server = createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const target = req.headers['x-amz-target'];
        const standIn = typeof target === 'string' ? STEP_FUNCTIONS_STAND_INS[target] : undefined;
        if (standIn) return sendJson(res, 200, standIn, { 'content-type': 'application/x-amz-json-1.0' });
        if (options.countActiveServices && target === `${ECS_TARGET}.DescribeClusters`) return describeClusters(req, res, body);
        const name = invokedFunction(req.method, req.url);
        const fn = name === undefined ? undefined : functions.get(name);
        if (fn) return invoke(res, fn, body);
        const policyBucket = bucketPolicyBucket(req.url);
        if (policyBucket !== undefined) return bucketPolicy(req, res, body, policyBucket);
        if (String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
          const form = new URLSearchParams(body.toString());
          const denial = await checkAssumeRole(options.motoEndpoint, form, req.headers.authorization);
          if (denial) {
            res.writeHead(denial.status, { 'content-type': 'text/xml' });
            return res.end(denial.body);
          }
          const expanded = await stackSetUnitsExpanded(options.motoEndpoint, form, req.headers.authorization);
          if (expanded) {
            const sent = Buffer.from(expanded.toString());
            return passThrough(req, res, sent, { ...req.headers, 'content-length': String(sent.length) });
          }
        }
        passThrough(req, res, body);
      })
      .catch((error: Error) => sendJson(res, 500, { message: `emulator front: ${error.message}` }));
  });

  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port,
        endpoint: `http://127.0.0.1:${port}`,
        register: (fn) => functions.set(fn.arn, fn),
        unregister: (arn) => functions.delete(arn),
        advanceClock: (ms) => (clockOffsetMs += ms),
        invocations,
        stop: () =>
          new Promise<void>((done) => {
            runner.stop();
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    );
  });
}
