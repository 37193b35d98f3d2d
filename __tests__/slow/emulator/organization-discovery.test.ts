/**
 * The organization on the emulator (moto 5.2.1): an organization with two OUs and three accounts,
 * spoke roles from a service-managed StackSet, the discovery and the hub tick with real SDK
 * clients against moto. One discovery run and one tick publish every account's clusters; an
 * account created in an OU is polled after the next discovery run with no change to the target
 * list (refresh times shortened to a minute, on a fake clock); an account moved out of the OUs
 * stops being polled while nothing of the others is lost.
 *
 * What moto does with the StackSet: CreateStackInstances with OrganizationalUnitIds deploys an
 * instance (and creates the IAM role) in every account of those OUs at that moment; automatic
 * deployment does not deploy to an account that joins an OU later (and CreateStackInstances for
 * the OU again is refused: it re-creates the roles already there; AccountFilterType is ignored),
 * so the test creates the template's role in the new account, as the automatic deployment would.
 * moto grants any AssumeRole (a role need not exist), so the roles here prove the deployment,
 * not the trust: the trust and permission policies are proven by iam-simulate (unit tier).
 */
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';
import {
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutBucketVersioningCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { freePort, type MotoServer, requireEmulatorTools, startMotoServer } from '../../../scripts/lib/emulator/moto-server';
import { accountClient } from '../../../scripts/lib/emulator/account-clients';
import { queryCall } from '../../../scripts/lib/emulator/moto-client';
import { Discovery } from '../../../functions/collector/hub/discovery/discovery';
import { createDiscoveryClients } from '../../../functions/collector/hub/discovery/discovery-clients';
import { HubCollector } from '../../../functions/collector/hub/hub-collector';
import { handleHubEvent } from '../../../functions/collector/index';
import type { DiscoveryInput, HubCollectorInput } from '../../../modules/contract/collector-event';
import { DEFAULT_DISCOVERY_REFRESH, type DiscoveredTargets, serializeTargetList } from '../../../modules/contract/hub-target-list';

/** moto's default account: the management account, which also hosts the hub here. */
const MANAGEMENT = '123456789012';
const REGION = 'us-east-1';
const SPOKE_ROLE = 'ecs-highres-spoke';
const NAMESPACE = 'ECS/Organization';
const SPOKE_TEMPLATE = JSON.stringify({
  Resources: {
    SpokeRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: SPOKE_ROLE,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'sts:AssumeRole' }],
        },
      },
    },
  },
});

let moto: MotoServer;
const savedEnv = { ...process.env };

/** A CloudFormation query call (the project has no CloudFormation client): moto reads the service from the credential scope. */
async function cloudformation(action: string, params: Record<string, string>): Promise<string> {
  const response = await fetch(`${moto.endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIAEMULATOR000000/20250101/${REGION}/cloudformation/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: new URLSearchParams({ Action: action, Version: '2010-05-15', ...params }).toString(),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`cloudformation:${action} answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

/** The roles of an account, by name. */
async function rolesOf(account: string): Promise<string[]> {
  const xml = await queryCall('iam', { endpoint: moto.endpoint, region: REGION, account }, 'ListRoles', {});
  return [...xml.matchAll(/<RoleName>([^<]*)<\/RoleName>/g)].map((m) => m[1]);
}

beforeAll(async () => {
  requireEmulatorTools();
  moto = await startMotoServer(await freePort());
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIAEMULATOR000000',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_REGION: REGION,
  });
});

afterAll(async () => {
  for (const key of ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await moto?.stop();
});

test('an organization of two OUs and three accounts: discovered, polled, joined by a new account, left by a moved one', async () => {
  const clock = { ms: Date.now(), now: () => clock.ms };
  const organizations = new OrganizationsClient({ region: REGION });
  await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const root = (await organizations.send(new ListRootsCommand({}))).Roots![0].Id!;
  const ou = async (name: string) => (await organizations.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: name }))).OrganizationalUnit!.Id!;
  const [ou1, ou2, outside] = [await ou('workloads'), await ou('platform'), await ou('sandbox')];
  const account = async (name: string, parent: string) => {
    const id = (await organizations.send(new CreateAccountCommand({ Email: `${name}@example.com`, AccountName: name }))).CreateAccountStatus!.AccountId!;
    await organizations.send(new MoveAccountCommand({ AccountId: id, SourceParentId: root, DestinationParentId: parent }));
    return id;
  };
  const [a, b, c] = [await account('a', ou1), await account('b', ou1), await account('c', ou2)];
  const cluster = (id: string, region: string, name: string) =>
    accountClient(ECSClient, moto.endpoint, id, region).send(new CreateClusterCommand({ clusterName: name }));
  await cluster(a, 'us-east-1', 'a-prod');
  await cluster(b, 'eu-west-1', 'b-prod');
  await cluster(c, 'us-east-1', 'c-prod');

  // The organization stack's StackSet: service-managed, automatic deployment, instances in the OUs.
  await cloudformation('CreateStackSet', {
    StackSetName: 'ecs-highres-spokes',
    TemplateBody: SPOKE_TEMPLATE,
    PermissionModel: 'SERVICE_MANAGED',
    'AutoDeployment.Enabled': 'true',
    'AutoDeployment.RetainStacksOnAccountRemoval': 'false',
    'Capabilities.member.1': 'CAPABILITY_NAMED_IAM',
  });
  const deployTo = (unit: string) =>
    cloudformation('CreateStackInstances', {
      StackSetName: 'ecs-highres-spokes',
      'DeploymentTargets.OrganizationalUnitIds.member.1': unit,
      'Regions.member.1': REGION,
    });
  await deployTo(ou1);
  await deployTo(ou2);
  for (const id of [a, b, c]) expect(await rolesOf(id)).toContain(SPOKE_ROLE);

  // The hub's bucket: the target list (version 2, no listed account) and, later, the discovered object.
  const s3 = new S3Client({ region: REGION });
  await s3.send(new CreateBucketCommand({ Bucket: 'hub-targets' }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'hub-targets', VersioningConfiguration: { Status: 'Enabled' } }));
  const refresh = { ...DEFAULT_DISCOVERY_REFRESH, accountsSeconds: 60, clustersSeconds: 60 };
  const list = serializeTargetList([], {
    units: [ou1, ou2],
    regions: ['us-east-1', 'eu-west-1'],
    exclude: [],
    organizationsRole: { account: MANAGEMENT, name: 'ecs-highres-organizations-read', path: '/', sessionName: 'ecs-highres-discovery' },
    refresh,
  });
  const { VersionId } = await s3.send(new PutObjectCommand({ Bucket: 'hub-targets', Key: 'targets.json', Body: list }));
  const targetList = { bucket: 'hub-targets', key: 'targets.json', versionId: VersionId! };
  const discovered = { bucket: 'hub-targets', key: 'discovered.json' };
  const discoveryInput: DiscoveryInput = { targetList, spokeRole: { name: SPOKE_ROLE, path: '/', sessionName: 'ecs-highres-discovery' }, discovered };
  const tickInput: HubCollectorInput = {
    targetList,
    spokeRole: { name: SPOKE_ROLE, path: '/', sessionName: 'ecs-highres-hub' },
    namespace: NAMESPACE,
    discovered,
  };

  const discovery = new Discovery(createDiscoveryClients(REGION), clock.now);
  const hub = new HubCollector(
    { s3: new S3Client({ region: REGION }), sts: new STSClient({ region: REGION }), cloudwatch: new CloudWatchClient({ region: REGION }) },
    clock.now,
  );
  const context = { getRemainingTimeInMillis: () => 60_000, invokedFunctionArn: `arn:aws:lambda:${REGION}:${MANAGEMENT}:function:collector` };
  const discover = () => discovery.run(discoveryInput, { partition: 'aws', region: REGION, owner: MANAGEMENT });
  const tick = async () => {
    const quiet = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      const ms = clock.now();
      return await handleHubEvent(
        hub,
        { input: tickInput, tick: { intervalSeconds: 5, offsetSeconds: 0, executionStartTime: new Date(ms).toISOString() } },
        context,
      );
    } finally {
      quiet.mockRestore();
    }
  };
  const discoveredNow = async () => {
    const { readDiscovered } = await import('../../../functions/collector/hub/discovery/discovered-object');
    const read = await readDiscovered(s3, discovered);
    return read.kind === 'found' ? (read.object as DiscoveredTargets).targets.map((t) => `${t.account}/${t.region}`) : [];
  };
  const publishedAccounts = async () => {
    const metrics = await new CloudWatchClient({ region: REGION }).send(new ListMetricsCommand({ Namespace: NAMESPACE }));
    return [...new Set((metrics.Metrics ?? []).map((m) => m.Dimensions?.find((d) => d.Name === 'AccountId')?.Value))].sort();
  };

  // One discovery run, one tick: every account's clusters.
  const first = await discover();
  expect(first).toMatchObject({ accounts: 3, accountRegions: 6, targets: 3, failureCount: 0 });
  expect((await discoveredNow()).sort()).toEqual([`${a}/us-east-1`, `${b}/eu-west-1`, `${c}/us-east-1`].sort());
  const firstTick = await tick();
  expect(firstTick).toMatchObject({ accountRegions: 3, clusters: 3, lost: 0 });
  expect(await publishedAccounts()).toEqual([a, b, c].sort());

  // A new account in an OU, its spoke role applied as the StackSet's automatic deployment would: polled after the next run.
  const d = await account('d', ou2);
  await cluster(d, 'us-east-1', 'd-prod');
  expect(await rolesOf(d)).not.toContain(SPOKE_ROLE);
  // What the automatic deployment creates in the new account: the template's role. (moto cannot: CreateStackInstances again
  // for the OU re-creates C's role and is refused, and it ignores AccountFilterType, so the role is created as the template has it.)
  const role = JSON.parse(SPOKE_TEMPLATE).Resources.SpokeRole.Properties;
  await queryCall('iam', { endpoint: moto.endpoint, region: REGION, account: d }, 'CreateRole', {
    RoleName: role.RoleName,
    AssumeRolePolicyDocument: JSON.stringify(role.AssumeRolePolicyDocument),
  });
  expect(await rolesOf(d)).toContain(SPOKE_ROLE);
  clock.ms += 60_000;
  await discover();
  expect(await discoveredNow()).toContain(`${d}/us-east-1`);
  const joined = await tick();
  expect(joined).toMatchObject({ accountRegions: 4, clusters: 4, lost: 0 });

  // An account moved out of the units: dropped at the next run, without failing; the others stay.
  await organizations.send(new MoveAccountCommand({ AccountId: a, SourceParentId: ou1, DestinationParentId: outside }));
  clock.ms += 60_000;
  const afterMove = await discover();
  expect(afterMove).toMatchObject({ accounts: 3, failureCount: 0 });
  expect((await discoveredNow()).sort()).toEqual([`${b}/eu-west-1`, `${c}/us-east-1`, `${d}/us-east-1`].sort());
  const left = await tick();
  expect(left).toMatchObject({ accountRegions: 3, clusters: 3, lost: 0 });
});
