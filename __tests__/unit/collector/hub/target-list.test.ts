/** The collector reads the target list it is given, or refuses it whole, naming every problem. */
import { serializeTargetList } from '../../../../modules/contract/hub-target-list';
import { MalformedTargetListError, parseTargetList } from '../../../../functions/collector/hub/target-list';

test('reads the targets the hub stack wrote', () => {
  const targets = [
    { account: '111111111111', region: 'us-east-1', clusters: ['prod'] },
    { account: '222222222222', region: 'eu-west-1', clusters: '*' as const },
  ];
  expect(parseTargetList(serializeTargetList(targets))).toEqual(targets);
});

test('a list that is not JSON is refused, saying who writes it and where it was read', () => {
  expect(() => parseTargetList('{"version":1,', { bucket: 'hub-targets', key: 'targets.json', versionId: 'v7' })).toThrow(
    /^Malformed target list s3:\/\/hub-targets\/targets.json \(version v7\): not JSON \(.+\)\. Nothing was collected; the hub stack writes this object: re-apply the hub stack$/,
  );
});

test('a list with problems is refused whole, naming each', () => {
  let error: unknown;
  try {
    parseTargetList(
      JSON.stringify({
        version: 1,
        targets: [
          { account: '1', region: 'us-east-1', clusters: ['a'] },
          { account: '222222222222', region: 'us-east-1', clusters: [] },
        ],
      }),
    );
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MalformedTargetListError);
  expect((error as MalformedTargetListError).problems).toEqual([
    'targets[0].account: "1" is not an AWS account ID: use its 12 digits, as a string',
    'targets[1].clusters: [] is not a cluster list: use a non-empty list of cluster names, or "*"',
  ]);
});
