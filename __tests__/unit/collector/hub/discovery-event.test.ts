/**
 * The discovery function's event: the DiscoveryInput its schedule sends, every malformed field
 * refused before any call, naming the field, the bad value and the fix.
 */
import { MalformedEventError } from '../../../../functions/collector/event';
import { parseDiscoveryEvent } from '../../../../functions/collector/hub/discovery/discovery-event';

const INPUT = {
  targetList: { bucket: 'ecs-highres-hub-targets', key: 'hub/targets.json', versionId: '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY', stack: 'hub' },
  spokeRole: { name: 'ecs-highres-spoke', path: '/', sessionName: 'ecs-highres-discovery', externalId: 'ext-123' },
  discovered: { bucket: 'ecs-highres-hub-targets', key: 'hub/discovered.json' },
};

test('a DiscoveryInput is read as it is', () => {
  expect(parseDiscoveryEvent(INPUT)).toEqual(INPUT);
});

test.each([
  ['null', null, 'Malformed event: expected the discovery input { "targetList", "spokeRole", "discovered" }, got null'],
  [
    'a tick',
    { input: INPUT, tick: { intervalSeconds: 5, offsetSeconds: 0, executionStartTime: '2026-12-02T00:00:00Z' } },
    "Malformed event: this is a tick of the state machine; the discovery runs on its own schedule, and the tick's handler is index.hubHandler",
  ],
  [
    'no discovered object',
    { ...INPUT, discovered: undefined },
    'Malformed event: discovered must be { "bucket", "key" } (where the discovery writes what it found), got undefined',
  ],
  [
    'a bad discovered bucket',
    { ...INPUT, discovered: { bucket: 'Bad_Bucket', key: 'k' } },
    'Malformed event: discovered.bucket: "Bad_Bucket" is not an S3 bucket name (3 to 63 lower-case letters, digits, dots, hyphens); the hub stack writes it: redeploy the hub stack',
  ],
  [
    'an empty discovered key',
    { ...INPUT, discovered: { bucket: 'ecs-highres-hub-targets', key: '' } },
    'Malformed event: discovered.key: "" is not an S3 object key (1 to 1,024 characters); the hub stack writes it: redeploy the hub stack',
  ],
  [
    'a target list without version',
    { ...INPUT, targetList: { bucket: 'ecs-highres-hub-targets', key: 'k' } },
    'Malformed event: targetList.versionId: undefined is not an object version ID: the bucket must have versioning on, and the schedule passes the version the hub stack wrote; the hub stack writes it: redeploy the hub stack',
  ],
  [
    'a bad spoke session name',
    { ...INPUT, spokeRole: { ...INPUT.spokeRole, sessionName: 'x' } },
    'Malformed event: spokeRole.sessionName: "x" is not a role session name: use 2 to 64 letters, digits and + = , . @ _ -',
  ],
])('%s is refused, naming the field', (_, event, message) => {
  expect(() => parseDiscoveryEvent(event)).toThrow(new MalformedEventError(message.replace('Malformed event: ', '')));
  expect(() => parseDiscoveryEvent(event)).toThrow(message);
});
