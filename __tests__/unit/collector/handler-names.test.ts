/**
 * The Lambda handler names the constructs configure (COLLECTOR_HANDLERS) are exports of the one
 * bundle esbuild builds (the same build function as `npm run build`), so neither topology can
 * deploy a handler the zip does not have.
 */
import { bundleCollector } from '../../../scripts/build-collector';
import { COLLECTOR_HANDLERS } from '../../../modules/contract/collector-event';

/** The bundle's exports, evaluated as CommonJS with the SDK resolved from this repository (as the runtime provides it); `required` lists what it loaded. */
function bundleExports(required: string[] = []): Record<string, any> {
  const code = Buffer.from(bundleCollector()).toString('utf8');
  const module = { exports: {} as Record<string, unknown> };
  const recordingRequire = (id: string) => {
    required.push(id);
    return require(id);
  };
  new Function('module', 'exports', 'require', code)(module, module.exports, recordingRequire);
  return module.exports;
}

test('every handler of COLLECTOR_HANDLERS is a function exported by index.js of the bundle', () => {
  const exports = bundleExports();
  expect(Object.values(COLLECTOR_HANDLERS)).toEqual(['index.handler', 'index.hubHandler', 'index.discoveryHandler']);
  for (const name of Object.values(COLLECTOR_HANDLERS)) {
    const [file, exported] = name.split('.');
    expect(file).toBe('index');
    expect(typeof exports[exported]).toBe('function');
  }
});

test('the account-region handler never loads the S3 and STS clients; the first hub invocation does', async () => {
  const required: string[] = [];
  const exports = bundleExports(required);
  const clients = () => [...new Set(required.filter((id) => id.startsWith('@aws-sdk/')))].sort();
  expect(clients()).toEqual(['@aws-sdk/client-cloudwatch', '@aws-sdk/client-ecs']);
  await exports.hubCollector();
  expect(clients()).toEqual(['@aws-sdk/client-cloudwatch', '@aws-sdk/client-ecs', '@aws-sdk/client-s3', '@aws-sdk/client-sts']);
});
