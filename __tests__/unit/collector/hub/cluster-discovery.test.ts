/** Cluster auto-discovery: ListClusters paginated, at most once a minute per account-region, shared, with a fallback. */
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { CLUSTER_LIST_TTL_MS, ClusterDiscovery } from '../../../../functions/collector/cluster-discovery';
import { fakeClock } from '../../../support/fake-spokes';

const ecs = mockClient(ECSClient);
const client = new ECSClient({ region: 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 's' } });
const names = (n: number) => Array.from({ length: n }, (_, i) => `c-${String(i).padStart(3, '0')}`);
const arn = (name: string) => `arn:aws:ecs:eu-west-1:222222222222:cluster/${name}`;
let clock: ReturnType<typeof fakeClock>;

/** GIVEN ECS lists these clusters, in pages of maxResults. */
function givenClusters(all: string[]) {
  ecs.on(ListClustersCommand).callsFake(({ maxResults = 100, nextToken }) => {
    const start = nextToken ? Number(nextToken) : 0;
    const end = start + maxResults;
    return { clusterArns: all.slice(start, end).map(arn), ...(end < all.length ? { nextToken: String(end) } : {}) };
  });
}
const listInputs = () => ecs.commandCalls(ListClustersCommand).map((c) => c.args[0].input);

beforeEach(() => {
  ecs.reset();
  clock = fakeClock();
});

test('lists every page of 100 and gives the names, sorted', async () => {
  givenClusters(names(250).reverse());
  const found = await new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now).clusters('222222222222/eu-west-1', client);
  expect(listInputs()).toEqual([
    { maxResults: 100, nextToken: undefined },
    { maxResults: 100, nextToken: '100' },
    { maxResults: 100, nextToken: '200' },
  ]);
  expect(found).toEqual({ names: names(250), pages: 3 });
});

test('lists at most once a minute per account-region: a new cluster shows up after the minute', async () => {
  givenClusters(['a']);
  const discovery = new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now);
  await discovery.clusters('k1', client);
  givenClusters(['a', 'b']);
  for (let t = 1; t < 12; t++) {
    clock.advance(5_000);
    expect(await discovery.clusters('k1', client)).toEqual({ names: ['a'], pages: 0 });
  }
  expect(listInputs()).toHaveLength(1);
  clock.advance(5_000);
  expect(await discovery.clusters('k1', client)).toEqual({ names: ['a', 'b'], pages: 1 });
  await discovery.clusters('k2', client);
  expect(listInputs()).toHaveLength(3); // another account-region has its own list
});

test('concurrent callers share one listing', async () => {
  givenClusters(names(150));
  const discovery = new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now);
  const found = await Promise.all([discovery.clusters('k', client), discovery.clusters('k', client), discovery.clusters('k', client)]);
  expect(listInputs()).toHaveLength(2);
  expect(found.map((f) => f.names.length)).toEqual([150, 150, 150]);
  expect(found.map((f) => f.pages)).toEqual([2, 0, 0]);
});

test('a failed listing falls back to the last list, says so, and lists again at the next call', async () => {
  givenClusters(['a', 'b']);
  const discovery = new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now);
  await discovery.clusters('k', client);
  clock.advance(CLUSTER_LIST_TTL_MS);
  ecs.on(ListClustersCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
  expect(await discovery.clusters('k', client)).toEqual({
    names: ['a', 'b'],
    pages: 0,
    staleBecause: 'ListClusters failed: ThrottlingException: Rate exceeded',
  });
  givenClusters(['a', 'b', 'c']);
  expect(await discovery.clusters('k', client)).toEqual({ names: ['a', 'b', 'c'], pages: 1 });
});

test('a failed first listing fails: there is nothing to fall back to', async () => {
  ecs.on(ListClustersCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
  await expect(new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now).clusters('k', client)).rejects.toThrow('denied');
});

test('an account-region without clusters is an empty list, cached like any other', async () => {
  givenClusters([]);
  const discovery = new ClusterDiscovery(CLUSTER_LIST_TTL_MS, clock.now);
  expect(await discovery.clusters('k', client)).toEqual({ names: [], pages: 1 });
  expect(await discovery.clusters('k', client)).toEqual({ names: [], pages: 0 });
});
