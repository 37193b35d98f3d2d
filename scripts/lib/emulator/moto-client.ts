/**
 * Raw calls to the emulator for the services the project has no SDK client for (IAM, STS, Step
 * Functions) and for moto's own API. moto reads the service and region from the credential scope
 * of the Authorization header and never checks signatures, so a fixed fake signature will do;
 * the account is chosen with moto's `x-moto-account-id` header (or by an assumed role's key).
 */

/** Credentials moto maps to an account: its default account unless the key came from AssumeRole. */
export interface EmulatorCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface CallTarget {
  readonly endpoint: string;
  readonly region: string;
  /** The account the call acts in (moto's x-moto-account-id header). */
  readonly account?: string;
}

function headersFor(service: string, { region, account }: CallTarget, extra: Record<string, string>): Record<string, string> {
  const headers: Record<string, string> = {
    ...extra,
    // Fake SigV4: moto routes by the credential scope and ignores the signature.
    authorization: `AWS4-HMAC-SHA256 Credential=AKIAEMULATOR000000/20250101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
  };
  if (account) headers['x-moto-account-id'] = account;
  return headers;
}

/** An answer other than 2xx, with what the emulator said. */
export class EmulatorCallError extends Error {
  constructor(
    readonly call: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`${call} answered ${status}: ${body.slice(0, 500)}`);
    this.name = 'EmulatorCallError';
  }
}

const QUERY_API_VERSIONS: Record<string, string> = { iam: '2010-05-08', sts: '2011-06-15', ec2: '2016-11-15', cloudformation: '2010-05-15' };

/** A query-protocol call (IAM, STS): form parameters in, XML out. */
export async function queryCall(service: string, target: CallTarget, action: string, params: Record<string, string>): Promise<string> {
  const body = new URLSearchParams({ Action: action, Version: QUERY_API_VERSIONS[service], ...params });
  const response = await fetch(`${target.endpoint}/`, {
    method: 'POST',
    headers: headersFor(service, target, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }),
    body: body.toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new EmulatorCallError(`${service}:${action}`, response.status, text);
  return text;
}

/** A JSON-protocol call (Step Functions): `X-Amz-Target: <prefix>.<action>`. */
export async function jsonCall<T>(service: string, targetPrefix: string, target: CallTarget, action: string, input: object): Promise<T> {
  const response = await fetch(`${target.endpoint}/`, {
    method: 'POST',
    headers: headersFor(service, target, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `${targetPrefix}.${action}`,
    }),
    body: JSON.stringify(input),
  });
  const text = await response.text();
  if (!response.ok) throw new EmulatorCallError(`${service}:${action}`, response.status, text);
  return JSON.parse(text) as T;
}

/** The text of the first `<tag>` element of an XML answer. */
export function xmlValue(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];
}

/** Creates an IAM role in the target's account (the deploy role the provider then assumes). */
export async function createRole(target: CallTarget, roleArn: string, trustedAccount: string): Promise<void> {
  const match = /^arn:aws:iam::\d{12}:role(\/(?:.*\/)?)?([^/]+)$/.exec(roleArn);
  if (!match) throw new Error(`${roleArn} is not an IAM role ARN`);
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${trustedAccount}:root` }, Action: 'sts:AssumeRole' }],
  };
  await queryCall('iam', target, 'CreateRole', {
    RoleName: match[2],
    Path: match[1] ?? '/',
    AssumeRolePolicyDocument: JSON.stringify(trust),
  });
}

/** Assumes a role; moto hands back a key it maps to the role's account, as AWS would. */
export async function assumeRole(target: CallTarget, roleArn: string, sessionName: string): Promise<EmulatorCredentials> {
  const xml = await queryCall('sts', target, 'AssumeRole', { RoleArn: roleArn, RoleSessionName: sessionName });
  const accessKeyId = xmlValue(xml, 'AccessKeyId');
  const secretAccessKey = xmlValue(xml, 'SecretAccessKey');
  if (!accessKeyId || !secretAccessKey) throw new Error(`AssumeRole of ${roleArn} returned no credentials: ${xml.slice(0, 300)}`);
  return { accessKeyId, secretAccessKey, sessionToken: xmlValue(xml, 'SessionToken') };
}

/** Launches `count` emulated EC2 instances (container instances must be real instances in moto); their IDs. */
export async function runInstances(target: CallTarget, count: number): Promise<string[]> {
  const xml = await queryCall('ec2', target, 'RunInstances', {
    ImageId: 'ami-12c6146b', // an image moto ships with
    InstanceType: 't3.micro',
    MinCount: String(count),
    MaxCount: String(count),
  });
  return [...xml.matchAll(/<instanceId>([^<]+)<\/instanceId>/g)].map((m) => m[1]);
}

/** A Step Functions API call in the target's account and region. */
export function sfnCall<T>(target: CallTarget, action: string, input: object): Promise<T> {
  return jsonCall<T>('states', 'AWSStepFunctions', target, action, input);
}

/** Sets moto's runtime configuration (POST /moto-api/config). */
export async function configureEmulator(endpoint: string, config: object): Promise<void> {
  const response = await fetch(`${endpoint}/moto-api/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!response.ok) throw new EmulatorCallError('moto-api/config', response.status, await response.text());
}
