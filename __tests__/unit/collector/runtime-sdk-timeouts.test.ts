/**
 * On Lambda the collector uses the runtime's AWS SDK, whose version AWS changes over time. Its
 * `@smithy/node-http-handler` before 4.4.0 has no `throwOnRequestTimeout`: there `requestTimeout`
 * is a socket inactivity timeout, so a silent try is abandoned, but an answer that trickles in
 * (a byte now and then, never the end of its headers) is waited on until the tick's deadline and
 * its call is lost. The bundle therefore carries its own handler (this repository's version), and
 * these tests run the bundle as shipped against a runtime SDK whose handler is 4.3.0.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { bundleCollector } from '../../../scripts/build-collector';
import { HTTP_TIMEOUTS } from '../../../functions/collector/clients';

/** The runtime's SDK, as the oldest one the collector must work with: its clients create their handler from this module. */
jest.mock('@smithy/node-http-handler', () => jest.requireActual('smithy-node-http-handler-4.3'));

const DESCRIBED = {
  clusters: [
    {
      clusterName: 'a',
      clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/a',
      status: 'ACTIVE',
      runningTasksCount: 7,
      pendingTasksCount: 0,
      activeServicesCount: 1,
      registeredContainerInstancesCount: 0,
    },
  ],
  failures: [],
};

type Stall = 'silent' | 'trickle';

/** GIVEN an AWS on localhost whose first request stalls (`silent`: never a byte; `trickle`: a header line every 500 ms, never their end). */
async function givenLocalAws(stall: Stall) {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const timers: NodeJS.Timeout[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      targets.push(target);
      if (targets.length === 1) {
        if (stall === 'trickle') {
          request.socket.write('HTTP/1.1 200 OK\r\n');
          timers.push(setInterval(() => request.socket.write('x-still-thinking: yes\r\n'), 500));
        }
        return;
      }
      const ecs = target.startsWith('AmazonEC2ContainerServiceV20141113.');
      response.writeHead(200, { 'content-type': ecs ? 'application/x-amz-json-1.1' : 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(ecs ? DESCRIBED : {}));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = async () => {
    timers.forEach(clearInterval);
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, targets, close };
}

/** The bundle's exports, loaded as Lambda loads index.js: the SDK (here with the old handler) comes from outside it. */
function loadBundle(endpoint: string): Record<string, any> {
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: endpoint, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', Buffer.from(bundleCollector()).toString('utf8'))(module, module.exports, require);
  return module.exports;
}

let aws: Awaited<ReturnType<typeof givenLocalAws>> | undefined;
const saved = { ...process.env };
afterEach(async () => {
  await aws?.close();
  aws = undefined;
  process.env = { ...saved };
});

test('the runtime SDK of this test has a handler without throwOnRequestTimeout', () => {
  const { NodeHttpHandler } = require('@smithy/node-http-handler');
  expect(String(NodeHttpHandler.prototype.handle)).not.toContain('throwOnRequestTimeout');
});

test.each<[Stall]>([['silent'], ['trickle']])(
  `a %s try is abandoned after ${HTTP_TIMEOUTS.requestTimeout} ms and retried, within a 5-second tick's Lambda timeout`,
  async (stall) => {
    aws = await givenLocalAws(stall);
    const bundle = loadBundle(aws.endpoint);
    const started = Date.now();
    // The default timeout at a 5-second interval: two intervals.
    const result = await bundle.handler({ clusters: ['a'], metrics: ['RunningTask'] }, { getRemainingTimeInMillis: () => 10_000 - (Date.now() - started) });
    expect(aws.targets).toEqual([
      'AmazonEC2ContainerServiceV20141113.DescribeClusters',
      'AmazonEC2ContainerServiceV20141113.DescribeClusters',
      'GraniteServiceVersion20100801.PutMetricData',
    ]);
    expect(result).toMatchObject({ clusters: 1, datums: 1, retries: 1, lost: [] });
    expect(Date.now() - started).toBeLessThan(HTTP_TIMEOUTS.requestTimeout + 1_500);
  },
);

test("every client of the bundle, the hub's too, uses the bundle's own handler with the collector's timeouts, not the runtime's", async () => {
  const bundle = loadBundle('http://127.0.0.1:9');
  const hub = await bundle.hubCollector();
  const spokeEcs = hub
    .stateFor({ partition: 'aws', name: 'spoke', path: '/', sessionName: 'hub' })
    .ecsClients.get({ account: '111111111111', region: 'us-east-1' });
  const clients = { ecs: bundle.clients.ecs, cloudwatch: bundle.clients.cloudwatch, s3: hub.clients.s3, sts: hub.clients.sts, spokeEcs };
  const { NodeHttpHandler: RuntimeHandler } = require('@smithy/node-http-handler');
  for (const [name, client] of Object.entries<any>(clients)) {
    const handler = client.config.requestHandler;
    expect([name, handler instanceof RuntimeHandler]).toEqual([name, false]);
    expect([name, await handler.configProvider]).toEqual([name, expect.objectContaining(HTTP_TIMEOUTS)]);
  }
});
