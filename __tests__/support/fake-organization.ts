/**
 * GIVEN helpers for the discovery: an AWS Organizations that answers ListAccountsForParent and
 * ListChildren from a tree the test changes (accounts created, moved, suspended), in pages of
 * MaxResults; member accounts whose EC2 answers their enabled regions and whose ECS answers
 * whether an account-region has clusters, told apart by the calling client's region and
 * credentials; and a bucket that keeps what PutObject wrote for GetObject, by version.
 */
import { DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { type ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { ListAccountsForParentCommand, ListChildrenCommand } from '@aws-sdk/client-organizations';
import { GetObjectCommand, type GetObjectCommandOutput, PutObjectCommand } from '@aws-sdk/client-s3';
import type { AwsStub } from 'aws-sdk-client-mock';

type AnyStub = AwsStub<any, any, any>;

/** The organization's tree: each parent (root or OU) with its child OUs and its accounts (ID → state). */
export type FakeTree = Record<string, { ous: string[]; accounts: Record<string, 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE'> }>;

/** Where an account is, and the tree with it moved there. */
export function moveAccount(tree: FakeTree, account: string, to: string) {
  for (const parent of Object.values(tree)) delete parent.accounts[account];
  tree[to].accounts[account] = 'ACTIVE';
}

/** GIVEN Organizations answers from `tree` (read at each call); `failing` makes every call fail with it. */
export function givenOrganization(organizations: AnyStub, tree: FakeTree, options: { failing?: () => Error | undefined } = {}) {
  const calls: Array<{ command: string; parent: string; token?: string; caller: string }> = [];
  const page = <T>(items: T[], input: { MaxResults?: number; NextToken?: string }) => {
    const start = input.NextToken ? Number(input.NextToken) : 0;
    const end = start + (input.MaxResults ?? 20);
    return { items: items.slice(start, end), next: end < items.length ? String(end) : undefined };
  };
  /** The account whose credentials signed the call (see fake-spokes' accessKeyOf). */
  const callerOf = async (client: any) => ((await client.config.credentials()) as { accessKeyId: string }).accessKeyId.slice(4, 16);
  organizations.on(ListAccountsForParentCommand).callsFake(async (input, getClient) => {
    calls.push({ command: 'ListAccountsForParent', parent: input.ParentId, token: input.NextToken, caller: await callerOf(getClient()) });
    const error = options.failing?.();
    if (error) throw error;
    const accounts = Object.entries(tree[input.ParentId]?.accounts ?? {}).map(([Id, State]) => ({
      Id,
      State,
      Status: State === 'ACTIVE' ? 'ACTIVE' : 'SUSPENDED',
    }));
    const { items, next } = page(accounts, input);
    return { Accounts: items, ...(next ? { NextToken: next } : {}) };
  });
  organizations.on(ListChildrenCommand).callsFake(async (input, getClient) => {
    calls.push({ command: 'ListChildren', parent: input.ParentId, token: input.NextToken, caller: await callerOf(getClient()) });
    const error = options.failing?.();
    if (error) throw error;
    const children = (tree[input.ParentId]?.ous ?? []).map((Id) => ({ Id, Type: input.ChildType }));
    const { items, next } = page(children, input);
    return { Children: items, ...(next ? { NextToken: next } : {}) };
  });
  return { calls };
}

/** Which account-region a mocked client is: its region, and the account in its credentials (see fake-spokes' accessKeyOf). */
async function whereFrom(client: { config: { region: () => Promise<string>; credentials: () => Promise<{ accessKeyId: string }> } }): Promise<string> {
  const region = await client.config.region();
  const credentials = await client.config.credentials();
  return `${credentials.accessKeyId.slice(4, 16)}/${region}`;
}

/** Each member account: its enabled regions, and its account-regions with clusters. */
export interface FakeMembers {
  regions: Record<string, string[]>;
  /** `account/region` with at least one cluster. */
  withClusters: Set<string>;
  /** `account/region` (ListClusters) or `account` (DescribeRegions) answering with an error. */
  failing: Map<string, Error>;
}

/** GIVEN member accounts answer DescribeRegions and ListClusters from `members`; returns the calls, each `account/region` of the caller. */
export function givenMembers(ec2: AnyStub, ecs: AnyStub, members: FakeMembers) {
  const calls: Array<{ command: 'DescribeRegions' | 'ListClusters'; from: string; input: any }> = [];
  ec2.on(DescribeRegionsCommand).callsFake(async (input, getClient) => {
    const from = await whereFrom(getClient() as EC2Client as any);
    calls.push({ command: 'DescribeRegions', from, input });
    const account = from.split('/')[0];
    const error = members.failing.get(account);
    if (error) throw error;
    return { Regions: (members.regions[account] ?? []).map((RegionName) => ({ RegionName, OptInStatus: 'opt-in-not-required' })) };
  });
  ecs.on(ListClustersCommand).callsFake(async (input, getClient) => {
    const from = await whereFrom(getClient() as ECSClient as any);
    calls.push({ command: 'ListClusters', from, input });
    const error = members.failing.get(from);
    if (error) throw error;
    const [account, region] = from.split('/');
    return { clusterArns: members.withClusters.has(from) ? [`arn:aws:ecs:${region}:${account}:cluster/c1`] : [] };
  });
  return { calls };
}

/** S3's answer: a body whose transformToString gives the object's text. */
export const s3Body = (text: string) => ({ Body: { transformToString: async () => text } as unknown as GetObjectCommandOutput['Body'] });

/** GIVEN a versioned bucket: PutObject adds a version, GetObject reads the given version or the latest; absent: NoSuchKey. */
export function givenBucket(s3: AnyStub, initial: Record<string, string> = {}) {
  const versions = new Map<string, string[]>(Object.entries(initial).map(([key, text]) => [key, [text]]));
  const byVersionId = new Map<string, string>();
  const put = (key: string, text: string) => {
    const list = versions.get(key) ?? [];
    list.push(text);
    versions.set(key, list);
    return list.length;
  };
  s3.on(PutObjectCommand).callsFake(async (input) => ({ VersionId: `v${put(input.Key, String(input.Body))}` }));
  s3.on(GetObjectCommand).callsFake(async (input) => {
    if (input.VersionId && byVersionId.has(`${input.Key}@${input.VersionId}`)) return s3Body(byVersionId.get(`${input.Key}@${input.VersionId}`)!);
    const list = versions.get(input.Key);
    if (!list || list.length === 0) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    return s3Body(list[list.length - 1]);
  });
  return {
    /** Writes a new latest version, as the discovery's PutObject would. */
    put: (key: string, text: string) => void put(key, text),
    /** Puts an object version the readers ask for by VersionId (the target list). */
    putVersion: (key: string, versionId: string, text: string) => byVersionId.set(`${key}@${versionId}`, text),
    latest: (key: string) => {
      const list = versions.get(key);
      return list ? JSON.parse(list[list.length - 1]) : undefined;
    },
    versions: (key: string) => versions.get(key)?.length ?? 0,
  };
}
