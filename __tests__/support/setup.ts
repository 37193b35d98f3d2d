// The SDK warns that its 2027 releases need Node 22; these tests run the pinned release on Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks.
if (!(Promise as { withResolvers?: unknown }).withResolvers) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

/**
 * cdktf records where each of its tokens was created, and constructs where metadata was added: a
 * complete stack trace captured on a plain object (`{ stack: '' }`), read at once, used only in the
 * message of an error about that token. Jest formats every stack read in a test through the source
 * maps of each frame's file, node_modules' inline maps included, which made these records a tenth of
 * the unit tier's time. They are formatted as V8 formats a stack, unmapped; the stack of every Error
 * (a failing test's, a thrown one's) is still formatted, and mapped, by Jest.
 */
const jestRealmError = (require('node:vm') as typeof import('node:vm')).runInThisContext('Error') as ErrorConstructor;
const unmapped = (frames: readonly NodeJS.CallSite[]) => `Error: ${frames.map((frame) => `\n    at ${frame}`).join('')}`;
Error.prepareStackTrace = (error: unknown, frames: NodeJS.CallSite[]) => {
  const isError = error instanceof Error || error instanceof jestRealmError;
  if (!isError && error !== null && typeof error === 'object' && Object.getPrototypeOf(error) === Object.prototype) return unmapped(frames);
  return jestRealmError.prepareStackTrace ? jestRealmError.prepareStackTrace(error as Error, frames) : `${error}${unmapped(frames).slice('Error: '.length)}`;
};

/**
 * The cdktf jest matchers (toHaveResourceWithProperties …), which Testing.setupJest() installs,
 * registered by name and loaded at their first use: a test file that never uses one (the collector's,
 * the scripts') does not load cdktf for them, which costs about 0.15 s a file.
 */
const CDKTF_MATCHERS = [
  'toHaveResource',
  'toHaveResourceWithProperties',
  'toHaveDataSource',
  'toHaveDataSourceWithProperties',
  'toHaveProvider',
  'toHaveProviderWithProperties',
  'toBeValidTerraform',
  'toPlanSuccessfully',
] as const;

type Matcher = (this: unknown, ...args: unknown[]) => unknown;
let cdktfMatchers: Record<string, Matcher> | undefined;

/** cdktf's own matchers, as Testing.setupJest() hands them to expect.extend. */
function loadCdktfMatchers(): Record<string, Matcher> {
  if (cdktfMatchers) return cdktfMatchers;
  const global = globalThis as unknown as { expect: unknown };
  const realExpect = global.expect;
  let captured: Record<string, Matcher> = {};
  global.expect = { extend: (matchers: Record<string, Matcher>) => (captured = matchers) };
  try {
    (require('cdktf') as typeof import('cdktf')).Testing.setupJest();
  } finally {
    global.expect = realExpect;
  }
  const names = Object.keys(captured).sort();
  if (names.join() !== [...CDKTF_MATCHERS].sort().join()) {
    throw new Error(`cdktf's Testing.setupJest() provides ${names.join(', ')}: list exactly these in CDKTF_MATCHERS (__tests__/support/setup.ts)`);
  }
  cdktfMatchers = captured;
  return captured;
}

expect.extend(
  Object.fromEntries(
    CDKTF_MATCHERS.map((name) => [
      name,
      function (this: unknown, ...args: unknown[]) {
        return loadCdktfMatchers()[name].apply(this, args);
      },
    ]),
  ) as any,
);
