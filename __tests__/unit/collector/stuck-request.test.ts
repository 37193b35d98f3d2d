/**
 * A request that gets no answer must be abandoned and tried again within the tick. Proven
 * against a real HTTP server on localhost and the SDK's own Node HTTP handler, since a mocked
 * `send` or a scripted handler skips the socket and its timeouts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { collect, PublishError } from '../../../functions/collector/collect';
import { createClients, HTTP_TIMEOUTS, MAX_ATTEMPTS } from '../../../functions/collector/clients';
import { parseEvent } from '../../../functions/collector/event';

const TIMESTAMP = new Date('2026-11-26T10:00:05Z');
const FAKE = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' } };
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

/** GIVEN an AWS on localhost whose first `stuck` requests never get an answer; it records each request's target. */
async function givenLocalAws(stuck: number) {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    request.resume();
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      targets.push(target);
      if (targets.length <= stuck) return; // Read, never answered: the socket stays open and silent.
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
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { endpoint, targets, close };
}

const request = () => parseEvent({ clusters: ['a'], metrics: ['RunningTask'] }, () => TIMESTAMP.getTime());

let aws: Awaited<ReturnType<typeof givenLocalAws>> | undefined;
afterEach(async () => {
  await aws?.close();
  aws = undefined;
});

test(`the collector's clients abandon a try that gets no answer after ${HTTP_TIMEOUTS.requestTimeout} ms and retry it within the tick`, async () => {
  aws = await givenLocalAws(1);
  const { ecs, cloudwatch } = createClients({ ...FAKE, endpoint: aws.endpoint });
  // A deadline well before a stuck request would end by itself, as in a Lambda with a 10 s timeout.
  const summary = await collect(request(), { ecs, cloudwatch }, { deadlines: { collect: AbortSignal.timeout(2 * HTTP_TIMEOUTS.requestTimeout + 1_000) } });
  expect(aws.targets).toEqual([
    'AmazonEC2ContainerServiceV20141113.DescribeClusters',
    'AmazonEC2ContainerServiceV20141113.DescribeClusters',
    'GraniteServiceVersion20100801.PutMetricData',
  ]);
  expect(summary).toMatchObject({ clusters: 1, datums: 1, retries: 1, lost: [], calls: { DescribeClusters: 1, PutMetricData: 1 } });
});

test(`a call whose every try gets no answer is lost after ${MAX_ATTEMPTS} tries, each abandoned, and the tick fails naming the timeout`, async () => {
  aws = await givenLocalAws(Number.MAX_SAFE_INTEGER);
  // The production settings with a shorter request timeout, to keep the test short.
  const requestHandler = { ...HTTP_TIMEOUTS, requestTimeout: 300 };
  const { ecs, cloudwatch } = createClients({ ...FAKE, endpoint: aws.endpoint, requestHandler });
  const error = await collect(request(), { ecs, cloudwatch }, { deadlines: { collect: AbortSignal.timeout(10_000) } }).catch((e) => e);
  expect(error).toBeInstanceOf(PublishError);
  expect(aws.targets).toEqual(Array(MAX_ATTEMPTS).fill('AmazonEC2ContainerServiceV20141113.DescribeClusters'));
  expect(error.summary).toMatchObject({ retries: MAX_ATTEMPTS - 1, calls: { DescribeClusters: 1, PutMetricData: 0 } });
  expect(error.message).toBe(
    'DescribeClusters failed for clusters a: TimeoutError: @smithy/node-http-handler - [ERROR] a request has exceeded the configured 300 ms requestTimeout.',
  );
});
