/**
 * Which build this is. A sandbox build (`wxt --mode sandbox`, and `sandbox-e2e`, `sandbox-bench`…
 * for the tests and benchmarks: any mode starting with `sandbox`, see wxt.config.ts) talks to the
 * local sandbox and is never shipped. No imports, so the content script can read it for free.
 */

/**
 * True in a sandbox build. The two literal comparisons come first so that a production or
 * development build folds it to `false` and drops the code it guards (a bundler does not evaluate
 * `startsWith`).
 */
export const IS_SANDBOX_BUILD =
  import.meta.env.MODE !== 'production' &&
  import.meta.env.MODE !== 'development' &&
  import.meta.env.MODE.startsWith('sandbox');
