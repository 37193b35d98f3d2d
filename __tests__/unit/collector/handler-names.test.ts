/**
 * The Lambda handler names the constructs configure (COLLECTOR_HANDLERS) are exports of the one
 * bundle esbuild builds (the same build function as `npm run build`), so neither topology can
 * deploy a handler the zip does not have.
 */
import { bundleCollector } from '../../../scripts/build-collector';
import { COLLECTOR_HANDLERS } from '../../../modules/contract/collector-event';

/** The bundle's exports, evaluated as CommonJS with the SDK resolved from this repository (as the runtime provides it). */
function bundleExports(): Record<string, unknown> {
  const code = Buffer.from(bundleCollector()).toString('utf8');
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

test('every handler of COLLECTOR_HANDLERS is a function exported by index.js of the bundle', () => {
  const exports = bundleExports();
  expect(Object.values(COLLECTOR_HANDLERS)).toEqual(['index.handler', 'index.hubHandler']);
  for (const name of Object.values(COLLECTOR_HANDLERS)) {
    const [file, exported] = name.split('.');
    expect(file).toBe('index');
    expect(typeof exports[exported]).toBe('function');
  }
});
