/**
 * The PublishError message goes into the state machine's error output (and each failed tick's
 * cause into one Fail state), so like the summary line it lists a bounded number of items, of
 * bounded length, while its counts stay complete: however much was lost, the message stays short.
 */
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeClustersCommand, ECSClient } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { collect, PublishError } from '../../../functions/collector/collect';
import { parseEvent } from '../../../functions/collector/event';
import { describeLost, type Lost, MAX_ERROR_MESSAGE_CHARS } from '../../../functions/collector/report';
import { LISTED_FAILURES, summaryLine } from '../../../functions/collector/summary-line';
import { cluster, givenEcs, REGION } from '../../support/fake-aws';

const ecs = mockClient(ECSClient);
const cloudwatch = mockClient(CloudWatchClient);
const clients = { ecs: new ECSClient({ region: REGION }), cloudwatch: new CloudWatchClient({ region: REGION }) };
const names = (n: number, width = 5) => Array.from({ length: n }, (_, i) => `c${String(i).padStart(width, '0')}`);
const request = (clusters: string[]) => parseEvent({ clusters }, () => Date.parse('2026-11-26T10:00:05Z'));
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });

beforeEach(() => {
  ecs.reset();
  cloudwatch.reset();
});

test('10,000 clusters refused by PutMetricData: the message is bounded, names the first clusters and keeps every count', async () => {
  givenEcs(
    ecs,
    names(10_000).map((n) => cluster(n)),
  );
  cloudwatch.on(PutMetricDataCommand).rejects(throttled());
  const error = await collect(request(names(10_000)), clients).catch((e) => e);
  expect(error).toBeInstanceOf(PublishError);
  expect(error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS);
  expect(error.message).toBe(
    `PutMetricData failed for 40000 datums of clusters ${names(LISTED_FAILURES).join(', ')} and ${10_000 - LISTED_FAILURES} more: Throttling: Rate exceeded`,
  );
  // Nothing is lost from the error's data: only its message is bounded.
  expect(error.lostClusters).toHaveLength(10_000);
  expect(error.summary.lost).toHaveLength(10_000);
  expect(error.summary.refusedDatums).toBe(40_000);
  // The log line carries the same bounded message.
  const { line } = summaryLine({ summary: error.summary, error, durationMs: 1 });
  expect(String(line.error).length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 'PublishError: '.length);
});

test('10,000 clusters lost by DescribeClusters with a different error per chunk: bounded, with the count of the failures not listed', async () => {
  let call = 0;
  ecs.on(DescribeClustersCommand).callsFake(() => {
    call++;
    throw Object.assign(new Error(`request ${String(call).padStart(3, '0')} denied`), { name: 'AccessDeniedException' });
  });
  const error = await collect(request(names(10_000)), clients).catch((e) => e);
  expect(error).toBeInstanceOf(PublishError);
  expect(error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS);
  expect(error.message).toMatch(/^DescribeClusters failed for clusters c\d{5}(, c\d{5})* and \d+ more: AccessDeniedException: request \d{3} denied; /);
  const [, more, clustersOfMore] = /; and (\d+) more failures, of (\d+) clusters$/.exec(error.message) ?? [];
  const listedSentences = error.message.split('; ').length - 1;
  expect(Number(more) + listedSentences).toBe(100);
  expect(Number(clustersOfMore)).toBe(100 * (100 - listedSentences));
  expect(error.summary.lost).toHaveLength(10_000);
});

describe('describeLost', () => {
  const lostBy = (api: Lost['api'], clusters: string[], reason: string): Lost[] => clusters.map((cluster) => ({ api, cluster, reason }));

  test('names of 255 characters and reasons of 100,000 characters still make a bounded message with the counts', () => {
    const long = Array.from({ length: 50 }, (_, i) => String(i).padStart(255, 'x'));
    const message = describeLost(
      [
        ...lostBy('PutMetricData', long, `Throttling: ${'r'.repeat(100_000)}`),
        ...lostBy('DescribeClusters', long, `AccessDeniedException: ${'d'.repeat(100_000)}`),
      ],
      200,
    );
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS);
    expect(message).toMatch(
      /^PutMetricData failed for 200 datums of (clusters .* and \d+ more|50 clusters): Throttling: r+…; DescribeClusters failed for (clusters .* and \d+ more|50 clusters): AccessDeniedException: d+…$/,
    );
  });

  test('many different PutMetricData errors: the first few, and how many more', () => {
    const lost = names(30).flatMap((c, i) => lostBy('PutMetricData', [c], `Throttling: error ${i}`));
    const message = describeLost(lost, 120);
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS);
    expect(message).toMatch(
      /^PutMetricData failed for 120 datums of clusters c00000, .* and \d+ more: Throttling: error 0; Throttling: error 1; .* and \d+ other errors$/,
    );
  });

  test('DescribeServices and ListServices losses of many clusters are bounded too', () => {
    const lost: Lost[] = names(5_000).flatMap((cluster) => [
      { api: 'ListServices' as const, cluster, reason: 'ThrottlingException: Rate exceeded' },
      { api: 'DescribeServices' as const, cluster, services: names(10, 250), reason: 'ThrottlingException: Rate exceeded' },
    ]);
    const message = describeLost(lost, 0);
    expect(message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS);
    expect(message).toMatch(
      /^ListServices failed for (the services of cluster c00000(, .*)? and \d{4} more|the services of 5000 clusters): ThrottlingException: Rate exceeded; DescribeServices failed for (services c0+ and 9 more of cluster c00000(, .*)? and \d{4} more|50000 services of 5000 clusters): ThrottlingException: Rate exceeded$/,
    );
    // Every item is counted: listed, or among the "more".
    const listServices = message.split('; DescribeServices')[0];
    const [, more] = / and (\d{4}) more/.exec(listServices) ?? [];
    expect(listServices.match(/the services of cluster c\d{5}/g)!.length + Number(more)).toBe(5_000);
  });

  test('a small loss reads as before: every item, every reason', () => {
    expect(
      describeLost([...lostBy('PutMetricData', ['a', 'b'], 'Throttling: Rate exceeded'), ...lostBy('DescribeClusters', ['c'], 'AccessDeniedException: no')], 8),
    ).toBe('PutMetricData failed for 8 datums of clusters a, b: Throttling: Rate exceeded; DescribeClusters failed for clusters c: AccessDeniedException: no');
  });
});
